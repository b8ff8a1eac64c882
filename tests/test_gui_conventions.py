"""Everyday desktop conventions (issue 14, item 6): layouts with a version and a reset, Ctrl+1…6 to
the panes, Tab out of tables, right-click menus, a graph legend that follows the theme."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea

from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow
from workbench.ui.window_layout import LAYOUT_VERSION


def _window(qtbot, path, settings=None):
    win = MainWindow(open_project(path), settings or Settings())
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_a_layout_of_another_version_is_dropped_for_the_default_and_reset_brings_it_back(qtbot, tmp_path):
    path = build_sample(tmp_path / "sample.wbproj")
    settings = Settings()
    win = _window(qtbot, path, settings)
    win.docks["sources"].setFloating(True)
    win.docks["editor"].hide()
    old_version = win.saveState(LAYOUT_VERSION - 1)  # what an earlier release saved
    win.close()  # saves this version's layout: replaced below by the earlier release's
    settings.values["window_state"] = bytes(old_version.toBase64()).decode()
    settings.save()
    again = _window(qtbot, path, Settings())
    assert not again.docks["sources"].isFloating() and again.docks["editor"].isVisible()
    assert "default layout" in again.statusBar().currentMessage()
    again.docks["claims"].setFloating(True)
    again.docks["search"].hide()
    next(a for a in again.findChildren(type(again.actions_by_name["undo"])) if a.objectName() == "resetLayout").trigger()
    assert all(not dock.isFloating() and not dock.isHidden() for dock in again.docks.values())


def test_ctrl_digits_go_to_the_panes_and_tab_leaves_a_table(qtbot, tmp_path):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    for keys, widget in ((Qt.Key.Key_1, win.sources_view), (Qt.Key.Key_2, win.reader), (Qt.Key.Key_3, win.claims_view),
                         (Qt.Key.Key_4, win.editor.statement), (Qt.Key.Key_5, win.search_pane.query_edit)):
        qtbot.keyClick(QApplication.focusWidget() or win, keys, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is widget, keys
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is win.dependency_pane.graph_view
    win.sources_view.setFocus()
    qtbot.keyClick(win.sources_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not win.sources_view  # not the next cell: the next control
    assert not win.sources_view.tabKeyNavigation() and not win.claims_view.tabKeyNavigation()


def test_right_click_on_a_highlight_offers_the_claim_and_copies_its_quote_with_citation(qtbot, tmp_path):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    claim = win.project.claims.list(source_id=win.current_source_id)[0]
    win.reader_view.reveal(claim.anchor.start, claim.anchor.end)
    cursor = win.reader.textCursor()
    cursor.setPosition(win.reader_view.offsets.to_utf16(claim.anchor.start) + 1)
    point = win.reader.cursorRect(cursor).center()
    win.reader.customContextMenuRequested.emit(point)
    menu = win.last_context_menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:5] == ["Open claim", "Copy quote with citation", "Add tag…", "Link to another claim…",
                         "Delete claim"]
    next(a for a in menu.actions() if a.text() == "Copy quote with citation").trigger()
    copied = QGuiApplication.clipboard().text()
    source = win.project.sources.get(claim.source_id)
    assert copied.startswith(f"“{claim.anchor.quote}” — {source.meta.title}")
    assert f"characters {claim.anchor.start}–{claim.anchor.end}" in copied and "para. " in copied
    menu.close()


def test_right_click_in_the_claims_table_deletes_undoably(qtbot, tmp_path):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    table = win.claims_view
    claim_id = win.claims_pane.model.claim_id(0)
    table.customContextMenuRequested.emit(table.visualRect(win.claims_pane.model.index(0, 0)).center())
    next(a for a in win.last_context_menu.actions() if a.text() == "Delete claim").trigger()
    assert not win.project.claims.get_many([claim_id])
    win.actions_by_name["undo"].trigger()
    assert win.project.claims.get_many([claim_id])


def test_the_graph_has_a_legend_and_the_claim_editor_scrolls_on_a_small_screen(qtbot, tmp_path):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    win.resize(1024, 700)
    labels = win.dependency_pane.graph_view.legend_labels()
    assert {"company", "chip", "country", "supplies", "depends on", "hit by a measure in effect"} <= set(labels)
    win.dependency_pane.legend_toggle.setChecked(False)
    assert not win.dependency_pane.graph_view.legend.isVisible()
    assert isinstance(win.docks["editor"].widget(), QScrollArea)
    assert win.docks["editor"].widget().widget() is win.editor
