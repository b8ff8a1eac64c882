"""One pass over a project: corroboration groups, contradictions and each claim's standing and confidence.

Every claim gets a standing: **contested** (in a contradiction that is not settled in its
favour), **corroborated** (its group holds claims from two or more independent origins:
sources that copy each other count once), or **single source**; and a confidence
(confidence.py). The analysis is computed from the project as it is, never stored: the
analyst's part (confirmed groups as ``corroborates`` links, broken groups and judged
conflicts as ``claim_judgement`` rows) is what the project keeps.

An ``Analyser`` keeps the text sketches of sources between runs, so the desktop program
re-analyses after an edit without hashing every source again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ...core.quantities import ParsedQuantity, parse_quantities
from ...core.text import fold_for_search
from ...storage.judgements import (
    ClaimFacts,
    Judgement,
    ProjectFacts,
    SourceFacts,
    read_claim_facts,
    read_source_texts,
)
from ..project import Project
from .confidence import Confidence, confidence_of
from .conflicts import Conflict, ConflictCandidate, date_conflicts, membership_conflicts, value_conflicts
from .corroboration import Statement, find_groups
from .figures import Figure, date_of_iso, dates_in, figure_of, is_month_stem, stems
from .membership import Gazetteer, statements_of
from .origins import Origins, SketchCache

CORROBORATED, SINGLE_SOURCE, CONTESTED = "corroborated", "single source", "contested"
BROKEN = "broken"  # the corroboration verdict of a pair the analyst split
# Conflict verdicts, stored relative to the pair's order (the smaller claim id is "a").
A_RIGHT, B_RIGHT, BOTH_RIGHT, UNRESOLVED = "a_right", "b_right", "both_right", "unresolved"
CONFLICT_VERDICTS = (A_RIGHT, B_RIGHT, BOTH_RIGHT, UNRESOLVED)


@dataclass(frozen=True, slots=True)
class Standing:
    claim_id: int
    source_id: int
    status: str  # corroborated, single source or contested
    # Every claim of its group, its own included, and the group's sources (sorted): one pair of tuples
    # shared by all the group's standings, so a group of n claims costs n, not n squared.
    group: tuple[int, ...]
    group_sources: tuple[int, ...]
    independent_sources: int  # origins among the group's sources (its own included)
    conflicts: tuple[tuple[int, int], ...]  # the pairs it is in
    confidence: Confidence

    @property
    def group_id(self) -> int | None:
        """The smallest claim id of its group; None for a claim on its own."""
        return self.group[0] if len(self.group) > 1 else None

    @property
    def others(self) -> tuple[int, ...]:
        """The other claims of its group."""
        return tuple(c for c in self.group if c != self.claim_id)

    @property
    def other_sources(self) -> tuple[int, ...]:
        """The sources of the group's other claims, its own left out."""
        return tuple(s for s in self.group_sources if s != self.source_id)


@dataclass(frozen=True, slots=True)
class JudgedConflict:
    conflict: Conflict
    judgement: Judgement | None

    def contests(self, claim_id: int) -> bool:
        """Whether this conflict leaves the claim in doubt."""
        verdict = self.judgement.verdict if self.judgement else None
        if verdict is None:  # not judged yet: the reference data's reading of a membership pair counts
            backed = self.conflict.backed
            return not self.conflict.apparent and (backed is None or claim_id != backed)
        if verdict == BOTH_RIGHT:
            return False
        if verdict == A_RIGHT:
            return claim_id == self.conflict.claim_b
        if verdict == B_RIGHT:
            return claim_id == self.conflict.claim_a
        return True


@dataclass(frozen=True)
class Analysis:
    facts: ProjectFacts
    claims: dict[int, ClaimFacts]
    origins: Origins
    groups: tuple[tuple[int, ...], ...]
    conflicts: tuple[JudgedConflict, ...]
    standings: dict[int, Standing] = field(default_factory=dict)

    def standing(self, claim_id: int) -> Standing | None:
        return self.standings.get(claim_id)

    def conflicts_of(self, claim_id: int) -> list[JudgedConflict]:
        return [c for c in self.conflicts if claim_id in c.conflict.pair]

    def sides(self, judged: JudgedConflict) -> list[tuple[ClaimFacts, SourceFacts | None, str]]:
        """Each claim of a conflict with its source (None when gone) and the date it speaks of."""
        conflict = judged.conflict
        found = []
        for claim_id, date in ((conflict.claim_a, conflict.date_a), (conflict.claim_b, conflict.date_b)):
            claim = self.claims[claim_id]
            found.append((claim, self.facts.sources.get(claim.source_id), date))
        return found


def _figures(claim: ClaimFacts, written_years: set[int], language: str, names: Sequence[str]) -> tuple[Figure, ...]:
    """The claim's figures: the quantities the analyst stored, or else those written in its quote."""
    fallback = next(iter(written_years)) if len(written_years) == 1 else None
    if claim.quantities:
        return tuple(figure_of(value, unit, year, fallback) for value, unit, year in claim.quantities)
    return tuple(figure_of(q.value, q.currency or q.unit, q.year, fallback) for q in _written(claim.quote, language, names))


