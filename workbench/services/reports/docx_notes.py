"""Real Word footnotes for python-docx, which writes paragraphs and tables but not notes.

A footnote is a ``w:footnoteReference`` run in the text pointing at a ``w:footnote`` in
the footnotes part (word/footnotes.xml), related to the document part. Word also wants
the two separator notes (ids -1 and 0) and the Footnote Text / Footnote Reference
styles; Word and LibreOffice then number, place and renumber the notes themselves.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(qn(f"w:{tag}"), nsmap={"w": W_NS})
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = _w(tag, **attrs)
    parent.append(child)
    return child


class Footnotes:
    """Collects footnotes while the document is written; ``attach`` adds the part before saving."""

    def __init__(self, document):
        self._document = document
        self._root = _w("footnotes")
        for note_id, kind, mark in (("-1", "separator", "separator"), ("0", "continuationSeparator",
                                                                        "continuationSeparator")):
            note = _sub(self._root, "footnote", type=kind, id=note_id)
            paragraph = _sub(note, "p")
            spacing = _sub(_sub(paragraph, "pPr"), "spacing", after="0", line="240", lineRule="auto")
            del spacing  # only its attributes matter
            _sub(_sub(paragraph, "r"), mark)
        self._next_id = 1
        self._ensure_styles()

    def _ensure_styles(self) -> None:
        styles = self._document.styles
        names = {style.name for style in styles}
        if "Footnote Text" not in names:
            text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(8.5)
            text.paragraph_format.space_after = Pt(0)
        if "Footnote Reference" not in names:
            reference = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            reference.font.superscript = True

    def add(self, paragraph, text: str) -> int:
        """A footnote mark at the end of ``paragraph`` with ``text`` as the note; returns its id."""
        note_id = str(self._next_id)
        self._next_id += 1
        run = paragraph.add_run()
        run._r.get_or_add_rPr().style = "FootnoteReference"  # by id: a lookup by name scans every style
        run._r.append(_w("footnoteReference", id=note_id))
        note = _sub(self._root, "footnote", id=note_id)
        note_paragraph = _sub(note, "p")
        _sub(_sub(note_paragraph, "pPr"), "pStyle", val="FootnoteText")
        mark_run = _sub(note_paragraph, "r")
        _sub(_sub(mark_run, "rPr"), "rStyle", val="FootnoteReference")
        _sub(mark_run, "footnoteRef")
        text_run = _sub(note_paragraph, "r")
        text_element = _sub(text_run, "t")
        text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text_element.text = " " + text
        return int(note_id)

    def attach(self) -> None:
        blob = etree.tostring(self._root, xml_declaration=True, encoding="UTF-8", standalone=True)
        document_part = self._document.part
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, document_part.package)
        document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def add_toc_field(paragraph) -> None:
    """A Word TOC field over Heading 1-3; Word fills it when fields are updated (on open, see below)."""
    run = paragraph.add_run()
    begin = _w("fldChar", fldCharType="begin")
    instruction = _w("instrText")
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction.text = ' TOC \\o "1-3" \\h \\z \\u '
    separate = _w("fldChar", fldCharType="separate")
    placeholder = _w("t")
    placeholder.text = "The table of contents fills in when fields are updated (F9 in Word)."
    end = _w("fldChar", fldCharType="end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


def update_fields_on_open(document) -> None:
    """Ask Word to refresh fields (the contents) when the file is opened."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(_w("updateFields", val="true"))
