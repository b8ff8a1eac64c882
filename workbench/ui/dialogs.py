"""Small dialogs: keyboard shortcuts, source details, linking two claims."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.model import RELIABILITY_GRADES, Source, SourceMeta
from ..core.text import one_line
from ..services.project import Project
from ..storage.claim_queries import ClaimQuery


def shortcuts_dialog(parent, rows: list[tuple[str, str]]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    table = QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels(["Action", "Shortcut"])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for row, (action, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(action))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(460, 520)
    return dialog


class SourceDialog(QDialog):
    """Edit what is known about a source; the text itself never changes here."""

    def __init__(self, source: Source, parent=None, notes: list | None = None):
        super().__init__(parent)
        self.setWindowTitle("Source details")
        self.fields = {name: QLineEdit(getattr(source.meta, name)) for name in
                       ("title", "author", "publisher", "published", "url", "language")}
        self.fields["published"].setPlaceholderText("2024, 2024-12 or 2024-12-31")
        self.reliability = QComboBox()
        self.reliability.addItem("–", None)
        for grade in RELIABILITY_GRADES:
            self.reliability.addItem(grade, grade)
        if source.reliability:
            self.reliability.setCurrentIndex(self.reliability.findData(source.reliability))
        form = QFormLayout(self)
        for name, edit in self.fields.items():
            form.addRow(name.capitalize(), edit)
        form.addRow("Reliability", self.reliability)
        self.footnotes = QLabel(_footnotes_summary(notes or []), objectName="sourceFootnotes")
        self.footnotes.setWordWrap(True)
        self.footnotes.setTextFormat(Qt.TextFormat.PlainText)
        self.footnotes.setToolTip("Numbers glued to words that point to the numbered notes at the end of the text; "
                                  "read from the text, shown raised in the reader and cited in reports")
        form.addRow("Footnotes", self.footnotes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def result_meta(self) -> tuple[SourceMeta, str | None]:
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        return SourceMeta(**values), self.reliability.currentData()


def _footnotes_summary(notes: list) -> str:
    if not notes:
        return "none found"
    numbers = sorted({note.number for note in notes})
    shown = ", ".join(str(n) for n in numbers[:20]) + (" …" if len(numbers) > 20 else "")
    return f"{len(notes)} marker{'s' if len(notes) != 1 else ''} in the text, pointing to notes {shown}"


class LinkDialog(QDialog):
    """Choose another claim (found by its words) and how this one relates to it."""

    def __init__(self, project: Project, from_claim: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Link claims")
        self.project = project
        self.from_claim = from_claim
        self.kind = QComboBox(objectName="linkKind")
        self.kind.addItems(["corroborates", "contradicts", "duplicates"])
        self.search = QLineEdit(placeholderText="Words of the other claim…", objectName="linkSearch")
        self.results = QListWidget(objectName="linkResults")
        form = QFormLayout(self)
        form.addRow("This claim", self.kind)
        form.addRow("Find", self.search)
        form.addRow(self.results)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.search.textChanged.connect(self.refresh)
        self.results.itemActivated.connect(lambda _: self.accept())
        self.refresh()
        self.resize(640, 420)

    def refresh(self) -> None:
        ids = [i for i in self.project.claims.query_ids(ClaimQuery(text=self.search.text())) if i != self.from_claim]
        self.results.clear()
        for claim in self.project.claims.get_many(ids[:100]):
            item = QListWidgetItem(f"{one_line(claim.statement or claim.anchor.quote, 90)} — "
                                   f"{one_line(claim.source_title, 40)}")
            item.setData(Qt.ItemDataRole.UserRole, claim.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def chosen(self) -> tuple[int, str] | None:
        item = self.results.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole), self.kind.currentText()) if item else None
