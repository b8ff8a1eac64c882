"""What every importer returns, the options of an import, and the steps all formats share."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...core.errors import InvalidInputError
from ...core.model import RemovedBlock, SourceMeta
from ...core.text import normalise_text
from .boilerplate import remove_boilerplate

MB = 2**20


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How files are read. The limits apply to each file on its own."""

    encoding: str | None = None  # force this encoding for text files (None: detect)
    keep_boilerplate: bool = False
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


def tidy(text: str) -> str:
    """Normalised text without blank lines at either end."""
    return normalise_text(text).strip("\n")


def finish(draft: Draft, name: str, keep_boilerplate: bool) -> Extracted:
    """Boilerplate out (unless kept), page offsets carried over, an empty result refused."""
    if not draft.text.strip():
        raise InvalidInputError(f"{name}: contains no text")
    meta = draft.meta
    if not meta.title.strip():
        meta = replace(meta, title=name)
    if keep_boilerplate:
        return Extracted(meta, draft.text, draft.media_type, draft.encoding, draft.page_starts, (), draft.notes)
    cleaned = remove_boilerplate(draft.text, paged=bool(draft.page_starts))
    pages = tuple(cleaned.map_offset(start) for start in draft.page_starts)
    return Extracted(meta, cleaned.text, draft.media_type, draft.encoding, pages, cleaned.removed, draft.notes)


def first_line_title(text: str, markdown: bool = False) -> str:
    first = text.lstrip().split("\n", 1)[0].strip()
    if markdown:
        first = first.lstrip("#").strip()
    return first if 0 < len(first) <= 150 else ""
