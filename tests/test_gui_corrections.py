"""The analyst's corrections through the real widgets: Remove as boilerplate (shortcut and context menu),
Edit source text…, undo and redo with claims that survive, and the import summary's cleaning warning."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from workbench.bench.cleaning import DEFAULT_DATA, read_labelled
from workbench.core.model import ClaimDraft
from workbench.services.annotate import add_claim_by_quote
from workbench.services.ingest import import_file
from workbench.services.project import create_project, open_project
from workbench.services.settings import Settings
from workbench.ui.corrections import EditSourceTextDialog
from workbench.ui.import_summary import ImportSummaryDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.removed_view import RemovedBlocksDialog

from .test_gui import _select

QUOTE = "several hundred accelerators"


def _body(name: str) -> str:
    return read_labelled(DEFAULT_DATA / name).text


def _project_with_claim(tmp_path):
    path = tmp_path / "ai.txt"
    path.write_text(_body("24-no-clutter.txt"), encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        source = import_file(project, path).source
        claim = add_claim_by_quote(project, source.uuid, QUOTE, ClaimDraft("upgrade size"))
    return tmp_path / "p.wbproj", source.id, claim.id


def _window(qtbot, path, source_id):
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts go to the active window
    win.open_source(source_id)
    win.reader.setFocus()
    return win


def _claim_quote_in_reader(win, claim_id):
    claim = win.project.claims.get(claim_id)
    return win.reader.toPlainText()[claim.anchor.start:claim.anchor.end], claim.anchor_status


def test_remove_as_boilerplate_by_shortcut_undo_redo_and_the_removed_dialog(qtbot, tmp_path):
    path, source_id, claim_id = _project_with_claim(tmp_path)
    win = _window(qtbot, path, source_id)
    before = win.reader.toPlainText()
    start = before.index("Brazil's national laboratory")
    end = before.index("\n\n", start) + 2
    _select(win, start, end)
    assert win.actions_by_name["remove_boilerplate"].isEnabled()
    qtbot.keyClick(win.reader, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    after = win.reader.toPlainText()
    assert after == before[:start] + before[end:] == win.project.sources.text(source_id)
    assert _claim_quote_in_reader(win, claim_id) == (QUOTE, "exact")  # the claim after it moved with the text
    assert win.undo.stack.undoText() == "Remove as boilerplate"
    assert "as boilerplate" in win.statusBar().currentMessage()
    win.actions_by_name["removed"].trigger()
    dialog = win.findChild(RemovedBlocksDialog, "removedBlocks")
    reasons = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert reasons == ["removed by the analyst"]
    dialog.close()
    win.actions_by_name["undo"].trigger()
    assert win.reader.toPlainText() == before and _claim_quote_in_reader(win, claim_id) == (QUOTE, "exact")
    assert win.project.sources.removed_blocks(source_id) == []
    win.actions_by_name["redo"].trigger()
    assert win.reader.toPlainText() == after and _claim_quote_in_reader(win, claim_id) == (QUOTE, "exact")
    assert win.project.db.integrity_problems() == []


def test_remove_over_a_claim_is_refused_with_a_message_and_changes_nothing(qtbot, tmp_path, monkeypatch):
    path, source_id, claim_id = _project_with_claim(tmp_path)
    win = _window(qtbot, path, source_id)
    shown = []
    monkeypatch.setattr(win, "show_error", lambda message: shown.append(message) or True)
    win.undo.failed.disconnect()
    win.undo.failed.connect(win.show_error)
    before = win.reader.toPlainText()
    at = before.index(QUOTE)
    _select(win, at - 4, at + 4)
    assert not win.corrections.remove_selection()
    assert shown and "overlaps 1 claim" in shown[0]
    assert win.reader.toPlainText() == before and win.undo.stack.count() == 0


def test_reader_context_menu_offers_the_corrections(qtbot, tmp_path):
    path, source_id, _ = _project_with_claim(tmp_path)
    win = _window(qtbot, path, source_id)
    _select(win, 0, 10)
    menu = win.corrections.context_menu(QPoint(20, 20))
    by_text = {a.text(): a for a in menu.actions()}
    assert menu.objectName() == "readerContextMenu"
    assert any("Copy" in text for text in by_text)  # the reader's own entries stay
    assert by_text["Remove as &boilerplate"].isEnabled() and by_text["Edit source &text…"].isEnabled()
    assert by_text["Remove as &boilerplate"].shortcut().toString() == "Ctrl+Shift+B"
    _select(win, 3, 3)  # nothing selected: nothing to remove, but the text can still be edited
    menu = win.corrections.context_menu(QPoint(20, 20))
    by_text = {a.text(): a for a in menu.actions()}
    assert not by_text["Remove as &boilerplate"].isEnabled() and by_text["Edit source &text…"].isEnabled()
    menu.deleteLater()


def test_edit_source_text_dialog_keeps_claims_and_undoes(qtbot, tmp_path):
    path, source_id, claim_id = _project_with_claim(tmp_path)
    win = _window(qtbot, path, source_id)
    before = win.reader.toPlainText()
    qtbot.keyClick(win.reader, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = win.findChild(EditSourceTextDialog, "editSourceText")
    assert dialog is not None and dialog.isVisible() and dialog.editor.toPlainText() == before
    assert "1 claim(s)" in dialog.findChild(QLabel, "editSourceTextNote").text()
    fixed = "A paragraph the extractor dropped.\n\n" + before.replace("Santos Dumont", "Santos-Dumont")
    dialog.editor.setPlainText(fixed)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert win.reader.toPlainText() == fixed == win.project.sources.text(source_id)
    assert _claim_quote_in_reader(win, claim_id) == (QUOTE, "exact")
    assert win.undo.stack.undoText() == "Edit source text"
    assert "1 claim(s) kept their place" in win.statusBar().currentMessage()
    win.actions_by_name["undo"].trigger()
    assert win.reader.toPlainText() == before and _claim_quote_in_reader(win, claim_id) == (QUOTE, "exact")
    win.actions_by_name["redo"].trigger()
    assert win.reader.toPlainText() == fixed and _claim_quote_in_reader(win, claim_id) == (QUOTE, "exact")


def test_import_summary_warns_of_held_back_cleaning_and_cleans_anyway(qtbot, tmp_path):
    create_project(tmp_path / "g.wbproj").close()
    pack = tmp_path / "pack.txt"
    pack.write_text(_body("06-compilation.txt"), encoding="utf-8")
    win = MainWindow(open_project(tmp_path / "g.wbproj"), Settings())
    qtbot.addWidget(win)
    win.show()
    win.import_paths([str(pack)])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    summary = win.findChild(ImportSummaryDialog, "importSummary")
    assert summary is not None and summary.isVisible()  # one file, but it has a warning: the summary shows
    assert "1 with a cleaning warning" in summary.headline.text()
    assert summary.warnings.isVisible() and "repeat far apart" in summary.warnings.text()
    assert summary.clean_anyway.isVisible() and summary.clean_anyway.isEnabled()
    repeated = "The BRICS grouping now has ten members"
    source_id = win.current_source_id
    assert win.reader.toPlainText().count(repeated) == 3
    summary.clean_anyway.click()
    assert win.reader.toPlainText().count(repeated) == 1
    assert not summary.warnings.isVisible() and "cleaned anyway" in summary.rows[0].details
    win.actions_by_name["undo"].trigger()
    assert win.project.sources.text(source_id).count(repeated) == 3
