"""Pairs of claims from different sources that disagree, and the kind of disagreement.

- **value**: the same measure (same unit and year, the same entities, worded alike) with
  values more than 1% apart: "10.8 trillion rubles" against "11.2 trillion rubles";
- **date**: the same event (event claims naming the same entities, worded alike once the
  dates are left out) put at different dates: "on 6 January 2025" against "in December 2024";
- **membership**: one source says a country is a member of an alliance, another that it is
  not; each is judged against the dated membership at the date it speaks of (membership.py).

A claim that states both values itself ("rose from 10.8 to 11.2 trillion") is not in
conflict with either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .corroboration import similar_pairs
from .figures import Figure, SpokenDate, same_value
from .membership import Gazetteer, MembershipStatement, assess

MEASURE_WORDING = 0.4  # stems shared (entity names aside) by two figures that measure the same thing
EVENT_WORDING = 0.35

KINDS = ("value", "date", "membership")  # the kinds of disagreement, as `conflicts --kind` names them


@dataclass(frozen=True, slots=True)
class ConflictCandidate:
    """One claim as the contradiction finder sees it."""

    id: int
    source_id: int
    kind: str
    figures: tuple[Figure, ...]
    stems: frozenset[str]
    entity_ids: frozenset[int]
    dates: tuple[SpokenDate, ...]
    date_words: frozenset[str]  # stems of the date words, left out when events are compared


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # value, date or membership
    claim_a: int  # the smaller id
    claim_b: int
    detail: str  # what each says: "10.8e12 RUB (2024) vs 11.2e12 RUB (2024)"
    date_a: str  # the date each speaks of (ISO, possibly partial; "" when none)
    date_b: str
    assessment: str = ""  # membership: how the reference data reads the pair

    @property
    def pair(self) -> tuple[int, int]:
        return (self.claim_a, self.claim_b)

    @property
    def apparent(self) -> bool:
        """The reference data shows both were right when written: not a real disagreement."""
        return self.assessment.startswith("each right at its date")

    @property
    def backed(self) -> int | None:
        """The claim the reference data supports against the other, if it supports one."""
        if self.assessment.startswith("reference supports the first"):
            return self.claim_a
        if self.assessment.startswith("reference supports the second"):
            return self.claim_b
        return None


def _ordered(kind: str, a: int, b: int, say_a: str, say_b: str, date_a: str, date_b: str) -> Conflict:
    if a > b:
        a, b, say_a, say_b, date_a, date_b = b, a, say_b, say_a, date_b, date_a
    return Conflict(kind, a, b, f"{say_a} vs {say_b}", date_a, date_b)


def value_conflicts(candidates: Sequence[ConflictCandidate]) -> list[Conflict]:
    buckets: dict[tuple, list[tuple[ConflictCandidate, Figure]]] = defaultdict(list)
    for candidate in candidates:
        if candidate.entity_ids:
            for figure in set(candidate.figures):
                buckets[(figure.unit, figure.year, candidate.entity_ids)].append((candidate, figure))
    found: dict[tuple[int, int], Conflict] = {}
    for bucket in buckets.values():
        if len(bucket) < 2 or len({c.source_id for c, _ in bucket}) < 2:
            continue
        by_id = {c.id: (c, f) for c, f in bucket}
        for a, b, _score in similar_pairs([(c.id, c.stems) for c, _ in bucket], MEASURE_WORDING):
            (ca, fa), (cb, fb) = by_id[a], by_id[b]
            if ca.source_id == cb.source_id or (min(a, b), max(a, b)) in found:
                continue
            if same_value(fa, fb) or any(same_value(fa, f) for f in cb.figures) or any(
                    same_value(fb, f) for f in ca.figures):
                continue
            year = str(fa.year) if fa.year is not None else ""
            found[(min(a, b), max(a, b))] = _ordered("value", a, b, fa.describe(), fb.describe(), year, year)
    return list(found.values())


def date_conflicts(candidates: Sequence[ConflictCandidate]) -> list[Conflict]:
    buckets: dict[frozenset[int], list[ConflictCandidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.kind == "event" and candidate.entity_ids and candidate.dates:
            buckets[candidate.entity_ids].append(candidate)
    found: list[Conflict] = []
    for bucket in buckets.values():
        if len({c.source_id for c in bucket}) < 2:
            continue
        by_id = {c.id: c for c in bucket}
        for a, b, _score in similar_pairs([(c.id, c.stems - c.date_words) for c in bucket], EVENT_WORDING):
            ca, cb = by_id[a], by_id[b]
            if ca.source_id != cb.source_id and ca.dates[0].differs_from(cb.dates[0]):
                da, db = ca.dates[0].iso(), cb.dates[0].iso()
                found.append(_ordered("date", a, b, da, db, da, db))
    return found


def membership_conflicts(statements: Sequence[MembershipStatement], gazetteer: Gazetteer) -> list[Conflict]:
    by_subject: dict[tuple[str, str], list[MembershipStatement]] = defaultdict(list)
    for statement in statements:
        by_subject[(statement.country, statement.alliance)].append(statement)
    found: dict[tuple[int, int], Conflict] = {}
    for (country, alliance), said in by_subject.items():
        members = [s for s in said if s.member]
        others = [s for s in said if not s.member]
        name = f"{gazetteer.names.get(country, country)} {{}} of {gazetteer.names.get(alliance, alliance)}"
        for yes in members:
            for no in others:
                first, second = (yes, no) if yes.claim_id < no.claim_id else (no, yes)
                pair = (first.claim_id, second.claim_id)
                if yes.source_id == no.source_id or pair in found:
                    continue
                found[pair] = Conflict(
                    "membership", *pair, " vs ".join(name.format("a member" if s.member else "not a member")
                                                     for s in (first, second)),
                    first.date.iso() if first.date else "", second.date.iso() if second.date else "",
                    assess(first, second, gazetteer))
    return list(found.values())

