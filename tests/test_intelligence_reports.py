"""Each claim's ICD 203 confidence stands beside it in every report format, read back with real readers."""

import csv
import io
import subprocess

import html5lib
import openpyxl
import pytest
from docx import Document

from tests.report_helpers import flat
from workbench.services.reports import ReportLayout, export_report

from .intel_project import build_intel_project

LAYOUT = ReportLayout(title="Planted agreements", sections=("claims", "appendix"))
HIGH_RU = "High — corroborated by 2 independent sources; source B (usually reliable); information 2 (probably true)"
LOW_HIGH = "Low — contested by another source; source C (fairly reliable); information 3 (possibly true)"
RU_QUOTE = "Расходы на оборону России в 2024 году составят 10,8 трлн рублей"


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project, claims, _ = build_intel_project(tmp_path_factory.mktemp("intel") / "planted.wbproj")
    yield project, claims
    project.close()


def test_html_puts_confidence_in_the_claims_facts(planted, tmp_path):
    project, _ = planted
    doc = html5lib.parse(export_report(project, "html", tmp_path / "r.html", layout=LAYOUT).read_bytes(),
                         treebuilder="lxml", namespaceHTMLElements=False)
    for quote, expected in ((RU_QUOTE, HIGH_RU), ("Russia's defence budget for 2024 is 11.2 trillion rubles", LOW_HIGH)):
        block = next(b for b in doc.iter("blockquote") if quote in "".join(b.itertext()))
        facts = block.getnext()
        pairs = dict(zip(("".join(dt.itertext()) for dt in facts.iter("dt")),
                         ("".join(dd.itertext()) for dd in facts.iter("dd")), strict=True))
        assert pairs["Confidence"] == expected


def test_markdown_puts_confidence_beside_the_claim(planted, tmp_path):
    project, _ = planted
    text = export_report(project, "md", tmp_path / "r.md", layout=LAYOUT).read_text("utf-8")
    at = text.index("> " + RU_QUOTE)  # the quote block (the heading above it says it too)
    facts = text[at:].split("\n\n", 2)[1]
    assert f"**Confidence:** {HIGH_RU}" in facts


def test_pdf_and_docx_print_confidence_under_the_quote(planted, tmp_path):
    project, _ = planted
    pdf = export_report(project, "pdf", tmp_path / "r.pdf", layout=LAYOUT)
    text = flat(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                               text=True).stdout)
    after = text[text.index(flat(RU_QUOTE)):]
    assert flat(HIGH_RU) in after[:600]
    docx = Document(str(export_report(project, "docx", tmp_path / "r.docx", layout=LAYOUT)))
    paragraphs = [p.text for p in docx.paragraphs] + [c.text for t in docx.tables for r in t.rows for c in r.cells]
    body = flat("\n".join(paragraphs))
    after = body[body.index(flat(RU_QUOTE)):]
    assert flat(HIGH_RU) in after[:600]


def test_csv_and_xlsx_have_confidence_columns(planted, tmp_path):
    project, _ = planted
    rows = list(csv.DictReader(io.StringIO(export_report(project, "csv", tmp_path / "r.csv", layout=LAYOUT)
                                           .read_text("utf-8-sig"))))
    ru = next(r for r in rows if r["quote"] == RU_QUOTE)
    assert (ru["confidence"], ru["corroboration"]) == ("high", "corroborated")
    assert ru["confidence_reasons"].startswith("corroborated by 2 independent sources")
    sheet = openpyxl.load_workbook(export_report(project, "xlsx", tmp_path / "r.xlsx", layout=LAYOUT))["Claims"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("Quote")] == RU_QUOTE)
    assert row[header.index("Confidence")] == "high" and row[header.index("Corroboration")] == "corroborated"
