"""What an edit changed, by kind of object and by id: the typed change set every operation returns.

Like Anki's ``OpChanges``: the window hands a change set to every pane, and each pane
updates only what it names (a row inserted, a row updated, the highlights of one
claim), instead of reading the whole project again after an edit. Change sets are
plain values: they combine with ``|`` and say whether they touch a kind of object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum


class Op(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class IdChanges:
    """The ids of one kind of object that an edit added, changed (in place) or removed."""

    added: frozenset[int] = frozenset()
    changed: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def __or__(self, later: IdChanges) -> IdChanges:
        """This change followed by a later one: an id added then removed is no change at all."""
        added = (self.added | later.added) - later.removed
        removed = (self.removed - later.added) | (later.removed - self.added)
        changed = ((self.changed | later.changed) - added - removed) | (self.removed & later.added)
        return IdChanges(frozenset(added), frozenset(changed - added - removed), frozenset(removed))

    @property
    def touched(self) -> frozenset[int]:
        """Every id named, whatever happened to it."""
        return self.added | self.changed | self.removed

    @property
    def present(self) -> frozenset[int]:
        """Ids that exist after the edit and must be shown as they now are."""
        return self.added | self.changed


NO_IDS = IdChanges()


@dataclass(frozen=True)
class ChangeSet:
    sources: IdChanges = NO_IDS
    source_texts: frozenset[int] = frozenset()  # sources whose text (and so every offset) changed
    source_counts: frozenset[int] = frozenset()  # sources that gained or lost claims (their row is unchanged)
    claims: IdChanges = NO_IDS
    claim_links: IdChanges = NO_IDS
    tags: IdChanges = NO_IDS
    entities: IdChanges = NO_IDS
    relations: IdChanges = NO_IDS
    measures: IdChanges = NO_IDS
    lists: IdChanges = NO_IDS
    candidates: IdChanges = NO_IDS
    decisions: frozenset[int] = frozenset()  # entities whose screening decisions changed
    saved_searches: IdChanges = NO_IDS
    project_info: bool = False

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, later: ChangeSet) -> ChangeSet:
        values = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(later, f.name)
            values[f.name] = mine | theirs
        return ChangeSet(**values)

    def touches(self, *kinds: str) -> bool:
        return any(getattr(self, kind) for kind in kinds)

    @property
    def network(self) -> bool:
        """Anything the sanctions and dependency view draws (claims back relations and measures)."""
        return self.touches("entities", "relations", "measures", "decisions", "lists") or bool(self.claims.removed)

    def describe(self) -> str:
        """A short account for the debug log: ``claims +1 ~0 -0, sources ~1``."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, IdChanges) and value:
                parts.append(f"{f.name} +{len(value.added)} ~{len(value.changed)} -{len(value.removed)}")
            elif isinstance(value, frozenset) and value:
                parts.append(f"{f.name} {len(value)}")
            elif value is True:
                parts.append(f.name)
        return ", ".join(parts) or "nothing"


NO_CHANGES = ChangeSet()


_EXISTENCE = (Op.ADDED, Op.REMOVED)


@dataclass
class ChangeSetBuilder:
    """Folds a log of (kind, id, op) rows, in the order they happened, into a ChangeSet.

    Only additions and removals decide whether an object came or went: a child row
    deleted by a cascade after its parent logs a "changed" that must not hide the removal.
    """

    _first: dict[tuple[str, int], Op] = field(default_factory=dict)
    _last: dict[tuple[str, int], Op] = field(default_factory=dict)
    _seen: set[tuple[str, int]] = field(default_factory=set)
    _texts: set[int] = field(default_factory=set)
    _counts: set[int] = field(default_factory=set)
    _decisions: set[int] = field(default_factory=set)
    _info: bool = False

    def add_rows(self, rows: Iterable[tuple[str, int, str]]) -> ChangeSetBuilder:
        for kind, object_id, op in rows:
            if kind == "source_texts":
                self._texts.add(object_id)
            elif kind == "source_counts":
                self._counts.add(object_id)
            elif kind == "decisions":
                self._decisions.add(object_id)
            elif kind == "project_info":
                self._info = True
            else:
                key = (kind, object_id)
                self._seen.add(key)
                if Op(op) in _EXISTENCE:
                    self._first.setdefault(key, Op(op))
                    self._last[key] = Op(op)
        return self

    def _outcome(self, key: tuple[str, int]) -> Op | None:
        first, last = self._first.get(key), self._last.get(key)
        if first is None:
            return Op.CHANGED
        if first is Op.ADDED:
            return None if last is Op.REMOVED else Op.ADDED  # None: made and taken away in one edit
        return Op.REMOVED if last is Op.REMOVED else Op.CHANGED  # removed and put back under its id

    def build(self) -> ChangeSet:
        buckets: dict[str, dict[Op, set[int]]] = {}
        for key in self._seen:
            outcome = self._outcome(key)
            if outcome is not None:
                buckets.setdefault(key[0], {op: set() for op in Op})[outcome].add(key[1])
        values: dict[str, IdChanges] = {
            kind: IdChanges(frozenset(ops[Op.ADDED]), frozenset(ops[Op.CHANGED]), frozenset(ops[Op.REMOVED]))
            for kind, ops in buckets.items()
        }
        return ChangeSet(source_texts=frozenset(self._texts), source_counts=frozenset(self._counts), decisions=frozenset(self._decisions),
                         project_info=self._info, **values)
