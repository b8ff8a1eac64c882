"""Single instance: a later launch hands its project to the running program over a local socket."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from workbench.ui.single_instance import InstanceServer, hand_over, server_name

_CLIENT = ("import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
           "from workbench.ui.single_instance import hand_over; print(hand_over(sys.argv[1], sys.argv[2]))")


def test_a_later_launch_hands_its_project_to_the_running_program(qtbot, tmp_path):
    opened = []
    name = f"wb-test-{uuid.uuid4().hex[:8]}"
    server = InstanceServer(opened.append, name=name)
    assert server.listen()
    project = tmp_path / "elsewhere" / ".." / "brief.wbproj"
    # Another process, as a second launch is (a QLocalSocket in a Python thread of this one never reads).
    client = subprocess.Popen([sys.executable, "-c", _CLIENT, str(project), name], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    assert client.stdout.read().strip() == "True"
    assert opened == [str(project.resolve())]  # absolute: the running program has another working folder
    server.close()


def test_no_running_program_means_this_launch_opens_its_own_window(qapp):
    assert hand_over("x.wbproj", f"wb-test-{uuid.uuid4().hex[:8]}") is False


def test_each_workbench_home_is_its_own_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "a"))
    first = server_name()
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "b"))
    assert server_name() != first


def test_workbench_open_while_running_opens_the_project_there(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    opened = []
    server = InstanceServer(opened.append)  # stands in for the running program, same settings folder
    assert server.listen()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKBENCH_HOME=str(tmp_path / "home"))
    launch = subprocess.Popen([sys.executable, "-m", "workbench", "open", "project.wbproj"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    out, err = launch.communicate(timeout=30)
    assert launch.returncode == 0, err
    assert opened == [str(tmp_path / "project.wbproj")]
    assert "already running" in out
    server.close()


def test_the_running_program_opens_a_handed_project_and_keeps_one_it_already_has(qtbot, tmp_path):
    from workbench.services.sample import build_sample
    from workbench.ui.app import bring_up
    from workbench.ui.main_window import MainWindow

    window = MainWindow(None)
    qtbot.addWidget(window)
    path = build_sample(tmp_path / "handed.wbproj")
    bring_up(window, str(path))
    assert window.project is not None and window.project.path.resolve() == path.resolve()
    opened = window.project
    bring_up(window, str(path))  # the same project again: raised, not reopened
    assert window.project is opened
    bring_up(window, None)  # a launch with no project only raises the window
    assert window.project is opened and window.isVisible()
