"""The analyst's corrections in the reader: "Remove as boilerplate" and "Edit source text…".

Both are undoable commands (services.text_commands) run through the window's undo
controller, and both work while the source has claims: claims outside the change keep
their place, a claim whose quote was edited is re-anchored by quote and context or
flagged. The actions sit in the Edit menu and in the reader's context menu, each with
a shortcut. Kept apart from main_window.py so the window only has to call ``install``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QMessageBox, QPlainTextEdit, QVBoxLayout

from ..services.text_commands import clean_anyway_command, edit_text_command, remove_as_boilerplate_command

REMOVE_SHORTCUT = "Ctrl+Shift+B"
EDIT_SHORTCUT = "Ctrl+Shift+T"


class EditSourceTextDialog(QDialog):
    """The source's text as plain text, for a real correction; OK replaces it."""

    def __init__(self, title: str, text: str, claim_count: int, parent=None):
        super().__init__(parent)
        self.setObjectName("editSourceText")
        self.setWindowTitle("Edit source text")
        self.resize(900, 640)
        note = QLabel(self, objectName="editSourceTextNote")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setText(f"{title}\n\nCorrect what the extraction got wrong (a typo, a dropped paragraph). "
                     + (f"The source has {claim_count} claim(s): those whose quotes you leave untouched keep "
                        "their place; a changed quote is found again by its words and context, or flagged."
                        if claim_count else "The source has no claims yet."))
        self.editor = QPlainTextEdit(self, objectName="editSourceTextEditor")
        self.editor.setPlainText(text)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.editor.font())
        font.setPointSizeF(max(10.5, font.pointSizeF() * 1.1))
        self.editor.setFont(font)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Replace text")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)

    def new_text(self) -> str:
        return self.editor.toPlainText()


class TextCorrections(QObject):
    """The two reader actions and what they do; one per main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.remove_action = self._action("remove_boilerplate", "Remove as &boilerplate", REMOVE_SHORTCUT,
                                          "Take the selected text out as boilerplate (undoable, restorable)",
                                          self.remove_selection)
        self.edit_action = self._action("edit_text", "Edit source &text…", EDIT_SHORTCUT,
                                        "Correct the source's text; claims keep their place or are re-anchored",
                                        self.edit_text)
        self.edit_dialog: EditSourceTextDialog | None = None
        reader = window.reader
        reader.addAction(self.remove_action)
        # The reader's right-click menu (ui.context_menus) takes these actions from ``context_menu``.
        reader.selectionChanged.connect(self.update_enabled)
        reader.textChanged.connect(self.update_enabled)  # a source shown, or the reader cleared
        self._add_to_edit_menu()
        self.update_enabled()

    def _action(self, name: str, text: str, shortcut: str, tip: str, slot) -> QAction:
        action = QAction(text, self.window, objectName=f"action_{name}")
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({shortcut})")
        action.triggered.connect(lambda _checked=False: slot())
        self.window.actions_by_name[name] = action
        return action

    def _add_to_edit_menu(self) -> None:
        removed = self.window.actions_by_name.get("removed")
        menus = [m for m in (removed.associatedObjects() if removed else []) if hasattr(m, "insertAction")]
        for menu in menus:
            if menu is self.window.reader:
                continue
            position = _action_after(menu, removed)
            menu.insertAction(position, self.remove_action)
            menu.insertAction(position, self.edit_action)
            break
        else:
            self.window.addAction(self.remove_action)
            self.window.addAction(self.edit_action)

    def context_menu(self, point) -> QMenu:
        """The reader's own menu (Copy, Select All) with claim creation and the corrections below it."""
        reader = self.window.reader
        menu = reader.createStandardContextMenu(point)
        menu.setObjectName("readerContextMenu")
        menu.addSeparator()
        create = self.window.actions_by_name.get("create_claim")
        if create is not None:
            menu.addAction(create)
        menu.addAction(self.remove_action)
        menu.addAction(self.edit_action)
        self.update_enabled()
        return menu

    def _writable_source(self) -> bool:
        project = self.window.project
        return project is not None and project.writable and self.window.current_source_id is not None

    def update_enabled(self) -> None:
        span = self.window.reader_view.selected_span() if self._writable_source() else None
        self.remove_action.setEnabled(span is not None and span[0] < span[1])
        self.edit_action.setEnabled(self._writable_source())

    def remove_selection(self) -> bool:
        span = self.window.reader_view.selected_span()
        if not self._writable_source() or span is None or span[0] >= span[1]:
            self.window.statusBar().showMessage("Select the text to remove in the reader first", 5000)
            return False
        command = remove_as_boilerplate_command(self.window.current_source_id, *span)
        if not self.window.undo.run(command):
            return False
        self.window.statusBar().showMessage(
            f"Removed {span[1] - span[0]} characters as boilerplate ({command.correction.summary()}); "
            "Undo or the Removed dialog puts them back", 8000)
        return True

    def edit_text(self) -> EditSourceTextDialog | None:
        if not self._writable_source():
            return None
        window = self.window
        source = window.project.sources.get(window.current_source_id)
        dialog = EditSourceTextDialog(source.title, window.project.sources.text(source.id), source.claim_count,
                                      window)
        self.edit_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_edit(source.id, dialog.new_text()))
        dialog.open()
        return dialog

    def apply_edit(self, source_id: int, new_text: str) -> bool:
        command = edit_text_command(source_id, new_text)
        if not self.window.undo.run(command):
            return False
        correction = command.correction
        self.window.statusBar().showMessage(f"Source text replaced: {correction.summary()}", 10000)
        if correction.orphaned:
            QMessageBox.warning(self.window, "Claims to check",
                                f"{correction.orphaned} claim(s) quote words that are no longer in the text. "
                                "They are flagged as orphaned: re-select their quote, or undo the edit.")
        return True

    def clean_anyway(self, source_id: int) -> bool:
        """The import summary's "Clean anyway": the cleaning the over-removal guard held back."""
        command = clean_anyway_command(source_id)
        if not self.window.undo.run(command):
            return False
        taken = len(command.correction.before.text) - len(command.correction.after.text)
        self.window.statusBar().showMessage(f"Cleaned anyway: {taken} characters removed (undoable)", 8000)
        return True


def _action_after(menu, action):
    actions = menu.actions()
    index = actions.index(action) if action in actions else len(actions) - 1
    return actions[index + 1] if index + 1 < len(actions) else None


def install(window) -> TextCorrections:
    window.corrections = TextCorrections(window)
    return window.corrections
