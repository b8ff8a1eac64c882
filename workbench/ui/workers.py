"""Long work off the UI thread: imports run in a QThread with progress and cancellation.

SQLite connections belong to their thread, so the worker opens its own connection
to the project (Project.for_thread), writing under the window's writer lock. The
import is cancelled between files: a file is imported whole or not at all.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from ..services.ingest import ImportResult, import_files
from ..services.project import Project


class ImportWorker(QObject):
    progress = Signal(int, int, str)  # files done, files in all, last message
    finished = Signal(list)  # ImportResults of the files tried
    failed = Signal(str)

    def __init__(self, project: Project, paths: list[str]):
        super().__init__()
        self._project = project
        self._paths = list(paths)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        results: list[ImportResult] = []
        try:
            worker_project = self._project.for_thread()
        except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in the thread
            self.failed.emit(f"cannot start the import: {exc}")
            self.finished.emit(results)
            return
        try:
            for done, path in enumerate(self._paths, start=1):
                if self._cancel.is_set():
                    break
                result = import_files(worker_project, [path])[0]
                results.append(result)
                self.progress.emit(done, len(self._paths), f"{result.status}: {result.message}")
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(f"the import stopped: {exc}")
        finally:
            worker_project.close()
            self.finished.emit(results)


def start_import(project: Project, paths: list[str], parent: QObject) -> tuple[QThread, ImportWorker]:
    """A running import; connect to the worker's signals before the event loop turns."""
    thread = QThread(parent)
    worker = ImportWorker(project, paths)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread, worker
