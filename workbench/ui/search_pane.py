"""Project-wide search: every occurrence in context (the default), or the best hits, one per
source or claim, with snippets; Enter searches, and Enter again opens the source at the hit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import WorkbenchError
from ..core.model import SearchHit
from ..services.project import Project
from ..services.search import saved as saved_searches
from ..services.search import search
from ..services.search.emphasis import term_spans
from ..services.search.hits_to_claims import HitSpan
from ..services.search.matching import merged
from ..services.search.occurrences import find
from ..services.search.query import parse
from ..services.search.scopes import SCOPE_LABELS, SCOPES
from ..services.settings import Settings
from .item_models import Column, RecordTableModel, record_table
from .search.emphasis import HtmlDelegate, emphasised_html
from .search.kwic import KwicModel, cell_html, title_of
from .search.list_index import ListIndexWarmer

SEARCH_LIMIT = 200
EVERY_OCCURRENCE_SETTING = "search_every_occurrence"  # the analyst's last choice; every occurrence unless unticked
QUERY_HELP = ('Words match any form (sanctions: sanctioned, санкции: санкций) regardless of case and accents; '
              '"exact phrase", =word exactly, word* for prefixes; AND, OR, NOT, ( ), NEAR/5; '
              'tag: entity: source: kind: lang: date:2024..2025')
HIT_COLUMNS = [
    Column("", lambda h: "¶" if h.kind == "source" else "❝", lambda h: "a source" if h.kind == "source" else "a claim"),
    Column("Source", lambda h: h.title, lambda h: h.title),
    Column("Match", lambda h: h.snippet, lambda h: h.extra.get("statement") or None),
]


def snippet_html(hit: SearchHit, query: str = "") -> str:
    """Every term of the query in bold (and the matched words the index named, by their offsets);
    everything escaped (sources are never HTML)."""
    spans = set(term_spans(query, hit.snippet)) if query else set()
    if hit.snippet_hit is not None:
        spans.add(hit.snippet_hit)
    return emphasised_html(hit.snippet, merged(sorted(spans)))


class SearchPane(QWidget):
    hitActivated = Signal(int, int, int)  # noqa: N815 - source id, start, end (code points)
    makeClaimsRequested = Signal(list, bool)  # noqa: N815 - [HitSpan], the sentence around each hit
    saveSearchRequested = Signal(str, str, str)  # noqa: N815 - name, query, scope
    deleteSavedRequested = Signal(str)  # noqa: N815 - name
    removedActivated = Signal(int)  # noqa: N815 - source id: show its removed blocks

    def __init__(self, parent=None, settings: Settings | None = None):
        super().__init__(parent)
        self.setObjectName("searchPane")
        self.settings = settings
        self.project: Project | None = None
        self._last_query: str | None = None
        self._stale = False
        self.list_index = ListIndexWarmer(self)  # lists' names indexed for search while the window is idle
        self.query_edit = QLineEdit(placeholderText="Search every source, claim, entity and list (Ctrl+Shift+F)",
                                    clearButtonEnabled=True, objectName="searchQuery")
        self.query_edit.setToolTip(QUERY_HELP)
        self.status = QLabel(self)
        self.model = RecordTableModel(HIT_COLUMNS, parent=self)
        self.results = record_table("searchResults", self.model)
        self.results.setItemDelegateForColumn(2, HtmlDelegate(
            lambda index: snippet_html(index.data(RecordTableModel.RecordRole), self._shown_query), self.results))
        self._shown_query = ""
        header = self.results.horizontalHeader()
        header.resizeSection(0, 28)
        header.resizeSection(1, 220)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        every = settings.get(EVERY_OCCURRENCE_SETTING, True) if settings is not None else True
        self.every = QCheckBox("Every occurrence", objectName="searchEveryOccurrence", checked=every is not False)
        self.every.setToolTip("Ticked: every occurrence in context, in the query language. "
                              "Unticked: the best hits, one per source or claim, for plain words and phrases")
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
        self.kwic.horizontalHeader().setStretchLastSection(True)  # the context after fills the pane's width
        for column in (2, 3, 4):
            self.kwic.setItemDelegateForColumn(column, HtmlDelegate(
                lambda index, c=column: cell_html(self.kwic_model.record(index.row()), c), self.kwic))
        self.kwic.hide()
        self.scope = QComboBox(objectName="searchScope")
        for scope in SCOPES:
            self.scope.addItem(SCOPE_LABELS[scope], scope)
        self.scope.setToolTip("Where every occurrence is looked for")
        self.saved = QComboBox(objectName="savedSearches")
        self.saved.setToolTip("Saved searches of this project: choose one to run it again")
        self.saved.setMinimumContentsLength(16)
        self.save_button = QPushButton("Save…", objectName="searchSave")
        self.save_button.setToolTip("Keep this query and scope in the project under a name")
        self.delete_saved_button = QPushButton("Delete", objectName="searchDeleteSaved")
        self.delete_saved_button.setToolTip("Forget the chosen saved search (Undo brings it back)")
        saved_row = QHBoxLayout()
        saved_row.addWidget(QLabel("Saved:"))
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.save_button)
        saved_row.addWidget(self.delete_saved_button)
        options = QHBoxLayout()
        options.addWidget(self.every)
        options.addWidget(self.scope)
        options.addStretch(1)
        options.addWidget(self.sentence)
        options.addWidget(self.make_claims)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query_edit)
        layout.addLayout(saved_row)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.kwic, 1)
        self.every.toggled.connect(self._every_toggled)
        self.scope.currentIndexChanged.connect(lambda _: self.every.isChecked() and self.run_search())
        self.saved.activated.connect(self._run_saved)
        self.save_button.clicked.connect(self._ask_save)
        self.delete_saved_button.clicked.connect(self._delete_saved)
        self._refresh_saved()
        self.kwic.activated.connect(lambda index: self._open_occurrence(index.row()))
        self.make_claims.clicked.connect(self._request_claims)
        self.query_edit.returnPressed.connect(self._search_or_open)
        self.results.activated.connect(lambda index: self.open_hit(index.row()))

    def _every_toggled(self, checked: bool) -> None:
        if self.settings is not None:
            self.settings.set(EVERY_OCCURRENCE_SETTING, checked)
        self.run_search()

    def stop(self) -> None:
        """Stop indexing list names (before the project closes)."""
        self.list_index.start(None)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.list_index.start(project)
        self._last_query = None
        self.model.set_records([])
        self.kwic_model.set_search(None)
        self.status.setText("")
        self._refresh_saved()

    # -- saved searches -------------------------------------------------------------

    def _refresh_saved(self) -> None:
        chosen = self.saved.currentData()
        self.saved.clear()
        listed = saved_searches.list_saved(self.project) if self.project is not None else []
        self.saved.addItem("Saved searches…" if listed else "No saved searches", None)
        for item in listed:
            self.saved.addItem(item.name, item.name)
            self.saved.setItemData(self.saved.count() - 1, f"{item.query}  ({SCOPE_LABELS[item.scope]})",
                                   Qt.ItemDataRole.ToolTipRole)
        found = self.saved.findData(chosen) if chosen is not None else -1
        self.saved.setCurrentIndex(max(found, 0))
        self.delete_saved_button.setEnabled(bool(listed))

    def _run_saved(self, index: int) -> None:
        name = self.saved.itemData(index)
        if name is None or self.project is None:
            return
        try:
            chosen = saved_searches.get_saved(self.project, name)
        except WorkbenchError as exc:
            self.status.setText(str(exc))
            return
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(max(0, self.scope.findData(chosen.scope)))
        self.scope.blockSignals(False)
        self.every.blockSignals(True)
        self.every.setChecked(True)
        self.every.blockSignals(False)
        self._last_query = chosen.query
        self.run_search(chosen.query)

    def _ask_save(self) -> None:
        query = self.query_edit.text().strip()
        if not query:
            self.status.setText("Type a query to save")
            return
        suggested = self.saved.currentData() or query[:60]
        name, ok = QInputDialog.getText(self, "Save search", f"Name for {query!r}:", text=suggested)
        if ok and name.strip():
            self.saveSearchRequested.emit(name.strip(), query, self.scope.currentData())

    def _delete_saved(self) -> None:
        name = self.saved.currentData()
        if name is None:
            self.status.setText("Choose a saved search to delete")
            return
        self.deleteSavedRequested.emit(name)

    def apply_changes(self, changes) -> None:
        """Hits name offsets and snippets of sources and claims: an edit of either makes them stale, so
        the shown search runs again (at once when the pane is in view, else when it is next shown)."""
        if changes.saved_searches:
            self._refresh_saved()
        if changes.lists:
            self.list_index.start(self.project)
        if not (self.model.rowCount() or self.kwic_model.rowCount()) or not (changes.sources or changes.claims or changes.source_texts):
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
        self._shown_query = text
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
        hint = "; operators and filters work with Every occurrence ticked" if _uses_operators(text) else ""
        self.status.setText(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more}; Enter opens the source at the hit"
                            f"{hint}")
        if hits:
            self.results.selectRow(0)
        return hits

    def _search_or_open(self) -> None:
        """Enter in the query box: search, or open the chosen hit when the query has not changed."""
        if self.query_edit.text().strip() == self._last_query:
            if self.every.isChecked() and self.kwic_model.rowCount():
                self._open_occurrence(max(0, self.kwic.currentIndex().row()))
                return
            if not self.every.isChecked() and self.model.rowCount():
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
            found = find(self.project, text, scope=self.scope.currentData())
        except WorkbenchError as exc:
            self.status.setText(str(exc))
            self.kwic_model.set_search(None)
            return []
        self.kwic_model.set_search(found)
        more = "+" if self.kwic_model.canFetchMore() else ""
        shown = [self.kwic_model.record(r) for r in range(self.kwic_model.rowCount())]
        records = sum(1 for o in shown if o.where in ("entity", "reference", "list"))
        named = f"{records} in entities and lists, " if records else ""
        occurrences = "occurrence" if len(shown) == 1 and not more else "occurrences"
        sources = "source" if len(found.source_ids) == 1 else "sources"
        self.status.setText(f"{len(shown)}{more} {occurrences} ({named}up to {len(found.source_ids)} {sources}); "
                            "Enter opens the source at the hit; click a heading to sort")
        if shown:
            self.kwic.selectRow(0)
        return shown

    def _open_occurrence(self, row: int) -> None:
        if 0 <= row < self.kwic_model.rowCount():
            o = self.kwic_model.record(row)
            if o.in_text:
                self.hitActivated.emit(o.source_id, o.start, o.end)
            elif o.where == "removed":
                self.status.setText(f"In block {o.record_id} removed from {o.title!r} at import ({o.field})")
                self.removedActivated.emit(o.source_id)
            else:
                self.status.setText(f"{title_of(o)} ({o.field}): a record of the project, not a source's text")

    def selected_hits(self) -> list[HitSpan]:
        """The chosen occurrences in sources' text (records and removed blocks cannot be claims)."""
        rows = sorted({index.row() for index in self.kwic.selectionModel().selectedRows()})
        return [HitSpan(o.source_id, o.start, o.end) for o in map(self.kwic_model.record, rows) if o.in_text]

    def _request_claims(self) -> None:
        hits = self.selected_hits() if self.every.isChecked() else []
        if not hits:
            self.status.setText("Tick Every occurrence and select hits in sources' text to make claims of them")
            return
        self.makeClaimsRequested.emit(hits, self.sentence.isChecked())


def _uses_operators(text: str) -> bool:
    """Whether a query means more than words and phrases (which the best-hits search reads)."""
    try:
        return not parse(text).plain
    except WorkbenchError:
        return False
