"""Importing in the desktop program, driven through its real widgets: menus, the options step, drops,
the progress bar's Cancel, the summary, undo and redo; the removed-blocks viewer; PDF page numbers."""

import random
import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from workbench.services.project import create_project, open_project
from workbench.services.settings import Settings
from workbench.ui import import_ui
from workbench.ui.import_summary import ImportSummaryDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.removed_view import RemovedBlocksDialog

from . import ingest_inputs as inputs
from .conftest import project_snapshot


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "gui.wbproj"
    create_project(path, "GUI imports").close()
    return path


def _window(qtbot, path, settings=None):
    win = MainWindow(open_project(path), settings or Settings())
    qtbot.addWidget(win)
    win.show()
    return win


def _mixed_batch(folder):
    folder.mkdir()
    files = {
        "news.html": inputs.news_page().encode("utf-8"),
        "two-column.pdf": inputs.two_column_pdf(),
        "strategy.docx": inputs.docx_bytes(),
        "junk.txt": random.Random(3).randbytes(50_000),
        "news-again.htm": inputs.news_page().encode("utf-8"),
        "notes.xyz": b"a format nobody reads",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def _options_dialog(win) -> import_ui.ImportOptionsDialog:
    dialog = win.findChild(import_ui.ImportOptionsDialog, "importOptions")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _summary(qtbot, win) -> ImportSummaryDialog:
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    dialog = win.findChild(ImportSummaryDialog, "importSummary")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _rows_by_name(summary):
    return {row.path.rsplit("/", 1)[-1]: row for row in summary.rows}


def test_mixed_batch_through_the_file_menu_summary_undo_redo(qtbot, project_path, tmp_path, monkeypatch):
    paths = _mixed_batch(tmp_path / "batch")
    win = _window(qtbot, project_path)
    before = project_snapshot(project_path)
    offered = []

    def choose(_parent, _title, _folder, file_filter):
        offered.append(file_filter)
        return [str(p) for p in paths], ""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    win.actions_by_name["import"].trigger()
    for pattern in ("*.html", "*.htm", "*.pdf", "*.docx", "*.txt", "*.md"):
        assert pattern in offered[0].split(";;")[0]  # "All supported files" comes first
    options = _options_dialog(win)
    qtbot.mouseClick(options.import_button, Qt.MouseButton.LeftButton)
    summary = _summary(qtbot, win)

    rows = _rows_by_name(summary)
    assert {name: row.status for name, row in rows.items()} == {
        "news.html": "imported", "two-column.pdf": "imported", "strategy.docx": "imported",
        "junk.txt": "failed", "news-again.htm": "duplicate", "notes.xyz": "failed"}
    assert "binary data, not a text file" in rows["junk.txt"].details
    assert ".xyz files cannot be imported" in rows["notes.xyz"].details
    assert "same text as source" in rows["news-again.htm"].details
    assert rows["news-again.htm"].source_id == rows["news.html"].source_id
    assert summary.headline.text() == "Import finished: 3 imported, 1 duplicate, 2 failed"
    table = summary.table
    assert table.model().rowCount() == 6
    assert {table.model().index(r, 2).data() for r in range(6)} == {row.details for row in summary.rows}
    summary.show_only.setCurrentIndex(summary.show_only.findData("failed"))
    assert table.model().rowCount() == 2
    assert "Failed\t" in summary.report_text() and "binary data" in summary.report_text()

    imported = win.project.sources.list()
    assert len(imported) == 3 and win.current_source_id == rows["news.html"].source_id
    assert win.undo.stack.count() == 1 and win.undo.stack.undoText() == "Import 3 sources"
    win.actions_by_name["undo"].trigger()
    assert win.project.sources.count() == 0 and project_snapshot(project_path) == before
    assert win.reader.toPlainText() == ""
    win.actions_by_name["redo"].trigger()
    assert [s.uuid for s in win.project.sources.list()] == [s.uuid for s in imported]
    # Double-click in the summary opens the source a row names.
    summary.show_only.setCurrentIndex(0)
    pdf_row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 1).data() == "two-column.pdf")
    table.doubleClicked.emit(table.model().index(pdf_row, 1))
    assert win.current_source_id == rows["two-column.pdf"].source_id


