"""The tag manager through the real window: Edit ▸ Tags… (Ctrl+Shift+G), counts, rename in the tree, move,
merge, delete said first, colour painted by the reader; each edit one step of Ctrl+Z, and every pane in
step with a fresh load after it (the stale-pane check of test_gui_live_panes)."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow
from workbench.ui.tags.manager import TagManager

from .test_gui_live_panes import check_in_step


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(open_project(build_sample(tmp_path / "sample.wbproj")), Settings())
    qtbot.addWidget(win)
    win.show()
    win.claims_pane.scope.setCurrentText("All sources")
    win.dependency_pane  # noqa: B018 - built on first use; the stale-pane check compares it too
    yield win
    win.close()


def _russia_claim(win):
    return next(c for c in win.project.claims.list() if "region/russia" in c.tags)


def _manager(win, qtbot) -> TagManager:
    manager = TagManager(win.project, win.undo.run_edit, win.undo, win)
    qtbot.addWidget(manager)
    manager.show()
    return manager


def _table_tags(win, claim_id) -> str:
    model = win.claims_pane.model
    row = model.row_of(claim_id)
    return model.index(row, 4).data()


def test_the_menu_and_ctrl_shift_g_open_the_tag_manager(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(TagManager, "exec", lambda self: opened.append(self) or 0)
    action = window.actions_by_name["tags"]
    assert action.shortcut().toString() == "Ctrl+Shift+G"
    assert action in window.menuBar().actions()[1].menu().actions()  # under Edit
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(opened) == 1 and opened[0].tree.topLevelItemCount() > 0


def test_no_two_actions_of_the_window_share_a_shortcut(window):
    from PySide6.QtGui import QAction, QKeySequence

    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            text = keys.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen or seen[text] == action.text(), f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert seen["Ctrl+Shift+G"] == "&Tags…"


def test_tree_shows_own_counts_and_subtag_totals(window, qtbot):
    manager = _manager(window, qtbot)
    region = manager.item_for("region")
    russia = manager.item_for("region/russia")
    claims = window.project.claims.list()
    in_region = {c.id for c in claims if any(t == "region" or t.startswith("region/") for t in c.tags)}
    assert russia.parent() is region
    assert russia.text(1) == str(sum("region/russia" in c.tags for c in claims))
    assert region.text(1) == str(sum("region" in c.tags for c in claims))
    assert region.text(2) == str(len(in_region))


def test_renaming_a_parent_in_the_tree_updates_table_and_editor_and_undoes(window, qtbot):
    win = window
    claim = _russia_claim(win)
    win.jump_to_claim(claim.id)
    manager = _manager(win, qtbot)
    manager.item_for("region").setText(0, "geo")  # what typing over the name in the tree does
    assert "geo/russia" in win.editor.tags.text()
    assert "geo/russia" in _table_tags(win, claim.id)
    assert manager.item_for("geo/russia") is not None
    assert win.statusBar().currentMessage().startswith("Done: Rename tag")
    check_in_step(win, qtbot, "renaming a parent tag")
    win.undo.undo_last()
    assert "region/russia" in win.editor.tags.text() and "region/russia" in _table_tags(win, claim.id)
    assert manager.item_for("region/russia") is not None  # the open dialog follows the undo
    check_in_step(win, qtbot, "undoing the rename")
    win.undo.redo_next()
    check_in_step(win, qtbot, "redoing the rename")


def test_a_refused_rename_says_why_and_changes_nothing(window, qtbot):
    manager = _manager(window, qtbot)
    manager.item_for("region/russia").setText(0, "china")
    assert "already a tag" in manager.status.text()
    assert manager.item_for("region/russia") is not None
    assert window.undo.stack.count() == 0


def test_colour_paints_the_highlights_of_its_claims(window, qtbot):
    win = window
    claim = _russia_claim(win)
    win.jump_to_claim(claim.id)
    win.select_claim(None)
    manager = _manager(win, qtbot)
    manager.select("region")
    manager.ask_colour = lambda current, title: "#d01010"
    manager.colour_current()
    span = win.reader_view.highlighter.index.spans[claim.id]
    assert span.style == "#d01010"  # a sub-tag without its own colour shows its parent's
    block = win.reader.document().findBlock(span.start)
    ranges = [r for r in block.layout().formats() if r.start <= span.start - block.position() < r.start + r.length]
    painted = ranges[0].format.background().color()
    assert painted.hslHue() == QColor("#d01010").hslHue() and painted.red() > painted.green() + 40  # its hue, at
    # the lightness of the theme's kind colours
    check_in_step(win, qtbot, "colouring a tag")
    win.undo.undo_last()
    assert win.reader_view.highlighter.index.spans[claim.id].style == claim.kind.value
    check_in_step(win, qtbot, "undoing a colour")


def test_delete_says_how_many_claims_lose_it_and_undo_brings_it_back(window, qtbot):
    win = window
    claim = _russia_claim(win)
    win.jump_to_claim(claim.id)
    manager = _manager(win, qtbot)
    manager.select("region/russia")
    asked = []
    manager.confirm = lambda title, question: asked.append(question) or True
    count = sum("region/russia" in c.tags for c in win.project.claims.list())
    manager.delete_current()
    assert f"{count} claim{'s' if count != 1 else ''} will lose it" in asked[0]
    assert "region/russia" not in win.editor.tags.text()
    assert manager.item_for("region/russia") is None
    check_in_step(win, qtbot, "deleting a tag")
    win.undo.undo_last()
    assert "region/russia" in win.editor.tags.text()
    check_in_step(win, qtbot, "undoing a delete")


def test_declining_the_delete_keeps_the_tag(window, qtbot):
    manager = _manager(window, qtbot)
    manager.select("region")
    manager.confirm = lambda title, question: False
    manager.delete_current()
    assert manager.item_for("region/russia") is not None and window.undo.stack.count() == 0


def test_move_and_merge_from_the_dialog(window, qtbot):
    win = window
    claim = _russia_claim(win)
    win.jump_to_claim(claim.id)
    manager = _manager(win, qtbot)
    manager.select("region/russia")
    offered = []
    manager.ask_choice = lambda title, label, choices: offered.append(choices) or "(top level)"
    manager.move_current()
    assert "region/russia" not in offered[0] and "(top level)" in offered[0]
    assert "russia" in win.editor.tags.text().split(", ")
    check_in_step(win, qtbot, "moving a tag")
    manager.select("russia")
    manager.ask_choice = lambda title, label, choices: "region/china"
    manager.merge_current()
    assert "region/china" in win.editor.tags.text() and manager.item_for("russia") is None
    check_in_step(win, qtbot, "merging tags")
    win.undo.undo_last()
    win.undo.undo_last()
    assert "region/russia" in win.project.claims.get(claim.id).tags
    check_in_step(win, qtbot, "undoing move and merge")


def test_new_tag_and_filter(window, qtbot):
    manager = _manager(window, qtbot)
    manager.select("region")
    manager.ask_text = lambda title, label, value: value + "india"
    manager.new_tag()
    assert manager.item_for("region/india") is not None and manager.item_for("region/india").text(1) == "0"
    manager.filter.setText("ind")
    assert not manager.item_for("region/india").isHidden() and not manager.item_for("region").isHidden()
    assert manager.item_for("compute").isHidden()


def test_a_read_only_project_shows_the_tree_but_offers_no_edits(qtbot, tmp_path):
    path = build_sample(tmp_path / "ro.wbproj")
    project = open_project(path, writable=False)
    manager = TagManager(project, lambda text, edit: edit(project))
    qtbot.addWidget(manager)
    manager.show()
    manager.select("region/russia")
    assert manager.item_for("region/russia") is not None
    assert [name for name, button in manager.buttons.items() if button.isEnabled()] == ["show_claims"]
    assert not manager.item_for("region").flags() & Qt.ItemFlag.ItemIsEditable
    project.close()


def _drop(tree, item_point):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    # Qt accepts an internal move's enter and move only from a drag started in the tree itself (a
    # synthesised event has no source): the drop is handed to the tree as Qt hands it at the end.
    mime = tree.model().mimeData([tree.currentIndex()])
    tree.dropEvent(QDropEvent(QPointF(item_point), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))


def test_dragging_a_tag_onto_another_moves_it_there_and_onto_empty_space_to_the_top(window, qtbot):
    win = window
    manager = _manager(win, qtbot)
    tree = manager.tree
    manager.select("region/russia")
    _drop(tree, tree.visualItemRect(manager.item_for("compute")).center())
    assert manager.item_for("compute/russia") is not None and manager.item_for("region/russia") is None
    assert win.statusBar().currentMessage().startswith("Done: Move tag")
    check_in_step(win, qtbot, "dragging a tag under another")
    manager.select("compute/russia")
    bottom = tree.viewport().rect().bottomLeft() + QPoint(5, -3)
    assert tree.itemAt(bottom) is None
    _drop(tree, bottom)
    assert manager.item_for("russia") is not None
    win.undo.undo_last()
    win.undo.undo_last()
    assert manager.item_for("region/russia") is not None


def test_show_its_claims_filters_the_claims_table_by_the_tag_and_its_subtags(window, qtbot, monkeypatch):
    from workbench.ui.tags.manager import open_tag_manager

    win = window
    win.claims_pane.scope.setCurrentText("This source")
    manager = open_tag_manager(win)
    qtbot.addWidget(manager)
    manager.show()
    manager.select("region")
    qtbot.mouseClick(manager.buttons["show_claims"], Qt.MouseButton.LeftButton)
    assert not manager.isVisible()
    model = win.claims_pane.model
    shown = {model.claim_id(row) for row in range(model.rowCount())}
    expected = {c.id for c in win.project.claims.list() if any(t.split("/")[0] == "region" for t in c.tags)}
    assert shown == expected and win.claims_pane.scope.currentText() == "All sources"
