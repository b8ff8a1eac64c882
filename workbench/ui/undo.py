"""The bridge from Qt-free commands (services.commands) to Qt's undo stack.

Every do, undo and redo goes through ``services.commands.perform``, which returns the
typed change set of what the step changed; ``changed`` hands it to the panes, which
update only what it names. ``stepped`` says in words what was done, undone or redone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.changes import ChangeSet
from ..core.errors import WorkbenchError
from ..services import commands
from ..services.commands import Command
from ..services.project import Project

UNDO_LIMIT = 500  # steps kept; the oldest go first (commands hold ids and small rows, never source bytes)
_MERGE_ID = 1
log = logging.getLogger(__name__)


class _QtCommand(QUndoCommand):
    def __init__(self, controller: UndoController, command: Command):
        super().__init__(command.text)
        self.controller = controller
        self.command = command
        self._first_redo = True

    def id(self) -> int:  # noqa: A003 - Qt API
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        """The fields written into a claim just created belong to its creation: one step, not two."""
        mine, theirs = self.command, getattr(other, "command", None)
        if (isinstance(mine, commands.CreateClaim) and isinstance(theirs, commands.EditClaim)
                and theirs.claim_id == mine.claim_id and self.controller.merging_open(mine.claim_id)):
            return True  # undoing the creation snapshots the claim as it then is, edits included
        return False

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
    edit leaves neither a change nor a history entry.
    """

    changed = Signal(object, object)  # the command just done, undone or redone; its ChangeSet
    stepped = Signal(str)  # "Done: …", "Undone: …", "Redone: …"
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)
        self.project: Project | None = None
        # Saves edits still pending in a form (the claim editor), so an undo or redo never discards them.
        self.before_step: Callable[[], None] = lambda: None
        self._merge_claim: int | None = None  # the claim whose creation still takes in its first edits
        self.last_verb = ""  # "Done", "Undone" or "Redone": the step whose changes are being shown

    def set_project(self, project: Project | None) -> None:
        self.stack.clear()
        self.project = project
        self._merge_claim = None

    def merging_open(self, claim_id: int | None) -> bool:
        return claim_id is not None and claim_id == self._merge_claim

    def end_merging(self) -> None:
        """The analyst moved on from the claim just created: later edits of it are steps of their own."""
        self._merge_claim = None

    def run(self, command: Command, raise_errors: bool = False) -> bool:
        """Do the command and keep it for undo; a refusal is announced on ``failed`` (or raised, for a
        dialog that shows it beside its fields)."""
        if self.project is None:
            return False
        try:
            changes = commands.perform(self.project, command)
        except WorkbenchError as exc:
            if raise_errors:
                raise
            self.failed.emit(str(exc))
            return False
        if not isinstance(command, commands.EditClaim) or not self.merging_open(command.claim_id):
            self._merge_claim = command.claim_id if isinstance(command, commands.CreateClaim) else None
        self.stack.push(_QtCommand(self, command))
        self._announce(command, changes, "Done")
        return True

    def run_edit(self, text: str, edit: Callable[[Project], object]) -> object:
        """Run a service edit of entities, relations, measures, tags or decisions as one undoable step;
        returns what the service returned, or raises its WorkbenchError."""
        command = commands.JournalledEdit(text, edit)
        self.run(command, raise_errors=True)
        return command.result

    def run_done(self, command: Command, changes: ChangeSet) -> None:
        """Put a command that already ran (in the background) on the history, with what it changed."""
        self._merge_claim = None
        self.stack.push(_QtCommand(self, command))
        self._announce(command, changes, "Done")

    def broadcast(self, changes: ChangeSet) -> None:
        """Tell the panes about changes that are not a step of the history (a list import, a screening
        run: too large to undo row by row, and said so where they are started)."""
        if changes:
            log.info("background work changed: %s", changes.describe())
            self.changed.emit(None, changes)

    def undo_last(self) -> None:
        self.before_step()  # a pending edit becomes the last command, and is the one undone (redo brings it back)
        self._merge_claim = None
        self.stack.undo()

    def redo_next(self) -> None:
        self.before_step()
        self._merge_claim = None
        self.stack.redo()

    def apply(self, command: Command, undo: bool) -> bool:
        try:
            changes = commands.perform(self.project, command, undo=undo)
        except WorkbenchError as exc:  # e.g. the text the claim was in has changed since
            self.failed.emit(f"cannot {'undo' if undo else 'redo'} “{command.text}”: {exc}; "
                             "it is taken out of the undo history")
            return False
        self._announce(command, changes, "Undone" if undo else "Redone")
        return True

    def _announce(self, command: Command, changes: ChangeSet, verb: str) -> None:
        self.last_verb = verb
        log.info("%s: %s (%s)", verb, type(command).__name__, changes.describe())  # no titles or text in the log
        self.changed.emit(command, changes)
        self.stepped.emit(f"{verb}: {command.text}")
