"""Importing REFI-QDA, W3C Web Annotation and Hypothesis files from the desktop program.

File ▸ Import sources… and drops hand such files here (by suffix). Each file is read and
merged in a worker thread on its own connection, in one transaction, with the import's
progress bar and Cancel (which stops before the next file: a file lands whole or not at
all). Each imported file becomes one undo step, and the end shows the summary: what came
in, what was already there, conflicts, re-anchored quotes, deviations and skips.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from ..core.changes import NO_CHANGES
from ..core.errors import WorkbenchError
from ..services.exchange.apply import apply_bundle
from ..services.exchange.formats import EXCHANGE_SUFFIXES, is_exchange_file, read_exchange_file
from ..services.exchange.undo import ImportedExchange
from ..services.project import Project
from .background import Task

EXCHANGE_FILTER = f"REFI-QDA, W3C and Hypothesis files ({' '.join('*' + s for s in EXCHANGE_SUFFIXES)})"


def split_exchange(paths: list[str]) -> tuple[list[str], list[str]]:
    exchange = [p for p in paths if is_exchange_file(p)]
    return exchange, [p for p in paths if p not in exchange]


class ExchangeWorker(QObject):
    """Exchange files as background work (ui.background): one transaction and one change set per file."""

    progress = Signal(int, int, str)
    finished = Signal(object, list)  # this worker; (path, bundle, report, error, changes) per file tried

    def __init__(self, project: Project, paths: list[str], parent=None):
        super().__init__(parent)
        self._paths = list(paths)
        self._stop = threading.Event()
        self._results: list[tuple] = []
        self.task = Task(project, self._work, self)
        self.task.worker.succeeded.connect(self._keep)
        self.task.worker.failed.connect(self._failed)
        # A method of this UI-thread object, so Qt queues it after the result (a lambda would run at once).
        self.task.worker.done.connect(self._done)

    def start(self) -> None:
        self.task.start()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _work(self, project: Project, _report) -> list[tuple]:
        results = []
        for done, path in enumerate(self._paths):
            if self._stop.is_set():  # between files: a file lands whole or not at all
                break
            self.progress.emit(done, len(self._paths), path)
            project.changes.discard()
            try:
                bundle = read_exchange_file(project, path)
                report = apply_bundle(project, bundle)
            except (WorkbenchError, OSError) as exc:
                results.append((path, None, None, str(exc), NO_CHANGES))
            except Exception as exc:  # noqa: BLE001 - one bad file fails alone
                results.append((path, None, None, f"internal error: {type(exc).__name__}: {exc}", NO_CHANGES))
            else:
                # Collected on this thread's connection, where the import wrote: the panes follow it.
                results.append((path, bundle, report, "", project.changes.collect()))
        return results

    def _keep(self, results: list[tuple]) -> None:
        self._results = results

    def _done(self) -> None:
        self.finished.emit(self, list(self._results))

    def _failed(self, message: str) -> None:
        self._results = [(p, None, None, message, NO_CHANGES) for p in self._paths]


class ExchangeSummaryDialog(QDialog):
    """Every finding of the import, as plain text an analyst can read, select and copy."""

    def __init__(self, lines: list[str], parent=None):
        super().__init__(parent)
        self.setObjectName("exchangeSummary")
        self.setWindowTitle("Import summary")
        self.resize(820, 460)
        self.text = QPlainTextEdit(self, objectName="exchangeSummaryText", readOnly=True)
        self.text.setPlainText("\n".join(lines))  # file content is never markup
        self.text.setFont(QFont("monospace"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        headline = QLabel(lines[0] if lines else "", self)
        headline.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        layout.addWidget(headline)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class ExchangeImports(QObject):
    """Runs exchange imports for the import controller, with its progress bar and Cancel."""

    def __init__(self, controller):
        super().__init__(controller)
        self.controller, self.window = controller, controller.window
        self.running: tuple | None = None
        self.summary: ExchangeSummaryDialog | None = None
        self._then: Callable[[], object] | None = None

    def start(self, paths: list[str], then: Callable[[], object] | None = None) -> bool:
        """Import ``paths`` in the background; ``then`` runs when they are done (not when cancelled)."""
        self._then = then
        worker = ExchangeWorker(self.window.project, paths, self)
        worker.progress.connect(self._progress)
        worker.finished.connect(self._finished)
        self.running = (worker.task.thread, worker)
        self.controller.progress.setRange(0, 0)
        self.controller.progress.show()
        self.controller.cancel_button.setEnabled(True)
        self.controller.cancel_button.show()
        self.window.statusBar().showMessage(f"Importing {len(paths)} exchange file(s)…")
        worker.start()
        return True

    def _progress(self, done: int, total: int, path: str) -> None:
        self.controller.progress.setRange(0, max(total, 1))
        self.controller.progress.setValue(done)
        self.window.statusBar().showMessage(f"Importing {done + 1}/{total}: {path}")

    def cancel(self, wait: bool = False) -> None:
        if self.running is None:
            return
        thread, worker = self.running
        worker.cancel()
        if wait:
            thread.quit()
            thread.wait()
            self.running = None

    def _finished(self, worker: ExchangeWorker, results: list) -> None:
        if self.running is None or self.running[1] is not worker:
            return
        thread, _ = self.running
        thread.wait()
        self.running = None
        self.controller.progress.hide()
        self.controller.cancel_button.hide()
        lines: list[str] = []
        first_source = None
        for path, bundle, report, error, changes in results:
            if report is None:
                lines.append(f"failed: {path}: {error}")
                continue
            if self.window.project is not None:
                self.window.undo.run_done(ImportedExchange(bundle, report), changes)
                first_source = first_source or next(iter(report.added_source_ids), None)
            lines += report.lines()
        if first_source is not None and self.window.project is not None:
            self.window.open_source(first_source)
        if worker.cancelled:
            lines.append("cancelled: the files after the one in progress were not imported")
        imported = sum(1 for _path, _bundle, report, *_ in results if report is not None)
        conflicts = sum(len(report.conflicts) for _path, _bundle, report, *_ in results if report is not None)
        headline = (f"{imported} of {len(results)} file(s) imported; {conflicts} conflict(s)"
                    + (" (cancelled)" if worker.cancelled else ""))
        self.window.statusBar().showMessage(headline, 15000)
        self.show_summary([headline, "", *lines])
        then, self._then = self._then, None
        if then is not None and not worker.cancelled and self.window.project is not None:
            then()

    def show_summary(self, lines: list[str]) -> ExchangeSummaryDialog:
        if self.summary is not None:
            self.summary.close()
        self.summary = ExchangeSummaryDialog(lines, self.window)
        self.summary.show()
        return self.summary
