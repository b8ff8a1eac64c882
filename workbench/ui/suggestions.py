"""The Suggestions pane: the checkable sentences of the open source, to accept, edit then accept, or dismiss.

Suggestions are worked out in the background (ui.background) whenever a source opens or
its claims change, and shown in the reader as faint dotted underlines. Keys in the list:
A accepts, E edits then accepts, D dismisses, Enter shows the sentence in the reader.
Accepting and dismissing are undoable steps of the window's undo history. Kept apart
from main_window.py: the window calls ``install`` and hands it each source it opens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import ClaimDraft, ClaimKind, enum_values
from ..core.text import one_line
from ..services.intelligence.review import AcceptSuggestions, DismissSuggestions, suggestions_for_source
from ..services.intelligence.suggest import Suggestion
from .background import SerialRuns, Task, pace

UNDERLINE_COLOUR = {"light": "#8a8f98", "dark": "#9aa0aa"}
_COLUMNS = ("Kind", "Figures", "Sentence", "Entities")


_SCALE_WORDS = {1e12: "trillion", 1e9: "billion", 1e6: "million", 1e3: "thousand"}


def figures_text(suggestion: Suggestion) -> str:
    """"11.2 trillion RUB (2024); 40 %": each figure as written, with its scale word, unit and year."""
    parts = []
    for q in suggestion.quantities:
        word = _SCALE_WORDS.get(q.scale)
        number = f"{q.value / q.scale:,.15g} {word}" if word else f"{q.value:,.15g}"
        parts.append(f"{number}{' ' + q.unit if q.unit else ''}{f' ({q.year})' if q.year else ''}")
    return "; ".join(parts)


class EditSuggestionDialog(QDialog):
    """The claim a suggestion proposes, to change before it is made: statement, kind and entities."""

    def __init__(self, suggestion: Suggestion, parent=None):
        super().__init__(parent)
        self.setObjectName("editSuggestion")
        self.setWindowTitle("Edit suggested claim")
        self.resize(640, 280)
        self._suggestion = suggestion
        quote = QLabel(one_line(suggestion.quote, 400), self)
        quote.setTextFormat(Qt.TextFormat.PlainText)  # source text is never markup
        quote.setWordWrap(True)
        self.statement = QLineEdit(self)
        self.statement.setPlaceholderText("The claim in your own words (optional)")
        self.kind = QComboBox(self)
        self.kind.addItems(enum_values(ClaimKind))
        self.kind.setCurrentText(suggestion.kind.value)
        self.entities = QLineEdit(", ".join(suggestion.entities), self)
        figures = QLabel(figures_text(suggestion) or "none", self)
        figures.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("Quote:", quote)
        form.addRow("Statement:", self.statement)
        form.addRow("Kind:", self.kind)
        form.addRow("Figures:", figures)
        form.addRow("Entities:", self.entities)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Accept")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def draft(self) -> ClaimDraft:
        entities = tuple(name.strip() for name in self.entities.text().split(",") if name.strip())
        base = self._suggestion.draft()
        return ClaimDraft(statement=self.statement.text().strip(), kind=ClaimKind(self.kind.currentText()),
                          quantities=base.quantities, entities=entities)


class SuggestionsPane(QWidget):
    """The list of suggestions for one source, with Accept, Edit, Dismiss and Accept all."""

    spanChosen = Signal(int, int)  # noqa: N815 - Qt signal naming; code points of the sentence to show
    suggestionsShown = Signal(list)  # noqa: N815 - (start, end) code points of every suggestion listed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("suggestionsPane")
        self.project = None
        self.undo = None
        self.source_id: int | None = None
        self.suggestions: list[Suggestion] = []
        self._generation = 0  # which refresh the list on screen answers; older answers are dropped
        self._keep_row = 0
        self.status = QLabel("Open a source to see suggested claims", self)
        self.refresh_button = QPushButton("Suggest again", self)
        self.accept_all_button = QPushButton("Accept all", self)
        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton("Cancel", self)
        self.progress.setRange(0, 0)  # busy: one source takes well under a second
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self.cancel_button.hide()
        self._runs = SerialRuns(self._begin_run, self)  # a change during a run asks for one more when it ends
        self._runs.ended.connect(self._run_ended)
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setObjectName("suggestionsTable")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 230)
        header.resizeSection(3, 220)
        self.table.setWordWrap(False)
        self.accept_button = QPushButton("&Accept (A)", self)
        self.edit_button = QPushButton("&Edit, then accept (E)", self)
        self.dismiss_button = QPushButton("&Dismiss (D)", self)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        for widget in (self.progress, self.cancel_button, self.refresh_button, self.accept_all_button):
            top.addWidget(widget)
        bottom = QHBoxLayout()
        for button in (self.accept_button, self.edit_button, self.dismiss_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(QLabel("Enter: show in the reader", self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.accept_button.clicked.connect(self.accept_current)
        self.edit_button.clicked.connect(self.edit_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.show_current())
        for key, slot in (("A", self.accept_current), ("E", self.edit_current), ("D", self.dismiss_current),
                          ("Return", self.show_current), ("Enter", self.show_current)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    # -- content -------------------------------------------------------------------

    def set_project(self, project, undo) -> None:
        self.stop()
        self.project, self.undo = project, undo
        self.set_source(None)

    def set_source(self, source_id: int | None) -> None:
        """The source shown in the reader (again, when its text changed: offsets may have moved)."""
        self.source_id = source_id
        self._show([])
        if source_id is None:
            self.status.setText("Open a source to see suggested claims")
            return
        self.refresh()

    def refresh(self) -> None:
        """Work the open source's suggestions out again, in the background (one run at a time: a change
        during a run asks for another when it ends)."""
        self._runs.request()

    def _begin_run(self) -> Task | None:
        if self.project is None or self.source_id is None:
            return None
        self._generation += 1
        source_id, generation = self.source_id, self._generation
        self.status.setText("Finding suggested claims…")

        def work(project, report):
            pace()  # starts once the window is not in use, and pauses whenever it is (see background.pace)
            report(0.0, "reading the source")
            found = suggestions_for_source(project, source_id, pace=pace)
            report(1.0, "done")
            return generation, found
        task = Task(self.project, work, self)
        task.worker.succeeded.connect(self._done)
        task.worker.failed.connect(self._failed)
        task.worker.cancelled.connect(self._cancelled)
        self.progress.show()
        self.cancel_button.show()
        self.refresh_button.setEnabled(False)
        return task

    def _run_ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh_button.setEnabled(self.source_id is not None)

    def cancel(self) -> None:
        self._runs.cancel()

    def stop(self) -> None:
        """Stop the run under way and wait for its thread (before the project closes)."""
        self._runs.stop()
        self.progress.hide()
        self.cancel_button.hide()

    def _done(self, result) -> None:
        generation, found = result
        if generation == self._generation:
            self._show(found)

    def _failed(self, message: str) -> None:
        self.status.setText(f"Suggestions failed: {message}")

    def _cancelled(self) -> None:
        self.status.setText("Suggestions cancelled")

    def _show(self, found: list[Suggestion]) -> None:
        self.suggestions = found
        self.table.setRowCount(len(found))
        for row, suggestion in enumerate(found):
            cells = (suggestion.kind.value, figures_text(suggestion), one_line(suggestion.quote, 300),
                     ", ".join(suggestion.entities))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setToolTip(one_line(suggestion.quote, 1000))
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        count = len(found)
        if self.source_id is not None:
            self.status.setText(f"{count} suggested claim{'s' if count != 1 else ''} in this source")
        if count:
            self.table.selectRow(min(self._keep_row, count - 1))
        self._keep_row = 0
        self._update_buttons()
        self.suggestionsShown.emit([(s.start, s.end) for s in found])

    def _update_buttons(self) -> None:
        writable = self.project is not None and self.project.writable
        has_current = self.current() is not None
        for button in (self.accept_button, self.edit_button, self.dismiss_button):
            button.setEnabled(writable and has_current)
        self.accept_all_button.setEnabled(writable and bool(self.suggestions))

    def current(self) -> Suggestion | None:
        row = self.table.currentRow()
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    # -- actions -------------------------------------------------------------------

    def show_current(self) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self.spanChosen.emit(suggestion.start, suggestion.end)

    def accept_current(self) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self._run(AcceptSuggestions([suggestion]))

    def edit_current(self) -> None:
        suggestion = self.current()
        if suggestion is None:
            return
        dialog = EditSuggestionDialog(suggestion, self)
        if dialog.exec():
            self._run(AcceptSuggestions([suggestion], [dialog.draft()]))

    def dismiss_current(self) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self._run(DismissSuggestions([suggestion]))

    def accept_all(self) -> None:
        if self.suggestions:
            self._run(AcceptSuggestions(list(self.suggestions)))

    def _run(self, command) -> None:
        """Through the undo history; ``follow`` then works the list out again, on the same row."""
        self._keep_row = max(0, self.table.currentRow())
        if self.undo is not None:
            self.undo.run(command)

    def follow(self, command, changes) -> None:
        """After any step of the undo history: suggestions change when claims of this source or dismissals do."""
        if self.source_id is None:
            return
        if isinstance(command, (AcceptSuggestions, DismissSuggestions)) or changes.claims:
            self.refresh()


def _ignore(*_args) -> None:
    return None


class SuggestionsLink(QObject):
    """Ties the pane to the window: the open source, the reader's underlines, the undo history."""

    def __init__(self, window, pane: SuggestionsPane):
        super().__init__(window)
        self.window, self.pane = window, pane
        pane.suggestionsShown.connect(self._underline)
        self._spans: list = []
        pane.spanChosen.connect(self._reveal)
        window.undo.changed.connect(pane.follow)

    def _underline(self, spans: list) -> None:
        self._spans = spans
        self.underline()

    def underline(self) -> None:
        """Underline the listed suggestions in the reader, in the theme's colour."""
        self.window.reader_view.set_suggestions(self._spans, UNDERLINE_COLOUR[self.window.theme])

    def _reveal(self, start: int, end: int) -> None:
        self.window.reader_view.reveal(start, end, select=True)
        self.window.reader.setFocus()
