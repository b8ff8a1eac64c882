"""Evidence by picking: the list of a relation's or measure's evidence claims, and the picker that adds them.

The analyst never sees claim ids here: each claim is shown by its quote and its source's
title (statement and note in the tooltip). The picker searches claims by words and, at
first, only among the claims that name the relation's subject or object (or the measure's
targets), with a toggle to search all claims; ``services.evidence`` does the finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Claim
from ...core.text import one_line
from ...services import evidence
from ...services.project import Project
from ..plain_text import plain_tooltip

_ID = Qt.ItemDataRole.UserRole
Scope = Callable[[], list[int]]  # the entities the picker narrows to at first (subject and object, targets)


def claim_label(claim: Claim) -> str:
    return f"“{one_line(claim.anchor.quote, 90)}” — {one_line(claim.source_title, 40)}"


def claim_tooltip(claim: Claim) -> str | None:
    lines = [claim.anchor.quote]
    if claim.statement:
        lines.append(f"Statement: {claim.statement}")
    lines.append(f"Source: {claim.source_title} (characters {claim.anchor.start}–{claim.anchor.end})")
    if claim.note:
        lines.append(f"Note: {claim.note}")
    return plain_tooltip("\n".join(lines))


class ClaimPicker(QDialog):
    """Find claims by words, among those naming the given entities or among all; choose one or several."""

    def __init__(self, project: Project, entity_ids: list[int], exclude: Iterable[int] = (), parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add evidence")
        self.setObjectName("claimPicker")
        self.project = project
        self.entity_ids = entity_ids
        self.exclude = set(exclude)
        names = ", ".join(project.entities.get(e).name for e in entity_ids)
        self.search = QLineEdit(placeholderText="Words of the quote, statement or note…", objectName="pickerSearch",
                                clearButtonEnabled=True)
        self.only_naming = QCheckBox(objectName="pickerOnlyNaming")
        if entity_ids:
            self.only_naming.setText(f"Only claims naming {one_line(names, 80)}")
            self.only_naming.setChecked(True)
        else:
            self.only_naming.setText("Only claims naming the subject or object (none chosen yet)")
            self.only_naming.setEnabled(False)
        self.results = QTableWidget(0, 3, objectName="pickerResults")
        self.results.setHorizontalHeaderLabels(["Quote", "Source", "Statement"])
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.setWordWrap(False)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setColumnWidth(0, 420)
        self.results.setColumnWidth(1, 200)
        self.results.doubleClicked.connect(lambda _: self.accept())
        self.count = QLabel(objectName="pickerCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add as evidence")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.only_naming)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.refresh)
        self.only_naming.toggled.connect(self.refresh)
        self.resize(900, 480)
        self.refresh()

    def refresh(self, *_args) -> None:
        scope = self.entity_ids if self.only_naming.isChecked() else None
        found = evidence.find_evidence(self.project, self.search.text(), scope)
        shown = [claim for claim in found.claims if claim.id not in self.exclude]
        self.results.setRowCount(0)
        self.results.setRowCount(len(shown))
        for row, claim in enumerate(shown):
            tip = claim_tooltip(claim)
            for column, text in enumerate((one_line(claim.anchor.quote, 200), one_line(claim.source_title, 80),
                                           one_line(claim.statement, 200))):
                item = QTableWidgetItem(text)
                item.setData(_ID, claim.id)
                item.setToolTip(tip)
                self.results.setItem(row, column, item)
        if shown:
            self.results.selectRow(0)
        where = "naming them" if scope is not None else "in the project"
        more = f" (the first {len(found.claims)} of {found.total})" if found.total > len(found.claims) else ""
        already = len(found.claims) - len(shown)
        self.count.setText(f"{len(shown)} claim{'s' if len(shown) != 1 else ''} {where}{more}"
                           + (f"; {already} already evidence" if already else ""))

    def shown_ids(self) -> list[int]:
        return [self.results.item(row, 0).data(_ID) for row in range(self.results.rowCount())]

    def chosen_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.results.selectionModel().selectedRows()})
        return [self.results.item(row, 0).data(_ID) for row in rows]


class EvidenceList(QWidget):
    """The evidence claims of one relation or measure, with Add… (the picker) and Remove."""

    changed = Signal()

    def __init__(self, project: Project, claim_ids: Iterable[int], scope: Scope, parent=None):
        super().__init__(parent)
        self.setObjectName("evidence")
        self.project = project
        self.scope = scope
        self.picker: ClaimPicker | None = None
        self.list = QListWidget(objectName="evidenceList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(90)
        self.list.setToolTip("The claims that back this; double-click one to see it whole")
        self.add_button = QPushButton("Add…", objectName="evidenceAdd")
        self.add_button.setToolTip("Find claims by their words and add them as evidence")
        self.remove_button = QPushButton("Remove", objectName="evidenceRemove")
        self.add_button.clicked.connect(self.open_picker)
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, activated=self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_claims(claim_ids)
        self._update_buttons()

    def claim_ids(self) -> list[int]:
        return [self.list.item(row).data(_ID) for row in range(self.list.count())]

    def claim_uuids(self) -> list[str]:
        uuids = {claim.id: claim.uuid for claim in self.project.claims.get_many(self.claim_ids())}
        return [uuids[claim_id] for claim_id in self.claim_ids() if claim_id in uuids]

    def add_claims(self, claim_ids: Iterable[int]) -> None:
        present = set(self.claim_ids())
        for claim in self.project.claims.get_many([c for c in dict.fromkeys(claim_ids) if c not in present]):
            item = QListWidgetItem(claim_label(claim))
            item.setData(_ID, claim.id)
            item.setToolTip(claim_tooltip(claim))
            self.list.addItem(item)
        self._update_buttons()
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_buttons()
        self.changed.emit()

    def open_picker(self) -> ClaimPicker:
        """Show the picker (window-modal); the claims chosen in it are added when it is accepted."""
        self.picker = ClaimPicker(self.project, self.scope(), self.claim_ids(), self)
        self.picker.accepted.connect(lambda picker=self.picker: self.add_claims(picker.chosen_ids()))
        self.picker.open()
        return self.picker

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
