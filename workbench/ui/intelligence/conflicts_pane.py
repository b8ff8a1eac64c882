"""The Conflicts pane: every contradiction the analysis found, both quotes side by side, and the judgement.

The list shows the kind of disagreement, each claim with its source and the date it speaks
of, what the reference data says (for membership: whether each was right when written),
and the analyst's judgement. Below the list the selected pair is shown in full, side by
side, with the verdict (first right, second right, both right at their dates, unresolved)
and a note; recording it is an undoable step like any edit. Double-click a side to open
that claim in its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.text import one_line
from ...services.intelligence.analysis import Analysis, JudgedConflict
from ...services.intelligence.records import VERDICT_WORDS
from ..item_models import Column, RecordTableModel, record_table

VERDICTS = (("First is right", "first"), ("Second is right", "second"), ("Both right at their dates", "both"),
            ("Unresolved", "unresolved"), ("No judgement", "clear"))
_STORED_TO_CHOICE = {"a_right": "first", "b_right": "second", "both_right": "both", "unresolved": "unresolved"}


@dataclass(frozen=True)
class Side:
    claim_id: int
    quote: str
    source: str
    date: str


@dataclass(frozen=True)
class ConflictRow:
    kind: str
    first: Side
    second: Side
    detail: str
    assessment: str
    verdict: str  # as stored ("" for none)
    note: str

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.first.claim_id, self.second.claim_id, self.kind)

    def judgement_text(self) -> str:
        if not self.verdict:
            return "—"
        return VERDICT_WORDS.get(self.verdict, self.verdict) + (f": {one_line(self.note, 60)}" if self.note else "")


def rows_of(analysis: Analysis | None) -> list[ConflictRow]:
    if analysis is None:
        return []
    return [_row(analysis, judged) for judged in analysis.conflicts]


def _row(analysis: Analysis, judged: JudgedConflict) -> ConflictRow:
    conflict, judgement = judged.conflict, judged.judgement
    sides = [Side(claim.id, claim.quote, source.title if source else "", date)
             for claim, source, date in analysis.sides(judged)]
    return ConflictRow(conflict.kind, sides[0], sides[1], conflict.detail, conflict.assessment,
                       judgement.verdict if judgement else "", judgement.note if judgement else "")


def _side_text(side: Side) -> str:
    return f"“{one_line(side.quote, 80)}” — {one_line(side.source, 30)}, {side.date or 'undated'}"


COLUMNS = [
    Column("Kind", lambda r: r.kind, lambda r: r.detail),
    Column("First claim", lambda r: _side_text(r.first), lambda r: r.first.quote),
    Column("Second claim", lambda r: _side_text(r.second), lambda r: r.second.quote),
    Column("Reference data", lambda r: one_line(r.assessment, 60), lambda r: r.assessment),
    Column("Judgement", lambda r: r.judgement_text(), lambda r: r.note),
]


class ConflictsPane(QWidget):
    judgeRequested = Signal(int, int, str, str)  # noqa: N815 - first claim, second claim, verdict choice, note
    claimActivated = Signal(int)  # noqa: N815

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("conflictsPane")
        self.model = RecordTableModel(COLUMNS, parent=self)
        self.table = record_table("conflictsTable", self.model, stretch_last=True)
        for column, width in enumerate((90, 360, 360, 260)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.summary = QLabel(objectName="conflictsSummary")
        self.first = self._quote_box("conflictFirst")
        self.second = self._quote_box("conflictSecond")
        self.assessment = QLabel(wordWrap=True, objectName="conflictAssessment")
        self.assessment.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict = QComboBox(objectName="conflictVerdict")
        for text, choice in VERDICTS:
            self.verdict.addItem(text, choice)
        self.note = QLineEdit(placeholderText="Why: the evidence for your judgement", objectName="conflictNote")
        self.record = QPushButton("Record judgement", objectName="recordJudgement")
        self._lay_out()
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show(current.row()))
        self.record.clicked.connect(self._judge)
        self.note.returnPressed.connect(self._judge)
        self._show(-1)

    @staticmethod
    def _quote_box(name: str) -> QLabel:
        box = QLabel(wordWrap=True, objectName=name)
        box.setTextFormat(Qt.TextFormat.PlainText)  # quotes are untrusted text, never markup
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box.setFrameShape(QLabel.Shape.StyledPanel)
        box.setMargin(6)
        return box

    def _lay_out(self) -> None:
        detail = QWidget(self)
        grid = QGridLayout(detail)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(self.first, 0, 0)
        grid.addWidget(self.second, 0, 1)
        grid.addWidget(self.assessment, 1, 0, 1, 2)
        judge = QHBoxLayout()
        judge.addWidget(QLabel("Judgement"))
        judge.addWidget(self.verdict)
        judge.addWidget(self.note, 1)
        judge.addWidget(self.record)
        grid.addLayout(judge, 2, 0, 1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.table.doubleClicked.connect(self._open_side)

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Show the conflicts of a new analysis; the selected pair stays selected while it is listed."""
        shown = self.current_row()
        rows = rows_of(analysis)
        self.model.set_records(rows)
        judged = sum(1 for r in rows if r.verdict)
        apparent = sum(1 for r in rows if r.assessment.startswith("each right at its date"))
        self.summary.setText(f"{len(rows)} conflicts: {judged} judged, {apparent} where each source was right "
                             "at its date" if analysis is not None else "No project open")
        keys = [r.key for r in rows]
        if shown is not None and shown.key in keys:
            self.table.selectRow(keys.index(shown.key))
        else:
            self._show(-1)

    def current_row(self) -> ConflictRow | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show(self, row: int) -> None:
        record = self.model.record(row) if 0 <= row < self.model.rowCount() else None
        for widget in (self.verdict, self.note, self.record):
            widget.setEnabled(record is not None)
        if record is None:
            self.first.setText("Select a conflict to see both claims side by side.")
            self.second.setText("")
            self.assessment.setText("")
            self.note.clear()
            return
        for box, side, label in ((self.first, record.first, "First"), (self.second, record.second, "Second")):
            box.setText(f"{label}: {side.source} — speaks of {side.date or 'no date'}\n\n{side.quote}")
        self.assessment.setText(f"{record.kind}: {record.detail}" +
                                (f"\nReference data: {record.assessment}" if record.assessment else ""))
        choice = _STORED_TO_CHOICE.get(record.verdict, "clear")
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(choice)))
        self.note.setText(record.note)

    def _judge(self) -> None:
        record = self.current_row()
        if record is not None:
            self.judgeRequested.emit(record.first.claim_id, record.second.claim_id, self.verdict.currentData(),
                                     self.note.text().strip())

    def _open_side(self, index) -> None:
        record = self.model.record(index.row())
        self.claimActivated.emit(record.second.claim_id if index.column() == 2 else record.first.claim_id)
