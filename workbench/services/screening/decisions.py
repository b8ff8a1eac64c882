"""The analyst's screening decisions as undoable commands (see services.commands for the pattern).

A decision is stored against the entity, the list's name and the entry's own key, not
against the candidate row, so undo puts back exactly what was stored before (another
decision with its note and time, or none) even after a re-screening or a list re-import.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.errors import InvalidInputError
from ...core.text import one_line
from ...storage.screening import ScreeningRepository
from ...storage.taxonomy import name_key as label_key
from ..project import Project
from . import run as screening

DECISIONS = ("confirmed", "rejected")


@dataclass
class DecideCandidate:
    code: str
    decision: str  # "confirmed" or "rejected"
    note: str = ""
    _key: tuple[int, str, str] | None = None
    _before: tuple | None = None
    _after: tuple | None = None
    _label: str = ""

    @property
    def text(self) -> str:
        verb = "Confirm" if self.decision == "confirmed" else "Reject"
        return f"{verb} sanctions match{' ' + self._label if self._label else ''}"

    def do(self, project: Project) -> None:
        repo = ScreeningRepository(project.db)
        if self._key is None:  # first time: decide through the service, which checks the candidate
            if self.decision not in DECISIONS:
                raise InvalidInputError("a decision is 'confirmed' or 'rejected'")
            candidate = screening.find_candidate(project, self.code)
            self._key = (candidate.entity_id, label_key(candidate.list_name), candidate.entry_key)
            self._label = f"“{one_line(candidate.entity_label, 30)}”"
            self._before = repo.decision_row(*self._key)
            screening.decide(project, self.code, self.decision, self.note)
            self._after = repo.decision_row(*self._key)
        else:  # redo puts back the very decision that undo took away, with its time
            repo.restore_decision(*self._key, self._after)

    def undo(self, project: Project) -> None:
        if self._key is None:  # never done: nothing to take back
            return
        ScreeningRepository(project.db).restore_decision(*self._key, self._before)

    @property
    def entity_id(self) -> int | None:
        return self._key[0] if self._key else None
