"""The log file and the error dialog: steps and tracebacks land in a rotating per-user log, an unexpected
error in the desktop program is shown with the log's path, and the claim being typed is saved first."""

import dataclasses
import logging
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from workbench.services import commands, diagnostics
from workbench.services.ingest.batch import import_file
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.error_handler import install_error_handler


@pytest.fixture
def log_file(workbench_home):
    path = diagnostics.configure_logging()
    yield path
    logger = logging.getLogger("workbench")
    for handler in list(logger.handlers):
        if isinstance(handler, diagnostics._WorkbenchFileHandler):
            logger.removeHandler(handler)
            handler.close()


def log_text(path):
    for handler in logging.getLogger("workbench").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_log_goes_to_the_per_user_folder_and_holds_each_command_step(log_file, workbench_home, tmp_path):
    assert log_file == workbench_home / "logs" / "workbench.log"
    assert diagnostics.configure_logging() == log_file  # configuring again adds no second handler
    assert sum(isinstance(h, diagnostics._WorkbenchFileHandler) for h in logging.getLogger("workbench").handlers) == 1
    memo = tmp_path / "memo.txt"
    memo.write_text("A confidential memo about Baikal Electronics.", encoding="utf-8")
    with create_project(tmp_path / "steps.wbproj") as project:
        source = import_file(project, memo).source
        renamed = dataclasses.replace(source.meta, title="Secret memo")
        command = commands.EditSource(source.id, (source.meta, source.reliability), (renamed, source.reliability))
        commands.perform(project, command)
        commands.perform(project, command, undo=True)
    text = log_text(log_file)
    assert "Research Workbench" in text and "logging to" in text
    assert "workbench.services.commands: do EditSource" in text
    assert "workbench.services.commands: undo EditSource" in text
    assert "confidential memo" not in text and "Secret memo" not in text  # no source text or titles


def test_log_rotates(monkeypatch, workbench_home):
    monkeypatch.setattr(diagnostics, "MAX_BYTES", 2000)
    monkeypatch.setenv("WORKBENCH_HOME", str(workbench_home / "rotating"))
    path = diagnostics.configure_logging()
    try:
        for number in range(200):
            logging.getLogger("workbench.test").debug("step %d of a long session", number)
        assert path.with_name("workbench.log.1").is_file()
        assert path.stat().st_size <= 2000
    finally:
        logging.getLogger("workbench").handlers[-1].close()
        diagnostics.configure_logging()  # back to the test's own home


def test_cli_internal_error_is_logged_with_its_traceback(cli, monkeypatch, workbench_home, tmp_path):
    from workbench.cli import lists

    project = tmp_path / "cli.wbproj"
    assert cli("new", project)[0] == 0

    def broken(args):
        raise ZeroDivisionError("division by zero in a test")

    monkeypatch.setattr(lists, "cmd_screen", broken)
    code, _, err = cli("screen", project)
    log_file = workbench_home / "logs" / "workbench.log"
    assert code == 1 and err.strip() == (f"workbench: internal error: ZeroDivisionError: division by zero in a test "
                                         f"(details in {log_file})")
    text = log_text(log_file)
    assert "internal error in the screen command" in text
    assert "Traceback (most recent call last)" in text and 'raise ZeroDivisionError("division by zero' in text


