"""Source imports as background work (ui.background): progress after each file, Cancel between files.

The service reports progress after each file and asks whether to stop before the next
one, so a file is imported whole or not at all; a cancelled import keeps the files it
finished (they are one undoable step) and names the ones it never started.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ..services.ingest import ImportOptions, ImportResult, import_files, plan_files
from ..services.project import Project
from .background import Task


@dataclass
class ImportOutcome:
    results: list[ImportResult] = field(default_factory=list)  # the files tried, in order
    not_started: list[str] = field(default_factory=list)


class ImportWorker(QObject):
    """The import's view of its background task: file counts rather than fractions, and the outcome."""

    progress = Signal(int, int, str)  # files done, files in all, the last file's outcome
    finished = Signal(object, list, list)  # this worker; ImportResults of the files tried; paths never started
    failed = Signal(str)

    def __init__(self, project: Project, paths: list[str], options: ImportOptions | None = None, parent=None):
        super().__init__(parent)
        self._paths = list(paths)
        self._options = options or ImportOptions()
        self._last_message = ""
        self.task = Task(project, self._work, self)
        self.task.worker.failed.connect(self.failed)
        self.task.worker.succeeded.connect(self._keep)
        # Announced on ``done``, queued after the thread's quit, so a handler may wait for the thread.
        self.task.worker.done.connect(self._done)
        self._outcome = ImportOutcome(not_started=list(paths))
        self._stop_requested = False

    def start(self) -> None:
        self.task.start()

    def cancel(self) -> None:
        self._stop_requested = True

    @property
    def cancelled(self) -> bool:
        return self._stop_requested

    @property
    def changes(self):
        return self.task.worker.changes

    def _work(self, project: Project, _report) -> ImportOutcome:
        outcome = ImportOutcome()
        try:
            # Planned here, once, so the bar knows the total and the files left when cancelled are named.
            planned = [str(item.path) for item in plan_files(self._paths)]
        except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in the thread
            self.failed.emit(f"cannot start the import: {exc}")
            outcome.not_started = list(self._paths)
            return outcome

        def on_result(result: ImportResult) -> None:
            outcome.results.append(result)
            self._last_message = f"{result.status}: {result.message}"

        self.progress.emit(0, len(planned), "")
        try:
            import_files(project, planned, on_result=on_result, options=self._options,
                         on_progress=lambda done, total: self.progress.emit(done, total, self._last_message),
                         should_cancel=lambda: self._stop_requested)
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(f"the import stopped: {exc}")
        tried = {result.path for result in outcome.results}
        outcome.not_started = [path for path in planned if path not in tried]
        return outcome

    def _keep(self, outcome: ImportOutcome) -> None:
        self._outcome = outcome

    def _done(self) -> None:
        self.finished.emit(self, list(self._outcome.results), list(self._outcome.not_started))


class _ImportThread:
    """What callers wait on: the task's thread."""

    def __init__(self, worker: ImportWorker):
        self._worker = worker

    def wait(self, *args) -> bool:
        return self._worker.task.thread.wait(*args)

    def quit(self) -> None:
        self._worker.task.thread.quit()


def start_import(project: Project, paths: list[str], parent: QObject,
                 options: ImportOptions | None = None) -> tuple[_ImportThread, ImportWorker]:
    """A running import; connect to the worker's signals before the event loop turns."""
    worker = ImportWorker(project, paths, options, parent)
    worker.start()
    return _ImportThread(worker), worker
