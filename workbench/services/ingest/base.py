"""What every importer returns, the options of an import, and the steps all formats share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...core.errors import InvalidInputError
from ...core.model import RemovedBlock, SourceMeta
from ...core.text import normalise_text
from .article_meta import _LABELS, HeaderMeta
from .boilerplate import judge, remove_boilerplate
from .line_rules import edge_reason, line_reason

MB = 2**20


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How files are read. The limits apply to each file on its own."""

    encoding: str | None = None  # force this encoding for text files (None: detect)
    keep_boilerplate: bool = False
    clean_anyway: bool = False  # apply cleaning even where the over-removal guard would hold it back
    timeout: float = 120.0  # seconds one file may take to parse
    memory_mb: int = 2048  # address space of the parsing process
    max_bytes: int = 100 * MB  # larger files are refused before they are read
    isolate: bool = True  # parse in a worker process (off only for benchmarks and debugging)


@dataclass(frozen=True, slots=True)
class Draft:
    """An importer's reading of a file, before boilerplate removal."""

    meta: SourceMeta
    text: str
    media_type: str
    encoding: str = ""
    page_starts: tuple[int, ...] = ()  # offsets into ``text`` where pages 1, 2, ... begin
    notes: tuple[str, ...] = field(default=())  # things the user should know ("3 pages had no text")


@dataclass(frozen=True, slots=True)
class Extracted:
    """The clean text a source will have, with what was kept out of it."""

    meta: SourceMeta
    text: str
    media_type: str
    encoding: str = ""
    page_starts: tuple[int, ...] = ()
    removed: tuple[RemovedBlock, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # what the cleaning held back or could not judge, said loudly


def tidy(text: str) -> str:
    """Normalised text without blank lines at either end."""
    return normalise_text(text).strip("\n")


def finish(draft: Draft, name: str, keep_boilerplate: bool, clean_anyway: bool = False) -> Extracted:
    """Boilerplate out (unless kept), metadata from the header, page offsets carried over, an empty result refused."""
    if not draft.text.strip():
        raise InvalidInputError(f"{name}: contains no text")
    if keep_boilerplate:
        meta = with_header_meta(draft.meta, read_header_of(draft.text), name)
        return Extracted(meta, draft.text, draft.media_type, draft.encoding, draft.page_starts, (), draft.notes)
    cleaned = remove_boilerplate(draft.text, paged=bool(draft.page_starts), force=clean_anyway)
    pages = tuple(cleaned.map_offset(start) for start in draft.page_starts)
    meta = with_header_meta(draft.meta, cleaned.header, name)
    return Extracted(meta, cleaned.text, draft.media_type, draft.encoding, pages, cleaned.removed, draft.notes,
                     cleaned.warnings)


def read_header_of(text: str) -> HeaderMeta:
    """The header's metadata of a text that is kept whole."""
    return judge(text)[1].header


# A title that is a file name: "draft_v3.docx", "Microsoft Word - notes.doc" (PDF metadata often says so).
_FILE_TITLE = re.compile(r"(\.(docx?|pdf|txt|html?|md|rtf|odt|pptx?)$|^microsoft (word|powerpoint) - )", re.IGNORECASE)


def _poor_title(title: str, name: str) -> bool:
    """A title that names nothing: empty, the file's name, a label ("Authors") or a line of chrome."""
    stripped = title.strip()
    stem = name.rsplit(".", 1)[0]
    return (not stripped or stripped in (name, stem) or bool(_LABELS.match(stripped)) or bool(_FILE_TITLE.search(stripped))
            or line_reason(stripped) is not None or edge_reason(stripped) is not None)


def with_header_meta(meta: SourceMeta, header: HeaderMeta, name: str) -> SourceMeta:
    """The reader's metadata, with what the header says filling the gaps (and replacing a poor title)."""
    title = meta.title
    if _poor_title(title, name):
        title = header.title if header.title and not _poor_title(header.title, name) else ""
    author = meta.author or "; ".join(header.authors)
    published = meta.published or header.published
    return replace(meta, title=title or name, author=author, published=published)


def first_line_title(text: str, markdown: bool = False) -> str:
    first = text.lstrip().split("\n", 1)[0].strip()
    if markdown:
        first = first.lstrip("#").strip()
    return first if 0 < len(first) <= 150 else ""
