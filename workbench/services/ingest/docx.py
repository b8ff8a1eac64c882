"""Word documents (DOCX): paragraphs, headings, lists and tables as text; footnotes kept.

The container is checked first (archive.py: unsafe paths, zip bombs, DTDs and
entities in any XML part), then read with python-docx, whose own XML parser does not
expand entities either. A footnote's reference stays in the text as ``[n]`` and the
notes follow the body under "Notes", so a claim can quote a footnote like any text.
"""

from __future__ import annotations

import io

from ...core.errors import InvalidInputError
from ...core.model import SourceMeta
from .archive import check_all_xml, open_zip, parse_xml, read_member
from .base import Draft, ImportOptions, first_line_title, tidy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


class _Notes:
    """Footnote ids in the order the text first refers to them (Word numbers them so)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def marker(self, note_id: str) -> str:
        number = self.numbers.setdefault(note_id, len(self.numbers) + 1)
        return f"[{number}]"


def element_text(element, notes: _Notes) -> str:
    """The visible text of a paragraph element, footnote references as ``[n]``."""
    parts = []
    for node in element.iter():
        tag = node.tag
        if tag == W + "t":
            parts.append(node.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("\u2011")
        elif tag == W + "footnoteReference":
            parts.append(notes.marker(node.get(W + "id", "")))
    return "".join(parts).strip()


def _list_prefix(paragraph, counters: dict[int, int]) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None and "List" not in style:
        counters.clear()
        return ""
    level = num_pr.ilvl.val if num_pr is not None and num_pr.ilvl is not None else 0
    indent = "  " * level
    if "Number" in style:
        counters[level] = counters.get(level, 0) + 1
        return f"{indent}{counters[level]}. "
    return f"{indent}• "


def _table_lines(table, notes: _Notes) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(element_text(p, notes) for p in cell._tc.iter(W + "p")).strip())
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def _body_blocks(document, notes: _Notes) -> list[str]:
    from docx.table import Table

    blocks: list[str] = []
    counters: dict[int, int] = {}
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            counters.clear()
            lines = _table_lines(item, notes)
            if lines:
                blocks.append("\n".join(lines))
            continue
        text = element_text(item._p, notes)
        if text:
            blocks.append(_list_prefix(item, counters) + text)
    return blocks


def _footnotes(archive, name: str, notes: _Notes) -> list[str]:
    data = read_member(archive, "word/footnotes.xml")
    if not data or not notes.numbers:
        return []
    texts = {}
    for note in parse_xml(data, name, "word/footnotes.xml").iter(W + "footnote"):
        if note.get(W + "type") in _SKIPPED_NOTE_TYPES:
            continue
        texts[note.get(W + "id")] = " ".join(
            t for t in (element_text(p, notes) for p in note.iter(W + "p")) if t)
    return [f"[{number}] {texts.get(note_id, '')}".rstrip() for note_id, number in notes.numbers.items()]


def _meta(document) -> SourceMeta:
    props = document.core_properties
    created = props.created.date().isoformat() if props.created else ""
    return SourceMeta(title=(props.title or "").strip(), author=(props.author or "").strip(),
                      published=created, language=(props.language or "").strip().lower())


def extract(data: bytes, name: str, options: ImportOptions, media_type: str) -> Draft:
    import docx

    archive = open_zip(data, name, "DOCX")
    if read_member(archive, "word/document.xml") is None:
        raise InvalidInputError(f"{name}: not a Word document (no word/document.xml inside)")
    check_all_xml(archive, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError) as exc:
        raise InvalidInputError(f"{name}: damaged Word document ({exc})") from None
    notes = _Notes()
    blocks = _body_blocks(document, notes)
    footnotes = _footnotes(archive, name, notes)
    if footnotes:
        blocks += ["Notes", *footnotes]
    text = tidy("\n\n".join(blocks))
    meta = _meta(document)
    if not meta.title:
        meta = SourceMeta(first_line_title(text), meta.author, meta.publisher, meta.published, meta.url,
                          meta.language)
    return Draft(meta, text, media_type, "")
