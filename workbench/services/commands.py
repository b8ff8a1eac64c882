"""Edits as Qt-free command objects: each can be done, undone and done again.

The desktop program wraps these in QUndoCommands; the commands themselves know
nothing of Qt, so they are tested directly against a project. Every ``do`` and
``undo`` is one committed transaction. A command may raise WorkbenchError from its
first ``do``; it then has changed nothing and is not put on the undo history.

``perform`` runs a command's do or undo and returns the typed change set of what it
changed (recorded under the repositories by storage.change_log), which is what the
panes update from. ``JournalledEdit`` makes any service call that edits entities,
relations, measures, identifiers, tags or screening decisions undoable as one step.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from ..core.changes import ChangeSet
from ..core.errors import NotFoundError, WorkbenchError
from ..core.model import Claim, ClaimDraft, LinkKind, SourceMeta
from ..core.text import one_line
from ..storage.snapshots import ClaimSnapshot, SourceSnapshot
from ..storage.source_text import TextState, read_state, write_state
from .annotate import add_claim_at
from .ingest import restore_removed
from .project import Project


class Command(Protocol):
    text: str

    def do(self, project: Project) -> None: ...

    def undo(self, project: Project) -> None: ...


log = logging.getLogger(__name__)
_State = TypeVar("_State")


def _recorded(state: _State | None) -> _State:
    """What do() kept for undo (or undo for redo); a step run out of its order is refused."""
    if state is None:
        raise WorkbenchError("this step was not done, so it cannot be taken back")
    return state


def perform(project: Project, command: Command, undo: bool = False) -> ChangeSet:
    """Do (or undo) a command and return what it changed; a failed step changes nothing and reports nothing."""
    project.changes.discard()  # anything logged outside a command (a background task's own log) is not ours
    try:
        if undo:
            command.undo(project)
        else:
            command.do(project)
    except BaseException:
        project.changes.discard()
        raise
    changes = project.changes.collect()
    # The class name, not command.text: the text can quote a source's title, and the log never holds source text.
    log.debug("%s %s: %s", "undo" if undo else "do", type(command).__name__, changes.describe())
    return changes


def draft_of(claim: Claim) -> ClaimDraft:
    """What the analyst said about a claim, as a draft that can be edited and written back."""
    return ClaimDraft(claim.statement, claim.kind, claim.quantities, claim.grading, claim.note, claim.tags,
                      claim.entities)


def _short(text: str) -> str:
    return one_line(text, 40)


@dataclass
class CreateClaim:
    source_id: int
    start: int
    end: int
    draft: ClaimDraft = field(default_factory=ClaimDraft)
    claim_id: int | None = None
    _deleted: ClaimSnapshot | None = None

    @property
    def text(self) -> str:
        return "Create claim"

    def do(self, project: Project) -> None:
        if self._deleted is None:
            self.claim_id = add_claim_at(project, self.source_id, self.start, self.end, self.draft).id
        else:  # redo brings back the very claim that undo took away
            project.claims.restore(self._deleted)
            self._deleted = None

    def undo(self, project: Project) -> None:
        claim_id = _recorded(self.claim_id)
        with project.db.transaction():
            self._deleted = project.claims.snapshot(claim_id)
            project.claims.delete(claim_id)


@dataclass
class DeleteClaim:
    claim_id: int
    _deleted: ClaimSnapshot | None = None

    text: str = "Delete claim"

    def do(self, project: Project) -> None:
        with project.db.transaction():
            self._deleted = project.claims.snapshot(self.claim_id)
            project.claims.delete(self.claim_id)

    def undo(self, project: Project) -> None:
        project.claims.restore(_recorded(self._deleted))


@dataclass
class EditClaim:
    """Statement, kind, quantities, grading, note, tags and entities: one edit, one step."""

    claim_id: int
    before: ClaimDraft
    after: ClaimDraft

    @property
    def text(self) -> str:
        changed = [name for name in ("statement", "kind", "quantities", "grading", "note", "tags", "entities")
                   if getattr(self.before, name) != getattr(self.after, name)]
        return f"Edit claim ({', '.join(changed) or 'no change'})"

    def do(self, project: Project) -> None:
        project.claims.update(self.claim_id, self.after)

    def undo(self, project: Project) -> None:
        project.claims.update(self.claim_id, self.before)


def edit_claim(project: Project, claim_id: int, **changes) -> EditClaim:
    """An EditClaim that changes the named fields of the claim's current draft."""
    before = draft_of(project.claims.get(claim_id))
    return EditClaim(claim_id, before, replace(before, **changes))


