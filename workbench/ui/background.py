"""The one background-operation helper: long work in a QThread, with progress, Cancel, result or error.

Everything that may take longer than a frame runs through here (list import, screening,
graph building and layout, report export...), so the UI thread never waits on it.
SQLite connections belong to their thread, so project work runs on a connection of its
own (Project.for_thread); work that needs no project (a layout) gets ``None``. The work
reports progress through a callback that may raise: Cancel makes the next report raise
``CancelledError``, which rolls the service's transaction back, so a cancelled task has
changed nothing. What the work changed in the project is collected on its connection and
delivered with the result (``changes``), so the panes can follow it as they follow an edit.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from ..core.changes import NO_CHANGES, ChangeSet
from ..core.errors import WorkbenchError
from ..services.project import Project

Work = Callable[[Project | None, Callable[[float, str], None]], object]


PROGRESS_INTERVAL_S = 0.05
# Long analyses (the project's corroboration and conflicts, a source's suggestions) wait while the window
# is in use: a busy worker makes the window's thread wait for the GIL at every hand-over, and the reader's
# highlighter alone hands over thousands of times per paint.
QUIET_S = 0.5  # no input, edit or opened source for this long: the window is not in use
PACE_SLEEP_S = 0.05
_last_activity = float("-inf")
_running = threading.local()  # the TaskWorker whose work this thread runs
_THREADS: weakref.WeakSet[QThread] = weakref.WeakSet()  # every task's thread, to tell whether work runs
_STEPS: weakref.WeakSet[Steps] = weakref.WeakSet()


def note_activity() -> None:
    """The window is in use now (input, an edit shown, a source opened): paced work waits."""
    global _last_activity
    _last_activity = time.monotonic()


def window_quiet() -> bool:
    """Whether the window has gone unused for QUIET_S (no input, edit shown or source opened)."""
    return time.monotonic() - _last_activity >= QUIET_S


def pace() -> None:
    """For long work in a task's thread, called now and then: returns once the window has not been used
    for QUIET_S, sleeping (without the GIL) until then; raises CancelledError when the task was cancelled."""
    worker = getattr(_running, "worker", None)
    while True:
        if worker is not None and worker.cancel_requested():
            raise CancelledError
        if window_quiet():
            return
        time.sleep(PACE_SLEEP_S)


def work_running() -> bool:
    """Whether any background task or stepped drawing is under way (ui.runtime holds its garbage
    collection until none is)."""
    return any(thread.isRunning() for thread in _THREADS) or any(steps.running for steps in _STEPS)


class CancelledError(Exception):
    """Raised inside the service's progress callback to stop it."""


