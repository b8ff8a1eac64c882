"""Completers in dialogs: suggestions in a popup, and Enter there takes the suggestion, not the dialog.

Qt's QCompleter hands the Enter that picked a suggestion on to its line edit, and from there it
reaches the dialog's default button: the dialog was submitted with whatever the field held at that
moment (issue 14: "Enter on a completion submitted the dialog with the first entity"). The filter
here eats that Enter once the suggestion is in the field; with no popup open, Enter is the
dialog's OK as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QInputDialog, QLineEdit

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterTakesCompletion(QObject):
    def __init__(self, completer: QCompleter, field: QLineEdit, combo: QComboBox | None = None):
        super().__init__(completer)
        self.completer = completer
        self.field = field
        self.combo = combo

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or event.key() not in _ENTER:
            return False
        popup = self.completer.popup()
        if not popup.isVisible():
            return False
        index = popup.currentIndex()
        popup.hide()
        if index.isValid():
            self._take(self.completer.pathFromIndex(self.completer.completionModel().mapToSource(index)))
        return True  # the Enter chose a suggestion (or closed the list): it does not submit the dialog

    def _take(self, text: str) -> None:
        if self.combo is not None and self.combo.findText(text) >= 0:
            self.combo.setCurrentIndex(self.combo.findText(text))
        else:
            self.field.setText(text)
        self.completer.activated.emit(text)


def popup_completer(field: QLineEdit | QComboBox, completer: QCompleter | None = None) -> QCompleter:
    """Give a line edit or an editable combo box a popup completer (case-insensitive, matching anywhere in
    the name) whose Enter takes the suggestion; returns the completer."""
    line = field.lineEdit() if isinstance(field, QComboBox) else field
    if completer is None:
        completer = QCompleter(field.model() if isinstance(field, QComboBox) else [], field)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    field.setCompleter(completer)
    guard_enter(completer, line, field if isinstance(field, QComboBox) else None)
    return completer


def guard_enter(completer: QCompleter, line: QLineEdit, combo: QComboBox | None = None) -> None:
    """Enter in this completer's popup takes the suggestion and goes no further."""
    completer.popup().installEventFilter(_EnterTakesCompletion(completer, line, combo))


def item_dialog(parent, title: str, label: str, items: list[str]) -> QInputDialog:
    """An editable choice (QInputDialog.getItem's) whose suggestions pop up as you type, matching anywhere,
    and whose Enter on a suggestion takes it rather than the dialog."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(True)
    dialog.setTextValue("")
    combo = dialog.findChild(QComboBox)
    if combo is not None:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        popup_completer(combo)
    return dialog


def get_item(parent, title: str, label: str, items: list[str]) -> tuple[str, bool]:
    """Like QInputDialog.getItem (editable), with the completion of ``item_dialog``."""
    dialog = item_dialog(parent, title, label, items)
    accepted = bool(dialog.exec())
    return dialog.textValue(), accepted