@lru_cache(maxsize=65536)
def _written(quote: str, language: str, names: tuple[str, ...]) -> tuple[ParsedQuantity, ...]:
    """Quantities written in a quote, less numbers that belong to a name it names ("Company 6", "Su-57").
    Kept between analyses: a quote's figures change only when its text does."""
    found = parse_quantities(quote, language)
    if not found or not names:
        return found
    taken = [match.span() for name in names if name
             for match in re.finditer(re.escape(name), quote, re.IGNORECASE)]
    return tuple(q for q in found if not any(q.start < end and start < q.end for start, end in taken))


# Called now and then by long analyses run in a worker thread; the desktop's pauses the work while the
# person is using the window (a busy worker makes every GIL hand-over of the window's thread wait).
Pace = Callable[[], None]
_PACE_EVERY = 200  # claims between two calls of ``pace``


def _no_pause() -> None:
    return None


class Analyser:
    def __init__(self) -> None:
        self.sketches = SketchCache()

    def analyse(self, project: Project, pace: Pace = _no_pause) -> Analysis:
        conn = project.db.conn
        facts = read_claim_facts(conn)
        pace()
        fingerprints = {s.id: s.content_hash for s in facts.sources.values()}
        origins = self.sketches.origins(fingerprints, lambda ids: read_source_texts(conn, ids))
        pace()
        return analyse_facts(facts, origins, pace)


def analyse_facts(facts: ProjectFacts, origins: Origins, pace: Pace = _no_pause) -> Analysis:
    gazetteer = Gazetteer(facts)
    statements, candidates, said = [], [], []
    name_stems: dict[int, frozenset[str]] = {}
    for number, claim in enumerate(facts.claims):
        if number % _PACE_EVERY == 0:
            pace()
        # Wording is compared without the entities' names: claims are matched on their entities already.
        named = frozenset().union(*(name_stems.setdefault(e, stems(facts.entity_names.get(e, "")))
                                    for e in claim.entity_ids))
        words = stems(claim.quote) - named
        dates = tuple(dates_in(claim.quote))
        source = facts.sources.get(claim.source_id)
        entity_names = tuple(sorted(facts.entity_names.get(e, "") for e in claim.entity_ids))
        figures = _figures(claim, {d.year for d in dates}, source.language if source else "", entity_names)
        statements.append(Statement(claim.id, claim.source_id, figures, words, claim.entity_ids,
                                    dates[0] if dates else None, " ".join(fold_for_search(claim.quote).split())))
        candidates.append(ConflictCandidate(claim.id, claim.source_id, claim.kind, figures, words, claim.entity_ids,
                                            dates, frozenset(w for w in words if is_month_stem(w))))
        said += statements_of(claim.id, claim.source_id, claim.quote,
                              date_of_iso(source.published) if source else None, gazetteer)
    judgements = {(j.claim_a, j.claim_b, j.topic): j for j in facts.judgements}
    broken = {(a, b) for a, b, topic in judgements if topic == "corroboration" and judgements[(a, b, topic)].verdict == BROKEN}
    pace()
    groups = find_groups(statements, facts.corroborates, broken)
    pace()
    found = value_conflicts(candidates) + date_conflicts(candidates) + membership_conflicts(said, gazetteer)
    pace()
    conflicts = tuple(JudgedConflict(c, judgements.get((c.claim_a, c.claim_b, "conflict")))
                      for c in sorted(found, key=lambda c: (c.claim_a, c.claim_b, c.kind)))
    analysis = Analysis(facts, {c.id: c for c in facts.claims}, origins, tuple(groups), conflicts)
    analysis.standings.update(_standings(analysis))
    return analysis


def _standings(analysis: Analysis) -> dict[int, Standing]:
    facts, origins = analysis.facts, analysis.origins
    # Per group, once: its sources and how many independent origins they come from.
    group_of: dict[int, tuple[tuple[int, ...], tuple[int, ...], int]] = {}
    for group in analysis.groups:
        ordered = tuple(sorted(group))
        group_sources = frozenset(analysis.claims[c].source_id for c in group)
        shared = (ordered, tuple(sorted(group_sources)), len({origins.origin(s) for s in group_sources}))
        for claim_id in group:
            group_of[claim_id] = shared
    in_conflicts: dict[int, list[JudgedConflict]] = defaultdict(list)
    for judged in analysis.conflicts:
        for claim_id in judged.conflict.pair:
            in_conflicts[claim_id].append(judged)
    standings = {}
    for claim in facts.claims:
        group, sources, independent = group_of.get(claim.id, ((claim.id,), (claim.source_id,), 1))
        mine = in_conflicts.get(claim.id, [])
        contested = any(j.contests(claim.id) for j in mine)
        status = CONTESTED if contested else CORROBORATED if independent >= 2 else SINGLE_SOURCE
        source = facts.sources.get(claim.source_id)
        reliability = claim.reliability or (source.reliability if source else None)
        standings[claim.id] = Standing(
            claim.id, claim.source_id, status, group, sources, independent, tuple(j.conflict.pair for j in mine),
            confidence_of(reliability, claim.credibility, independent, contested))
    return standings


def analyse(project: Project) -> Analysis:
    """The analysis of a project as it is now (a fresh Analyser: every source text is read)."""
    return Analyser().analyse(project)
