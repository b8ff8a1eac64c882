"""The source library pane: a filter box over a sortable table of sources."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QVBoxLayout, QWidget

from ...core.changes import ChangeSet
from ...core.errors import NotFoundError
from ...core.model import Source
from ..item_models import Column, RecordTableModel, record_table

SOURCE_COLUMNS = [
    Column("Title", lambda s: s.title, lambda s: f"{s.title}\n{s.filename}" if s.filename else s.title),
    Column("Date", lambda s: s.meta.published, lambda s: "Date of publication"),
    Column("Publisher", lambda s: s.meta.publisher or s.meta.author, lambda s: s.meta.url or None),
    Column("Claims", lambda s: s.claim_count, sort_value=lambda s: s.claim_count),
    Column("Rel.", lambda s: s.reliability or "", lambda s: "Source reliability, A (reliable) to F"),
]


class SourceLibrary(QWidget):
    sourceChosen = Signal(int)  # noqa: N815 - source id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(SOURCE_COLUMNS, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(RecordTableModel.SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter_edit = QLineEdit(placeholderText="Filter sources…", clearButtonEnabled=True,
                                     objectName="sourceFilter")
        self.filter_edit.setToolTip("Show sources whose title, date or publisher contain these characters")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = record_table("sourceList", self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 86), (2, 110), (3, 54), (4, 40)):
            header.resizeSection(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        self._quiet = False

    def set_sources(self, sources: list[Source]) -> None:
        """Replace the list, keeping the current source selected without announcing it again."""
        current = self.current_source_id()
        self._quiet = True
        try:
            self.model.set_records(sources)
            if current is not None:
                self.select_source(current)
        finally:
            self._quiet = False

    def apply_changes(self, changes: ChangeSet, project) -> None:
        """Row-level follow-up of an edit: new sources appear, changed ones are read again, removed ones go."""
        sources = changes.sources
        counted = changes.source_counts - sources.touched
        if not sources and not counted:
            return
        present = []
        for source_id in sorted(sources.present | counted):
            shown = self.source(source_id)
            if shown is not None and source_id not in sources.present and source_id not in changes.source_texts:
                # Only the claim count moved: counted, not the whole row read again (whose columns
                # after a long text cost SQLite a walk through the text's pages).
                present.append(dataclasses.replace(shown, claim_count=project.sources.claim_count(source_id)))
                continue
            try:
                present.append(project.sources.get(source_id))
            except NotFoundError:  # gone again within the same edit
                continue
        self._quiet = True
        try:
            self.model.apply_records(present, sources.removed)
        finally:
            self._quiet = False

    def source(self, source_id: int) -> Source | None:
        return next((s for s in self.model.records() if s.id == source_id), None)

    def current_source_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row()).id

    def select_source(self, source_id: int) -> bool:
        for row, source in enumerate(self.model.records()):
            if source.id == source_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if not index.isValid():  # hidden by the filter: show everything again
                    self.filter_edit.clear()
                    index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and not self._quiet:
            self.sourceChosen.emit(self.model.record(self.proxy.mapToSource(current).row()).id)
