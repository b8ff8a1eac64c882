"""The claims table with its filter bar."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import IdChanges
from ...core.errors import WorkbenchError
from ...core.model import ClaimKind, enum_values
from ...services.project import Project
from ..item_models import record_table
from .drag import enable_claim_drag
from .table_model import ClaimTableModel

ALL_SOURCES, THIS_SOURCE = "All sources", "This source"


class ClaimsPane(QWidget):
    currentClaimChanged = Signal(object)  # noqa: N815 - claim id or None
    claimActivated = Signal(int)  # noqa: N815 - double-click or Enter: jump to the span

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.current_source_id: int | None = None
        self.model = ClaimTableModel(self)
        self._build_filters()
        self.table = self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_filters)

    def _build_filters(self) -> None:
        self.filters = QWidget(self)
        self.text_filter = QLineEdit(placeholderText="Filter claims by words…", clearButtonEnabled=True)
        self.text_filter.setObjectName("claimTextFilter")
        self.text_filter.setToolTip("Words in the quote, statement or note; the last word may be unfinished")
        self.scope = QComboBox(objectName="claimScope")
        self.scope.addItems([THIS_SOURCE, ALL_SOURCES])
        self.scope.setToolTip("Claims of the source in the reader, or of the whole project")
        self.kind_filter = QComboBox(objectName="claimKindFilter")
        self.kind_filter.addItem("Any kind", None)
        for kind in enum_values(ClaimKind):
            self.kind_filter.addItem(kind, kind)
        self.tag_filter = QLineEdit(placeholderText="Tag", clearButtonEnabled=True, objectName="claimTagFilter")
        self.tag_filter.setToolTip("A tag includes the tags below it: region finds region/russia")
        self.entity_filter = QLineEdit(placeholderText="Entity", clearButtonEnabled=True,
                                       objectName="claimEntityFilter")
        row = QHBoxLayout(self.filters)
        row.setContentsMargins(4, 2, 4, 2)
        for widget, stretch in ((self.text_filter, 3), (self.scope, 0), (self.kind_filter, 0),
                                (self.tag_filter, 1), (self.entity_filter, 1)):
            row.addWidget(widget, stretch)
        self.text_filter.textChanged.connect(lambda _: self._debounce.start())
        for edit in (self.tag_filter, self.entity_filter):
            edit.editingFinished.connect(self.apply_filters)
            edit.textChanged.connect(lambda text: text or self.apply_filters())
        self.scope.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.kind_filter.currentIndexChanged.connect(lambda _: self.apply_filters())

    def _build_table(self) -> QTableView:
        table = record_table("claimsTable", self.model)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((380, 260, 80, 180, 160, 180, 70, 190, 90)):
            header.resizeSection(column, width)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.doubleClicked.connect(lambda index: self.claimActivated.emit(self.model.claim_id(index.row())))
        enable_claim_drag(table, self.model.claim_id)  # onto a link in the graph, as its evidence
        table.activated.connect(lambda index: self.claimActivated.emit(self.model.claim_id(index.row())))
        return table

    # -- state --------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.current_source_id = None
        self.model.project = project
        self.update_completions()
        self.apply_filters()

    def update_completions(self) -> None:
        tags = [t.path for t in self.project.tags.list()] if self.project else []
        entities = [e.name for e in self.project.entities.list()] if self.project else []
        for edit, words in ((self.tag_filter, tags), (self.entity_filter, entities)):
            completer = QCompleter(words, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)

    def set_source(self, source_id: int | None) -> None:
        self.current_source_id = source_id
        if self.scope.currentText() == THIS_SOURCE:
            self.apply_filters()

    def apply_filters(self) -> None:
        if self.project is None:
            self.model.reload()
            return
        query = replace(self.model.query, text=self.text_filter.text(), kind=self.kind_filter.currentData(),
                        source_id=self.current_source_id if self.scope.currentText() == THIS_SOURCE else None,
                        tag_ids=self._tag_ids(), entity_id=self._entity_id())
        if query.source_id is None and self.scope.currentText() == THIS_SOURCE:
            query = replace(query, source_id=-1)  # no source open: nothing to show
        self.model.set_query(query)

    def _tag_ids(self) -> tuple[int, ...] | None:
        text = self.tag_filter.text().strip()
        if not text:
            return None
        try:
            return tuple(self.project.tags.subtree_ids(text))
        except WorkbenchError:  # a half-typed tag is not an error, it just matches nothing
            return ()

    def _entity_id(self) -> int | None:
        text = self.entity_filter.text().strip()
        if not text:
            return None
        found = self.project.entities.find(text)
        return found.id if found else -1

    def apply_changes(self, claims: IdChanges, keep: int | None = None,
                      sources: frozenset[int] = frozenset()) -> None:
        """Follow an edit row by row; keep the current claim selected when it is still listed."""
        if not claims and not sources:
            return
        current = self.current_claim_id()
        if current is not None and current in claims.removed:
            # The claim shown is gone: show none, rather than let Qt make the next row current
            # (which would open another claim and move the reader away from where the person works).
            self.table.selectionModel().clear()
        self.model.apply_changes(claims, sources)
        if keep is not None and keep != self.current_claim_id():
            self.select_claim(keep)

    def reload(self, keep: int | None = None) -> None:
        """Query again after an edit; keep the current claim selected when it is still listed."""
        keep = keep if keep is not None else self.current_claim_id()
        self.model.reload()
        if keep is not None:
            self.select_claim(keep)

    # -- selection ------------------------------------------------------------------

    def current_claim_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.claim_id(index.row()) if index.isValid() else None

    def select_claim(self, claim_id: int) -> bool:
        row = self.model.row_of(claim_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _current_changed(self, current, _previous) -> None:
        self.currentClaimChanged.emit(self.model.claim_id(current.row()) if current.isValid() else None)
