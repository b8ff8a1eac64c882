"""Puts claim intelligence into the main window: the Conflicts dock, the claim editor's Corroboration row
(with Confirm group and Break group), the claims table's Confidence column, and the analysis kept
current from every change set."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...core.model import Claim
from ...services.intelligence.analysis import Analysis, Standing
from ...services.intelligence.judging import BreakGroup, ConfirmGroup, JudgeConflict
from ..claims.table_model import standing_text
from ..plain_text import plain_tooltip
from .conflicts_pane import ConflictsPane
from .state import IntelligenceState


class StandingRow(QWidget):
    """The claim editor's Corroboration row: status and confidence, with the group's two actions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(objectName="claimStanding", wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm = QPushButton("Confirm group", objectName="confirmGroup")
        self.confirm.setToolTip("These claims state the same thing: keep them together as corroborating links")
        self.split = QPushButton("Break group", objectName="breakGroup")
        self.split.setToolTip("These claims do not state the same thing: the program will no longer group them")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.confirm)
        row.addWidget(self.split)
        self.show_standing(None, None)

    def show_standing(self, claim: Claim | None, standing: Standing | None) -> None:
        self.group = (claim.id, *standing.others) if claim is not None and standing and standing.others else ()
        self.label.setText(_describe(standing) if claim is not None else "")
        self.setToolTip(plain_tooltip(standing_text(standing, tooltip=True)) if claim is not None else "")
        for button in (self.confirm, self.split):
            button.setEnabled(bool(self.group))


def _describe(standing: Standing | None) -> str:
    if standing is None:
        return "Not analysed yet"
    if standing.status == "corroborated":
        status = f"Corroborated by {standing.independent_sources} independent sources"
    elif standing.status == "contested":
        status = f"Contested ({len(standing.conflicts)} conflict{'s' if len(standing.conflicts) != 1 else ''})"
    else:
        status = "Single source" + (f" (repeated by {len(standing.others)} copies)" if standing.others else "")
    return f"{status} · {standing.confidence.level.value} confidence"


def install(window) -> None:
    state = IntelligenceState(window)
    pane = ConflictsPane(window)
    standing_row = StandingRow(window.editor)
    window.intelligence, window.conflicts_pane, window.standing_row = state, pane, standing_row
    window.editor.layout().insertRow(1, "Corroboration", standing_row)
    window.docks["conflicts"] = window._dock("Conflicts", "conflictsDock", pane, Qt.DockWidgetArea.BottomDockWidgetArea)
    window.tabifyDockWidget(window.docks["dependencies"], window.docks["conflicts"])
    window.docks["claims"].raise_()  # the newest tab would otherwise be the one shown at first
    window.claims_pane.model.standing_of = state.standing

    def show_current(_analysis: Analysis | None = None) -> None:
        claim = window.current_claim
        standing_row.show_standing(claim, state.standing(claim.id) if claim is not None else None)

    def updated(analysis: Analysis | None) -> None:
        pane.set_analysis(analysis)
        window.claims_pane.model.refresh_standings()
        show_current()

    state.updated.connect(updated)
    window.undo.changed.connect(lambda _command, changes: state.apply_changes(changes))
    window.claims_pane.currentClaimChanged.connect(lambda _claim_id: show_current())
    window.reader_view.claimClicked.connect(lambda _claim_id: show_current())
    pane.judgeRequested.connect(lambda first, second, verdict, note: window.undo.run(
        JudgeConflict(first, second, verdict, note)))
    pane.claimActivated.connect(window.jump_to_claim)
    standing_row.confirm.clicked.connect(lambda: standing_row.group and window.undo.run(
        ConfirmGroup(tuple(standing_row.group))))
    standing_row.split.clicked.connect(lambda: standing_row.group and window.undo.run(
        BreakGroup(tuple(standing_row.group))))
