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
