"""Interpreter settings that keep the window answering while worker threads are busy.

Two costs of CPython hit the UI thread while a worker thread computes (a graph picture,
a screening run, a report), whichever thread caused them:

- the GIL: a busy worker keeps it for the whole switch interval (5 ms by default) each
  time the UI thread asks, and one turn of the event loop asks many times; at 1 ms the
  window waits a fifth as long, for a few more switches of the worker.
- the cyclic garbage collector: a full collection walks every tracked object while it
  holds the GIL. Start-up leaves about 130,000 objects (functions, classes, Qt wrappers)
  that live as long as the program, which cost 40 ms of every full collection:
  ``gc.freeze`` moves them out of the collector's sight (reference counting still frees
  them). And a worker that builds a 10,000-node graph sets off a full collection of the
  live graph and network (60-120 ms) in the middle of the work. Young collections, which
  find most cyclic garbage, stay automatic; full ones are made here instead, when the
  person has not touched keyboard or mouse for a second and no background work has run for
  as long, or
  at the latest after ``FULL_COLLECTION_BACKLOG`` young collections, so memory stays bounded
  through long busy spells.

Measured by ``python -m workbench.bench stalls`` (benchmarks/stalls.md).
"""

from __future__ import annotations

import gc
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .background import note_activity, work_running

SWITCH_INTERVAL_S = 0.001
IDLE_S = 1.0  # no input for this long counts as idle
CHECK_MS = 500
FULL_COLLECTION_BACKLOG = 500  # generation-1 collections (each after ~7,000 net allocations) before a full one anyway
_NEVER = 10**9  # a generation-2 threshold the interpreter never reaches by itself
_INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}


class IdleCollector(QObject):
    """Makes the full garbage collections the interpreter no longer makes by itself, at idle moments."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.last_input = time.monotonic()
        self.last_busy = self.last_input  # when background work was last seen running
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def watch(self, window: QWidget) -> None:
        """Count input to a window. The filter sits on its QWindow, which gets the window's input
        and paint requests, not on the application, which sees every event of every object (a
        Python filter there cost 0.6 ms per edit)."""
        window.winId()  # makes the native window, and with it the QWindow
        handle = window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in _INPUT_EVENTS:
            self.last_input = time.monotonic()
            note_activity()
        return False

    def collect_if_due(self) -> bool:
        backlog = gc.get_count()[2]  # generation-1 collections since the last full one
        now = time.monotonic()
        if work_running():
            self.last_busy = now
        # Quiet for a while on both counts: just after work ends its result is being shown.
        idle = now - max(self.last_input, self.last_busy) >= IDLE_S
        if backlog == 0 or not (idle or backlog >= FULL_COLLECTION_BACKLOG):
            return False
        gc.collect()
        self.collections += 1
        return True


_collector: IdleCollector | None = None


def note_input() -> None:
    """Count as input now (a benchmark driving widgets the way a click would)."""
    note_activity()
    if _collector is not None:
        _collector.last_input = time.monotonic()


def settle_after_startup(window: QWidget | None = None) -> None:
    """Call once the main window is built: collect start-up garbage, freeze what is left, and hand
    full collections to an IdleCollector that watches ``window`` for input."""
    global _collector
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    app = QApplication.instance()
    if _collector is None and app is not None:
        _collector = IdleCollector(app)
    if _collector is not None and window is not None:
        _collector.watch(window)
