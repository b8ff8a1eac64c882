"""What an import did to every file it was given: imported, duplicate, failed (with the reason) or not started."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QTableView,
    QVBoxLayout,
)

from ..services.ingest import ImportResult

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


def summary_rows(results: list[ImportResult], not_started: list[str], cancelled: bool) -> list[SummaryRow]:
    rows = [SummaryRow(r.status, r.path, r.message, r.source.id if r.source is not None else None) for r in results]
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
    return ("Import cancelled: " if cancelled else "Import finished: ") + ", ".join(parts)


def _common_folder(paths: list[str]) -> str:
    folders = [str(Path(p).parent) for p in paths]
    try:
        return os.path.commonpath(folders) if folders else ""
    except ValueError:  # different drives
        return ""


class ImportSummaryModel(QAbstractTableModel):
    COLUMNS = ("Result", "File", "Details")

    def __init__(self, rows: list[SummaryRow], parent=None):
        super().__init__(parent)
        self.rows = rows
        self.base = _common_folder([r.path for r in rows])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def shown_path(self, row: SummaryRow) -> str:
        return os.path.relpath(row.path, self.base) if self.base else row.path

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (STATUS_LABELS[row.status], self.shown_path(row), row.details)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.path if column == 1 else row.details
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor(STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.UserRole:
            return row.status
        return None


class ImportSummaryDialog(QDialog):
    """Every file of an import with what became of it; double-click opens an imported (or duplicated) source."""

    sourceChosen = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, rows: list[SummaryRow], cancelled: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle("Import summary")
        self.resize(1040, 440)
        self.rows = rows
        self.model = ImportSummaryModel(rows, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterKeyColumn(0)
        self.headline = QLabel(headline(rows, cancelled), self, objectName="importHeadline")
        self.headline.setWordWrap(True)
        self.show_only = QComboBox(self, objectName="importSummaryFilter")
        self.show_only.addItem("All files", "")
        for status, count in count_by_status(rows).items():
            if count:
                self.show_only.addItem(f"{STATUS_LABELS[status]} ({count})", status)
        self.show_only.currentIndexChanged.connect(self._filter)
        self.table = self._build_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip("Copy every row as tab-separated text (for a spreadsheet or a note)")
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(QLabel("Show:", self))
        top.addWidget(self.show_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Double-click an imported or duplicate file to open its source.", self))
        layout.addWidget(buttons)

    def _build_table(self) -> QTableView:
        table = QTableView(self, objectName="importSummaryTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # in the order tried, until a header is clicked
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.setColumnWidth(1, 300)
        table.doubleClicked.connect(self._open)
        return table

    def _filter(self) -> None:
        status = self.show_only.currentData()
        # Fixed-string filters match substrings; "imported" must not also match "not started".
        self.proxy.setFilterRegularExpression(f"^{status}$" if status else "")

    def _open(self, index) -> None:
        row = self.rows[self.proxy.mapToSource(index).row()]
        if row.source_id is not None:
            self.sourceChosen.emit(row.source_id)

    def report_text(self) -> str:
        lines = ["\t".join(ImportSummaryModel.COLUMNS)]
        lines += ["\t".join((STATUS_LABELS[r.status], r.path, r.details)) for r in self.rows]
        return "\n".join(lines) + "\n"

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
