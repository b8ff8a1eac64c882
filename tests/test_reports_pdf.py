"""The PDF renderer's own typesetting, read back with poppler: scripts, breaks, pages, links.

test_reports.py checks the sample project's report; these check what its text does not
hold: characters outside the Noto faces, a no-break space before a citation mark, long
paragraphs over page breaks, and that nothing in the file can run or fetch.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.report_helpers import HOSTILE_QUOTES, flat, hostile_project
from workbench.core.model import ClaimDraft, ClaimKind, Grading
from workbench.services.annotate import add_claim_by_quote
from workbench.services.ingest import ImportOptions, import_files
from workbench.services.project import create_project
from workbench.services.reports import ReportLayout, export_report

QUOTES = [
    "Выручка «Байкал Электроникс» выросла на 12 % в 2024 году",
    "华为昇腾910B的产量在2024年达到约40万片，Ascend 910B shipments rose",
    "Le déficit d’accélérateurs persiste, selon l’équipe",
    # Arabic: in no face we name, found through fontconfig. Drawn unshaped and left to right (no bidi):
    # every letter is in the text layer, but a reader gets each word's letters reversed.
    "تصدير الرقائق المتقدمة",
    "the 3A090.a threshold (TPP ≥ 4800) applies",
    "costs rose by 40\u00a0% after the rule",  # a no-break space inside the quote
]
LONG = " ".join(f"Sentence {i} of a long paragraph about accelerator imports through third countries." for i in range(120))


def _pdf_text(path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def _body_text(path, title: str) -> str:
    """The text without each page's running header (the title line) and footer, as a reader follows it."""
    lines = [line for line in _pdf_text(path, "-raw").replace("\f", "\n").splitlines()
             if line.strip() != title and not re.fullmatch(r"Page \d+ of \d+", line.strip())]
    return flat("\n".join(lines))


@pytest.fixture(scope="module")
def scripts_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-scripts")
    source_file = folder / "scripts.txt"
    source_file.write_text("\n\n".join([*QUOTES, LONG]) + "\n", encoding="utf-8")
    project = create_project(folder / "scripts.wbproj", "Scripts")
    [result] = import_files(project, [source_file], options=ImportOptions(isolate=False))
    assert result.status == "imported", result.message
    for quote in [*QUOTES, LONG]:
        draft = ClaimDraft(statement="", kind=ClaimKind.FACT, grading=Grading("B", 2))
        add_claim_by_quote(project, result.source.uuid, quote, draft)
    yield project
    project.close()


def test_every_script_and_a_paragraph_over_pages_read_back_intact(scripts_project, tmp_path):
    out = export_report(scripts_project, "pdf", tmp_path / "s.pdf", layout=ReportLayout(title="Scripts"))
    text = _body_text(out, "Scripts")
    for quote in QUOTES[:3] + QUOTES[4:] + [LONG]:
        assert flat(quote) in text, quote
    arabic = QUOTES[3].split()
    assert all(word in text or word[::-1] in text for word in arabic)  # drawn unshaped, but every letter is there
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, check=True, text=True).stdout
    assert "Arabic" in fonts or "DejaVu" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_citation_mark_stays_with_the_quote_and_pages_are_numbered(scripts_project, tmp_path):
    out = export_report(scripts_project, "pdf", tmp_path / "n.pdf", layout=ReportLayout(page_size="letter"))
    text = _pdf_text(out, "-raw")
    for number in range(1, len(QUOTES) + 2):
        assert re.search(rf"\S\s?\[{number}\]", text)  # never a mark alone at the start of a line
    pages = text.split("\f")[:-1]
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages[1:], 2):
        assert f"Page {number} of {total}" in page
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True).stdout
    assert "letter" in info.lower() and re.search(rf"^Pages:\s+{total}$", info, re.M)


def test_hostile_text_is_only_text_in_the_pdf(tmp_path):
    project = hostile_project(tmp_path)
    try:
        out = export_report(project, "pdf", tmp_path / "h.pdf")
    finally:
        project.close()
    raw = out.read_bytes()
    for marker in (b"/JavaScript", b"/JS", b"/URI", b"/Launch", b"/SubmitForm", b"/ImportData"):
        assert marker not in raw
    text = flat(_pdf_text(out))
    for quote in HOSTILE_QUOTES:
        assert flat(quote) in text
