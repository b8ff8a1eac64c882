"""The Screening tab: run the screening in the background, read each candidate's score and reasons,
filter by decision and score, and confirm or reject (undoable) with a note."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.lists import Candidate
from ...core.text import one_line
from ...services import screening
from ...services.project import Project
from ...services.screening.decisions import DecideCandidate
from ..background import RunsTasks, TaskRunner
from ..item_models import Column, RecordTableModel, record_table
from ..plain_text import escaped
from ..undo import UndoController

STATUSES = {"all": None, "open": "", "confirmed": "confirmed", "rejected": "rejected"}


def why(c: Candidate) -> str:
    """The service's reasons, with the two names that were compared."""
    compared = f"{c.entity_name!r} vs {c.listed_name!r}" if c.entity_name or c.listed_name else ""
    return "; ".join(p for p in (f"{c.method}: {compared}" if compared else c.method, c.reason) if p)


CANDIDATE_COLUMNS = [
    Column("Entity", lambda c: c.entity_label),
    Column("Listed entry", lambda c: c.entry_caption, tooltip=lambda c: f"{c.list_name} entry {c.entry_key}"),
    Column("List", lambda c: c.list_name),
    Column("Score", lambda c: f"{c.score:.1f}", sort_value=lambda c: c.score),
    Column("Strength", lambda c: "STRONG" if c.strong else "possible"),
    Column("Decision", lambda c: c.decision or "open", tooltip=lambda c: c.decision_note),
    Column("Note", lambda c: c.decision_note),
    Column("Why", lambda c: why(c), tooltip=lambda c: why(c)),
]


