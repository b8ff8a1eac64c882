"""The tag manager (Edit ▸ Tags…): the tag tree with claim counts; rename, move, merge, delete, colour.

Every button runs one service of ``services.tags`` through ``run`` (the main window's undo
controller, so each edit is one step of Ctrl+Z); the panes follow from the step's change
set like after any other edit. The tree is read again after each step, including undo and
redo made while the dialog is open. Choices the analyst makes in a small modal (a name, a
tag, a colour, a yes) go through methods a test can replace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import WorkbenchError
from ...services import tags
from ...services.project import Project
from ..claims.pane import ALL_SOURCES

Runner = Callable[[str, Callable[[Project], object]], object]
TOP_LEVEL = "(top level)"
_ID = Qt.ItemDataRole.UserRole


class TagTree(QTreeWidget):
    """The tag tree; dragging a tag onto another puts it under that one, between two puts it beside them,
    and onto the empty space below moves it to the top level. The dialog does the move (``move_requested``)
    and reads the tree again, so the items never move by themselves."""

    move_requested = Signal(int, object)  # tag id, new parent id or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def parent_for_drop(self, position) -> int | None:
        """The id of the tag a drop at this point of the viewport puts the dragged tag under (None: top level)."""
        target = self.itemAt(position)
        if target is None:
            return None
        rect = self.visualItemRect(target)
        on_item = rect.top() + rect.height() / 4 <= position.y() <= rect.bottom() - rect.height() / 4
        parent = target if on_item else target.parent()
        return parent.data(0, _ID) if parent is not None else None

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        dragged = self.currentItem()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()  # the tree is read again after the move; Qt must not move the item itself
        if dragged is None:
            return
        parent_id = self.parent_for_drop(event.position().toPoint())
        if parent_id != dragged.data(0, _ID):
            self.move_requested.emit(dragged.data(0, _ID), parent_id)


class TagManager(QDialog):
    show_claims_requested = Signal(str)  # a tag path: list its claims (and its sub-tags') in the claims table
    def __init__(self, project: Project, run: Runner, undo=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.setObjectName("tagManager")
        self.project = project
        self._run = run
        self.undo = undo
        self.tree = TagTree()
        self.tree.setObjectName("tagTree")
        self.tree.move_requested.connect(self.move_to)
        self.tree.setHeaderLabels(["Tag", "Claims", "With sub-tags", "Colour"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemChanged.connect(self._item_renamed)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.filter = QLineEdit(placeholderText="Filter tags…", objectName="tagFilter", clearButtonEnabled=True)
        self.filter.textChanged.connect(self._apply_filter)
        self.status = QLabel(objectName="tagStatus", wordWrap=True)
        self.buttons: dict[str, QPushButton] = {}
        side = QVBoxLayout()
        for name, text, slot in (("new", "&New…", self.new_tag), ("rename", "&Rename", self.rename_current),
                                 ("move", "&Move to…", self.move_current), ("merge", "Mer&ge into…", self.merge_current),
                                 ("colour", "&Colour…", self.colour_current),
                                 ("show_claims", "Show its &claims", self.show_claims_of_current),
                                 ("clear_colour", "No colour", self.clear_colour),
                                 ("delete", "&Delete…", self.delete_current)):
            button = QPushButton(text, objectName=f"tag_{name}")
            button.clicked.connect(lambda _=False, slot=slot: slot())
            side.addWidget(button)
            self.buttons[name] = button
        side.addStretch(1)
        body = QHBoxLayout()
        tree_box = QVBoxLayout()
        tree_box.addWidget(self.filter)
        tree_box.addWidget(self.tree)
        body.addLayout(tree_box, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.status)
        layout.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self.tree, activated=self.rename_current)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, activated=self.delete_current)
        if undo is not None:  # Ctrl+Z in the dialog takes back its last step, and the tree follows
            QShortcut(QKeySequence.StandardKey.Undo, self, activated=undo.undo_last)
            QShortcut(QKeySequence.StandardKey.Redo, self, activated=undo.redo_next)
            undo.changed.connect(self._after_step)
        self.resize(720, 520)
        self.reload()

    # -- the tree ----------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_tag_id()
        expanded = {item.data(0, _ID) for item in self._items() if item.isExpanded()}
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for count in tags.tag_counts(self.project):
            tag = count.tag
            parent = items.get(tag.parent_id)
            item = QTreeWidgetItem([tag.name, str(count.own),
                                    str(count.with_subtags) if count.with_subtags != count.own else "", tag.color])
            item.setData(0, _ID, tag.id)
            item.setToolTip(0, tag.path)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            if tag.color:
                item.setBackground(3, QBrush(QColor(tag.color)))
                item.setForeground(3, QBrush(QColor("#000000" if QColor(tag.color).lightnessF() > 0.5 else "#ffffff")))
            if self.project.writable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
                              | Qt.ItemFlag.ItemIsDropEnabled)
            else:
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled))
            if parent is not None:
                parent.addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            item.setExpanded(tag.id in expanded or not expanded)
            items[tag.id] = item
        self.tree.blockSignals(False)
        if keep in items:
            self.tree.setCurrentItem(items[keep])
        self._apply_filter(self.filter.text())
        self._update_buttons()

    def _items(self) -> list[QTreeWidgetItem]:
        found, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def item_for(self, path: str) -> QTreeWidgetItem | None:
        return next((item for item in self._items() if item.toolTip(0) == path), None)

    def current_tag_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, _ID) if item is not None else None

    def select(self, path: str) -> None:
        item = self.item_for(path)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _apply_filter(self, text: str) -> None:
        """Tags whose path holds the words stay shown, with their parents."""
        words = text.lower().split()
        for item in self._items():
            item.setHidden(bool(words))
        for item in self._items():
            if all(word in item.toolTip(0).lower() for word in words):
                while item is not None:
                    item.setHidden(False)
                    item = item.parent()

    def _update_buttons(self) -> None:
        chosen = self.current_tag_id() is not None
        for name, button in self.buttons.items():
            if name == "new":
                button.setEnabled(self.project.writable)
            else:
                button.setEnabled(chosen and (self.project.writable or name == "show_claims"))

    def _after_step(self, _command, changes) -> None:
        if changes.tags or changes.claims:
            self.reload()

    # -- the edits -----------------------------------------------------------------------------

    def _edit(self, text: str, edit: Callable[[Project], tags.TagEditResult], keep: int | None = None) -> bool:
        try:
            result = self._run(text, edit)
        except WorkbenchError as exc:
            self.status.setText(f"⚠ {exc}")
            self.reload()
            return False
        self.status.setText(result.message if isinstance(result, tags.TagEditResult) else "")
        self.reload(keep)
        return True

    def _current(self):
        tag_id = self.current_tag_id()
        return self.project.tags.get(tag_id) if tag_id is not None else None

    def new_tag(self) -> None:
        current = self._current()
        suggestion = f"{current.path}/" if current else ""
        path = self.ask_text("New tag", "Tag path (levels separated by '/'):", suggestion)
        if path:
            self._edit(f"Add tag “{path.strip()}”", lambda p: tags.create_tag(p, path))
            self.select("/".join(part.strip() for part in path.strip().strip("/").split("/")))

    def rename_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and self.project.writable:
            self.tree.editItem(item, 0)

    def _item_renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        tag = self.project.tags.get(item.data(0, _ID))
        name = item.text(0).strip()
        if name == tag.name:
            return
        self._edit(f"Rename tag “{tag.path}”", lambda p: tags.rename_tag(p, tag.id, name), keep=tag.id)

    def rename(self, path: str, name: str) -> bool:
        """Rename the tag at ``path`` as typing in the tree does."""
        tag = tags.resolve_tag(self.project, path)
        return self._edit(f"Rename tag “{tag.path}”", lambda p: tags.rename_tag(p, tag.id, name), keep=tag.id)

    def move_current(self) -> None:
        tag = self._current()
        if tag is None:
            return
        inside = {tag.id, *self.project.tags.below(tag.id)}
        choices = [TOP_LEVEL] + [t.path for t in self.project.tags.list()
                                 if t.id not in inside and t.id != tag.parent_id]
        if tag.parent_id is None:
            choices.remove(TOP_LEVEL)
        chosen = self.ask_choice("Move tag", f"Put “{tag.path}” (with its sub-tags) under:", choices)
        if chosen:
            parent = None if chosen == TOP_LEVEL else chosen
            self._edit(f"Move tag “{tag.path}”", lambda p: tags.move_tag(p, tag.id, parent), keep=tag.id)

    def move_to(self, tag_id: int, parent_id: int | None) -> bool:
        """Move a tag under another (or to the top level): what a drag in the tree asks for."""
        tag = self.project.tags.get(tag_id)
        if parent_id == tag.parent_id or not self.project.writable:
            return False
        return self._edit(f"Move tag “{tag.path}”", lambda p: tags.move_tag(p, tag.id, parent_id), keep=tag.id)

    def merge_current(self) -> None:
        tag = self._current()
        if tag is None:
            return
        choices = [t.path for t in self.project.tags.list() if t.id != tag.id
                   and t.id not in self.project.tags.below(tag.id)]
        chosen = self.ask_choice("Merge tags", f"Merge “{tag.path}” into (its claims and sub-tags go there):",
                                 choices)
        if chosen:
            target = tags.resolve_tag(self.project, chosen)
            self._edit(f"Merge tag “{tag.path}” into “{target.path}”",
                       lambda p: tags.merge_tags(p, tag.id, target.id), keep=target.id)

    def colour_current(self) -> None:
        tag = self._current()
        if tag is None:
            return
        colour = self.ask_colour(tag.color or "#4a90d9", f"Colour of “{tag.path}”")
        if colour:
            self._edit(f"Colour tag “{tag.path}”", lambda p: tags.set_tag_colour(p, tag.id, colour), keep=tag.id)

    def clear_colour(self) -> None:
        tag = self._current()
        if tag is not None and tag.color:
            self._edit(f"Clear colour of “{tag.path}”", lambda p: tags.set_tag_colour(p, tag.id, ""), keep=tag.id)

    def delete_current(self) -> None:
        tag = self._current()
        if tag is None or not self.project.writable:
            return
        impact = tags.delete_impact(self.project, tag.id)
        if self.confirm("Delete tag", impact.describe()):
            self._edit(f"Delete tag “{tag.path}”", lambda p: tags.delete_tag(p, tag.id), keep=tag.parent_id)

    def show_claims_of_current(self) -> None:
        tag = self._current()
        if tag is not None:
            self.show_claims_requested.emit(tag.path)
            self.accept()

    # -- small modal choices (a test replaces these) ---------------------------------------------

    def ask_text(self, title: str, label: str, value: str) -> str:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, value)
        return text if ok else ""

    def ask_choice(self, title: str, label: str, choices: list[str]) -> str:
        if not choices:
            self.status.setText("⚠ there is no other tag to choose")
            return ""
        chosen, ok = QInputDialog.getItem(self, title, label, choices, 0, False)
        return chosen if ok else ""

    def ask_colour(self, current: str, title: str) -> str:
        colour = QColorDialog.getColor(QColor(current), self, title)
        return colour.name() if colour.isValid() else ""

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        if self.undo is not None:
            try:
                self.undo.changed.disconnect(self._after_step)
            except (RuntimeError, TypeError):
                pass
        super().done(result)


def open_tag_manager(window) -> TagManager:
    """Edit ▸ Tags… of the main window: edits go on its undo history; "Show its claims" filters its claims
    table by the tag (sub-tags included) over all sources."""
    manager = TagManager(window.project, window.undo.run_edit, window.undo, window)

    def show_claims(path: str) -> None:
        pane = window.claims_pane
        pane.scope.setCurrentIndex(pane.scope.findText(ALL_SOURCES))
        pane.tag_filter.setText(path)
        pane.apply_filters()
        window.docks["claims"].show()
        window.docks["claims"].raise_()

    manager.show_claims_requested.connect(show_claims)
    return manager
