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

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from ..core.errors import WorkbenchError
from ..services.exchange.apply import apply_bundle
from ..services.exchange.formats import EXCHANGE_SUFFIXES, is_exchange_file, read_exchange_file
from ..services.exchange.undo import ImportedExchange
from ..services.project import Project

EXCHANGE_FILTER = f"REFI-QDA, W3C and Hypothesis files ({' '.join('*' + s for s in EXCHANGE_SUFFIXES)})"


def split_exchange(paths: list[str]) -> tuple[list[str], list[str]]:
    exchange = [p for p in paths if is_exchange_file(p)]
    return exchange, [p for p in paths if p not in exchange]


class ExchangeWorker(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object, list)  # this worker; (path, bundle, report, error) per file tried

    def __init__(self, project: Project, paths: list[str]):
        super().__init__()
        self._project, self._paths = project, list(paths)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        results = []
        try:
            project = self._project.for_thread()
        except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in the thread
            self.finished.emit(self, [(p, None, None, f"cannot start the import: {exc}") for p in self._paths])
            return
        try:
            for done, path in enumerate(self._paths):
                if self._cancel.is_set():
                    break
                self.progress.emit(done, len(self._paths), path)
                try:
                    bundle = read_exchange_file(project, path)
                    results.append((path, bundle, apply_bundle(project, bundle), ""))
                except (WorkbenchError, OSError) as exc:
                    results.append((path, None, None, str(exc)))
                except Exception as exc:  # noqa: BLE001 - one bad file fails alone
                    results.append((path, None, None, f"internal error: {type(exc).__name__}: {exc}"))
        finally:
            project.close()
            self.finished.emit(self, results)


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
        thread = QThread(self)
        worker = ExchangeWorker(self.window.project, paths)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        thread.finished.connect(worker.deleteLater)
        worker.progress.connect(self._progress)
        worker.finished.connect(self._finished)
        self.running = (thread, worker)
        self.controller.progress.setRange(0, 0)
        self.controller.progress.show()
        self.controller.cancel_button.setEnabled(True)
        self.controller.cancel_button.show()
        self.window.statusBar().showMessage(f"Importing {len(paths)} exchange file(s)…")
        thread.start()
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
        for path, bundle, report, error in results:
            if report is None:
                lines.append(f"failed: {path}: {error}")
                continue
            if self.window.project is not None:
                self.window.undo.run(ImportedExchange(bundle, report))
                first_source = first_source or next(iter(report.added_source_ids), None)
            lines += report.lines()
        if first_source is not None and self.window.project is not None:
            self.window.open_source(first_source)
        if worker.cancelled:
            lines.append("cancelled: the files after the one in progress were not imported")
        imported = sum(1 for *_, report, _error in results if report is not None)
        conflicts = sum(len(report.conflicts) for *_, report, _error in results if report is not None)
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
