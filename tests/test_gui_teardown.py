"""Closing and destroying widgets while they hold focus or unsaved text."""

from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.ui.main_window import MainWindow

EXIT_WITH_WINDOW_OPEN = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from workbench.services.project import open_project
from workbench.ui.main_window import MainWindow
app = QApplication([])
win = MainWindow(open_project(sys.argv[1]))
win.show(); app.processEvents()
win.select_claim(win.project.claims.list()[0].id)
win.editor.statement.setFocus(); app.processEvents()
win.editor.statement.setPlainText("typed")
"""


def test_exit_with_focus_in_the_editor_prints_no_traceback(tmp_path, workbench_home):
    """Python tears the window down at exit; a focus-out save must not reach deleted fields."""
    import os
    import subprocess
    import sys

    path = build_sample(tmp_path / "s.wbproj")
    result = subprocess.run([sys.executable, "-c", EXIT_WITH_WINDOW_OPEN, str(path)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "WORKBENCH_HOME": str(workbench_home)})
    assert "Traceback" not in result.stderr and "already deleted" not in result.stderr, result.stderr[-1500:]


def test_edit_menu_mnemonic_is_not_taken_by_an_editor_label(qtbot, tmp_path):
    win = MainWindow(open_project(build_sample(tmp_path / "s.wbproj")))
    qtbot.addWidget(win)
    labels = [win.editor.layout().itemAt(i).widget() for i in range(win.editor.layout().count())]
    texts = {getattr(w, "text", lambda: "")() for w in labels if w is not None}
    menu_keys = {a.text().split("&", 1)[1][0].lower() for a in win.menuBar().actions() if "&" in a.text()}
    label_keys = {t.split("&", 1)[1][0].lower() for t in texts if "&" in t}
    assert not menu_keys & label_keys


def test_warning_boxes_show_error_text_literally(qtbot, monkeypatch):
    """Errors quote names and paths from sources and lists; a box must not render them as HTML."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from workbench.ui.plain_text import warn

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.textFormat(), box.text())) or 0)
    warn(None, "Delete", "cannot delete <img src=file:///etc/passwd> <b>Sber</b>")
    assert shown == [(Qt.TextFormat.PlainText, "cannot delete <img src=file:///etc/passwd> <b>Sber</b>")]


def test_a_step_that_cannot_be_undone_leaves_the_history(qtbot, tmp_path):
    """Otherwise the stack would stand one step back and a later redo would repeat a change."""
    from workbench.core.errors import InvalidInputError
    from workbench.ui.undo import UndoController

    class Recorder:
        def __init__(self, name, undo_fails=False):
            self.text, self.undo_fails, self.done = name, undo_fails, 0

        def do(self, project):
            self.done += 1

        def undo(self, project):
            if self.undo_fails:
                raise InvalidInputError("the source text has changed since")
            self.done -= 1

    project = open_project(build_sample(tmp_path / "s.wbproj"))
    controller = UndoController()
    controller.set_project(project)
    messages = []
    controller.failed.connect(messages.append)
    first, second = Recorder("first"), Recorder("second", undo_fails=True)
    controller.run(first)
    controller.run(second)
    controller.undo_last()  # fails
    assert "taken out of the undo history" in messages[0]
    assert controller.stack.count() == 1 and controller.stack.index() == 1
    controller.redo_next()  # nothing to redo: "second" is not done again
    assert second.done == 1
    controller.undo_last()
    assert first.done == 0 and controller.stack.index() == 0
    project.close()