def test_a_batch_that_only_fails_changes_nothing_and_leaves_no_undo_step(qtbot, project_path, tmp_path):
    (tmp_path / "junk.txt").write_bytes(random.Random(5).randbytes(20_000))
    empty = tmp_path / "empty"
    empty.mkdir()
    win = _window(qtbot, project_path)
    before = project_snapshot(project_path)
    win.import_paths([str(tmp_path / "junk.txt"), str(empty)])
    rows = _rows_by_name(_summary(qtbot, win))
    assert rows["junk.txt"].status == rows["empty"].status == "failed"
    assert "holds no files that can be imported" in rows["empty"].details
    assert project_snapshot(project_path) == before and win.undo.stack.count() == 0


def test_folder_import_with_forced_encoding_remembered(qtbot, project_path, tmp_path, monkeypatch):
    folder = tmp_path / "folder"
    (folder / "ru").mkdir(parents=True)
    russian = "Сбер обучил GigaChat на собственных ускорителях.\n\nОбъём рынка растёт.\n"
    (folder / "ru" / "short.txt").write_bytes(russian.encode("koi8-r"))
    (folder / "promo.txt").write_text(inputs.promo_text(), encoding="koi8-r")
    (folder / "ignored.bin").write_bytes(b"\0\1")
    settings = Settings()
    win = _window(qtbot, project_path, settings)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    win.actions_by_name["import_folder"].trigger()
    options = _options_dialog(win)
    assert options.chosen_encoding() == "" and not options.keep_boilerplate.isChecked()  # the defaults
    options.encoding.setEditText("no-such-codec")
    qtbot.mouseClick(options.import_button, Qt.MouseButton.LeftButton)
    assert options.isVisible() and "not an encoding" in options.problem.text()
    assert not win.importer.busy and win.project.sources.count() == 0
    options.encoding.setCurrentIndex(options.encoding.findData("koi8-r"))
    options.keep_boilerplate.setChecked(True)
    qtbot.keyClick(options, Qt.Key.Key_Return)  # Import is the default button
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    sources = {s.filename: s for s in win.project.sources.list()}
    assert set(sources) == {"short.txt", "promo.txt"}  # searched in subfolders; other files left alone
    assert win.project.sources.text(sources["short.txt"].id) == russian.strip("\n")
    assert sources["short.txt"].encoding.replace("_", "-") == "koi8-r"
    assert inputs.PROMO in win.project.sources.text(sources["promo.txt"].id)  # boilerplate kept
    assert win.findChild(ImportSummaryDialog, "importSummary").headline.text().startswith("Import finished: 2 imp")
    assert Settings().get(import_ui.OPTIONS_KEY) == {"encoding": "koi8-r", "keep_boilerplate": True}
    win.actions_by_name["import_folder"].trigger()
    again = [d for d in win.findChildren(import_ui.ImportOptionsDialog) if d.isVisible()][-1]
    assert again.chosen_encoding() == "koi8-r" and again.keep_boilerplate.isChecked()
    again.reject()


