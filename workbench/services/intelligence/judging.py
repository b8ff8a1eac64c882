"""The analyst's word on what the program found: confirm or break a corroboration group, judge a conflict.

Each is an undoable command (services.commands) that runs in one transaction; the change
set names the claims whose standing it changes (through the change log's watch on
``claim_link`` and ``claim_judgement``), so the panes update just those rows.

- Confirming a group links its first claim to each other one (``corroborates``) and
  lifts any earlier "broken" judgement between them.
- Breaking a group marks every pair of its claims "broken" (topic ``corroboration``) and
  removes confirmed links between them, so the program no longer joins them.
- Judging a conflict records which claim is right, both right at their dates, or
  unresolved, with a note (topic ``conflict``); judging it again replaces the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from ...core.errors import InvalidInputError
from ...core.model import LinkKind
from ...storage.judgements import Judgement, JudgementRepository, ordered
from ..project import Project
from .analysis import A_RIGHT, B_RIGHT, BOTH_RIGHT, BROKEN, UNRESOLVED

# Verdicts as the analyst names them, relative to the two claims in the order given.
VERDICT_CHOICES = ("first", "second", "both", "unresolved", "clear")
_AS_GIVEN = {"first": A_RIGHT, "second": B_RIGHT, "both": BOTH_RIGHT, "unresolved": UNRESOLVED}
_SWAPPED = {A_RIGHT: B_RIGHT, B_RIGHT: A_RIGHT}


def stored_verdict(first: int, second: int, verdict: str) -> str | None:
    """The verdict as stored for the ordered pair; None for "clear" (no judgement)."""
    if verdict not in VERDICT_CHOICES:
        raise InvalidInputError(f"the verdict is one of {', '.join(VERDICT_CHOICES)}")
    if verdict == "clear":
        return None
    stored = _AS_GIVEN[verdict]
    return _SWAPPED.get(stored, stored) if first > second else stored


def _check_claims(project: Project, ids) -> None:
    for claim_id in ids:
        project.claims.get(claim_id)  # NotFoundError, one line, for an id that is not a claim


def _put_back(repo: JudgementRepository, pair: tuple[int, int], topic: str, before: Judgement | None) -> None:
    if before is None:
        repo.delete(*pair, topic)
    else:
        repo.put(before)


@dataclass
class JudgeConflict:
    first: int
    second: int
    verdict: str  # one of VERDICT_CHOICES
    note: str = ""
    _before: Judgement | None = None
    _done: bool = False

    text: str = "Judge conflict"

    def do(self, project: Project) -> None:
        stored = stored_verdict(self.first, self.second, self.verdict)
        pair = ordered(self.first, self.second)
        repo = JudgementRepository(project.db)
        with project.db.transaction():
            _check_claims(project, pair)
            if not self._done:
                self._before = repo.get(*pair, "conflict")
            if stored is None:
                repo.delete(*pair, "conflict")
            else:
                repo.put(Judgement(*pair, "conflict", stored, self.note))
        self._done = True

    def undo(self, project: Project) -> None:
        with project.db.transaction():
            _put_back(JudgementRepository(project.db), ordered(self.first, self.second), "conflict", self._before)


@dataclass
class ConfirmGroup:
    claim_ids: tuple[int, ...]
    note: str = ""
    _made: list[int] = field(default_factory=list)  # link ids this step created
    _lifted: list[Judgement] = field(default_factory=list)  # "broken" judgements it removed

    text: str = "Confirm corroboration"

    def do(self, project: Project) -> None:
        ids = sorted(set(self.claim_ids))
        if len(ids) < 2:
            raise InvalidInputError("a corroboration group needs two claims or more")
        repo = JudgementRepository(project.db)
        with project.db.transaction():
            _check_claims(project, ids)
            linked = {frozenset((k.from_claim, k.to_claim)) for k in project.claims.links(ids[0])
                      if k.kind == LinkKind.CORROBORATES}
            self._made = [project.claims.link(ids[0], other, LinkKind.CORROBORATES, self.note).id
                          for other in ids[1:] if frozenset((ids[0], other)) not in linked]
            self._lifted = [j for a, b in combinations(ids, 2)
                            if (j := repo.get(a, b, "corroboration")) is not None]
            for judgement in self._lifted:
                repo.delete(judgement.claim_a, judgement.claim_b, "corroboration")

    def undo(self, project: Project) -> None:
        repo = JudgementRepository(project.db)
        with project.db.transaction():
            for link_id in self._made:
                project.claims.unlink(link_id)
            for judgement in self._lifted:
                repo.put(judgement)


@dataclass
class BreakGroup:
    claim_ids: tuple[int, ...]
    note: str = ""
    _before: list[tuple[tuple[int, int], Judgement | None]] = field(default_factory=list)
    _unlinked: list[tuple[int, int, str]] = field(default_factory=list)  # (from, to, note) of removed links

    text: str = "Break corroboration group"

    def do(self, project: Project) -> None:
        ids = sorted(set(self.claim_ids))
        if len(ids) < 2:
            raise InvalidInputError("breaking a group needs two claims or more")
        repo = JudgementRepository(project.db)
        members = set(ids)
        with project.db.transaction():
            _check_claims(project, ids)
            self._before = [((a, b), repo.get(a, b, "corroboration")) for a, b in combinations(ids, 2)]
            for (a, b), _ in self._before:
                repo.put(Judgement(a, b, "corroboration", BROKEN, self.note))
            links = {k.id: k for claim_id in ids for k in project.claims.links(claim_id)
                     if k.kind == LinkKind.CORROBORATES and {k.from_claim, k.to_claim} <= members}
            self._unlinked = [(k.from_claim, k.to_claim, k.note) for k in links.values()]
            for link_id in links:
                project.claims.unlink(link_id)

    def undo(self, project: Project) -> None:
        repo = JudgementRepository(project.db)
        with project.db.transaction():
            for pair, before in self._before:
                _put_back(repo, pair, "corroboration", before)
            for from_claim, to_claim, note in self._unlinked:
                project.claims.link(from_claim, to_claim, LinkKind.CORROBORATES, note)
