"""SerialRuns (ui.background): views that follow the project (suggestions, the analysis) run their work
one run at a time, and requests that come during a run are answered by exactly one more run."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from workbench.ui.background import SerialRuns, Task


class Gated:
    """Makes runs whose work waits for its own gate, so a test decides when each run ends."""

    def __init__(self, parent: QObject):
        self.parent = parent
        self.gates: list[threading.Event] = []

    def begin(self) -> Task:
        gate = threading.Event()
        self.gates.append(gate)
        return Task(None, lambda _project, _report: gate.wait(10), self.parent)

    @property
    def begun(self) -> int:
        return len(self.gates)


@pytest.fixture
def gated(qtbot):
    parent = QObject()
    gated = Gated(parent)
    runs = SerialRuns(gated.begin, parent)
    yield gated, runs
    for gate in gated.gates:
        gate.set()  # no thread is left waiting on its gate
    runs.stop()


def test_requests_during_a_run_bring_exactly_one_more_and_later_ones_a_fresh_run(qtbot, gated):
    gated, runs = gated
    ended_after = []
    runs.ended.connect(lambda: ended_after.append(gated.begun))
    runs.request()
    assert gated.begun == 1 and runs.running
    for _ in range(3):
        runs.request()  # the project changed three times while the first run was under way
    assert gated.begun == 1
    gated.gates[0].set()
    qtbot.waitUntil(lambda: gated.begun == 2)
    assert ended_after == [1]  # the first run was let go before the second began
    gated.gates[1].set()
    qtbot.waitUntil(lambda: not runs.running)
    qtbot.wait(50)  # time enough for a (wrong) third run to begin
    assert gated.begun == 2 and ended_after == [1, 2]
    runs.request()  # after the runs have finished: a fresh run starts at once
    assert gated.begun == 3 and runs.running
    gated.gates[2].set()
    qtbot.waitUntil(lambda: not runs.running)
    assert gated.begun == 3


def test_stop_forgets_the_run_asked_for_meanwhile(qtbot, gated):
    gated, runs = gated
    runs.request()
    runs.request()
    gated.gates[0].set()
    runs.stop()
    assert not runs.running
    qtbot.wait(50)  # the stopped run's end reaches the UI thread and is ignored
    assert gated.begun == 1 and not runs.running


def test_nothing_runs_when_begin_has_nothing_for_the_background(qtbot):
    parent = QObject()
    runs = SerialRuns(lambda: None, parent)
    runs.request()
    assert not runs.running
    runs.request()
    assert not runs.running