def test_dropping_files_on_the_window_imports_them(qtbot, project_path, tmp_path):
    page = tmp_path / "news.html"
    page.write_text(inputs.news_page(), encoding="utf-8")
    win = _window(qtbot, project_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    centre = QPointF(win.rect().center())
    enter = QDragEnterEvent(centre.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, drop)
    assert drop.isAccepted()
    qtbot.keyClick(_options_dialog(win), Qt.Key.Key_Return)  # one key: the defaults import
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    (source,) = win.project.sources.list()
    assert source.title == "Grey imports keep Russian AI labs supplied"
    assert win.current_source_id == source.id and inputs.NEWS_SENTENCES[0] in win.reader.toPlainText()
    assert win.findChild(ImportSummaryDialog) is None  # one file in cleanly: the status bar says so
    assert win.statusBar().currentMessage() == "Import finished: 1 imported, 0 duplicates, 0 failed"
    # Text (not files) dropped is refused.
    words = QMimeData()
    words.setText("just words")
    refused = QDragEnterEvent(centre.toPoint(), Qt.DropAction.CopyAction, words, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, refused)
    assert not refused.isAccepted()


def test_cancel_midway_with_the_button(qtbot, project_path, tmp_path, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(6):
        (folder / f"note-{number}.txt").write_text(f"Note {number}: the sixth plant in Gujarat {number * 7}.\n",
                                                   encoding="utf-8")
    win = _window(qtbot, project_path)
    before = project_snapshot(project_path)
    reached, clicked = threading.Event(), threading.Event()

    def hold_after_first_file(done, _total, _message):  # runs in the worker thread, between files
        if done == 1:
            reached.set()
            clicked.wait(20)

    real_start = import_ui.start_import

    def start_and_watch(*args, **kwargs):
        thread, worker = real_start(*args, **kwargs)
        worker.progress.connect(hold_after_first_file, Qt.ConnectionType.DirectConnection)
        return thread, worker
    monkeypatch.setattr(import_ui, "start_import", start_and_watch)
    assert win.import_paths([str(folder)])
    qtbot.waitUntil(reached.is_set, timeout=30000)
    assert win.importer.progress.isVisible() and win.importer.cancel_button.isVisible()
    qtbot.mouseClick(win.importer.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    summary = _summary(qtbot, win)
    statuses = [row.status for row in summary.rows]
    assert statuses == ["imported"] + ["not started"] * 5
    assert summary.headline.text() == "Import cancelled: 1 imported, 0 duplicates, 0 failed, 5 not started"
    assert all("cancelled before this file" in row.details for row in summary.rows[1:])
    assert win.project.sources.count() == 1 and not win.importer.progress.isVisible()
    win.actions_by_name["undo"].trigger()
    assert project_snapshot(project_path) == before


def _promo_window(qtbot, project_path, tmp_path):
    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    win = _window(qtbot, project_path)
    win.import_paths([str(path)])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    win.actions_by_name["removed"].trigger()
    dialog = win.findChild(RemovedBlocksDialog, "removedBlocks")
    assert dialog is not None and dialog.isVisible()
    return win, dialog


def _source_state(win):
    sources, source_id = win.project.sources, win.current_source_id
    return sources.text(source_id), sources.page_starts(source_id), sources.removed_blocks(source_id)


def test_removed_blocks_viewer_restore_undo_redo(qtbot, project_path, tmp_path):
    win, dialog = _promo_window(qtbot, project_path, tmp_path)
    before = _source_state(win)
    assert dialog.model.rowCount() == len(before[2]) == 7
    reasons = {dialog.model.index(r, 1).data() for r in range(7)}
    assert reasons == {"newsletter or subscription pitch", "teaser", "share buttons", "comment prompt", "site chrome"}
    promo_row = next(r for r in range(7) if inputs.PROMO in dialog.model.record(r).block.text)
    dialog.table.selectRow(promo_row)
    assert inputs.PROMO in dialog.detail.toPlainText()
    where = dialog.model.index(promo_row, 2).data()
    assert where == f"line {before[0].count(chr(10), 0, dialog.model.record(promo_row).block.position) + 1}"
    assert "would go back at line" in dialog.detail.toPlainText() and "after “…" in dialog.detail.toPlainText()
    block = dialog.model.record(promo_row).block
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    text = win.reader.toPlainText()  # the reader shows the text with the block back in place
    assert text[block.position:block.position + len(block.text)] == block.text
    assert text == win.project.sources.text(win.current_source_id) != before[0]
    assert dialog.model.rowCount() == 6 and dialog.problem.text() == ""
    assert win.undo.stack.undoText() == "Restore removed block"
    win.actions_by_name["undo"].trigger()
    assert _source_state(win) == before and win.reader.toPlainText() == before[0]
    assert dialog.model.rowCount() == 7
    win.actions_by_name["redo"].trigger()
    assert win.reader.toPlainText() == text and dialog.model.rowCount() == 6
    # Undo the restore, then the import: the viewer says the source has gone.
    win.actions_by_name["undo"].trigger()
    win.actions_by_name["undo"].trigger()
    assert win.project.sources.count() == 0 and dialog.model.rowCount() == 0
    assert "no longer in the project" in dialog.header.text() and not dialog.restore_button.isEnabled()


def test_restore_with_claims_moves_them_and_is_refused_clearly_inside_a_quote(qtbot, project_path, tmp_path):
    win, dialog = _promo_window(qtbot, project_path, tmp_path)
    text = win.reader.toPlainText()
    first = dialog.model.record(0).block
    win.create_claim(first.position - 10, first.position + 10)  # across the place block 1 would go back
    later = text.index(inputs.ARTICLE_PARAGRAPHS[4])
    win.create_claim(later, later + 30)
    assert win.project.claims.count() == 2
    assert "2 claim(s)" in dialog.note.text()  # said before the analyst tries
    before = _source_state(win)
    steps = win.undo.stack.count()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Cannot restore: removed block 1 would go back inside the quote of 1 claim(s)"
    assert _source_state(win) == before and win.undo.stack.count() == steps
    assert win.reader.toPlainText() == text
    dialog.table.selectRow(dialog.model.rowCount() - 1)  # the copyright line, after every claim
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "" and win.undo.stack.count() == steps + 1
    dialog.table.selectRow(1)  # the teaser, before the second claim: it moves
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    moved = [c for c in win.project.claims.list() if c.anchor.quote == text[later:later + 30]][0]
    assert win.reader.toPlainText()[moved.anchor.start:moved.anchor.end] == text[later:later + 30]
    assert moved.anchor.start > later and win.project.db.integrity_problems() == []


def test_show_place_in_reader(qtbot, project_path, tmp_path):
    win, dialog = _promo_window(qtbot, project_path, tmp_path)
    last = 1  # the teaser, mid-text
    dialog.table.selectRow(last)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    position = dialog.model.record(last).block.position
    assert win.reader_view.selected_span()[0] == position  # the line the block would go before is selected
    text = win.reader.toPlainText()
    assert win.reader.textCursor().selectedText() == text[position:].split("\n", 1)[0]


def test_pdf_source_shows_its_pages_in_the_reader(qtbot, project_path, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(inputs.two_column_pdf(pages=40))
    win = _window(qtbot, project_path)
    win.import_paths([str(pdf)])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    pages = win.project.sources.page_starts(win.current_source_id)
    text = win.reader.toPlainText()
    assert len(pages) == 40 and pages[0] == 0
    assert win.reader.page_breaks == [win.reader_view.offsets.to_utf16(start) for start in pages[1:]]
    label = win.reader_view.position_label
    first_view = label.text()
    assert first_view.startswith("pages 1–") and " of 40 · cursor on page 1" in first_view
    second = text.index(inputs.PDF_PAGE2[0][:30])
    assert win.reader_view.page_at(second) == 2 and pages[1] <= second < pages[2]
    win.reader_view.select_span(second, second + 10)
    assert "selection on page 2" in label.text()
    last = text.index("Page 40 holds")
    assert win.reader_view.page_at(last) == 40 and win.reader_view.page_at(pages[39] - 1) == 39
    win.reader_view.reveal(last)
    assert label.text().endswith("of 40 · cursor on page 40 · 0 claims highlighted")
    assert "–40 of 40" in label.text() or label.text().startswith("page 40 of 40")
    assert win.reader.gutter.isVisible() and win.reader.gutter.width() > 0
    win.reader.grab()  # paints the page rules and the gutter (an error there would fail the test)


def test_import_options_dialog_is_refused_without_a_writable_project(qtbot, project_path):
    project = open_project(project_path, writable=False)
    win = MainWindow(project, Settings())
    qtbot.addWidget(win)
    assert not win.actions_by_name["import"].isEnabled() and not win.actions_by_name["import_folder"].isEnabled()
    assert win.importer.ask_options(["x.txt"]) is None and not win.import_paths(["x.txt"])
    assert not [d for d in win.findChildren(QDialog) if d.isVisible()]
