"""The plain main window over a real project, driven through its widgets."""

import json

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTableView

from workbench.services.project import open_project
from workbench.ui.main_window import MainWindow
from workbench.ui.offsets import OffsetMap


@pytest.fixture
def window(qtbot, project_path, cli):
    sources = {s["filename"]: s for s in json.loads(cli("sources", project_path, "--json")[1])}
    emoji = sources["emoji.md"]
    assert cli("claim", "add", project_path, "--source", emoji["id"], "--quote", "Power is cheap")[0] == 0
    win = MainWindow(open_project(project_path))
    qtbot.addWidget(win)
    win.show()
    win.sources_by_name = sources
    return win


def _select_source(win, filename):
    model = win.source_model
    row = next(r for r in range(model.rowCount()) if model.record(r).filename == filename)
    win.sources_view.selectRow(row)
    return model.record(row)


def test_window_shows_project_sources_and_text(window):
    assert window.windowTitle().startswith("Demo")
    assert window.findChild(QTableView, "sourceList").model().rowCount() == 5
    source = _select_source(window, "chinese.txt")
    reader = window.findChild(QPlainTextEdit, "reader")
    assert reader.toPlainText() == window.project.sources.text(source.id)


def test_claim_selection_scrolls_reader_to_span_after_emoji(window):
    source = _select_source(window, "emoji.md")
    claims = window.findChild(QTableView, "claimsTable")
    assert claims.model().rowCount() == 1
    claims.selectRow(0)
    text = window.project.sources.text(source.id)
    claim = claims.model().record(0)
    cursor = window.reader.textCursor()
    assert cursor.position() == OffsetMap(text).to_utf16(claim.anchor.start)
    assert cursor.position() > claim.anchor.start  # the emoji count twice in UTF-16
    highlights = window.reader.extraSelections()
    assert len(highlights) == 1 and highlights[0].cursor.selectedText() == "Power is cheap"


def test_reader_selection_maps_back_to_code_points(window):
    source = _select_source(window, "emoji.md")
    text = window.project.sources.text(source.id)
    start = text.index("teams buy")
    offsets = OffsetMap(text)
    cursor = window.reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(start + len("teams buy")), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    span = window.selected_text_span()
    assert text[span[0]:span[1]] == "teams buy"


def test_welcome_without_project(qtbot):
    win = MainWindow(None)
    qtbot.addWidget(win)
    assert win.centralWidget() is win.welcome
    assert win.windowTitle() == "Research Workbench"


@pytest.mark.parametrize("text", ["plain", "🚀a🚀b", "é\u0301🇷🇺x", "华为𠀀昇腾"])
def test_offset_map_round_trip(text):
    offsets = OffsetMap(text)
    for cp in range(len(text) + 1):
        unit = offsets.to_utf16(cp)
        assert unit == len(text[:cp].encode("utf-16-le")) // 2
        assert offsets.to_code_point(unit) == cp
