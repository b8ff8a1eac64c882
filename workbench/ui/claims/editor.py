"""The editor for one claim. It reads the claim, and hands every change back as a draft.

Changes are committed as they are made: a choice from a list at once, a text field
when it loses focus or Ctrl+Return is pressed. The window turns each committed draft
into an undoable EditClaim.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from ...core.errors import InvalidInputError
from ...core.model import (
    CREDIBILITY_GRADES,
    RELIABILITY_GRADES,
    Claim,
    ClaimDraft,
    ClaimKind,
    ClaimLink,
    Grading,
    LinkKind,
    Quantity,
    enum_values,
)
from ...core.text import one_line


class ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list, keeping the items before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt API
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802
        typed = self.widget().text()
        head = [part.strip() for part in typed.split(",")[:-1] if part.strip()]
        return ", ".join([*head, index.data()])


def split_list(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in (part.strip() for part in text.split(",")):
        if item and item.lower() not in (s.lower() for s in seen):
            seen[item] = None
    return tuple(seen)


def parse_quantity(value: str, unit: str, year: str) -> tuple[Quantity, ...]:
    value, unit, year = value.strip(), unit.strip(), year.strip()
    if not value:
        if unit or year:
            raise InvalidInputError("a quantity needs a value")
        return ()
    try:
        number = float(value.replace(",", "").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        raise InvalidInputError(f"quantity value must be a number, not {value!r}") from None
    if year and not (year.isdigit() and 1000 <= int(year) <= 2999):
        raise InvalidInputError(f"year must be a four-digit year, not {year!r}")
    return (Quantity(number, unit, int(year) if year else None),)


class ClaimEditor(QWidget):
    draftCommitted = Signal(int, object)  # noqa: N815 - claim id, ClaimDraft
    linkRequested = Signal(int)  # noqa: N815 - claim id to link from
    unlinkRequested = Signal(int)  # noqa: N815 - link id
    linkActivated = Signal(int)  # noqa: N815 - the claim at the other end
    invalidInput = Signal(str)  # noqa: N815

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("claimEditor")
        self.claim: Claim | None = None
        self._loading = False
        self._build()
        self.set_claim(None)

    def _build(self) -> None:
        # The quote is read, selected and copied here, never typed into. A box of fixed height, not a
        # wrapping label: a label's height follows its text, so each claim shown made the whole window
        # lay itself out again (3 ms of every edit with the claims table in view); a long quote scrolls.
        self.quote = QPlainTextEdit(objectName="claimQuote", readOnly=True, placeholderText=(
            "Select a claim, or select text in the reader and press Ctrl+E to make one."))
        self.quote.setTabChangesFocus(True)
        self.quote.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.quote.setFrameShape(QFrame.Shape.NoFrame)
        self.quote.viewport().setAutoFillBackground(False)  # reads as text of the form, not a field
        self.quote.setFixedHeight(self.fontMetrics().height() * 4 + 8)
        self.statement = QPlainTextEdit(objectName="claimStatement", placeholderText="What the source claims, "
                                        "in your words")
        self.statement.setTabChangesFocus(True)
        self.statement.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        self.kind = QComboBox(objectName="claimKind")
        self.kind.addItems(enum_values(ClaimKind))
        self.value = QLineEdit(placeholderText="value", objectName="quantityValue")
        self.unit = QLineEdit(placeholderText="unit", objectName="quantityUnit")
        self.year = QLineEdit(placeholderText="year", objectName="quantityYear", maxLength=4)
        self.tags = QLineEdit(placeholderText="tags, comma-separated: e.g. region/russia", objectName="claimTags")
        self.entities = QLineEdit(placeholderText="entities named, comma-separated: e.g. Huawei", objectName="claimEntities")
        self.tag_completer = self._list_completer(self.tags)
        self.entity_completer = self._list_completer(self.entities)
        self.reliability = QComboBox(objectName="claimReliability")
        self.reliability.addItem("–", None)
        for grade in RELIABILITY_GRADES:
            self.reliability.addItem(grade, grade)
        self.reliability.setToolTip("Source reliability (Admiralty code): A completely reliable … "
                                    "E unreliable, F cannot be judged")
        self.credibility = QComboBox(objectName="claimCredibility")
        self.credibility.addItem("–", None)
        for grade in CREDIBILITY_GRADES:
            self.credibility.addItem(str(grade), grade)
        self.credibility.setToolTip("Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged")
        self.note = QPlainTextEdit(objectName="claimNote", placeholderText="Your note")
        self.note.setTabChangesFocus(True)
        self.links = QListWidget(objectName="claimLinks")
        self.links.setMaximumHeight(self.fontMetrics().height() * 5)
        self.link_button = QPushButton("Link to claim…", objectName="linkClaimButton")
        self.link_button.setToolTip("Record that this claim corroborates, contradicts or duplicates another (Ctrl+L)")
        self.unlink_button = QPushButton("Remove link")
        self._lay_out()
        self._connect()

    def _list_completer(self, edit: QLineEdit) -> ListCompleter:
        completer = ListCompleter(QStringListModel(self), edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        return completer

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        quantity = QHBoxLayout()
        for widget, stretch in ((self.value, 2), (self.unit, 2), (self.year, 1)):
            quantity.addWidget(widget, stretch)
        grading = QHBoxLayout()
        grading.addWidget(QLabel("Reliability"))
        grading.addWidget(self.reliability)
        grading.addWidget(QLabel("Credibility"))
        grading.addWidget(self.credibility)
        grading.addStretch(1)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addWidget(self.unlink_button)
        link_row.addStretch(1)
        form.addRow("Quote", self.quote)
        form.addRow("&Statement", self.statement)
        form.addRow("&Kind", self.kind)
        form.addRow("Quantity", quantity)
        form.addRow("&Tags", self.tags)
        form.addRow("Ent&ities", self.entities)  # Alt+E opens the Edit menu
        form.addRow("Grading", grading)
        form.addRow("&Note", self.note)
        form.addRow("Links", self.links)
        form.addRow("", link_row)

    def _connect(self) -> None:
        for combo in (self.kind, self.reliability, self.credibility):
            combo.currentIndexChanged.connect(lambda _: self.commit())
        for edit in (self.value, self.unit, self.year, self.tags, self.entities):
            edit.editingFinished.connect(self.commit)
        for edit in (self.statement, self.note):
            edit.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.commit, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.link_button.clicked.connect(lambda: self.claim and self.linkRequested.emit(self.claim.id))
        self.unlink_button.clicked.connect(self._unlink_selected)
        self.links.itemActivated.connect(lambda item: self.linkActivated.emit(item.data(Qt.ItemDataRole.UserRole + 1)))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # At exit Qt may still deliver focus-out while the editor's fields are being deleted.
        if event.type() == QEvent.Type.FocusOut and watched in (self.statement, self.note) and self._fields_alive():
            if sys.is_finalizing():
                return False  # Python is tearing the window down: the window's closeEvent already saved
            try:
                self.commit()
            except RuntimeError:
                if self._fields_alive():
                    raise
                return False  # a field went away during this very save (the window being deleted)
        return super().eventFilter(watched, event)

    def _fields_alive(self) -> bool:
        fields = (self.statement, self.note, self.value, self.unit, self.year, self.tags, self.entities, self.kind,
                  self.reliability, self.credibility)
        return all(isValid(field) for field in fields)

    # -- showing ----------------------------------------------------------------

    def set_writable(self, writable: bool) -> None:
        """A read-only project's claims can be read and copied here, not typed into and then refused."""
        for edit in (self.statement, self.note, self.value, self.unit, self.year, self.tags, self.entities):
            edit.setReadOnly(not writable)
        for widget in (self.kind, self.reliability, self.credibility, self.link_button, self.unlink_button):
            widget.setEnabled(writable)

    def set_completions(self, tags: list[str], entities: list[str]) -> None:
        self.tag_completer.model().setStringList(tags)
        self.entity_completer.model().setStringList(entities)

    def set_claim(self, claim: Claim | None, links: list[tuple[ClaimLink, str]] = ()) -> None:
        """Show a claim; ``links`` pairs each link with a label for the claim at its other end."""
        self._loading = True
        try:
            self.claim = claim
            self.setEnabled(claim is not None)
            self.quote.setPlainText(claim.anchor.quote if claim else "")
            self.statement.setPlainText(claim.statement if claim else "")
            self.kind.setCurrentText(claim.kind.value if claim else ClaimKind.FACT.value)
            quantity = claim.quantities[0] if claim and claim.quantities else None
            self.value.setText(f"{quantity.value:g}" if quantity else "")
            self.unit.setText(quantity.unit if quantity else "")
            self.year.setText(str(quantity.year) if quantity and quantity.year else "")
            self.tags.setText(", ".join(claim.tags) if claim else "")
            self.entities.setText(", ".join(claim.entities) if claim else "")
            self.reliability.setCurrentIndex(max(0, self.reliability.findData(claim.grading.reliability))
                                             if claim and claim.grading.reliability else 0)
            self.credibility.setCurrentIndex(max(0, self.credibility.findData(claim.grading.credibility))
                                             if claim and claim.grading.credibility else 0)
            self.note.setPlainText(claim.note if claim else "")
            self.links.clear()
            for link, label in links:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, link.id)
                item.setData(Qt.ItemDataRole.UserRole + 1,
                             link.to_claim if claim and link.from_claim == claim.id else link.from_claim)
                self.links.addItem(item)
        finally:
            self._loading = False

    # -- committing ---------------------------------------------------------------

    def draft(self) -> ClaimDraft:
        """The claim as the fields now say; raises InvalidInputError for a bad quantity."""
        extra_quantities = self.claim.quantities[1:] if self.claim else ()
        return ClaimDraft(
            statement=self.statement.toPlainText().strip(),
            kind=ClaimKind(self.kind.currentText()),
            quantities=parse_quantity(self.value.text(), self.unit.text(), self.year.text()) + extra_quantities,
            grading=Grading(self.reliability.currentData(), self.credibility.currentData()),
            note=self.note.toPlainText().strip(),
            tags=split_list(self.tags.text()),
            entities=split_list(self.entities.text()),
        )

    def commit(self) -> None:
        if self._loading or self.claim is None:
            return
        try:
            draft = self.draft()
        except InvalidInputError as exc:
            self.invalidInput.emit(str(exc))
            return
        self.draftCommitted.emit(self.claim.id, draft)

    def _unlink_selected(self) -> None:
        item = self.links.currentItem()
        if item is not None:
            self.unlinkRequested.emit(item.data(Qt.ItemDataRole.UserRole))


def link_label(link: ClaimLink, this_claim: int, other: Claim) -> str:
    arrow = f"{link.kind.value} →" if link.from_claim == this_claim else f"← {link.kind.value}"
    return f"{arrow} {one_line(other.statement or other.anchor.quote, 70)} ({one_line(other.source_title, 30)})"


LINK_KINDS = [kind.value for kind in LinkKind]
