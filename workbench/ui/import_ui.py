"""Importing from the desktop program: choosing files or a folder (or dropping them on the window), the
options step, the run in a worker thread with progress and Cancel, and the summary at the end.

The file filter comes from the ingest registry, so a format added there is offered here.
An import is one undoable step however many files it brought in.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ..services import commands
from ..services.ingest import FORMATS, ImportOptions
from ..services.settings import Settings
from .exchange_import import EXCHANGE_FILTER, ExchangeImports, split_exchange
from .import_summary import ImportSummaryDialog, count_by_status, headline, summary_rows
from .workers import start_import

OPTIONS_KEY = "import_options"
# Offered in the encoding box; any other name Python knows may be typed in.
ENCODING_CHOICES = (
    ("Detect automatically", ""), ("UTF-8", "utf-8"), ("UTF-16", "utf-16"), ("Windows-1251 (Cyrillic)", "cp1251"),
    ("KOI8-R (Cyrillic)", "koi8-r"), ("GB18030 (Chinese)", "gb18030"), ("Big5 (Chinese)", "big5"),
    ("Shift JIS (Japanese)", "shift_jis"), ("Windows-1252 (Western)", "cp1252"), ("Latin-1", "latin-1"),
)


def import_filter() -> str:
    """The file dialog's filter: every supported suffix, then one entry per format, then all files."""
    def patterns(suffixes) -> str:
        return " ".join(f"*{suffix}" for suffix in suffixes)
    every = [suffix for fmt in FORMATS for suffix in fmt.suffixes]
    exchange = EXCHANGE_FILTER[EXCHANGE_FILTER.index("(") + 1:-1]
    entries = [f"All supported files ({patterns(every)} {exchange})"]
    entries += [f"{fmt.label or fmt.name} ({patterns(fmt.suffixes)})" for fmt in FORMATS]
    return ";;".join([*entries, EXCHANGE_FILTER, "All files (*)"])


def load_options(settings: Settings) -> ImportOptions:
    saved = settings.get(OPTIONS_KEY, {})
    saved = saved if isinstance(saved, dict) else {}
    encoding = saved.get("encoding") or None
    return ImportOptions(encoding=encoding if isinstance(encoding, str) else None,
                         keep_boilerplate=bool(saved.get("keep_boilerplate", False)))


def save_options(settings: Settings, options: ImportOptions) -> None:
    settings.set(OPTIONS_KEY, {"encoding": options.encoding or "", "keep_boilerplate": options.keep_boilerplate})


def _describe_paths(paths: list[str]) -> str:
    names = [Path(p).name + ("/" if Path(p).is_dir() else "") for p in paths]
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    folders = sum(Path(p).is_dir() for p in paths)
    what = f"{len(paths) - folders} file(s)" + (f" and {folders} folder(s), searched with their subfolders"
                                                   if folders else "")
    return f"Import {what}: {shown}"


class ImportOptionsDialog(QDialog):
    """The step between choosing files and importing them; Import is the default button, so Enter imports."""

    def __init__(self, paths: list[str], options: ImportOptions, parent=None):
        super().__init__(parent)
        self.setObjectName("importOptions")
        self.setWindowTitle("Import options")
        self.paths = list(paths)
        what = QLabel(_describe_paths(self.paths), self)
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)  # file names are never HTML
        self.encoding = QComboBox(self, objectName="importEncoding", editable=True)
        for label, value in ENCODING_CHOICES:
            self.encoding.addItem(label, value)
        self._show_encoding(options.encoding or "")
        self.encoding.setToolTip("Text files (and web pages that do not declare their encoding) are read in this "
                                 "encoding. Choose one only when the detected one gives garbled letters.")
        self.keep_boilerplate = QCheckBox("Keep teasers, promo blocks and site chrome in the text", self,
                                          objectName="importKeepBoilerplate")
        self.keep_boilerplate.setChecked(options.keep_boilerplate)
        self.keep_boilerplate.setToolTip("Left unticked, such blocks are kept out of the reading text and listed "
                                         "under Edit ▸ Removed from this source, where each can be put back.")
        self.problem = QLabel(self, objectName="importOptionsProblem")
        self.problem.setStyleSheet("color: #d0342c")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Encoding of text files:", self.encoding)
        form.addRow("", self.keep_boilerplate)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _show_encoding(self, value: str) -> None:
        found = self.encoding.findData(value)
        if found >= 0:
            self.encoding.setCurrentIndex(found)
        else:
            self.encoding.setEditText(value)

    def chosen_encoding(self) -> str:
        """The codec name picked or typed; "" to detect. Typed labels of the list count as picks."""
        text = self.encoding.currentText().strip()
        found = self.encoding.findText(text)
        return self.encoding.itemData(found) if found >= 0 else text

    def options(self) -> ImportOptions:
        return ImportOptions(encoding=self.chosen_encoding() or None,
                             keep_boilerplate=self.keep_boilerplate.isChecked())

    def accept(self) -> None:
        encoding = self.chosen_encoding()
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                self.problem.setText(f"“{encoding}” is not an encoding this program knows; pick one from the list")
                self.problem.show()
                return
        super().accept()


