"""The formats we import: file suffix to media type and the module that reads it.

Reader modules are imported only when a file of their kind comes along, inside the
worker process, so a batch of text files never loads the HTML or PDF machinery.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import InvalidInputError
from .base import Draft, ImportOptions

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    suffixes: tuple[str, ...]
    module: str  # in this package; provides extract(data, name, options, media_type) -> Draft
    label: str = ""  # what a person calls such files (file dialogs)


FORMATS = (
    Format("text", "text/plain", (".txt", ".text"), "plain", "Plain text"),
    Format("markdown", "text/markdown", (".md", ".markdown"), "plain", "Markdown"),
    Format("html", "text/html", (".html", ".htm", ".xhtml"), "html", "Web pages"),
    Format("pdf", "application/pdf", (".pdf",), "pdf", "PDF documents"),
    Format("docx", DOCX_MEDIA_TYPE, (".docx",), "docx", "Word documents"),
)
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


def supported_suffixes() -> list[str]:
    return sorted(_BY_SUFFIX)


def format_for(path: Path) -> Format:
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        kind = f"{path.suffix} files" if path.suffix else "files without a suffix"
        raise InvalidInputError(f"{path.name}: {kind} cannot be imported (supported: {', '.join(supported_suffixes())})")
    return fmt


def reader(fmt: Format) -> Callable[[bytes, str, ImportOptions, str], Draft]:
    return importlib.import_module(f"{__package__}.{fmt.module}").extract
