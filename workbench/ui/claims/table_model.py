"""A Qt table model over the project's claims that holds ids and loads rows as they are shown.

Like Anki's browser table: filtering and sorting ask the store for an ordered list
of ids; a row's fields are read in pages only when a view asks for them, so a
project of 100,000 claims opens as fast as one of 100.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.changes import IdChanges
from ...core.model import Claim
from ...core.text import one_line
from ...services.project import Project
from ...storage.claim_queries import ClaimQuery
from ..item_models import Column
from ..plain_text import plain_tooltip

PAGE_SIZE = 200
CACHE_LIMIT = 5000

CLAIM_COLUMNS = [
    Column("Quote", lambda c: one_line(c.anchor.quote, 90), lambda c: c.anchor.quote),
    Column("Statement", lambda c: one_line(c.statement, 80), lambda c: c.statement),
    Column("Kind", lambda c: c.kind.value),
    Column("Source", lambda c: one_line(c.source_title, 40), lambda c: c.source_title),
    Column("Tags", lambda c: ", ".join(c.tags)),
    Column("Entities", lambda c: ", ".join(c.entities)),
    Column("Grading", lambda c: c.grading.code, lambda c: "Source reliability A-F, information credibility 1-6"),
    Column("Created", lambda c: c.created_at[:10], lambda c: c.created_at),
]
SORT_KEY_BY_COLUMN = ["quote", "statement", "kind", "source", "tags", "entities", "grading", "created"]


class ClaimTableModel(QAbstractTableModel):
    ClaimIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.query = ClaimQuery()
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._cache: dict[int, Claim] = {}

    # -- what is shown ------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.query = ClaimQuery()
        self.reload()

    def set_query(self, query: ClaimQuery) -> None:
        if query != self.query:
            self.query = query
            self.reload()

    def reload(self) -> None:
        """Ask the store again (after an edit, a filter or a sort); rows are read lazily later."""
        self.beginResetModel()
        self._ids = self.project.claims.query_ids(self.query) if self.project is not None else []
        self._rows = {claim_id: row for row, claim_id in enumerate(self._ids)}
        self._cache.clear()
        self.endResetModel()

    def apply_changes(self, claims: IdChanges, sources: frozenset[int] = frozenset()) -> None:
        """Follow an edit with row-level removes, inserts and updates (no reset, so selection and scroll
        stay). The filter and sort decide, as on a fresh load, whether and where a claim is listed.
        ``sources`` whose details changed show in their claims' rows (the Source column)."""
        if self.project is None:
            return
        of_sources = {claim_id for claim_id, claim in self._cache.items() if claim.source_id in sources}
        if not claims and not of_sources:
            return
        claims = IdChanges(claims.added, claims.changed | of_sources, claims.removed)
        new_ids = self.project.claims.query_ids(self.query)
        for claim_id in claims.touched:
            self._cache.pop(claim_id, None)
        kept = set(new_ids)
        old_common = [i for i in self._ids if i in kept]
        new_set = set(self._ids)
        if old_common != [i for i in new_ids if i in new_set]:  # an edit moved rows: re-sort, keep the view
            self.layoutAboutToBeChanged.emit()
            self._replace_ids(new_ids)
            self.layoutChanged.emit()
            return
        self._remove_rows(kept)
        self._insert_rows(new_ids)
        self.refresh_claims(sorted(claims.changed & kept))

    def _remove_rows(self, kept: set[int]) -> None:
        for row in range(len(self._ids) - 1, -1, -1):
            if self._ids[row] not in kept:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()
        self._rows = {claim_id: row for row, claim_id in enumerate(self._ids)}

    def _insert_rows(self, new_ids: list[int]) -> None:
        if len(new_ids) == len(self._ids):
            return
        for row, claim_id in enumerate(new_ids):
            if row >= len(self._ids) or self._ids[row] != claim_id:
                self.beginInsertRows(QModelIndex(), row, row)
                self._ids.insert(row, claim_id)
                self.endInsertRows()
        self._rows = {claim_id: row for row, claim_id in enumerate(self._ids)}

    def _replace_ids(self, ids: list[int]) -> None:
        old_persistent = self.persistentIndexList()
        old_ids = [self._ids[index.row()] for index in old_persistent]
        self._ids = list(ids)
        self._rows = {claim_id: row for row, claim_id in enumerate(self._ids)}
        new_persistent = [self.index(self._rows[claim_id], index.column()) if claim_id in self._rows
                          else QModelIndex() for claim_id, index in zip(old_ids, old_persistent, strict=True)]
        self.changePersistentIndexList(old_persistent, new_persistent)

    def refresh_claims(self, claim_ids: list[int]) -> None:
        """Read some claims again without resetting the view (after an edit that keeps the order)."""
        for claim_id in claim_ids:
            self._cache.pop(claim_id, None)
            row = self._rows.get(claim_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def claim_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, claim_id: int) -> int | None:
        return self._rows.get(claim_id)

    def claim(self, row: int) -> Claim | None:
        claim_id = self._ids[row]
        found = self._cache.get(claim_id)
        if found is None:
            self._load_page(row)
            found = self._cache.get(claim_id)
        return found

    def loaded_count(self) -> int:
        return len(self._cache)

    def _load_page(self, row: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        first = max(0, row - PAGE_SIZE // 4)
        wanted = [i for i in self._ids[first:first + PAGE_SIZE] if i not in self._cache]
        self._cache.update((claim.id, claim) for claim in self.project.claims.get_many(wanted))

    # -- Qt model API ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(CLAIM_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == self.ClaimIdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        claim = self.claim(index.row())
        if claim is None:  # deleted since the ids were read
            return None
        column = CLAIM_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(column.tooltip(claim)) if column.tooltip else None
        value = column.value(claim)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return CLAIM_COLUMNS[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(replace(self.query, sort=SORT_KEY_BY_COLUMN[column],
                               descending=order == Qt.SortOrder.DescendingOrder))