class TaskWorker(QObject):
    progress = Signal(float, str)  # share done (0..1), what is going on
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a one-line reason
    cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, project: Project | None, work: Work):
        super().__init__()
        self._project = project
        self._work = work
        self._cancel = threading.Event()
        self.changes: ChangeSet = NO_CHANGES  # what the work changed in the project, read after ``done``
        self._last_progress = float("-inf")

    def cancel(self) -> None:
        self._cancel.set()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _report(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise CancelledError
        # At most one progress signal per PROGRESS_INTERVAL_S reaches the window: a report steps once
        # per claim, and a thousand queued signals are handled in one turn of the UI thread's event
        # loop, each waiting for the GIL, which froze the window 50 ms and more.
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S or fraction >= 1.0:
            self._last_progress = now
            self.progress.emit(fraction, message)

    def run(self) -> None:
        worker_project = None
        _running.worker = self
        try:
            if self._project is not None:
                worker_project = self._project.for_thread()
            result = self._work(worker_project, self._report)
            if worker_project is not None:
                self.changes = worker_project.changes.collect()
        except CancelledError:
            self.cancelled.emit()
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in the thread
            logging.getLogger(__name__).exception("background work failed")  # the traceback, for the log file
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            _running.worker = None
            if worker_project is not None:
                worker_project.close()
            self.done.emit()


class Task(QObject):
    """A running TaskWorker and its thread; ``wait`` is for closing the project or the window."""

    def __init__(self, project: Project | None, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = TaskWorker(project, work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self.thread.quit)

    def start(self) -> None:
        _THREADS.add(self.thread)
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self) -> None:
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait()


class TaskRunner(QObject):
    """One task at a time for a view: its progress bar and Cancel button are shown while it runs,
    and its start button is disabled; the view's handlers get the outcome on the UI thread."""

    def __init__(self, progress, cancel_button, start_button, idle_enabled: Callable[[], bool], parent: QObject):
        super().__init__(parent)
        self.task: Task | None = None
        self._progress, self._cancel_button, self._start_button = progress, cancel_button, start_button
        self._idle_enabled = idle_enabled
        progress.setRange(0, 1000)
        cancel_button.clicked.connect(self.cancel)
        for widget in (progress, cancel_button):
            widget.hide()

    def start(self, project: Project | None, work: Work, on_progress, on_success, on_failure, on_cancel) -> bool:
        """Handlers must be methods of QObjects on the UI thread, so that Qt queues the calls to them."""
        if self.task is not None:
            return False
        self.task = Task(project, work, self)
        worker = self.task.worker
        worker.progress.connect(self._show_progress)
        worker.progress.connect(on_progress)
        worker.succeeded.connect(on_success)
        worker.failed.connect(on_failure)
        worker.cancelled.connect(on_cancel)
        worker.done.connect(self._finished)
        self._progress.setValue(0)
        for widget in (self._progress, self._cancel_button):
            widget.show()
        self._start_button.setEnabled(False)
        self.task.start()
        return True

    def _show_progress(self, fraction: float, _message: str) -> None:
        self._progress.setValue(int(fraction * 1000))

    def _finished(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.thread.wait()
            task.deleteLater()
        for widget in (self._progress, self._cancel_button):
            widget.hide()
        self._start_button.setEnabled(self._idle_enabled())

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    @property
    def changes(self) -> ChangeSet:
        """What the running (or just finished) task changed; read it in the success handler."""
        return self.task.worker.changes if self.task is not None else NO_CHANGES

    def wait(self) -> None:
        """Stop the running task and wait for its thread (before the project closes)."""
        if self.task is not None:
            self.task.wait()
            self._finished()


class SerialRuns(QObject):
    """Background runs of one piece of work that must follow the project (a source's suggestions, the
    project's analysis), one at a time.

    A request while a run is under way does not start a second run beside it (two threads would fight
    for the GIL and the older answer is stale anyway); it asks for one more run when the current one
    ends. However many requests came meanwhile, one more run is enough: it reads the project as it is
    by then. ``begin`` makes a run's Task with the view's handlers connected, without starting it, or
    returns None when there is nothing to run in the background (nothing to work on, or work small
    enough to have been done at once).
    """

    ended = Signal()  # a run ended and its thread was let go; emitted before the run asked for meanwhile

    def __init__(self, begin: Callable[[], Task | None], parent: QObject):
        super().__init__(parent)
        self._begin = begin
        self.task: Task | None = None
        self._again = False  # a request came while the task ran

    @property
    def running(self) -> bool:
        return self.task is not None

    def request(self) -> None:
        """Run now, or once more when the run under way ends."""
        if self.task is not None:
            self._again = True
            return
        task = self._begin()
        if task is None:
            return
        self.task = task
        task.worker.done.connect(self._task_done)  # after Task's own thread.quit, so the wait below returns
        task.start()

    def _task_done(self) -> None:
        task = self.task
        if task is None or task.worker is not self.sender():
            return  # a run stopped (and let go) before its end reached the UI thread
        self.task = None
        task.thread.wait()
        task.deleteLater()
        self.ended.emit()
        if self._again:
            self._again = False
            self.request()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def stop(self) -> None:
        """Stop the run under way, forget any run asked for, and wait for the thread (before the project
        closes)."""
        task, self.task, self._again = self.task, None, False
        if task is not None:
            task.wait()
            task.deleteLater()


class RunsTasks:
    """For views with a ``runner`` (TaskRunner) and a ``project``: the running task, Cancel and wait."""

    runner: TaskRunner
    project: Project | None

    @property
    def task(self) -> Task | None:
        return self.runner.task

    def _writable(self) -> bool:
        return self.project is not None and self.project.writable

    def cancel(self) -> None:
        self.runner.cancel()

    def wait(self) -> None:
        """Stop a running task and wait for its thread (before the project closes)."""
        self.runner.wait()


class Steps(QObject):
    """UI-thread work cut into steps, one per turn of the event loop, so the window keeps answering.

    What must touch Qt widgets cannot go to a worker thread; a large drawing (10,000 graph
    nodes) is instead done a part at a time. Starting new steps drops the ones not yet run:
    they drew a picture that is already out of date.
    """

    finished = Signal()

    def __init__(self, parent=None):
        from PySide6.QtCore import QTimer

        super().__init__(parent)
        self._pending: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)
        _STEPS.add(self)

    def start(self, steps: list[Callable[[], None]]) -> None:
        self._pending = list(reversed(steps))
        self._timer.start()

    @property
    def running(self) -> bool:
        return bool(self._pending)

    def finish_now(self) -> None:
        while self._pending:
            self._run_one()

    def _run_one(self) -> None:
        if self._pending:
            self._pending.pop()()
        if not self._pending:
            self._timer.stop()
            self.finished.emit()
