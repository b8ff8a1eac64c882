"""Long work off the UI thread: imports run in a QThread with progress and cancellation.

SQLite connections belong to their thread, so the worker opens its own connection
to the project (Project.for_thread), writing under the window's writer lock. The
service reports progress after each file and asks whether to stop before the next
one, so a file is imported whole or not at all.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from ..services.ingest import ImportOptions, ImportResult, import_files, plan_files
from ..services.project import Project


class ImportWorker(QObject):
    progress = Signal(int, int, str)  # files done, files in all, the last file's outcome
    finished = Signal(object, list, list)  # this worker; ImportResults of the files tried; paths never started
    failed = Signal(str)

    def __init__(self, project: Project, paths: list[str], options: ImportOptions | None = None):
        super().__init__()
        self._project = project
        self._paths = list(paths)
        self._options = options or ImportOptions()
        self._cancel = threading.Event()
        self._last_message = ""
        self._results: list[ImportResult] = []

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_result(self, result: ImportResult) -> None:
        self._results.append(result)
        self._last_message = f"{result.status}: {result.message}"

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total, self._last_message)

    def run(self) -> None:
        try:
            # Planned here, once, so the bar knows the total and the files left when cancelled are named.
            planned = [str(item.path) for item in plan_files(self._paths)]
            worker_project = self._project.for_thread()
        except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in the thread
            self.failed.emit(f"cannot start the import: {exc}")
            self.finished.emit(self, [], list(self._paths))
            return
        self.progress.emit(0, len(planned), "")
        try:
            import_files(worker_project, planned, on_result=self._on_result, options=self._options,
                         on_progress=self._on_progress, should_cancel=self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(f"the import stopped: {exc}")
        finally:
            worker_project.close()
            tried = {result.path for result in self._results}
            self.finished.emit(self, list(self._results), [path for path in planned if path not in tried])


def start_import(project: Project, paths: list[str], parent: QObject,
                 options: ImportOptions | None = None) -> tuple[QThread, ImportWorker]:
    """A running import; connect to the worker's signals before the event loop turns."""
    thread = QThread(parent)
    worker = ImportWorker(project, paths, options)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread, worker