@dataclass
class LinkClaims:
    from_claim: int
    to_claim: int
    kind: LinkKind
    note: str = ""
    link_id: int | None = None
    previous_note: str | None = None  # the link existed before: undo gives it back its note

    @property
    def text(self) -> str:
        return f"Link claims ({LinkKind(self.kind).value})"

    def do(self, project: Project) -> None:
        wanted = (self.from_claim, self.to_claim, LinkKind(self.kind))
        existing = next((link for link in project.claims.links(self.from_claim)
                         if (link.from_claim, link.to_claim, link.kind) == wanted), None)
        self.previous_note = existing.note if existing is not None else None
        self.link_id = project.claims.link(self.from_claim, self.to_claim, self.kind, self.note).id

    def undo(self, project: Project) -> None:
        if self.previous_note is not None:
            project.claims.link(self.from_claim, self.to_claim, self.kind, self.previous_note)
        else:
            project.claims.unlink(_recorded(self.link_id))


@dataclass
class EditSource:
    source_id: int
    before: tuple[SourceMeta, str | None]
    after: tuple[SourceMeta, str | None]

    @property
    def text(self) -> str:
        return f"Edit source “{_short(self.after[0].title)}”"

    def do(self, project: Project) -> None:
        project.sources.update_meta(self.source_id, *self.after)

    def undo(self, project: Project) -> None:
        project.sources.update_meta(self.source_id, *self.before)


@dataclass
class ImportedSources:
    """Sources an import has already added: undo takes them out, redo puts the same ones back."""

    source_ids: list[int]
    _removed: list[SourceSnapshot] = field(default_factory=list)
    _done: bool = True

    @property
    def text(self) -> str:
        return f"Import {len(self.source_ids)} source{'s' if len(self.source_ids) != 1 else ''}"

    def do(self, project: Project) -> None:
        if self._done:
            return  # the import itself wrote them
        with project.db.transaction():
            for snapshot in self._removed:
                project.sources.restore(snapshot)
        self._removed, self._done = [], True

    def undo(self, project: Project) -> None:
        with project.db.transaction():
            removed = [project.sources.snapshot(source_id) for source_id in self.source_ids]
            for source_id in self.source_ids:
                project.sources.delete(source_id)
        self._removed, self._done = removed, False


@dataclass
class UnlinkClaims:
    link_id: int
    _removed: tuple | None = None

    text: str = "Remove claim link"

    def do(self, project: Project) -> None:
        link = next((k for k in project.claims.links() if k.id == self.link_id), None)
        if link is None:
            raise NotFoundError(f"no claim link with id {self.link_id}")
        project.claims.unlink(self.link_id)
        self._removed = (link.from_claim, link.to_claim, link.kind, link.note)

    def undo(self, project: Project) -> None:
        self.link_id = project.claims.link(*_recorded(self._removed)).id


@dataclass
class RestoreRemovedBlock:
    """Put a block that boilerplate removal kept out back into its source's text; undo takes it out again.

    Claims after the block shift with the text, and shift back on undo (the state before
    is written back whole). ``changes_text`` tells a reader showing the source to load it again.
    """

    source_id: int
    seq: int
    _before: TextState | None = None

    changes_text = True

    @property
    def text(self) -> str:
        return "Restore removed block"

    def do(self, project: Project) -> None:
        before = read_state(project.db, self.source_id)
        restore_removed(project, project.sources.get(self.source_id), self.seq)
        self._before = before

    def undo(self, project: Project) -> None:
        write_state(project.db, self.source_id, _recorded(self._before))


@dataclass
class JournalledEdit:
    """A service call that edits rows without a search index, undone and redone through the row journal.

    ``apply`` runs once, on the first ``do``; undo and redo replay the journal's reversing
    statements, so the same ids and uuids come back. ``result`` is what ``apply`` returned.
    """

    text: str
    apply: Callable[[Project], Any]
    result: Any = None
    _undo_sql: list[str] = field(default_factory=list)
    _redo_sql: list[str] = field(default_factory=list)
    _applied: bool = False

    def do(self, project: Project) -> None:
        with _integrity_errors_refused(), project.db.transaction() as conn:
            if not self._applied:
                project.journal.start()
                try:
                    self.result = self.apply(project)
                finally:
                    self._undo_sql = project.journal.stop()
                self._applied = True
                return
            self._undo_sql = self._replay(project, conn, self._redo_sql)

    def undo(self, project: Project) -> None:
        with _integrity_errors_refused(), project.db.transaction() as conn:
            self._redo_sql = self._replay(project, conn, self._undo_sql)

    @staticmethod
    def _replay(project: Project, conn, statements: list[str]) -> list[str]:
        # Rows come back children first (the reverse of a cascade): check foreign keys at COMMIT.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        return project.journal.replay(statements)


@contextlib.contextmanager
def _integrity_errors_refused():
    """A replay that no longer fits (a row it brings back names one deleted since) is refused, not a crash."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise WorkbenchError(f"the project has changed since ({exc})") from exc
