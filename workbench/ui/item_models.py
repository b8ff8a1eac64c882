"""One generic adapter from a Python list of records to a Qt table model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from .plain_text import plain_tooltip
from .theme import sort_arrow_as_read


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    tooltip: Callable[[Any], str] | None = None
    sort_value: Callable[[Any], Any] | None = None  # when sorting by the shown text would be wrong (numbers)


class RecordTableModel(QAbstractTableModel):
    """Rows are plain objects; columns say how to show them. Holds no Qt state of its own."""

    RecordRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[Column], records: Sequence[Any] = (), parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._records = list(records)

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def apply_records(self, present: Sequence[Any], removed_keys, key: Callable[[Any], Any] = lambda r: r.id) -> None:
        """Row-level follow-up of an edit: remove rows by key, update rows in place, append new ones
        (a sorting proxy above puts them where they belong). Selection and scroll position stay."""
        removed_keys = set(removed_keys)
        for row in range(len(self._records) - 1, -1, -1):
            if key(self._records[row]) in removed_keys:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._records[row]
                self.endRemoveRows()
        rows = {key(record): row for row, record in enumerate(self._records)}
        last_column = max(0, len(self._columns) - 1)
        for record in present:
            row = rows.get(key(record))
            if row is not None:
                self._records[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
            else:
                self.beginInsertRows(QModelIndex(), len(self._records), len(self._records))
                self._records.append(record)
                self.endInsertRows()

    def record(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> list[Any]:
        return list(self._records)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(record)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return plain_tooltip(column.tooltip(record))
        if role == self.RecordRole:
            return record
        if role == self.SortRole:
            value = (column.sort_value or column.value)(record)
            return "" if value is None else value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        return None


def record_table(name: str, model: QAbstractItemModel, stretch_last: bool = False) -> QTableView:
    """A read-only table of whole-row records, one selected at a time."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab goes on to the next control, not cell by cell; arrows move in the table
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    sort_arrow_as_read(view.horizontalHeader())  # sortable tables: the arrow points the way the rows run
    return view
