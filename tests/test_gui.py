"""The desktop program driven through its real widgets, on real project files."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit, QTableView, QWidget

from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow
from workbench.ui.offsets import OffsetMap


@pytest.fixture
def sample_path(tmp_path):
    return build_sample(tmp_path / "sample.wbproj")


def _window(qtbot, path):
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    win.show()
    return win


def _select(win, start, end):
    """Select a code-point span in the reader the way Qt sees it (UTF-16 positions)."""
    offsets = OffsetMap(win.reader.toPlainText())
    cursor = win.reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    win.reader.setTextCursor(cursor)


def _import(qtbot, win, paths):
    win.import_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=10000)


def test_stable_object_names_and_first_source(qtbot, sample_path):
    win = _window(qtbot, sample_path)
    for name, kind in (("sourceList", QTableView), ("reader", QPlainTextEdit), ("claimsTable", QTableView),
                       ("claimEditor", QWidget), ("searchPane", QWidget), ("dependencyView", QDockWidget)):
        assert win.findChild(kind, name) is not None, name
    assert win.windowTitle().startswith("BRICS AI capacity")
    first = win.project.sources.list()[0]
    assert win.current_source_id == first.id
    assert win.reader.toPlainText() == win.project.sources.text(first.id)
    assert len(win.reader_view.highlighter.index) == first.claim_count > 0
    placeholder = QWidget()
    win.set_dependency_widget(placeholder)
    assert win.findChild(QDockWidget, "dependencyView").widget() is placeholder


def test_reader_never_renders_source_as_html(qtbot, tmp_path):
    from workbench.services.ingest import import_file
    from workbench.services.project import create_project

    (tmp_path / "page.txt").write_text('<img src="file:///etc/passwd"><b>bold?</b> &amp; plain', encoding="utf-8")
    project = create_project(tmp_path / "html.wbproj")
    import_file(project, tmp_path / "page.txt")
    project.close()
    win = _window(qtbot, tmp_path / "html.wbproj")
    assert win.reader.toPlainText() == '<img src="file:///etc/passwd"><b>bold?</b> &amp; plain'


def test_annotate_undo_filter_search_and_reopen(qtbot, sample_path, text_files):
    win = _window(qtbot, sample_path)
    _import(qtbot, win, [text_files["emoji.md"]])
    emoji = next(s for s in win.project.sources.list() if s.filename == "emoji.md")
    assert win.current_source_id == emoji.id  # the import opens what it brought in
    text = win.reader.toPlainText()
    start = text.index("Power is cheap")
    assert any(ord(ch) > 0xFFFF for ch in text[:start])  # emoji before the span: UTF-16 differs

    _select(win, start, start + len("Power is cheap"))
    assert win.reader_view.selected_span() == (start, start + len("Power is cheap"))
    qtbot.keyClick(win.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    claim = win.current_claim
    assert claim is not None and claim.anchor.quote == "Power is cheap"
    assert win.claims_pane.current_claim_id() == claim.id
    assert win.reader_view.highlighter.selected_claim == claim.id

    # edit through the editor's widgets
    win.editor.statement.setPlainText("Cheap nuclear power draws data centres")
    win.editor.tags.setText("review/energy")
    win.editor.entities.setText("Rosatom")
    win.editor.kind.setCurrentText("opinion")  # a choice commits at once, with the typed fields
    win.editor.reliability.setCurrentIndex(win.editor.reliability.findData("C"))
    edited = win.project.claims.get(claim.id)
    assert (edited.statement, edited.tags, edited.entities, edited.kind.value, edited.grading.reliability) == (
        "Cheap nuclear power draws data centres", ("review/energy",), ("Rosatom",), "opinion", "C")

    # Creating the claim and filling its fields is one step: one undo takes the claim away whole,
    # and the status line names that step; redo brings it back with every field.
    stack = win.undo.stack
    assert stack.count() == 2 and stack.undoText() == "Create claim"  # the import, then the claim
    win.actions_by_name["undo"].trigger()
    assert not win.project.claims.get_many([claim.id])
    assert win.current_claim is None and win.reader_view.highlighter.index.spans.get(claim.id) is None
    assert "Undone: Create claim" in win.statusBar().currentMessage()
    win.actions_by_name["redo"].trigger()
    redone = win.project.claims.get(claim.id)
    assert (redone.tags, redone.grading.reliability) == (("review/energy",), "C")
    assert win.editor.tags.text() == "review/energy" and win.current_claim.id == claim.id
    assert stack.canUndo() and not stack.canRedo()

    # Once the analyst has moved on, a later edit of the claim is a step of its own.
    win.undo.end_merging()
    win.editor.note.setPlainText("checked against the IAEA figures")
    win.editor.commit()
    assert stack.count() == 3 and stack.undoText().startswith("Edit claim (note)")
    win.actions_by_name["undo"].trigger()
    assert win.project.claims.get(claim.id).note == "" and win.editor.note.toPlainText() == ""
    win.actions_by_name["redo"].trigger()

    # filter the table by words and by tag, over the whole project
    win.claims_pane.scope.setCurrentText("All sources")
    qtbot.keyClicks(win.claims_pane.text_filter, "nuclear power draws da")
    qtbot.waitUntil(lambda: win.claims_pane.model.rowCount() == 1)
    assert win.claims_pane.model.claim_id(0) == claim.id
    win.claims_pane.text_filter.clear()
    win.claims_pane.tag_filter.setText("review")
    win.claims_pane.apply_filters()
    assert [win.claims_pane.model.claim_id(r) for r in range(win.claims_pane.model.rowCount())] == [claim.id]
    win.claims_pane.tag_filter.clear()

    # search the project and jump to a hit in another source
    win.focus_search()
    assert win.search_pane.every.isChecked()  # every occurrence in context is what a search lists first
    win.search_pane.query_edit.setText("昇腾")  # QTest cannot type outside Latin-1
    qtbot.keyClick(win.search_pane.query_edit, Qt.Key.Key_Return)
    kwic = win.search_pane.kwic_model
    assert kwic.rowCount() > 0 and kwic.record(0).where == "entity"  # the entity named so comes first
    in_text = next(row for row in range(kwic.rowCount()) if kwic.record(row).in_text)
    win.search_pane.kwic.selectRow(in_text)
    qtbot.keyClick(win.search_pane.query_edit, Qt.Key.Key_Return)
    hit = kwic.record(in_text)
    assert win.current_source_id == hit.source_id
    start16, end16 = win.reader.textCursor().selectionStart(), win.reader.textCursor().selectionEnd()
    offsets = OffsetMap(win.reader.toPlainText())
    assert win.reader.toPlainText()[offsets.to_code_point(start16):offsets.to_code_point(end16)] == \
        win.project.sources.text(hit.source_id)[hit.start:hit.end]

    # close and open again: the claim is there, and the last source read comes back
    last_source = win.current_source_id
    win.close()
    again = _window(qtbot, sample_path)
    reopened = again.project.claims.get(claim.id)
    assert reopened.statement == "Cheap nuclear power draws data centres" and reopened.grading.reliability == "C"
    assert again.current_source_id == last_source
    again.open_source(emoji.id)
    assert claim.id in again.reader_view.highlighter.index.spans
    again.close()


def test_delete_undo_brings_back_the_same_claim(qtbot, sample_path):
    win = _window(qtbot, sample_path)
    win.claims_view.selectRow(0)
    claim = win.current_claim
    links = win.project.claims.links(claim.id)
    win.claims_view.setFocus()
    win.actions_by_name["delete_claim"].trigger()
    assert claim.id not in win.reader_view.highlighter.index.spans
    win.actions_by_name["undo"].trigger()
    assert win.project.claims.get(claim.id) == claim
    assert win.project.claims.links(claim.id) == links
    assert claim.id in win.reader_view.highlighter.index.spans


def test_click_on_highlight_selects_claim_and_find_in_source(qtbot, sample_path):
    win = _window(qtbot, sample_path)
    win.resize(1400, 900)
    span = next(iter(win.reader_view.highlighter.index.spans.values()))
    win.reader_view.reveal_utf16(span.start, span.start)
    rect = win.reader.cursorRect(win.reader.textCursor())
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(4, 0))
    assert win.current_claim is not None and win.current_claim.id == span.claim_id
    win.actions_by_name["find"].trigger()
    assert win.reader_view.find_bar.isVisible()
    qtbot.keyClicks(win.reader_view.find_edit, "BRICS")
    assert win.reader.textCursor().selectedText() == "BRICS"


def test_import_can_be_cancelled_between_files(qtbot, sample_path, text_files):
    win = _window(qtbot, sample_path)
    before = win.project.sources.count()
    win.import_paths([str(p) for p in text_files.values()])
    win.cancel_import()
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=10000)
    imported = win.project.sources.count() - before
    assert imported < len(text_files)
    if imported:
        win.actions_by_name["undo"].trigger()
        assert win.project.sources.count() == before


def test_welcome_without_project_and_layout_memory(qtbot):
    win = MainWindow(None, Settings())
    qtbot.addWidget(win)
    assert win.central.currentWidget() is win.welcome
    assert win.windowTitle() == "Research Workbench"
    win.docks["search"].hide()
    win.close()
    again = MainWindow(None, Settings())
    qtbot.addWidget(again)
    assert again.docks["search"].isHidden()


@pytest.mark.parametrize("text", ["plain", "🚀a🚀b", "é\u0301🇷🇺x", "华为𠀀昇腾"])
def test_offset_map_round_trip(text):
    offsets = OffsetMap(text)
    for cp in range(len(text) + 1):
        unit = offsets.to_utf16(cp)
        assert unit == len(text[:cp].encode("utf-16-le")) // 2
        assert offsets.to_code_point(unit) == cp


def test_span_index_shows_overlaps_and_picks_the_innermost_claim():
    from workbench.ui.reader.spans import Span, SpanIndex

    index = SpanIndex([Span(1, 0, 10, "fact"), Span(2, 4, 6, "opinion"), Span(3, 20, 25, "event")])
    assert [(s.start, s.end, s.claim_id, s.depth) for s in index.segments] == [
        (0, 4, 1, 1), (4, 6, 2, 2), (6, 10, 1, 1), (20, 25, 3, 1)]
    assert index.claim_at(5) == 2 and index.claim_at(8) == 1 and index.claim_at(15) is None
    assert [s.claim_id for s in index.overlapping(5, 21)] == [2, 1, 3]


def test_search_pane_bolds_the_match_not_the_sources_own_asterisks():
    from workbench.core.model import SearchHit
    from workbench.ui.search_pane import snippet_html

    hit = SearchHit("source", 1, "u", 1, "u", "t", "**bold** <b> and match here", 0, 5, -1.0,
                    snippet_hit=(17, 22))
    assert snippet_html(hit) == "**bold** &lt;b&gt; and <b>match</b> here"
