"""Project-wide full-text search with snippets; Enter opens the source at the hit."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import WorkbenchError
from ..core.model import SearchHit
from ..services.project import Project
from ..services.search import search
from ..services.search.hits_to_claims import HitSpan
from ..services.search.occurrences import find
from .item_models import Column, RecordTableModel, record_table
from .search.kwic import KwicModel

SEARCH_LIMIT = 200
HIT_COLUMNS = [
    Column("", lambda h: "¶" if h.kind == "source" else "❝", lambda h: "a source" if h.kind == "source" else "a claim"),
    Column("Source", lambda h: h.title, lambda h: h.title),
    Column("Match", lambda h: h.snippet, lambda h: h.extra.get("statement") or None),
]


def snippet_html(hit: SearchHit) -> str:
    """The matched words in bold, by their offsets; everything escaped (sources are never HTML)."""
    if hit.snippet_hit is None:
        return html.escape(hit.snippet)
    start, end = hit.snippet_hit
    text = hit.snippet
    return html.escape(text[:start]) + f"<b>{html.escape(text[start:end])}</b>" + html.escape(text[end:])


class SnippetDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        doc = QTextDocument()
        doc.setDefaultFont(options.font)
        doc.setHtml(snippet_html(index.data(RecordTableModel.RecordRole)))
        doc.setDocumentMargin(2)
        options.text = ""
        style = options.widget.style() if options.widget else None
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = options.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(role))
        painter.save()
        painter.translate(options.rect.topLeft())
        painter.setClipRect(options.rect.translated(-options.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 4)


class SearchPane(QWidget):
    hitActivated = Signal(int, int, int)  # noqa: N815 - source id, start, end (code points)
    makeClaimsRequested = Signal(list, bool)  # noqa: N815 - [HitSpan], the sentence around each hit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("searchPane")
        self.project: Project | None = None
        self._last_query: str | None = None
        self._stale = False
        self.query_edit = QLineEdit(placeholderText="Search all sources and claims (Ctrl+Shift+F)",
                                    clearButtonEnabled=True, objectName="searchQuery")
        self.query_edit.setToolTip('Words match regardless of case and accents; "quoted phrases"; word* for prefixes')
        self.status = QLabel(self)
        self.model = RecordTableModel(HIT_COLUMNS, parent=self)
        self.results = record_table("searchResults", self.model)
        self.results.setItemDelegateForColumn(2, SnippetDelegate(self.results))
        header = self.results.horizontalHeader()
        header.resizeSection(0, 28)
        header.resizeSection(1, 220)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.every = QCheckBox("Every occurrence", objectName="searchEveryOccurrence")
        self.every.setToolTip("List every occurrence in context (word forms, AND OR NOT, NEAR/5, tag: lang: date:)")
        self.sentence = QCheckBox("Claim the sentence", objectName="searchClaimSentence", checked=True)
        self.make_claims = QPushButton("Make claims of selected hits", objectName="searchMakeClaims")
        self.kwic_model = KwicModel(self)
        self.kwic = QTableView(objectName="searchOccurrences")
        self.kwic.setModel(self.kwic_model)
        self.kwic.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kwic.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.kwic.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kwic.verticalHeader().hide()
        self.kwic.setWordWrap(False)
        self.kwic.setSortingEnabled(False)
        self.kwic.horizontalHeader().setSectionsClickable(True)
        self.kwic.horizontalHeader().sectionClicked.connect(self.kwic_model.sort)
        for column, width in enumerate((180, 60, 260, 110, 260)):
            self.kwic.horizontalHeader().resizeSection(column, width)
        self.kwic.hide()
        options = QHBoxLayout()
        options.addWidget(self.every)
        options.addStretch(1)
        options.addWidget(self.sentence)
        options.addWidget(self.make_claims)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query_edit)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.kwic, 1)
        self.every.toggled.connect(lambda _: self.run_search())
        self.kwic.activated.connect(lambda index: self._open_occurrence(index.row()))
        self.make_claims.clicked.connect(self._request_claims)
        self.query_edit.returnPressed.connect(self._search_or_open)
        self.results.activated.connect(lambda index: self.open_hit(index.row()))

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self._last_query = None
        self.model.set_records([])
        self.status.setText("")

    def apply_changes(self, changes) -> None:
        """Hits name offsets and snippets of sources and claims: an edit of either makes them stale, so
        the shown search runs again (at once when the pane is in view, else when it is next shown)."""
        if not self.model.rowCount() or not (changes.sources or changes.claims or changes.source_texts):
            return
        self._stale = True
        if self.isVisible():
            self._run_again()

    def _run_again(self) -> None:
        self._stale = False
        row = self.results.currentIndex().row()
        self.run_search()
        if 0 <= row < self.model.rowCount():
            self.results.selectRow(row)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._run_again()

    def run_search(self, query: str | None = None) -> list[SearchHit]:
        if query is not None:
            self.query_edit.setText(query)
        text = self.query_edit.text().strip()
        self.kwic.setVisible(self.every.isChecked())
        self.results.setVisible(not self.every.isChecked())
        if self.project is None or not text:
            self.model.set_records([])
            self.kwic_model.set_search(None)
            return []
        if self.every.isChecked():
            return self._run_occurrences(text)
        try:
            hits = search(self.project, text, limit=SEARCH_LIMIT)
        except WorkbenchError as exc:
            self.status.setText(str(exc))
            self.model.set_records([])
            return []
        self.model.set_records(hits)
        more = " (the best shown)" if len(hits) == SEARCH_LIMIT else ""
        self.status.setText(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more}; Enter opens the source at the hit")
        if hits:
            self.results.selectRow(0)
        return hits

    def _search_or_open(self) -> None:
        """Enter in the query box: search, or open the chosen hit when the query has not changed."""
        if self.model.rowCount() and self.query_edit.text().strip() == self._last_query:
            self.open_hit(max(0, self.results.currentIndex().row()))
            return
        self._last_query = self.query_edit.text().strip()
        self.run_search()

    def open_hit(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            hit: SearchHit = self.model.record(row)
            self.hitActivated.emit(hit.source_id, hit.start, hit.end)

    def _run_occurrences(self, text: str) -> list:
        try:
            found = find(self.project, text)
        except WorkbenchError as exc:
            self.status.setText(str(exc))
            self.kwic_model.set_search(None)
            return []
        self.kwic_model.set_search(found)
        more = "+" if self.kwic_model.canFetchMore() else ""
        self.status.setText(f"{self.kwic_model.rowCount()}{more} occurrences in up to {len(found.source_ids)} sources; "
                            "Enter opens the source at the hit; click a heading to sort")
        if self.kwic_model.rowCount():
            self.kwic.selectRow(0)
        return [self.kwic_model.record(r) for r in range(self.kwic_model.rowCount())]

    def _open_occurrence(self, row: int) -> None:
        if 0 <= row < self.kwic_model.rowCount():
            o = self.kwic_model.record(row)
            self.hitActivated.emit(o.source_id, o.start, o.end)

    def selected_hits(self) -> list[HitSpan]:
        rows = sorted({index.row() for index in self.kwic.selectionModel().selectedRows()})
        return [HitSpan(o.source_id, o.start, o.end) for o in map(self.kwic_model.record, rows)]

    def _request_claims(self) -> None:
        hits = self.selected_hits() if self.every.isChecked() else []
        if not hits:
            self.status.setText("Tick Every occurrence and select hits to make claims of them")
            return
        self.makeClaimsRequested.emit(hits, self.sentence.isChecked())
