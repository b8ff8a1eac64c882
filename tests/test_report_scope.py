"""Report scope options select exactly their claims; hostile text stays inert; failed exports write nothing."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import html5lib
import openpyxl
import pytest

from tests.report_helpers import HOSTILE_QUOTES, hostile_project
from workbench.core.errors import WorkbenchError
from workbench.services.ingest import ImportOptions, import_files
from workbench.services.project import open_project
from workbench.services.reports import ExportCancelledError, ReportScope, build_report, export_report
from workbench.services.reports import export as export_module
from workbench.services.sample import build_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = build_sample(tmp_path_factory.mktemp("scope") / "sample.wbproj")
    project = open_project(path)
    # Spread creation and modification days so the date options have something to tell apart.
    ids = [c.id for c in project.claims.list()]
    with project.db.transaction() as conn:
        for i, claim_id in enumerate(ids):
            conn.execute("UPDATE claim SET created_at = ?, modified_at = ? WHERE id = ?",
                         (f"2025-01-{1 + i % 20:02d}T10:00:00+00:00", f"2025-02-{1 + i % 10:02d}T10:00:00+00:00",
                          claim_id))
    yield project
    project.close()


def _ids(project, scope: ReportScope) -> set[int]:
    return {entry.claim.id for entry in build_report(project, scope).claims}


def _where(project, keep) -> set[int]:
    return {claim.id for claim in project.claims.list() if keep(claim)}


def test_each_scope_option_selects_exactly_its_claims(sample):
    claims = sample.claims.list()
    source = claims[0].source_uuid
    entity = claims[0].entities[0]
    cases = [
        (ReportScope(), lambda c: True),
        (ReportScope(tags=("region",)), lambda c: any(t == "region" or t.startswith("region/") for t in c.tags)),
        (ReportScope(tags=("region/russia",)), lambda c: "region/russia" in c.tags),
        (ReportScope(sources=(source[:8],)), lambda c: c.source_uuid == source),
        (ReportScope(entities=(entity,)), lambda c: entity in c.entities),
        (ReportScope(kinds=("statistic", "forecast")), lambda c: c.kind.value in ("statistic", "forecast")),
        (ReportScope(reliability=("b",)), lambda c: c.grading.reliability == "B"),
        (ReportScope(credibility=(2, 3)), lambda c: c.grading.credibility in (2, 3)),
        (ReportScope(created_from="2025-01-05", created_to="2025-01-09"),
         lambda c: "2025-01-05" <= c.created_at[:10] <= "2025-01-09"),
        (ReportScope(modified_to="2025-02-03"), lambda c: c.modified_at[:10] <= "2025-02-03"),
        (ReportScope(claim_ids=(claims[3].uuid, claims[7].uuid[:10])), lambda c: c.id in (claims[3].id, claims[7].id)),
    ]
    for scope, keep in cases:
        wanted = _where(sample, keep)
        assert wanted, scope  # every case selects something, so "exactly" means something
        assert _ids(sample, scope) == wanted, scope


def test_scope_options_combine_with_and(sample):
    scope = ReportScope(tags=("region",), kinds=("fact", "event"), reliability=("B", "C"))
    wanted = _where(sample, lambda c: any(t.split("/")[0] == "region" for t in c.tags)
                    and c.kind.value in ("fact", "event") and c.grading.reliability in ("B", "C"))
    assert wanted and _ids(sample, scope) == wanted
    report = build_report(sample, scope)
    assert "tagged “region” (with sub-tags)" in report.scope_description
    assert "of kind fact or event" in report.scope_description
    assert [e.claim.id for e in report.claims] == [c.id for c in sample.claims.list() if c.id in wanted]  # text order


@pytest.mark.parametrize("scope, message", [
    (ReportScope(tags=("no-such-tag",)), "no tag"),
    (ReportScope(entities=("Nobody Ltd",)), "no entity"),
    (ReportScope(kinds=("rumour",)), "kind must be"),
    (ReportScope(reliability=("G",)), "reliability"),
    (ReportScope(created_from="2025-1-1"), "YYYY-MM-DD"),
])
def test_bad_scope_is_a_one_line_error(sample, scope, message):
    with pytest.raises(WorkbenchError, match=message) as caught:
        build_report(sample, scope)
    assert "\n" not in str(caught.value)


def test_cli_scope_options_reach_the_report(cli, sample, tmp_path):
    sample.db.conn.commit()
    claims = sample.claims.list()
    out = tmp_path / "r.csv"
    code, _, err = cli("export", sample.path, "--format", "csv", "-o", out, "--tag", "region", "--kind", "statistic",
                       "--claims", f"{claims[0].uuid},{claims[1].uuid[:12]}", "--kind", "event", "--group-by", "tag")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    wanted = {c.uuid for c in claims[:2] if c.kind.value in ("statistic", "event")
              and any(t.startswith("region") for t in c.tags)}
    assert {r["id"] for r in rows} == wanted


@pytest.fixture
def hostile(tmp_path):
    project = hostile_project(tmp_path)
    yield project
    project.close()


def test_hostile_text_gives_an_html_report_without_active_content(hostile, tmp_path):
    out = export_report(hostile, "html", tmp_path / "h.html")
    doc = html5lib.parse(out.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    elements = list(doc.iter())
    assert not [e for e in elements if e.tag in ("script", "img", "iframe", "object", "embed", "link", "b", "i")]
    for element in elements:
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name.lower() in ("href", "src", "action", "xlink:href", "formaction"):
                assert not re.match(r"\s*(javascript|file|data|https?):", value, re.I), value
    text = "".join(doc.getroot().itertext())
    for quote in HOSTILE_QUOTES:
        assert quote in text  # shown, as text
    assert "<script>alert" in text and "javascript:alert('url')" in text


def test_spreadsheet_cells_that_look_like_formulas_stay_text(hostile, tmp_path):
    formula_like = [q for q in HOSTILE_QUOTES if q[0] in "=+-@\t\r"]
    assert len(formula_like) == 5
    workbook = openpyxl.load_workbook(export_report(hostile, "xlsx", tmp_path / "h.xlsx"))
    sheet = workbook["Claims"]
    quote_column = [c.value for c in sheet[1]].index("Quote")
    cells = {row[quote_column].value: row[quote_column] for row in sheet.iter_rows(min_row=2)}
    for quote in formula_like:
        assert cells[quote].data_type == "s" and cells[quote].quotePrefix  # exact text, never a formula
    rows = list(csv.reader(io.StringIO(export_report(hostile, "csv", tmp_path / "h.csv").read_text("utf-8-sig"))))
    quotes = [row[5] for row in rows[1:]]
    for quote in formula_like:
        assert "'" + quote in quotes
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_markdown_keeps_hostile_urls_and_tags_as_text(hostile, tmp_path):
    md = export_report(hostile, "md", tmp_path / "h.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img|a |b |svg|javascript)", md)  # every < that could open markup is escaped
    assert "](javascript" not in md
    assert r"javascript:alert('url')" in md and r"\<script\>" in md


def test_failed_or_cancelled_export_leaves_no_file(sample, tmp_path, monkeypatch):
    target = tmp_path / "r.docx"
    steps = []
    with pytest.raises(ExportCancelledError):
        export_report(sample, "docx", target, on_progress=lambda d, t: steps.append((d, t)),
                      should_cancel=lambda: len(steps) > 3)
    assert not target.exists() and list(tmp_path.iterdir()) == []
    target.write_bytes(b"the previous report")

    def broken(report, progress):
        raise OSError("disk full")
    monkeypatch.setitem(export_module._RENDERERS, "docx", broken)
    with pytest.raises(OSError):
        export_report(sample, "docx", target)
    assert target.read_bytes() == b"the previous report" and len(list(tmp_path.iterdir())) == 1
    monkeypatch.undo()
    done = []
    export_report(sample, "md", tmp_path / "r.md", on_progress=lambda d, t: done.append((d, t)))
    assert done[-1][0] == done[-1][1] and all(a[0] <= b[0] for a, b in zip(done, done[1:], strict=False))


def _paged_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    for number in range(1, 4):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {number} opening line about compute.\n\nOn page {number} the fab output was "
                             f"{number * 10} thousand wafers a month.")
    pdf.output(str(path))


def test_claims_in_a_pdf_source_cite_their_page(tmp_path):
    from workbench.core.model import ClaimDraft
    from workbench.services.annotate import add_claim_by_quote
    from workbench.services.project import create_project

    _paged_pdf(tmp_path / "paged.pdf")
    project = create_project(tmp_path / "p.wbproj")
    [result] = import_files(project, [tmp_path / "paged.pdf"], options=ImportOptions(isolate=False))
    assert result.status == "imported", result.message
    for number in (3, 2):
        add_claim_by_quote(project, result.source.uuid, f"{number * 10} thousand wafers", ClaimDraft())
    report = build_report(project)
    assert [(e.citation.page, e.citation.paragraph) for e in report.claims] == [(2, None), (3, None)]
    html = export_report(project, "html", tmp_path / "p.html").read_text(encoding="utf-8")
    assert "p. 2, characters" in html and "p. 3, characters" in html
    project.close()
