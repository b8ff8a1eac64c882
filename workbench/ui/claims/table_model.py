"""A Qt table model over the project's claims that holds ids and loads rows as they are shown.

Like Anki's browser table: filtering and sorting ask the store for an ordered list
of ids; a row's fields are read in pages only when a view asks for them, so a
project of 100,000 claims opens as fast as one of 100.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.changes import IdChanges
from ...core.model import Claim
from ...core.text import one_line
from ...services.intelligence.analysis import Standing
from ...services.intelligence.confidence import RULE
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
    Column("Confidence", lambda c: ""),  # from the project's analysis (standing_of), not from the claim alone
    Column("Created", lambda c: c.created_at[:10], lambda c: c.created_at),
]
CONFIDENCE_COLUMN = 7
SORT_KEY_BY_COLUMN = ["quote", "statement", "kind", "source", "tags", "entities", "grading", None, "created"]


class ClaimTableModel(QAbstractTableModel):
    ClaimIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.query = ClaimQuery()
        self._ids: list[int] = []
        self._listed: set[int] = set()  # the ids of _ids, for membership; rows are found with list.index
        self._last_placed: tuple[int, int] | None = None  # (claim id, row) of the row last inserted
        self._cache: dict[int, Claim] = {}
        # A claim's corroboration and confidence, from the analysis of the whole project (ui.intelligence).
        self.standing_of: Callable[[int], Standing | None] = lambda _claim_id: None

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
        self._listed = set(self._ids)
        self._cache.clear()
        self.endResetModel()

    def apply_changes(self, claims: IdChanges, sources: frozenset[int] = frozenset()) -> None:
        """Follow an edit with row-level removes, inserts and updates (no reset, so selection and scroll
        stay). The filter and sort decide, as on a fresh load, whether and where a claim is listed: only
        the claims the edit names are asked about, so the cost does not grow with the table.
        ``sources`` whose details changed show in their claims' rows (the Source column)."""
        if self.project is None:
            return
        of_sources = {claim_id for claim_id, claim in self._cache.items() if claim.source_id in sources}
        touched = claims.touched | of_sources
        if not touched:
            return
        for claim_id in touched:
            self._cache.pop(claim_id, None)
        listed = set(self.project.claims.query_ids(self.query, only=touched - claims.removed))
        keys = self.project.claims.sort_keys(self.query.sort, listed)
        moved = {claim_id for claim_id in listed & self._listed if not self._in_order(claim_id, keys)}
        self._remove_rows({claim_id for claim_id in touched if claim_id not in listed} | moved)
        for claim_id in sorted(listed - self._listed, key=lambda i: keys[i], reverse=self.query.descending):
            self._insert_row(claim_id, keys[claim_id])
        self.refresh_claims(sorted(listed & self._listed))

    def _before(self, a: tuple, b: tuple) -> bool:
        return a > b if self.query.descending else a < b

    def _in_order(self, claim_id: int, keys: dict[int, tuple]) -> bool:
        """Whether an edited claim still sorts between its neighbours."""
        row = self._ids.index(claim_id)
        neighbours = [self._ids[r] for r in (row - 1, row + 1) if 0 <= r < len(self._ids)]
        keys.update(self.project.claims.sort_keys(self.query.sort, [n for n in neighbours if n not in keys]))
        key = keys[claim_id]
        after_previous = row == 0 or self._before(keys[self._ids[row - 1]], key)
        before_next = row == len(self._ids) - 1 or self._before(key, keys[self._ids[row + 1]])
        return after_previous and before_next

    def _insert_row(self, claim_id: int, key: tuple) -> None:
        """Binary search for the claim's row, reading the keys of the rows it compares with (a few dozen)."""
        lo, hi = 0, len(self._ids)
        while lo < hi:
            mid = (lo + hi) // 2
            mid_key = self.project.claims.sort_keys(self.query.sort, [self._ids[mid]])[self._ids[mid]]
            if self._before(mid_key, key):
                lo = mid + 1
            else:
                hi = mid
        self.beginInsertRows(QModelIndex(), lo, lo)
        self._ids.insert(lo, claim_id)
        self._listed.add(claim_id)
        self._last_placed = (claim_id, lo)
        self.endInsertRows()

    def _remove_rows(self, claim_ids: set[int]) -> None:
        for row in sorted((self._ids.index(i) for i in claim_ids if i in self._listed), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._listed.discard(self._ids[row])
            del self._ids[row]
            self.endRemoveRows()

    def refresh_claims(self, claim_ids: list[int]) -> None:
        """Read some claims again without resetting the view (after an edit that keeps the order)."""
        for claim_id in claim_ids:
            self._cache.pop(claim_id, None)
            row = self.row_of(claim_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def claim_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, claim_id: int) -> int | None:
        if claim_id not in self._listed:
            return None
        # The row just placed is asked for at once (to select it); otherwise list.index, in C: a
        # scan of 20,000 ids (0.7 ms) costs less than keeping a row map up to date per edit.
        hint = self._last_placed
        if hint is not None and hint[0] == claim_id and hint[1] < len(self._ids) and self._ids[hint[1]] == claim_id:
            return hint[1]
        return self._ids.index(claim_id)

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
        if index.column() == CONFIDENCE_COLUMN:
            return standing_text(self.standing_of(claim.id), role == Qt.ItemDataRole.ToolTipRole)
        column = CLAIM_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(column.tooltip(claim)) if column.tooltip else None
        value = column.value(claim)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return CLAIM_COLUMNS[section].title
        return None

    def refresh_standings(self) -> None:
        """The analysis changed: every shown row's Confidence cell is read again (the rows stay)."""
        if self._ids:
            self.dataChanged.emit(self.index(0, CONFIDENCE_COLUMN), self.index(len(self._ids) - 1, CONFIDENCE_COLUMN))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if SORT_KEY_BY_COLUMN[column] is None:
            return  # confidence is worked out over the whole project, not stored: the order stays as it was
        self.set_query(replace(self.query, sort=SORT_KEY_BY_COLUMN[column],
                               descending=order == Qt.SortOrder.DescendingOrder))


def standing_text(standing: Standing | None, tooltip: bool = False) -> str:
    """"High · corroborated (2 sources)", or for the tooltip the reasons and the rule."""
    if standing is None:
        return "" if not tooltip else "Not analysed yet (or the claim is orphaned)"
    status = (f"corroborated ({standing.independent_sources} sources)" if standing.status == "corroborated"
              else standing.status)
    if not tooltip:
        return f"{standing.confidence.level.value.capitalize()} · {status}"
    lines = [standing.confidence.explain()]
    if standing.others:
        lines.append(f"Group of {len(standing.others) + 1} claims from {len(standing.other_sources) + 1} sources, "
                     f"{standing.independent_sources} independent (copies of one article count once)")
    if standing.conflicts:
        lines.append(f"In {len(standing.conflicts)} conflict{'s' if len(standing.conflicts) != 1 else ''}: "
                     "see the Conflicts pane")
    lines.append(f"Rule (ICD 203): {RULE}")
    return "\n".join(lines)
