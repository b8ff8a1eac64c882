"""The desktop defects seen by a new user (issue 14), each through the real widgets."""

from PySide6.QtCore import Qt

from workbench.core.model import SourceMeta
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow


def _window(qtbot, path, writable=True):
    win = MainWindow(open_project(path, writable=writable), Settings())
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_a_new_empty_project_shows_nothing_of_the_previous_one_and_ctrl_e_says_why(qtbot, tmp_path):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    assert win.reader.toPlainText() and len(win.reader_view.highlighter.index) > 0
    win.set_project(create_project(tmp_path / "empty.wbproj"))
    assert win.reader.toPlainText() == ""
    assert len(win.reader_view.highlighter.index) == 0
    assert win.reader_view.position_label.text() == "0 claims highlighted"
    assert win.reader_view.header.text() == ""
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "no source open" in win.statusBar().currentMessage()


def test_the_editor_follows_a_switch_of_source_and_a_search_hit(qtbot, tmp_path):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    sources = [s for s in win.project.sources.list() if s.claim_count]
    win.open_source(sources[0].id)
    claim = win.project.claims.list(source_id=sources[0].id)[0]
    win.select_claim(claim.id)
    assert win.editor.statement.toPlainText() == claim.statement
    win.library.select_source(sources[1].id)  # a click in the library
    assert win.current_source_id == sources[1].id
    assert win.current_claim is None and win.editor.statement.toPlainText() == ""
    win.select_claim(claim.id)
    win.open_at(sources[1].id, 0, 4)  # a search hit elsewhere: the claim was of the source left behind
    assert win.current_source_id == sources[1].id and win.current_claim is None


def test_a_source_is_read_once_per_open(qtbot, tmp_path, monkeypatch):
    win = _window(qtbot, build_sample(tmp_path / "sample.wbproj"))
    reads = []
    real_text = win.project.sources.text
    monkeypatch.setattr(win.project.sources, "text", lambda source_id: reads.append(source_id) or real_text(source_id))
    other = next(s.id for s in win.project.sources.list() if s.id != win.current_source_id)
    win.open_source(other)
    assert reads == [other]
    reads.clear()
    win.library.select_source(next(s.id for s in win.project.sources.list() if s.id != other))
    assert len(reads) == 1


def test_open_recent_on_the_open_project_brings_it_forward_writable(qtbot, tmp_path):
    path = build_sample(tmp_path / "sample.wbproj")
    win = _window(qtbot, path)
    project = win.project
    assert win.open_path(str(path))
    assert win.project is project and win.project.writable
    assert "(read-only)" not in win.windowTitle() and not win.read_only_banner.isVisible()
    assert "already open" in win.statusBar().currentMessage()


def test_a_read_only_project_keeps_a_banner_saying_why_and_how(qtbot, tmp_path):
    path = build_sample(tmp_path / "sample.wbproj")
    holder = open_project(path)  # another program has it for editing
    try:
        win = _window(qtbot, path, writable=False)
        assert win.read_only_banner.isVisible()
        text = win.read_only_banner.text()
        assert "Read-only" in text and "another program" in text and "Open recent" in text
        win.statusBar().showMessage("something else", 1)
        qtbot.wait(20)
        assert win.read_only_banner.isVisible()  # it lasts, unlike a status message
        source = win.current_source_id
        win.reader_view.select_span(0, 5)
        win.reader.setFocus()
        qtbot.keyClick(win.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert "read-only" in win.statusBar().currentMessage()
        assert holder.claims.count() == len(win.project.claims.list()) and source == win.current_source_id
    finally:
        holder.close()
    win.set_project(open_project(path))
    assert not win.read_only_banner.isVisible()


def test_claim_creation_then_undo_says_which_step(qtbot, tmp_path):
    path = tmp_path / "one.wbproj"
    project = create_project(path)
    text = "Rosatom will supply the reactors by 2030."
    project.sources.add(SourceMeta("Note"), text, text.encode(), "text/plain")
    project.close()
    win = _window(qtbot, path)
    win.reader_view.select_span(0, 7)
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert win.current_claim is not None
    win.editor.statement.setPlainText("Rosatom supplies reactors")
    win.editor.commit()
    assert win.undo.stack.count() == 1
    win.actions_by_name["undo"].trigger()
    assert win.statusBar().currentMessage() == "Undone: Create claim"
    assert win.project.claims.count() == 0
    win.actions_by_name["redo"].trigger()
    assert win.statusBar().currentMessage() == "Redone: Create claim"
    assert win.project.claims.list()[0].statement == "Rosatom supplies reactors"