class ImportController(QObject):
    """Runs imports for the main window: one at a time, in a worker thread, with progress, Cancel and a summary."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.running: tuple | None = None  # (thread, worker) while an import runs
        self.summary: ImportSummaryDialog | None = None
        self.progress = QProgressBar(window, objectName="importProgress", maximumWidth=220)
        self.cancel_button = QPushButton("Cancel", window, objectName="cancelImport")
        self.cancel_button.setToolTip("Stop the import after the file in progress")
        self.cancel_button.clicked.connect(lambda: self.cancel())
        for widget in (self.progress, self.cancel_button):
            window.statusBar().addPermanentWidget(widget)
            widget.hide()
        window.setAcceptDrops(True)
        window.reader.setAcceptDrops(False)  # read-only text: a drop there is an import, not an edit
        window.installEventFilter(self)
        self.exchange = ExchangeImports(self)  # REFI-QDA, W3C and Hypothesis files

    @property
    def busy(self) -> bool:
        return self.running is not None or self.exchange.running is not None

    def _can_import(self) -> bool:
        project = self.window.project
        return project is not None and project.writable and not self.busy

    # -- choosing what to import ----------------------------------------------------------

    def choose_files(self) -> None:
        if self._can_import():
            paths, _ = QFileDialog.getOpenFileNames(self.window, "Import sources", "", import_filter())
            if paths:
                self.ask_options(paths)

    def choose_folder(self) -> None:
        if self._can_import():
            folder = QFileDialog.getExistingDirectory(self.window, "Import every supported file in a folder")
            if folder:
                self.ask_options([folder])

    def ask_options(self, paths: list[str]) -> ImportOptionsDialog | None:
        """The options step (window-modal, not blocking); Import starts the run with the options remembered."""
        if not self._can_import():
            return None
        exchange, paths = split_exchange(paths)
        if exchange:  # their text comes with them: no options to ask; the other files' step comes after
            self.exchange.start(exchange, then=lambda: self.ask_options(paths) if paths else None)
            return None
        dialog = ImportOptionsDialog(paths, load_options(self.window.settings), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            save_options(self.window.settings, dialog.options())
            self.start(dialog.paths, dialog.options())
        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
            if not paths or not self._can_import():
                event.ignore()
                return True
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self.ask_options(paths)
            return True
        return super().eventFilter(watched, event)

    # -- the run --------------------------------------------------------------------------

    def start(self, paths: list[str], options: ImportOptions | None = None) -> bool:
        """Import now, with the given options (the remembered ones when none are given)."""
        if not self._can_import():
            return False
        exchange, paths = split_exchange(paths)
        if exchange:  # source files given with them are imported next
            return self.exchange.start(exchange, then=lambda: self.start(paths, options) if paths else None)
        options = options or load_options(self.window.settings)
        thread, worker = start_import(self.window.project, paths, self, options)
        self.running = (thread, worker)
        self.progress.setRange(0, 0)  # busy until the worker has counted the files
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        worker.progress.connect(self._progress)
        worker.failed.connect(self.window.show_error)
        worker.finished.connect(self._finished)
        self.window.statusBar().showMessage(f"Importing {len(paths)} item(s)…")
        return True

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.window.statusBar().showMessage(f"Importing {done}/{total}: {message}" if message
                                            else f"Importing {total} file(s)…")

    def _finished(self, worker, results: list, not_started: list[str]) -> None:
        if self.running is None or self.running[1] is not worker:
            return  # an import abandoned when its project was closed
        thread, _ = self.running
        thread.wait()
        self.running = None
        self.progress.hide()
        self.cancel_button.hide()
        window = self.window
        imported = [r.source.id for r in results if r.status == "imported"]
        if imported and window.project is not None:
            # The import wrote on its own connection: the panes follow the change set it collected there.
            window.undo.run_done(commands.ImportedSources(imported), worker.changes)
            window.open_source(imported[0])
        rows = summary_rows(results, not_started, worker.cancelled)
        counts = count_by_status(rows)
        window.statusBar().showMessage(headline(rows, worker.cancelled), 15000)
        # A lone file that went in cleanly needs no report; anything else is listed, every file with its reason,
        # and so is a file whose cleaning was held back by the over-removal guard.
        if len(rows) > 1 or counts["imported"] != len(rows) or any(r.warnings for r in rows):
            self.show_summary(rows, worker.cancelled)

    def show_summary(self, rows, cancelled: bool) -> ImportSummaryDialog:
        if self.summary is not None:
            self.summary.close()
        self.summary = ImportSummaryDialog(rows, cancelled, self.window)
        self.summary.sourceChosen.connect(self._open_from_summary)
        self.summary.cleanAnywayRequested.connect(self._clean_anyway)
        self.summary.show()
        return self.summary

    def _clean_anyway(self, source_id: int) -> None:
        window = self.window
        if window.project is None or window.library.source(source_id) is None:
            window.show_error("that source is no longer in the project (its import was undone)")
        elif window.corrections.clean_anyway(source_id):
            self.summary.mark_cleaned(source_id)
            window.open_source(source_id)

    def _open_from_summary(self, source_id: int) -> None:
        window = self.window
        if window.project is not None and window.library.source(source_id) is not None:
            window.open_source(source_id)
        else:
            window.show_error("that source is no longer in the project (its import was undone)")

    def cancel(self, wait: bool = False) -> None:
        """Stop after the file in progress; with ``wait``, block until then and forget the import (closing)."""
        self.exchange.cancel(wait)
        if self.running is None:
            return
        thread, worker = self.running
        worker.cancel()
        self.cancel_button.setEnabled(False)
        self.window.statusBar().showMessage("Cancelling the import after the file in progress…")
        if wait:
            thread.quit()
            thread.wait()
            self.running = None
            self.progress.hide()
            self.cancel_button.hide()
