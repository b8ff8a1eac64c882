"""Suggestions of a project's sources, and the commands that accept or dismiss them.

A suggestion already covered by a claim, or dismissed for its source, is not offered
again. Accepting makes claims through the claim command (CreateClaim), so each is undone
like a claim made by hand; entities the suggestion names that the project lacks are
created first with the kind and country the reference data gives them (an organisation
found by its shape becomes an organisation), and undo takes them away again.
Dismissals are remembered per source and undone the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...core.errors import InvalidInputError
from ...core.model import ClaimDraft, ClaimKind, EntityKind
from ...storage.suggestions import DismissalRepository
from ..commands import CreateClaim, JournalledEdit
from ..ingest.footnotes import footnote_refs, notes_begin
from ..project import Project
from .actors import Actor, ActorIndex, build_index
from .suggest import Suggestion, suggest_in_text


def actor_index(project: Project) -> ActorIndex:
    return build_index(project.entities.list())


def suggestions_for_source(project: Project, source_id: int, index: ActorIndex | None = None,
                           text: str | None = None, kind: str | None = None,
                           pace: Callable[[], None] | None = None) -> list[Suggestion]:
    """What is left to review in one source: suggestions no claim covers and the analyst has not dismissed."""
    source = project.sources.get(source_id)
    text = project.sources.text(source_id) if text is None else text
    found = suggest_in_text(text, index or actor_index(project), source.id, source.meta.language,
                            *footnote_context(text), pace=pace)
    claimed = sorted((start, end) for _, start, end, _ in project.claims.spans(source_id))
    dismissed = DismissalRepository(project.db).of_source(source_id)
    wanted = _kind(kind)
    return [s for s in found if (s.start, s.end, s.quote) not in dismissed and not _overlaps(claimed, s)
            and (wanted is None or s.kind == wanted)]


def footnote_context(text: str) -> tuple[list[tuple[int, int]], int]:
    """The spans of the text's footnote markers and where its body ends. A numbered list at the end is a
    list of notes only when the body points into it; otherwise (numbered paragraphs) it is body text."""
    notes = [(ref.start, ref.end) for ref in footnote_refs(text)]
    return notes, notes_begin(text) if notes else len(text)


def _kind(kind: str | None) -> ClaimKind | None:
    if not kind:
        return None
    try:
        return ClaimKind(kind)
    except ValueError:
        raise InvalidInputError(f"kind must be one of {', '.join(k.value for k in ClaimKind)}, not {kind!r}") from None


def _overlaps(claimed: list[tuple[int, int]], suggestion: Suggestion) -> bool:
    return any(start < suggestion.end and suggestion.start < end for start, end in claimed)


@dataclass
class AcceptSuggestions:
    """One undoable step: a claim for each suggestion (its draft, or the analyst's edit of it)."""

    suggestions: Sequence[Suggestion]
    drafts: Sequence[ClaimDraft | None] = ()  # an edited draft per suggestion, None to take it as suggested
    claims: list[CreateClaim] = field(default_factory=list)
    _entities: JournalledEdit | None = None

    @property
    def text(self) -> str:
        count = len(self.suggestions)
        return f"Accept {count} suggested claim{'s' if count != 1 else ''}"

    @property
    def claim_ids(self) -> list[int]:
        return [command.claim_id for command in self.claims if command.claim_id is not None]

    def do(self, project: Project) -> None:
        if not self.suggestions:
            raise InvalidInputError("choose at least one suggestion to accept")
        with project.db.transaction():
            if self._entities is None:
                drafts = [d or s.draft() for s, d in zip(self.suggestions, self._padded_drafts(), strict=True)]
                actors = {a.name: a for s in self.suggestions for a in s.actors}
                wanted = {name for draft in drafts for name in draft.entities}
                self._entities = JournalledEdit("Add suggested entities", _entity_adder(actors, wanted))
                self.claims = [CreateClaim(s.source_id, s.start, s.end, draft)
                               for s, draft in zip(self.suggestions, drafts, strict=True)]
            self._entities.do(project)
            for command in self.claims:
                command.do(project)

    def undo(self, project: Project) -> None:
        with project.db.transaction():
            for command in reversed(self.claims):
                command.undo(project)
            if self._entities is not None:
                self._entities.undo(project)

    def _padded_drafts(self) -> list[ClaimDraft | None]:
        drafts = list(self.drafts)
        if len(drafts) > len(self.suggestions):
            raise InvalidInputError("more edited drafts than suggestions")
        return drafts + [None] * (len(self.suggestions) - len(drafts))


def _entity_adder(actors: dict[str, Actor], wanted: set[str]) -> Callable[[Project], list[int]]:
    def add_missing(project: Project) -> list[int]:
        added = []
        for name in sorted(wanted):
            if project.entities.find(name) is None:
                actor = actors.get(name)
                kind = EntityKind(actor.kind) if actor and actor.kind in EntityKind._value2member_map_ \
                    else EntityKind.OTHER
                added.append(project.entities.add(name, kind, actor.country if actor else "").id)
        return added
    return add_missing


@dataclass
class DismissSuggestions:
    """Remember suggestions as dismissed for their source; undo offers them again."""

    suggestions: Sequence[Suggestion]
    _added: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        count = len(self.suggestions)
        return f"Dismiss {count} suggested claim{'s' if count != 1 else ''}"

    def do(self, project: Project) -> None:
        repository = DismissalRepository(project.db)
        by_source: dict[int, list[tuple[int, int, str]]] = {}
        for s in self.suggestions:
            by_source.setdefault(s.source_id, []).append((s.start, s.end, s.quote))
        with project.db.transaction():
            self._added = {source_id: repository.add(source_id, spans) for source_id, spans in by_source.items()}

    def undo(self, project: Project) -> None:
        repository = DismissalRepository(project.db)
        with project.db.transaction():
            for source_id, spans in self._added.items():
                repository.remove(source_id, spans)


def suggestion_record(suggestion: Suggestion, source_uuid: str) -> dict:
    """A suggestion as the command line's JSON gives it: offsets in code points, each value the whole number."""
    return {
        "source": source_uuid, "start": suggestion.start, "end": suggestion.end, "quote": suggestion.quote,
        "kind": suggestion.kind.value,
        "quantities": [{"value": q.value, "unit": q.unit, "currency": q.currency, "scale": q.scale, "year": q.year,
                        "start": q.start, "end": q.end} for q in suggestion.quantities],
        "dates": [{"year": d.year, "month": d.month, "day": d.day, "qualifier": d.qualifier, "start": d.start,
                   "end": d.end} for d in suggestion.dates],
        "entities": list(suggestion.entities),
        "new_entities": [{"name": a.name, "kind": a.kind} for a in suggestion.new_entities],
    }