def _window(qtbot, tmp_path):
    from workbench.ui.main_window import MainWindow

    win = MainWindow(open_project(build_sample(tmp_path / "sample.wbproj")), Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _error_dialog(qtbot):
    found = {}

    def shown():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                 and w.objectName() == "unexpectedErrorDialog" and w.isVisible()]
        found["box"] = boxes[0] if boxes else None
        return bool(boxes)

    qtbot.waitUntil(shown, timeout=5000)
    return found["box"]


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_shown_and_the_pending_edit_saved(qtbot, tmp_path, log_file):
    win = _window(qtbot, tmp_path)
    reporter = install_error_handler(log_file)
    try:
        claim_id = win.project.claims.spans(win.current_source_id)[0][0]
        win.select_claim(claim_id)
        quote = win.project.claims.get(claim_id).anchor.quote
        win.editor.note.setPlainText("Typed in the editor, not yet saved")  # no focus-out: still pending
        assert win.project.claims.get(claim_id).note != "Typed in the editor, not yet saved"

        button = QPushButton("Break", win)

        def broken_slot():
            raise KeyError("no such layout")

        button.clicked.connect(broken_slot)
        button.click()  # Qt calls the slot; PySide6 hands its exception to sys.excepthook
        box = _error_dialog(qtbot)
        assert box.text() == "Something went wrong: KeyError: 'no such layout'"
        assert str(log_file) in box.informativeText() and "Your edits are kept" in box.informativeText()
        assert box.parent() is win

        assert win.project.claims.get(claim_id).note == "Typed in the editor, not yet saved"
        text = log_text(log_file)
        assert "workbench.ui.error_handler: unexpected error" in text
        assert "Traceback (most recent call last)" in text and "KeyError: 'no such layout'" in text
        assert "in broken_slot" in text
        assert "do EditClaim" in text  # the save is itself a logged step
        assert "Typed in the editor" not in text and quote not in text  # the analyst's and the source's text stay out

        # a second error while the dialog is up adds to it, instead of stacking another dialog
        button.click()
        qtbot.waitUntil(lambda: "1 more error(s) since" in box.informativeText(), timeout=5000)
        assert sum(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()) == 1
        box.accept()
    finally:
        reporter.uninstall()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, tmp_path, log_file):
    win = _window(qtbot, tmp_path)
    reporter = install_error_handler(log_file)
    try:
        worker = threading.Thread(target=lambda: 1 / 0, name="layout-worker")
        worker.start()
        worker.join()
        box = _error_dialog(qtbot)
        assert box.text() == "Something went wrong: ZeroDivisionError: division by zero"
        assert "unexpected error in layout-worker" in log_text(log_file)
        assert box.parent() is win
        box.accept()
    finally:
        reporter.uninstall()


@pytest.mark.qt_no_exception_capture
def test_a_failing_save_of_the_pending_edit_still_shows_the_first_error(qtbot, tmp_path, log_file, monkeypatch):
    win = _window(qtbot, tmp_path)
    reporter = install_error_handler(log_file)

    def commit_fails():
        raise OSError("disk full")

    monkeypatch.setattr(win.editor, "commit", commit_fails)
    try:
        button = QPushButton("Break", win)
        button.clicked.connect(lambda: [].pop())
        button.click()
        box = _error_dialog(qtbot)
        assert box.text() == "Something went wrong: IndexError: pop from empty list"
        assert "could not be saved" in box.informativeText()
        text = log_text(log_file)
        assert "the edit in progress could not be saved" in text and "OSError: disk full" in text
        box.accept()
    finally:
        reporter.uninstall()
        monkeypatch.undo()  # the window saves the editor again when it closes



def test_unexpected_error_in_background_work_is_logged_with_its_traceback(qtbot, tmp_path, log_file, monkeypatch):
    from workbench.services import screening
    from workbench.ui.screening.screening_view import ScreeningView

    def broken_run(project, min_score, progress):
        raise RuntimeError("index out of step")

    monkeypatch.setattr(screening, "screen_project", broken_run)
    project = open_project(build_sample(tmp_path / "sample.wbproj"))
    view = ScreeningView()
    qtbot.addWidget(view)
    view.set_project(project)
    try:
        view.run_button.click()
        qtbot.waitUntil(lambda: view.task is None, timeout=20000)
        assert view.last_error == "RuntimeError: index out of step"
        assert "nothing was changed" in view.status.text()
        text = log_text(log_file)
        assert "workbench.ui.background: background work failed" in text and "in broken_run" in text
    finally:
        view.wait()
        project.close()


def test_a_log_folder_that_cannot_be_made_stops_nothing(cli, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the per-user folder would go", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_HOME", str(blocker))
    assert diagnostics.configure_logging() is None
    code, out, err = cli("--version")
    assert code == 0 and "workbench" in out
