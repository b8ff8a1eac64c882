"""One piece of long project work (a list import, a screening run) in a QThread, with progress and Cancel.

SQLite connections belong to their thread, so the task runs on a connection of its own
(Project.for_thread), as source imports do (ui/workers.py). The services report progress
through a callback that may raise: Cancel makes the next report raise ``CancelledError``,
which rolls the service's transaction back, so a cancelled task has changed nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from ...core.errors import WorkbenchError
from ...services.project import Project

Work = Callable[[Project, Callable[[float, str], None]], object]


class CancelledError(Exception):
    """Raised inside the service's progress callback to stop it."""


class TaskWorker(QObject):
    progress = Signal(float, str)  # share done (0..1), what is going on
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a one-line reason
    cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, project: Project, work: Work):
        super().__init__()
        self._project = project
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise CancelledError
        self.progress.emit(fraction, message)

    def run(self) -> None:
        worker_project = None
        try:
            worker_project = self._project.for_thread()
            result = self._work(worker_project, self._report)
        except CancelledError:
            self.cancelled.emit()
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in the thread
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            if worker_project is not None:
                worker_project.close()
            self.done.emit()


class Task(QObject):
    """A running TaskWorker and its thread; ``wait`` is for closing the project or the window."""

    def __init__(self, project: Project, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = TaskWorker(project, work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self) -> None:
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait()
