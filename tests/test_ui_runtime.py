"""The window's interpreter settings: full garbage collections wait for idle moments, and large
drawings are cut into steps (ui.runtime, ui.background.Steps)."""

import gc
import sys
import time

import pytest

from workbench.ui import runtime
from workbench.ui.background import Steps, work_running


@pytest.fixture
def restore_gc():
    threshold, interval = gc.get_threshold(), sys.getswitchinterval()
    yield
    gc.set_threshold(*threshold)
    sys.setswitchinterval(interval)
    gc.unfreeze()


def _make_cyclic_garbage(n=5000):
    for _ in range(n):
        a = []
        a.append(a)


def test_full_collections_wait_for_idle_and_then_happen(qapp, restore_gc, monkeypatch):
    monkeypatch.setattr(runtime, "_collector", None)
    runtime.settle_after_startup()
    assert gc.get_threshold()[2] >= 10**9 and sys.getswitchinterval() == runtime.SWITCH_INTERVAL_S
    assert gc.get_freeze_count() > 10_000  # start-up objects out of the collector's sight
    collector = runtime._collector
    collector._timer.stop()  # driven by hand below
    _make_cyclic_garbage()
    gc.collect(1)  # a young collection leaves a backlog for the full one
    assert gc.get_count()[2] >= 1
    runtime.note_input()
    assert not collector.collect_if_due()  # someone is typing: not now
    collector.last_input = collector.last_busy = time.monotonic() - 2 * runtime.IDLE_S
    assert collector.collect_if_due() and gc.get_count()[2] == 0  # idle: collected


def test_a_long_busy_spell_still_gets_its_full_collection(qapp, restore_gc, monkeypatch):
    monkeypatch.setattr(runtime, "_collector", None)
    runtime.settle_after_startup()
    collector = runtime._collector
    collector._timer.stop()
    runtime.note_input()
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, runtime.FULL_COLLECTION_BACKLOG))
    assert collector.collect_if_due()  # input keeps coming, but the backlog is too long to wait


def test_steps_run_one_per_turn_and_a_new_start_drops_the_old(qtbot):
    steps = Steps()
    done = []
    steps.start([lambda: done.append(1), lambda: done.append(2)])
    assert steps.running and work_running() and done == []
    steps.start([lambda: done.append("new")])  # the old drawing is out of date
    qtbot.waitUntil(lambda: not steps.running)
    assert done == ["new"] and not work_running()
