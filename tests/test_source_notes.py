"""A source's own footnote markers ("Network."1, "by 20303"): raised in the reader with the note as a
tooltip, listed in Source details and by `show --footnotes --json`, and cited beside the quote in
every report format, while the stored text (and every offset into it) stays as it was."""

import json
import subprocess
import zipfile

import pytest
from docx import Document
from PySide6.QtGui import QTextCharFormat

from workbench.core.model import ClaimDraft
from workbench.services.annotate import add_claim_by_quote
from workbench.services.ingest import import_file
from workbench.services.ingest.footnotes import footnote_refs
from workbench.services.project import create_project, open_project
from workbench.services.reports import export_report
from workbench.services.settings import Settings
from workbench.ui.dialogs import SourceDialog
from workbench.ui.main_window import MainWindow

TEXT = ("BRICS partners agreed to pool compute under the \"AI Alliance Network.\"1 The members pledged "
        "capacity by 20303 and said shared clusters were cheaper2 than national ones.\n\n"
        "Sberbank said it would host the first cluster.\n\n"
        "Notes\n1. Kazan declaration, 23 October 2024.\n2. Ministry data, 2025.\n3. Strategy for AI to 2030.")
QUOTE_WITH_MARKER = "The members pledged capacity by 20303"  # the marker "3" is inside the quote
QUOTE_BEFORE_MARKER = "BRICS partners agreed to pool compute under the \"AI Alliance Network.\""  # "1" follows
QUOTE_WITHOUT = "Sberbank said it would host the first cluster."


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        source = import_file(project, path).source
        for quote in (QUOTE_BEFORE_MARKER, QUOTE_WITH_MARKER, QUOTE_WITHOUT):
            add_claim_by_quote(project, source.uuid, quote, ClaimDraft())
        assert project.sources.text(source.id) == TEXT  # nothing of the notes was cleaned away
    return tmp_path / "p.wbproj"


def _source_id(path) -> int:
    with open_project(path, writable=False) as project:
        return project.sources.list()[0].id


def test_reader_raises_each_marker_and_shows_its_note_on_hover(qtbot, project_path):
    win = MainWindow(open_project(project_path), Settings())
    qtbot.addWidget(win)
    win.show()
    win.open_source(_source_id(project_path))
    reader = win.reader_view
    refs = footnote_refs(TEXT)
    assert reader.note_marks() == [(r.start, r.end) for r in refs]
    assert reader.text_view.toPlainText() == TEXT  # raised, not rewritten
    document = reader.text_view.document()
    raised = QTextCharFormat.VerticalAlignment.AlignSuperScript

    def format_at(offset: int):
        block = document.findBlock(offset)
        at = offset - block.position()
        return [QTextCharFormat(r.format) for r in block.layout().formats() if r.start <= at < r.start + r.length]

    qtbot.waitUntil(lambda: bool(format_at(refs[0].start)))  # the highlighter paints on the next turn
    for ref in refs:
        assert format_at(ref.start)[-1].verticalAlignment() == raised
        assert reader.note_at(ref.start) == f"Note {ref.number} of the source: {ref.note}"
    assert format_at(refs[0].start - 1)[-1].verticalAlignment() != raised  # the claim's quote before it
    plain = TEXT.index("Sberbank")
    assert all(f.verticalAlignment() != raised for f in format_at(plain))
    assert reader.note_at(plain) is None
    dialog = SourceDialog(win.project.sources.get(win.current_source_id), win, refs)
    assert dialog.footnotes.text() == "3 markers in the text, pointing to notes 1, 2, 3"


def test_a_source_without_notes_shows_no_markers(qtbot, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Chips were cheaper2 than before.\n", encoding="utf-8")  # no list of notes: no marker
    with create_project(tmp_path / "p.wbproj") as project:
        source_id = import_file(project, path).source.id
    win = MainWindow(open_project(tmp_path / "p.wbproj"), Settings())
    qtbot.addWidget(win)
    win.open_source(source_id)
    assert win.reader_view.note_marks() == []
    assert SourceDialog(win.project.sources.get(source_id), win, []).footnotes.text() == "none found"


def test_show_footnotes_json(cli, project_path):
    with open_project(project_path, writable=False) as project:
        uuid = project.sources.list()[0].uuid
    code, out, err = cli("show", project_path, uuid[:8], "--footnotes", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["number"], r["marker"], TEXT[r["start"]:r["end"]]) for r in rows] == [(1, "1", "1"), (3, "3", "3"),
                                                                                    (2, "2", "2")]
    assert rows[0]["note"] == "Kazan declaration, 23 October 2024."


def test_every_report_format_cites_the_notes_a_quote_points_to(project_path, tmp_path):
    with open_project(project_path, writable=False) as project:
        html = export_report(project, "html", tmp_path / "r.html").read_text(encoding="utf-8")
        markdown = export_report(project, "md", tmp_path / "r.md").read_text(encoding="utf-8")
        docx_path = export_report(project, "docx", tmp_path / "r.docx")
        pdf_path = export_report(project, "pdf", tmp_path / "r.pdf")
    # HTML: the marker inside a quote is raised; both quotes' notes are cited; the plain claim cites none.
    assert "capacity by 2030<sup class=\"source-note\">3</sup>" in html
    assert html.count("Source's note 1</dt><dd class=\"note\">Kazan declaration, 23 October 2024.") == 1
    assert html.count("Source's note 3</dt><dd class=\"note\">Strategy for AI to 2030.") == 1
    assert "Source's note 2" not in html  # "cheaper2" is in no quote
    assert markdown.count("*Source's note 1:* Kazan declaration, 23 October 2024.") == 1
    assert markdown.count("*Source's note 3:* Strategy for AI to 2030.") == 1
    document = Document(str(docx_path))
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert [p.text for p in quotes] == [QUOTE_BEFORE_MARKER, QUOTE_WITH_MARKER, QUOTE_WITHOUT]
    # Word's own footnote reference (the citation) is raised right after the quote, so the source's marker
    # stays on the line there: "20303" then the citation, not two raised numbers run together.
    assert not any(r.font.superscript for r in quotes[1].runs if r.text)
    with zipfile.ZipFile(docx_path) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Strategy for AI to 2030." in body and "Kazan declaration, 23 October 2024." in body
    pdf_text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                              check=True).stdout
    assert "Strategy for AI to 2030." in pdf_text and "Kazan declaration, 23 October 2024." in pdf_text
