"""File ▸ Screen a list of names…: a counterparty file (CSV, XLSX or text) screened against every
imported list in the background, the candidates in a sortable table that exports to XLSX or CSV.

Analysts receive counterparties as spreadsheets and must not have to make entities of them
first: nothing is added to the project, which is only read (a read-only project works too).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import WorkbenchError
from ...services.project import Project
from ...services.screening.names_file import NameHit, export_hits, read_names, screen_names
from ..background import RunsTasks, TaskRunner
from ..item_models import Column, RecordTableModel, record_table

NAME_FILES = "Names (*.csv *.xlsx *.xlsm *.tsv *.txt);;All files (*)"
EXPORT_FILES = "Excel workbook (*.xlsx);;CSV (*.csv)"

HIT_COLUMNS = [
    Column("Name as given", lambda h: h.query, tooltip=lambda h: f"line {h.line} of the file"),
    Column("Line", lambda h: str(h.line), sort_value=lambda h: h.line),
    Column("Score", lambda h: f"{h.score:.1f}", sort_value=lambda h: h.score),
    Column("Band", lambda h: h.band.upper() if h.band == "strong" else h.band),
    Column("List", lambda h: h.list_name),
    Column("Listed entry", lambda h: h.entry_name, tooltip=lambda h: f"{h.list_name} entry {h.entry}"),
    Column("Entry id", lambda h: h.entry),
    Column("Why", lambda h: f"{h.method}: {h.matched_name!r}; {h.reasons}",
           tooltip=lambda h: f"{h.method}: {h.matched_name!r}; {h.reasons}"),
]


class NamesScreeningDialog(RunsTasks, QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("namesScreeningDialog")
        self.setWindowTitle("Screen a list of names")
        self.resize(1250, 600)
        self.project: Project | None = project
        self.source: Path | None = None
        self.hits: list[NameHit] = []
        self.last_error = ""
        self.file_label = QLabel("Choose a CSV, XLSX or text file of names (a CSV or XLSX needs a column "
                                 "'name'; kind, country and identifier columns such as inn are used when present).")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("Choose file…", objectName="chooseNamesFile")
        self.choose_button.clicked.connect(self.choose_file)
        self.status = QLabel("", objectName="namesStatus")
        self.progress = QProgressBar()
        self.cancel_button = QPushButton("Cancel", objectName="cancelNamesScreening")
        self.model = RecordTableModel(HIT_COLUMNS, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(RecordTableModel.SortRole)
        self.proxy.setSourceModel(self.model)
        self.table = record_table("namesHits", self.proxy, stretch_last=True)
        self.table.setSortingEnabled(True)
        self.export_button = QPushButton("Export…", objectName="exportNamesHits", enabled=False)
        self.export_button.clicked.connect(lambda: self.export())
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        running = QHBoxLayout()
        running.addWidget(self.status, 1)
        running.addWidget(self.progress)
        running.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(running)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.runner = TaskRunner(self.progress, self.cancel_button, self.choose_button,
                                 lambda: self.project is not None, self)

    def choose_file(self) -> None:
        folder = str(self.project.path.parent) if self.project is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, "Screen a list of names", folder, NAME_FILES)
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> bool:
        """Read and screen the file in the background; progress and Cancel show until it ends."""
        if self.project is None or self.task is not None:
            return False

        def work(project: Project, progress) -> tuple[int, list[NameHit]]:
            queries = read_names(path)
            return len(queries), screen_names(project, queries, progress=progress)

        self.source, self.last_error = path, ""
        self.file_label.setText(str(path))
        self.status.setText(f"Screening the names in {path.name}…")
        self.export_button.setEnabled(False)
        return self.runner.start(self.project, work, self._progress, self._screened, self._failed, self._cancelled)

    def _progress(self, _fraction: float, message: str) -> None:
        self.status.setText(message)

    def _screened(self, result: tuple[int, list[NameHit]]) -> None:
        names, self.hits = result
        self.model.set_records(self.hits)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        strong = sum(hit.band == "strong" for hit in self.hits)
        entries = len({(hit.list_name, hit.entry) for hit in self.hits})
        self.status.setText(f"{names:,} names screened from {self.source.name if self.source else 'the file'}: "
                            f"{len(self.hits):,} candidates ({strong:,} strong) on {entries:,} list entries; "
                            "nothing was added to the project")
        self.export_button.setEnabled(bool(self.hits))

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.status.setText(f"Could not screen the file: {message}")

    def _cancelled(self) -> None:
        self.status.setText("Screening cancelled")

    def export(self, path: Path | None = None) -> Path | None:
        """Write the candidates to XLSX or CSV (the suffix chooses); cells that look like formulas stay text."""
        if path is None:
            start = str(self.source.with_name(self.source.stem + " screened.xlsx")) if self.source else ""
            chosen, _ = QFileDialog.getSaveFileName(self, "Export the candidates", start, EXPORT_FILES)
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() not in (".xlsx", ".csv"):
                path = path.with_suffix(".xlsx")
        try:
            written = export_hits(self.hits, path)
        except (WorkbenchError, OSError) as exc:
            self.last_error = str(exc)
            self.status.setText(f"Could not export: {exc}")
            return None
        self.status.setText(f"{len(self.hits):,} candidates written to {written}")
        return written

    def done(self, result: int) -> None:  # noqa: A003 - Qt API: closing waits for a running screening
        self.wait()
        super().done(result)


def open_names_screening(window) -> NamesScreeningDialog | None:
    """File ▸ Screen a list of names…: the dialog, which asks for the file at once."""
    if window.project is None:
        return None
    dialog = NamesScreeningDialog(window.project, window)
    dialog.setModal(True)
    dialog.show()
    window.names_dialog = dialog
    dialog.choose_file()
    return dialog
