"""Reports from the sample project in every format, each read back by an independent reader.

Every quote must be there exactly, and its citation must name the right source and the
right paragraph (recounted here from the source text) or page.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import html5lib
import openpyxl
import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from lxml import etree

from tests.report_helpers import flat, paragraph_of
from workbench.services.project import open_project
from workbench.services.reports import ReportLayout, ReportScope, build_report, export_report
from workbench.services.sample import build_sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LAYOUT = ReportLayout(title="Russia and BRICS: AI compute under export controls", author="A. Analyst",
                      handling="Internal — not for distribution", summary="First point.\n\nSecond point.")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = build_sample(tmp_path_factory.mktemp("reports") / "sample.wbproj")
    project = open_project(path, writable=False)
    yield project
    project.close()


@pytest.fixture(scope="module")
def expected(sample):
    """Each claim's quote, source title and paragraph, straight from the project."""
    texts = {s.id: sample.sources.text(s.id) for s in sample.sources.list()}
    rows = []
    for claim in sample.claims.list():
        rows.append((claim.anchor.quote, claim.source_title, paragraph_of(texts[claim.source_id], claim.anchor.start),
                     claim.anchor.start, claim.anchor.end))
    assert len(rows) >= 30 and any(re.search("[\u4e00-\u9fff]", q) for q, *_ in rows)
    assert any(re.search("[а-яё]", q) for q, *_ in rows)
    return rows


def _note_text(title: str, paragraph: int, start: int, end: int) -> str:
    return f"{title}, para. {paragraph}, characters {start}–{end}"


def test_html_report_holds_every_quote_with_its_citation(sample, expected, tmp_path):
    out = export_report(sample, "html", tmp_path / "r.html", layout=LAYOUT)
    doc = html5lib.parse(out.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    notes = {li.get("id"): "".join(li.itertext()) for li in doc.iter("li") if (li.get("id") or "").startswith("note-")}
    quotes = []
    for block in doc.iter("blockquote"):
        [quote] = [span for span in block.iter("span") if span.get("class") == "quote"]
        [cite] = [a for a in block.iter("a") if a.get("class") == "cite"]
        quotes.append((quote.text, notes[cite.get("href")[1:]]))
    assert len(quotes) == len(expected)
    for (quote, title, paragraph, start, end), (shown, note) in zip(expected, quotes, strict=True):
        assert shown == quote
        assert _note_text(title, paragraph, start, end) in note
    text = "".join(doc.getroot().itertext())
    assert LAYOUT.handling in text and "First point." in text and "Contents" in text
    assert doc.find(".//svg") is not None or b"<svg" in out.read_bytes()  # the graph, inline
    raw = out.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", raw)  # nothing outside the file
    assert "<link" not in raw


def test_pdf_report_text_extracts_every_quote(sample, expected, tmp_path):
    out = export_report(sample, "pdf", tmp_path / "r.pdf", layout=LAYOUT)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True,
                          text=True).stdout
    flat_text = flat(text)
    for quote, title, paragraph, start, end in expected:
        assert flat(quote) in flat_text, quote
        assert flat(_note_text(title, paragraph, start, end)) in flat_text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, check=True, text=True).stdout
    assert "CJK" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True).stdout
    assert "A4" in info
    assert "Page 2 of" in text and LAYOUT.handling.upper() not in text.split("Page 2 of")[0][:0]
    second_page = text.split("\f")[1]
    assert LAYOUT.title in second_page and LAYOUT.handling in second_page  # the running header


def test_docx_report_has_headings_quotes_and_real_footnotes(sample, expected, tmp_path):
    out = export_report(sample, "docx", tmp_path / "r.docx", layout=LAYOUT)
    document = Document(str(out))
    styles = [p.style.name for p in document.paragraphs]
    assert {"Title", "Heading 1", "Heading 2", "Heading 3"} <= set(styles)
    footnotes_part = document.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES)
    notes_xml = etree.fromstring(footnotes_part.blob)
    notes = {n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip() for n in notes_xml.iter(f"{W}footnote")}
    quoted = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Quote":
            [ref] = paragraph._p.iter(f"{W}footnoteReference")
            quoted.append((paragraph.text, notes[ref.get(f"{W}id")]))
    assert len(quoted) == len(expected)
    for (quote, title, paragraph, start, end), (shown, note) in zip(expected, quoted, strict=True):
        assert shown == quote
        assert note == _note_text(title, paragraph, start, end)
    with zipfile.ZipFile(out) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())  # the graph picture
        assert "TOC \\o" in archive.read("word/document.xml").decode()
    assert any(len(t.rows) > 1 for t in document.tables)


def test_xlsx_report_has_every_field_and_real_dates(sample, expected, tmp_path):
    out = export_report(sample, "xlsx", tmp_path / "r.xlsx", layout=LAYOUT)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Claims", "Sources", "Entities", "Relations", "Measures"]
    sheet = workbook["Claims"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert len(rows) == len(expected)
    for (quote, title, paragraph, start, end), row in zip(expected, rows, strict=True):
        assert (row["Quote"], row["Source"], row["Paragraph"], row["Start"], row["End"]) == (
            quote, title, paragraph, start, end)
        assert row["Citation"] == _note_text(title, paragraph, start, end)
        assert row["Created"].year >= 2024  # a datetime, not text
    levels = [h for h in header if h.startswith("Tag level")]
    assert levels == ["Tag level 1", "Tag level 2"]
    tagged = next(r for r in rows if r["Tags"] and "/" in r["Tags"])
    first_tag = tagged["Tags"].split("; ")[0].split("/")
    assert tagged["Tag level 1"].split("; ")[0] == first_tag[0] and tagged["Tag level 2"].split("; ")[0] == first_tag[1]
    assert workbook["Measures"].max_row > 1 and workbook["Sources"]["A2"].value == 1


def test_markdown_and_csv_carry_the_same_citations(sample, expected, tmp_path):
    md = export_report(sample, "md", tmp_path / "r.md", layout=LAYOUT).read_text(encoding="utf-8")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.M))
    for number, (_quote, title, paragraph, start, end) in enumerate(expected, 1):
        assert notes[str(number)].endswith(_note_text(title, paragraph, start, end))
    csv_text = export_report(sample, "csv", tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    import csv
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["quote"] for r in rows] == [q for q, *_ in expected]
    assert [r["paragraph"] for r in rows] == [str(p) for _, _, p, *_ in expected]


def test_group_by_tag_and_entity_keep_citation_numbers(sample):
    by_source = build_report(sample)
    numbers = {e.claim.id: e.number for e in by_source.claims}
    for group_by in ("tag", "entity"):
        report = build_report(sample, layout=ReportLayout(group_by=group_by))
        assert {e.claim.id: e.number for e in report.claims} == numbers
        shown = {e.claim.id for g in report.groups for e in g.entries}
        assert shown == set(numbers)
        for group in report.groups:
            for entry in group.entries:
                names = entry.claim.tags if group_by == "tag" else entry.claim.entities
                assert group.heading.replace(" › ", "/") in names or not names


def test_letter_pages_and_sections_left_out(sample, tmp_path):
    layout = ReportLayout(page_size="letter", sections=("claims",))
    scope = ReportScope(kinds=("statistic",))
    out = export_report(sample, "pdf", tmp_path / "s.pdf", scope, layout)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True).stdout
    assert "letter" in info.lower()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True, text=True).stdout
    assert "Appendix: sources" not in text and "Dependency graph" not in text
