"""Importing sources: plain text, Markdown, HTML, PDF and DOCX, each parsed in a capped worker process.

Modules: ``registry`` (formats), ``plain``/``html``/``pdf``/``docx`` (one reader per
format), ``encodings`` (guessing a text's encoding), ``boilerplate`` (teasers, repeated
blocks and site chrome kept out of the text), ``archive`` (ZIP and XML safety),
``worker`` (the sandboxed process) and ``batch`` (files, folders, progress).
"""

from .base import Extracted, ImportOptions
from .batch import ImportResult, import_file, import_files, plan_files, summarise
from .registry import FORMATS, Format, supported_suffixes
from .restore import removed_blocks, restore_removed, restore_removed_blocks

__all__ = ["FORMATS", "Extracted", "Format", "ImportOptions", "ImportResult", "import_file", "import_files",
           "plan_files", "removed_blocks", "restore_removed", "restore_removed_blocks", "summarise",
           "supported_suffixes"]
