"""Keyword in context: every occurrence of a query as a lazy table.

Rows come from services.search.occurrences in batches as the view scrolls
(canFetchMore/fetchMore), so the first screenful of 100,000 occurrences shows as soon
as the first sources are matched. Sorting by source, position or the word before or
after needs every row, so it reads the rest first.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...core.text import fold_for_search, one_line
from ...services.search.occurrences import Occurrence, OccurrenceSearch
from .emphasis import emphasised_html

BATCH = 200
COLUMNS = ("Source", "Place", "Before", "Match", "After")
_WORD = re.compile(r"\w+")


def word_before(o: Occurrence) -> str:
    words = _WORD.findall(fold_for_search(o.left))
    return words[-1] if words else ""


def word_after(o: Occurrence) -> str:
    found = _WORD.search(fold_for_search(o.right))
    return found.group() if found else ""


_WHERE = {"entity": "Entity: ", "reference": "Reference data: ", "list": "List: ", "removed": "Removed: "}


def title_of(o: Occurrence) -> str:
    """The Source column: a record or a removed block says what it is."""
    return _WHERE.get(o.where, "") + o.title


def place_of(o: Occurrence) -> str:
    if o.where in ("entity", "reference", "list"):
        return o.field  # name, alias, or the identifier's scheme
    return f"p. {o.page}" if o.page else f"¶ {o.paragraph}"


def cell_html(o: Occurrence, column: int) -> str:
    """Before, Match or After with every occurrence of a query term in bold (``others`` count from
    the start of the context before)."""
    if column == 3:
        return f"<b>{emphasised_html(o.match, [])}</b>"
    if column == 2:
        return emphasised_html(o.left, [(s, e) for s, e in o.others if e <= len(o.left)])
    shift = len(o.left) + len(o.match)
    return emphasised_html(o.right, [(s - shift, e - shift) for s, e in o.others if s >= shift])


_SORT_KEYS = {
    0: lambda o: (fold_for_search(title_of(o)), o.source_id, o.start),
    1: lambda o: (o.source_id, o.start),
    2: lambda o: (word_before(o), o.source_id, o.start),
    3: lambda o: (fold_for_search(o.match), o.source_id, o.start),
    4: lambda o: (word_after(o), o.source_id, o.start),
}


class KwicModel(QAbstractTableModel):
    RecordRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Occurrence] = []
        self._pending = None

    def set_search(self, search: OccurrenceSearch | None) -> None:
        self.beginResetModel()
        self._rows = []
        self._pending = search.occurrences() if search is not None else None
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and self._pending is not None

    def fetchMore(self, parent=QModelIndex(), count: int = BATCH) -> None:  # noqa: N802 - Qt API
        if self._pending is None:
            return
        batch = []
        for occurrence in self._pending:
            batch.append(occurrence)
            if len(batch) >= count:
                break
        else:
            self._pending = None
        if batch:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()

    def fetch_all(self) -> None:
        while self._pending is not None:
            self.fetchMore(QModelIndex(), 5000)

    def record(self, row: int) -> Occurrence:
        return self._rows[row]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        o = self._rows[index.row()]
        if role == self.RecordRole:
            return o
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return one_line(title_of(o), 60)
        if column == 1:
            return place_of(o)
        return one_line((o.left, o.match, o.right)[column - 2])

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.fetch_all()
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