class CandidateFilter(QSortFilterProxyModel):
    """Rows whose decision and score pass; sorts by the columns' sort values (scores as numbers)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status: str | None = None  # None: every decision
        self.min_score = 0.0
        self.setSortRole(RecordTableModel.SortRole)

    def set_filter(self, status: str | None, min_score: float) -> None:
        self.beginFilterChange()
        self.status, self.min_score = status, min_score
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt API
        candidate: Candidate = self.sourceModel().record(row)
        return candidate.score >= self.min_score and (self.status is None or candidate.decision == self.status)


class ScreeningView(RunsTasks, QWidget):
    decisions_changed = Signal()  # after a decision, its undo or redo, or a new run

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("screeningView")
        self.project: Project | None = None
        self.undo = UndoController(self)  # the main window gives its own, so Ctrl+Z covers decisions too
        self._own_undo = True
        self.undo.changed.connect(self._after_command)
        self.last_error = ""
        self.last_summary: screening.ScreeningSummary | None = None  # what the last run in this window checked
        self._build()

    def set_undo(self, undo: UndoController) -> None:
        self.undo.changed.disconnect(self._after_command)
        self.undo, self._own_undo = undo, False
        self.undo.changed.connect(self._after_command)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.run_button = QPushButton("Run screening", objectName="runScreeningButton")
        self.run_button.setToolTip("Compare every company, organisation, person and facility (names, aliases, "
                                   "identifiers) with every imported list; decisions taken before are kept")
        self.run_button.clicked.connect(self.run_screening)
        self.status_filter = QComboBox(objectName="screeningStatusFilter")
        self.status_filter.addItems(list(STATUSES))
        self.min_score = QDoubleSpinBox(objectName="screeningMinScore", decimals=0, singleStep=5.0)
        self.min_score.setRange(0, 100)
        self.min_score.setValue(screening.DEFAULT_MIN_SCORE)
        self.min_score.setToolTip("Candidates below this score are hidden, and not kept by the next run")
        self.progress = QProgressBar(objectName="screeningProgress", maximumWidth=200)
        self.cancel_button = QPushButton("Cancel", objectName="cancelScreening")
        self.runner = TaskRunner(self.progress, self.cancel_button, self.run_button, self._writable, self)
        self.status = QLabel(objectName="screeningStatus", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.status_filter)
        top.addWidget(QLabel("min score"))
        top.addWidget(self.min_score)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addStretch(1)

        self.model = RecordTableModel(CANDIDATE_COLUMNS, parent=self)
        self.proxy = CandidateFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table("screeningTable", self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((200, 230, 150, 50, 70, 80, 120)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.status_filter.currentTextChanged.connect(self._filter_changed)
        self.min_score.valueChanged.connect(self._filter_changed)

        self.reasons = QLabel(objectName="screeningReasons", wordWrap=True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLineEdit(objectName="decisionNote", placeholderText="Note for the decision (optional)")
        self.confirm_button = QPushButton("&Confirm match", objectName="confirmMatchButton")
        self.reject_button = QPushButton("&Reject", objectName="rejectMatchButton")
        self.confirm_button.clicked.connect(lambda: self.decide("confirmed"))
        self.reject_button.clicked.connect(lambda: self.decide("rejected"))
        # Single keys act on the table only, so typing a note never decides anything.
        for key, decision, tip in (("C", "confirmed", "Confirm the selected candidate"),
                                   ("R", "rejected", "Reject the selected candidate")):
            action = QAction(tip, self.table, shortcut=QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, d=decision: self.decide(d))
            self.table.addAction(action)
        self.confirm_button.setToolTip("Confirm the selected candidate as the same party (C in the table, Alt+C)")
        self.reject_button.setToolTip("Reject the selected candidate as a different party (R in the table, Alt+R)")
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(self.reject_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)  # its own row: after a run it says what was checked, in full
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(bottom)
        self._filter_changed()

    # -- candidates ---------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.wait()
        self.project = project
        if self._own_undo:
            self.undo.set_project(project)
        writable = project is not None and project.writable
        for widget in (self.run_button, self.confirm_button, self.reject_button):
            widget.setEnabled(writable)
        self.status.setText("")
        self.last_summary = None
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        """Show the last screening's candidates with their decisions, keeping the current one selected."""
        keep = keep or (self.current().code if self.current() else None)
        self.model.set_records(screening.list_candidates(self.project) if self.project is not None else [])
        self._update_counts()
        if keep is not None:
            self.select(keep)
        if self.current() is None:
            self.reasons.setText("")

    def _update_counts(self) -> None:
        records = self.model.records()
        decided = sum(1 for c in records if c.decision)
        counts = (f"{len(records)} candidate(s), {sum(c.strong for c in records)} strong, "
                  f"{decided} decided · showing {self.proxy.rowCount()}")
        if self.last_summary is None:
            self.status.setText(counts)
            self.status.setToolTip("")
            return
        # After a run, the line says what was checked: "0 candidates" alone would not say whether anything was.
        self.status.setText(f"{counts}\n{screening.summary_text(self.last_summary)}")
        self.status.setToolTip(screening.summary_text(self.last_summary))

    def _filter_changed(self, *_args) -> None:
        self.proxy.set_filter(STATUSES[self.status_filter.currentText()], self.min_score.value())
        if self.project is not None:
            self._update_counts()

    def candidates(self) -> list[Candidate]:
        """The rows shown, in the order shown."""
        return [self.proxy.data(self.proxy.index(row, 0), RecordTableModel.RecordRole)
                for row in range(self.proxy.rowCount())]

    def current(self) -> Candidate | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, RecordTableModel.RecordRole) if index.isValid() else None

    def select(self, code: str) -> bool:
        for row, candidate in enumerate(self.candidates()):
            if candidate.code == code:
                self.table.selectRow(row)
                return True
        return False

    def _show_current(self, *_args) -> None:
        c = self.current()
        if c is None:
            self.reasons.setText("")
            return
        decided = f" · {c.decision}" + (f": {c.decision_note}" if c.decision_note else "") if c.decision else ""
        self.reasons.setText(f"<b>{escaped(one_line(c.entity_label, 60))}</b> ~ {escaped(one_line(c.entry_caption, 60))} "
                             f"({escaped(f'{c.list_name} {c.entry_key}')}) · score {c.score:.1f}{escaped(decided)}"
                             f"<br>Why: {escaped(why(c))}")

    # -- deciding --------------------------------------------------------------------------

    def decide(self, decision: str) -> bool:
        candidate = self.current()
        if self.project is None or candidate is None or not self.project.writable:
            return False
        done = self.undo.run(DecideCandidate(candidate.code, decision, self.note.text().strip()))
        if done:
            self.note.clear()
        return done

    def _after_command(self, command, changes=None) -> None:
        if isinstance(command, DecideCandidate) or (changes is not None and changes.touches("decisions", "candidates")):
            self.reload(keep=getattr(command, 'code', None))
            self.decisions_changed.emit()

    # -- running ----------------------------------------------------------------------------

    def run_screening(self) -> None:
        if self.project is None or self.task is not None:
            return
        min_score = self.min_score.value()

        def work(project: Project, progress) -> screening.ScreeningSummary:
            return screening.screen_project(project, min_score, progress).summary

        self.last_error = ""
        self.status.setText("Screening…")
        self.runner.start(self.project, work, self._progress, self._screened, self._failed, self._cancelled)

    def _progress(self, _fraction: float, message: str) -> None:
        self.status.setText(message)

    def _screened(self, summary: screening.ScreeningSummary) -> None:
        self.last_summary = summary
        self.reload()
        self.undo.broadcast(self.runner.changes)
        self.decisions_changed.emit()

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.status.setText(f"Screening failed, nothing was changed: {message}")

    def _cancelled(self) -> None:
        self.status.setText("Screening cancelled; the last run's candidates are kept")

