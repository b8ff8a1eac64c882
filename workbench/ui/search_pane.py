"""Project-wide full-text search with snippets; Enter opens the source at the hit."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import WorkbenchError
from ..core.model import SearchHit
from ..services.project import Project
from ..services.search import search
from .item_models import Column, RecordTableModel, record_table

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
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
        if self.project is None or not text:
            self.model.set_records([])
            return []
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
