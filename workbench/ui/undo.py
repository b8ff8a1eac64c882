"""The bridge from Qt-free commands (services.commands) to Qt's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.errors import WorkbenchError
from ..services.commands import Command
from ..services.project import Project


class _QtCommand(QUndoCommand):
    def __init__(self, controller: UndoController, command: Command):
        super().__init__(command.text)
        self.controller = controller
        self.command = command
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # push() redoes at once, but the command was already done by run()
            self._first_redo = False
            return
        if not self.controller.apply(self.command, undo=False):
            self.setObsolete(True)

    def undo(self) -> None:
        # A step that could not be taken leaves the history (Qt drops obsolete commands), so
        # the stack's position never claims a change that did not happen.
        if not self.controller.apply(self.command, undo=True):
            self.setObsolete(True)


class UndoController(QObject):
    """Runs commands on the open project and keeps them for undo and redo.

    ``run`` does the command first and pushes it only when it succeeded, so a refused
    edit leaves neither a change nor a history entry. ``changed`` tells the panes to
    show the project again after every do, undo and redo.
    """

    changed = Signal(object)  # the command just done or undone
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.project: Project | None = None
        # Saves edits still pending in a form (the claim editor), so an undo or redo never discards them.
        self.before_step: Callable[[], None] = lambda: None

    def set_project(self, project: Project | None) -> None:
        self.stack.clear()
        self.project = project

    def run(self, command: Command) -> bool:
        if self.project is None:
            return False
        try:
            command.do(self.project)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return False
        self.stack.push(_QtCommand(self, command))
        self.changed.emit(command)
        return True

    def undo_last(self) -> None:
        self.before_step()  # a pending edit becomes the last command, and is the one undone (redo brings it back)
        self.stack.undo()

    def redo_next(self) -> None:
        self.before_step()
        self.stack.redo()

    def apply(self, command: Command, undo: bool) -> bool:
        try:
            command.undo(self.project) if undo else command.do(self.project)
        except WorkbenchError as exc:  # e.g. the text the claim was in has changed since
            self.failed.emit(f"cannot {'undo' if undo else 'redo'} “{command.text}”: {exc}; "
                             "it is taken out of the undo history")
            return False
        self.changed.emit(command)
        return True
