"""Groups of claims from different sources that state the same thing.

Two claims are put in one group when
- they state the same figure: the same whole value, unit and year after normalisation
  (so "11,2 трлн рублей" and "11.2 trillion rubles" in 2024 match across languages), and
  they do not name different entities (when both name entities they share one; a bare
  percentage or count must also share some wording, since "40%" alone says little), or
- they are worded alike (at least half their content-word stems shared) and name the same
  entities, or are worded the same (a copied sentence), and do not state different dates or figures
  (claims that both state figures must share one: the first rule), or
- the analyst confirmed them (a ``corroborates`` link).
A pair the analyst broke (judgement topic ``corroboration``, verdict ``broken``) is never
joined by the first two rules. Groups are the connected claims; each group is named by
its smallest claim id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .figures import Figure, SpokenDate, similarity

SAME_WORDING = 0.5  # stems shared (Jaccard) for claims naming the same entities
FIGURE_WORDING = 0.2  # stems shared for bare percentages and counts with no entity in common
_MIN_COPIED_CHARS = 40  # a sentence this long, word for word, in two sources is one statement
_BUCKET_LIMIT = 400  # claims compared one by one within one figure; a larger bucket is compared to its first ones
_COMMON_STEM = 60  # a stem in more claims of one bucket than this does not make candidates


@dataclass(frozen=True, slots=True)
class Statement:
    """One claim as corroboration sees it."""

    id: int
    source_id: int
    figures: tuple[Figure, ...]
    stems: frozenset[str]
    entity_ids: frozenset[int]
    when: SpokenDate | None = None  # the first date written in it
    words: str = ""  # the quote folded, its spaces made one: equal for a sentence copied word for word


class UnionFind:
    def __init__(self, items: Iterable[int]):
        self.parent = {item: item for item in items}

    def root(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[tuple[int, ...]]:
        members: dict[int, list[int]] = defaultdict(list)
        for node in self.parent:
            members[self.root(node)].append(node)
        return [tuple(sorted(group)) for group in members.values() if len(group) > 1]


def similar_pairs(items: Sequence[tuple[int, frozenset[str]]], threshold: float) -> Iterable[tuple[int, int, float]]:
    """Pairs of items whose stems are at least ``threshold`` alike, found through an index of stems
    (no comparison of every pair: only items sharing an uncommon stem are compared)."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, (_, stems) in enumerate(items):
        for stem in stems:
            index[stem].append(position)
    for position, (item, stems) in enumerate(items):
        shared: Counter[int] = Counter()
        for stem in stems:
            holders = index[stem]
            if len(holders) <= _COMMON_STEM:
                shared.update(other for other in holders if other < position)
        for other, count in shared.items():
            other_item, other_stems = items[other]
            if count / (len(stems) + len(other_stems) - count) >= threshold:
                yield other_item, item, similarity(stems, other_stems)


def _apart(a: Statement, b: Statement) -> bool:
    """Worded alike but stating different figures or dates: not the same statement. (Two claims with figures
    state the same thing only if they share one, and then the figure has joined them already.)"""
    dates_differ = a.when is not None and b.when is not None and a.when.differs_from(b.when)
    return dates_differ or bool(a.figures and b.figures)


def _figures_agree(a: Statement, b: Statement, figure: Figure) -> bool:
    if a.entity_ids and b.entity_ids:
        return bool(a.entity_ids & b.entity_ids)
    if figure.unit in ("", "%"):
        return similarity(a.stems, b.stems) >= FIGURE_WORDING
    return True


def find_groups(statements: Sequence[Statement], confirmed: Iterable[tuple[int, int]],
                broken: set[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Groups (sorted claim ids, each group of two or more) of claims stating the same thing."""
    by_id = {s.id: s for s in statements}
    joined = UnionFind(by_id)

    def join(a: int, b: int, by_figure: bool = False) -> None:
        first, second = by_id[a], by_id[b]
        if first.source_id == second.source_id or ((a, b) if a < b else (b, a)) in broken:
            return
        if by_figure or not _apart(first, second):
            joined.union(a, b)

    by_figure: dict[tuple, list[Statement]] = defaultdict(list)
    by_entities: dict[frozenset[int], list[tuple[int, frozenset[str]]]] = defaultdict(list)
    by_wording: dict[str, list[int]] = defaultdict(list)
    for statement in statements:
        for figure in set(statement.figures):
            by_figure[figure.key].append(statement)
        if statement.entity_ids and statement.stems:
            by_entities[statement.entity_ids].append((statement.id, statement.stems))
        if len(statement.words) >= _MIN_COPIED_CHARS:
            by_wording[statement.words].append(statement.id)
    for key, bucket in by_figure.items():
        if len({s.source_id for s in bucket}) < 2:
            continue
        figure = bucket[0].figures[[f.key for f in bucket[0].figures].index(key)]
        for position, statement in enumerate(bucket):
            for earlier in bucket[:min(position, _BUCKET_LIMIT)]:
                if _figures_agree(statement, earlier, figure):
                    join(earlier.id, statement.id, by_figure=True)
    for items in by_entities.values():
        if len(items) > 1:
            for a, b, _score in similar_pairs(items, SAME_WORDING):
                join(a, b)
    for ids in by_wording.values():
        for other in ids[1:]:
            join(ids[0], other)
    for a, b in confirmed:
        if a in by_id and b in by_id:
            joined.union(a, b)  # the analyst's word stands even within one source
    return joined.groups()
