"""Undo and redo from the toolbar keep the claim editor's pending edit; the reader header follows source edits."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from workbench.services import commands
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow


@pytest.fixture
def win(qtbot, tmp_path):
    window = MainWindow(open_project(build_sample(tmp_path / "sample.wbproj")), Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _toolbar_button(win, name):
    toolbar = win.findChild(QToolBar, "mainToolbar")
    return toolbar.widgetForAction(win.actions_by_name[name])


def test_toolbar_undo_with_a_pending_statement_keeps_it_for_redo(qtbot, win):
    claim_id = win.project.claims.spans(win.current_source_id)[0][0]
    win.select_claim(claim_id)
    before = win.project.claims.get(claim_id).statement
    source = win.project.sources.get(win.current_source_id)  # an earlier edit, so Undo is enabled
    renamed = dataclasses.replace(source.meta, title="Renamed")
    assert win.undo.run(commands.EditSource(source.id, (source.meta, source.reliability), (renamed, source.reliability)))
    win.activateWindow()
    win.editor.statement.setFocus()
    qtbot.waitUntil(win.editor.statement.hasFocus)
    win.editor.statement.selectAll()
    qtbot.keyClicks(win.editor.statement, "Typed but not yet saved")
    qtbot.mouseClick(_toolbar_button(win, "undo"), Qt.MouseButton.LeftButton)  # a tool button takes no focus
    # The pending edit was saved and is what Undo took back; the source edit is still there.
    assert win.project.claims.get(claim_id).statement == before
    assert win.project.sources.get(source.id).meta.title == "Renamed"
    assert win.undo.stack.undoText().startswith("Edit source")
    qtbot.mouseClick(_toolbar_button(win, "redo"), Qt.MouseButton.LeftButton)
    assert win.project.claims.get(claim_id).statement == "Typed but not yet saved"
    assert win.editor.statement.toPlainText() == "Typed but not yet saved"


def test_reader_header_shows_edited_source_details_and_their_undo(win):
    source = win.project.sources.get(win.current_source_id)
    renamed = dataclasses.replace(source.meta, title="A new title", url="https://example.org/new")
    assert win.undo.run(commands.EditSource(source.id, (source.meta, source.reliability), (renamed, source.reliability)))
    assert win.reader_view.header.text().splitlines()[0] == "A new title"
    assert win.reader_view.header.toolTip() == "https://example.org/new"
    win.actions_by_name["undo"].trigger()
    assert win.reader_view.header.text().splitlines()[0] == source.meta.title


def test_read_only_project_editor_takes_no_typing(qtbot, tmp_path):
    path = build_sample(tmp_path / "held.wbproj")
    holder = open_project(path)  # another program holds the project
    window = MainWindow(None, Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path) and not window.project.writable
    claim_id = window.project.claims.spans(window.current_source_id)[0][0]
    window.select_claim(claim_id)
    stored = window.project.claims.get(claim_id).statement
    window.activateWindow()
    window.editor.statement.setFocus()
    qtbot.waitUntil(window.editor.statement.hasFocus)
    qtbot.keyClicks(window.editor.statement, "lost?")
    assert window.editor.statement.toPlainText() == stored  # nothing typed that would then be thrown away
    assert not window.editor.kind.isEnabled() and not window.editor.link_button.isEnabled()
    window.set_project(None)
    holder.close()
    window.open_path(path)
    window.select_claim(claim_id)
    assert window.project.writable and not window.editor.statement.isReadOnly() and window.editor.kind.isEnabled()
