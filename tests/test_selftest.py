"""``workbench --self-test``: passes on a working install, fails loudly on a broken one, stays offline and isolated."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import selftest
from workbench.selftest import gui, steps
from workbench.services.export import EXPORT_FORMATS


def test_self_test_passes_every_step_and_leaves_the_user_folders_alone(tmp_path):
    home, workbench_home = tmp_path / "home", tmp_path / "workbench-home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), WORKBENCH_HOME=str(workbench_home), XDG_CONFIG_HOME=str(home / ".cfg"),
               QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-m", "workbench", "--self-test"], env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    step_lines = [line for line in lines if line.startswith(("ok ", "FAIL"))]
    assert step_lines and all(line.startswith("ok ") for line in step_lines)
    assert all(" ms  " in line for line in step_lines)  # each step says how long it took
    for fmt in EXPORT_FORMATS:  # a format added to the program is exported without changing the self-test
        assert any(f"export {fmt}:" in line for line in step_lines), fmt
    for needed in ("import PDF: brief.pdf in the worker process", "screen against a list", "render every pane",
                   "open the main window (offscreen)", "import an FtM list",
                   "suggest claims, corroborate and find conflicts"):
        assert any(needed in line for line in step_lines), needed
    assert lines[-1].startswith("self-test passed:")
    assert not workbench_home.exists() and list(home.iterdir()) == []


def test_a_failing_step_is_reported_and_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(steps, "fixture_dir", lambda: tmp_path / "missing")
    monkeypatch.setattr(gui, "gui_steps", lambda state: [])
    out = io.StringIO()
    assert selftest.self_test(out) == 1
    text = out.getvalue()
    assert "FAIL" in text and "import PDF" in text and "no such file" in text
    assert "ok " in text  # the other steps still ran
    assert text.splitlines()[-1].startswith("self-test FAILED: ")
    assert "WORKBENCH_HOME" not in os.environ or os.environ["WORKBENCH_HOME"] != str(tmp_path)


def test_the_network_is_refused_during_the_self_test_and_given_back_after():
    before = socket.socket.connect
    with selftest.network_refused():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(selftest.NetworkRefusedError):
            sock.connect(("192.0.2.1", 80))
    assert socket.socket.connect is before


def test_fixtures_are_packaged_with_the_program():
    names = {p.name for p in Path(steps.fixture_dir()).iterdir()}
    assert {"note.txt", "page.html", "brief.pdf", "list.csv"} <= names


def test_an_error_in_a_qt_slot_fails_the_step_it_happened_in(qapp):
    from PySide6.QtCore import QTimer

    def action():
        QTimer.singleShot(0, lambda: 1 / 0)  # as a lazily built pane failing inside a signal handler would
        for _ in range(5):
            qapp.processEvents()
        return "looked fine"

    out = io.StringIO()
    with selftest.SlotErrors() as errors:
        result = selftest.run_step("render a pane", action, out, errors)
        after = selftest.run_step("next step", lambda: "fine", out, errors)
    assert not result.ok and "ZeroDivisionError" in result.detail
    assert after.ok  # the error is charged to the step it happened in only
    assert out.getvalue().startswith("FAIL")


def test_a_dialog_that_waits_for_a_click_fails_the_step_instead_of_hanging_it(qapp, tmp_path):
    from workbench.ui.plain_text import warn

    window_steps = gui.WindowSteps(steps.State(tmp_path))
    window_steps.app = qapp
    window_steps._guard_against_dialogs()
    out = io.StringIO()
    try:
        with selftest.SlotErrors() as errors:
            # as the graph pane's warning when its background layout fails: a modal box with its own event loop
            result = selftest.run_step("lay out", lambda: warn(None, "Graph", "the child process died"), out, errors)
    finally:
        window_steps._dialog_guard.stop()
        window_steps.state.close()
    assert not result.ok and "a dialog opened: Graph: the child process died" in result.detail
