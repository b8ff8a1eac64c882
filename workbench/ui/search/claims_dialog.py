"""Make claims of selected hits: the tags and entities given once for all the claims made."""

from __future__ import annotations

from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from ..completion import guard_enter


def _names(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


class _LastItemCompleter(QCompleter):
    """Completes the name being typed after the last comma, keeping the ones before it."""

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt API
        field = self.widget()
        head = field.text().rpartition(",")[0] if field is not None else ""
        chosen = super().pathFromIndex(index)
        return f"{head}, {chosen}" if head.strip() else chosen

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt API
        return [path.rpartition(",")[2].strip()]


class MakeClaimsDialog(QDialog):
    def __init__(self, parent, count: int, sentence: bool, tag_names: list[str], entity_names: list[str]):
        super().__init__(parent)
        self.setWindowTitle("Make claims of selected hits")
        self.setObjectName("makeClaimsDialog")
        self.tags = QLineEdit(objectName="makeClaimsTags", placeholderText="region/russia, export controls")
        self.entities = QLineEdit(objectName="makeClaimsEntities", placeholderText="Huawei, Nvidia")
        for field, names in ((self.tags, tag_names), (self.entities, entity_names)):
            completer = _LastItemCompleter(sorted(names, key=str.casefold), field)
            completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
            field.setCompleter(completer)
            guard_enter(completer, field)
        what = "the sentence around each hit" if sentence else "exactly each hit"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Make {count} claim{'s' if count != 1 else ''}")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        intro = QLabel(f"{count} claim{'s' if count != 1 else ''} of {what}, in one step that Undo takes back. "
                       "Tags and entities (comma-separated, may be empty) are given to every claim; "
                       "a new name makes a new tag or entity.", wordWrap=True)
        form.addRow(intro)
        form.addRow("Tags:", self.tags)
        form.addRow("Entities:", self.entities)
        form.addRow(buttons)
        self.setMinimumWidth(480)
        self.resize(520, self.sizeHint().height())

    def tag_names(self) -> tuple[str, ...]:
        return _names(self.tags.text())

    def entity_names(self) -> tuple[str, ...]:
        return _names(self.entities.text())
