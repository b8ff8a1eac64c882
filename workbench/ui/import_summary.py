"""What an import did to every file it was given: imported, duplicate, failed (with the reason) or not started."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from ..services.ingest import ImportResult
from .item_models import Column, RecordTableModel, record_table

NOT_STARTED = "not started"
STATUS_LABELS = {"imported": "Imported", "duplicate": "Duplicate", "failed": "Failed", NOT_STARTED: "Not started"}
# Muted colours that read on light and dark backgrounds alike.
STATUS_COLOURS = {"imported": "#2e8b57", "duplicate": "#b8860b", "failed": "#d0342c", NOT_STARTED: "#808080"}


@dataclass(frozen=True, slots=True)
class SummaryRow:
    status: str  # imported, duplicate, failed or not started
    path: str
    details: str
    source_id: int | None = None  # the new source, or the one a duplicate repeats
    warnings: tuple[str, ...] = ()  # the cleaning held back (over-removal guard): shown above the table


def summary_rows(results: list[ImportResult], not_started: list[str], cancelled: bool) -> list[SummaryRow]:
    rows = [SummaryRow(r.status, r.path, r.message, r.source.id if r.source is not None else None,
                       getattr(r, "warnings", ())) for r in results]
    why = "the import was cancelled before this file" if cancelled else "the import stopped before this file"
    rows += [SummaryRow(NOT_STARTED, path, why) for path in not_started]
    return rows


def count_by_status(rows: list[SummaryRow]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def headline(rows: list[SummaryRow], cancelled: bool) -> str:
    counts = count_by_status(rows)
    parts = [f"{counts['imported']} imported", f"{counts['duplicate']} duplicate{'s' if counts['duplicate'] != 1 else ''}",
             f"{counts['failed']} failed"]
    if counts[NOT_STARTED]:
        parts.append(f"{counts[NOT_STARTED]} not started")
    warned = sum(bool(row.warnings) for row in rows)
    if warned:
        parts.append(f"{warned} with a cleaning warning")
    return ("Import cancelled: " if cancelled else "Import finished: ") + ", ".join(parts)


def _common_folder(paths: list[str]) -> str:
    folders = [str(Path(p).parent) for p in paths]
    try:
        return os.path.commonpath(folders) if folders else ""
    except ValueError:  # different drives
        return ""


def summary_columns(rows: list[SummaryRow]) -> list[Column]:
    """Result, file (relative to the folder all files share) and details, with the full path as a tooltip."""
    base = _common_folder([r.path for r in rows])

    def shown(row: SummaryRow) -> str:
        return os.path.relpath(row.path, base) if base else row.path
    return [Column("Result", lambda r: STATUS_LABELS[r.status]), Column("File", shown, lambda r: r.path),
            Column("Details", lambda r: r.details, lambda r: r.details)]


class ImportSummaryModel(RecordTableModel):
    """The summary rows; the result is coloured by what became of the file."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 0:
            return QColor(STATUS_COLOURS[self.record(index.row()).status])
        return super().data(index, role)


class StatusFilter(QSortFilterProxyModel):
    """Rows of one status (all when the status is empty)."""

    status = ""

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent) -> bool:  # noqa: N802 - Qt API
        return not self.status or self.sourceModel().record(row).status == self.status


class ImportSummaryDialog(QDialog):
    """Every file of an import with what became of it; double-click opens an imported (or duplicated) source."""

    sourceChosen = Signal(int)  # noqa: N815 - Qt signal naming
    cleanAnywayRequested = Signal(int)  # noqa: N815 - a source whose held-back cleaning the analyst wants applied

    def __init__(self, rows: list[SummaryRow], cancelled: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle("Import summary")
        self.resize(1040, 440)
        self.rows = rows
        self.model = ImportSummaryModel(summary_columns(rows), rows, self)
        self.proxy = StatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(RecordTableModel.SortRole)
        self.headline = QLabel(headline(rows, cancelled), self, objectName="importHeadline")
        self.headline.setWordWrap(True)
        self.show_only = QComboBox(self, objectName="importSummaryFilter")
        self.show_only.addItem("All files", "")
        for status, count in count_by_status(rows).items():
            if count:
                self.show_only.addItem(f"{STATUS_LABELS[status]} ({count})", status)
        self.show_only.currentIndexChanged.connect(lambda _: self.proxy.set_status(self.show_only.currentData()))
        self.table = self._build_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip("Copy every row as tab-separated text (for a spreadsheet or a note)")
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        self.warnings = QLabel(self, objectName="importWarnings")
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are never markup
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(f"color: {STATUS_COLOURS['failed']};")
        self.clean_anyway = buttons.addButton("Clean anyway", QDialogButtonBox.ButtonRole.ActionRole)
        self.clean_anyway.setObjectName("cleanAnyway")
        self.clean_anyway.setToolTip("Apply the cleaning that was held back for the selected file (undoable)")
        self.clean_anyway.clicked.connect(self._clean_anyway)
        self._show_warnings()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_clean_anyway())
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(QLabel("Show:", self))
        top.addWidget(self.show_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Double-click an imported or duplicate file to open its source.", self))
        layout.addWidget(buttons)

    def _build_table(self) -> QTableView:
        table = record_table("importSummaryTable", self.proxy)
        table.setParent(self)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # in the order tried, until a header is clicked
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.setColumnWidth(1, 300)
        table.doubleClicked.connect(self._open)
        return table

    def _open(self, index) -> None:
        row = self.rows[self.proxy.mapToSource(index).row()]
        if row.source_id is not None:
            self.sourceChosen.emit(row.source_id)

    def _show_warnings(self) -> None:
        warned = [r for r in self.rows if r.warnings]
        lines = [f"⚠ {os.path.basename(r.path)}: {w}" for r in warned for w in r.warnings]
        self.warnings.setText("\n".join(lines[:6] + ([f"… and {len(lines) - 6} more"] if len(lines) > 6 else [])))
        self.warnings.setVisible(bool(lines))
        self.clean_anyway.setVisible(bool(warned))
        if warned:
            self.select_path(warned[0].path)
        self._update_clean_anyway()

    def current_row(self) -> SummaryRow | None:
        index = self.table.currentIndex()
        return self.rows[self.proxy.mapToSource(index).row()] if index.isValid() else None

    def select_path(self, path: str) -> None:
        for number, row in enumerate(self.rows):
            if row.path == path:
                self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(number, 0)))

    def _update_clean_anyway(self) -> None:
        row = self.current_row()
        self.clean_anyway.setEnabled(row is not None and bool(row.warnings) and row.source_id is not None)

    def _clean_anyway(self) -> None:
        row = self.current_row()
        if row is not None and row.warnings and row.source_id is not None:
            self.cleanAnywayRequested.emit(row.source_id)

    def mark_cleaned(self, source_id: int) -> None:
        """The held-back cleaning of this source was applied: its warning is answered."""
        self.rows = [replace(r, warnings=(), details=r.details + "; cleaned anyway") if r.source_id == source_id
                     else r for r in self.rows]
        self.model.set_records(self.rows)
        self._show_warnings()

    def report_text(self) -> str:
        lines = ["Result\tFile\tDetails"]
        lines += ["\t".join((STATUS_LABELS[r.status], r.path, r.details)) for r in self.rows]
        return "\n".join(lines) + "\n"

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
