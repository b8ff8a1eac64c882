"""Which sources are one origin: copied, syndicated or lightly edited versions of the same article.

A claim repeated by a reprint is not corroborated: the reprint adds no independent
witness. Each source's reading text is folded and cut into overlapping five-word
shingles; a bottom-k sketch (the 128 smallest shingle hashes) stands for the whole set,
and two sources whose sketches share enough values are compared by the estimated share
of the smaller text found in the larger (containment), so an excerpt of an article is
its copy as much as a full reprint with another headline is. Sources that copy each
other, directly or through a third, form one origin, named by its smallest source id.

Sketches are kept per text fingerprint (the source's content hash), so a second analysis
reads and hashes only the texts that changed.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

SHINGLE_WORDS = 5
SKETCH_SIZE = 128
COPY_CONTAINMENT = 0.6  # this share of the shorter text's shingles in the longer one: a copy
_MIN_SHARED = 3  # sketch values two sources must share before they are compared at all
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Sketch:
    shingles: int  # how many distinct shingles the text has
    values: tuple[int, ...]  # the smallest hashes, ascending


def sketch_of(text: str) -> Sketch:
    # casefold, not the search fold: copies keep their accents, and this runs over every source's whole text.
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    hashes = {zlib.crc32(shingle.encode("utf-8")) for shingle in shingles}
    return Sketch(len(hashes), tuple(heapq.nsmallest(SKETCH_SIZE, hashes)))


def containment(a: Sketch, b: Sketch) -> float:
    """Estimated share of the smaller text's shingles that the other text also has."""
    if not a.shingles or not b.shingles:
        return 0.0
    union = sorted(set(a.values) | set(b.values))[:SKETCH_SIZE]
    in_a, in_b = set(a.values), set(b.values)
    both = sum(1 for value in union if value in in_a and value in in_b)
    jaccard = both / len(union)
    shared = jaccard / (1 + jaccard) * (a.shingles + b.shingles)
    return min(1.0, shared / min(a.shingles, b.shingles))


def _containment_at_most(a: Sketch, b: Sketch, shared_values: int) -> float:
    """An upper bound of ``containment`` from the number of sketch values the two share."""
    jaccard = min(1.0, shared_values / max(1, min(len(a.values), len(b.values))))
    return jaccard / (1 + jaccard) * (a.shingles + b.shingles) / max(1, min(a.shingles, b.shingles))


class SketchCache:
    """Sketches by text fingerprint, kept between analyses of one project."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Sketch] = {}
        self._origins: tuple[frozenset[tuple[int, str]], Origins] | None = None

    def origins(self, fingerprints: dict[int, str],
                read_texts: Callable[[Iterable[int]], dict[int, str]]) -> Origins:
        """The origins of these sources, found again only when a source or its text changed."""
        key = frozenset(fingerprints.items())
        if self._origins is None or self._origins[0] != key:
            self._origins = (key, find_origins(self.sketches(fingerprints, read_texts)))
        return self._origins[1]

    def sketches(self, fingerprints: dict[int, str],
                 read_texts: Callable[[Iterable[int]], dict[int, str]]) -> dict[int, Sketch]:
        missing = [source_id for source_id, digest in fingerprints.items() if digest not in self._by_hash]
        for source_id, text in read_texts(missing).items():
            self._by_hash[fingerprints[source_id]] = sketch_of(text)
        live = set(fingerprints.values())
        for digest in [d for d in self._by_hash if d not in live]:
            del self._by_hash[digest]
        return {source_id: self._by_hash[digest] for source_id, digest in fingerprints.items()
                if digest in self._by_hash}


@dataclass(frozen=True, slots=True)
class Origins:
    origin_of: dict[int, int]  # source id -> the smallest source id of its origin
    copies: dict[int, tuple[int, ...]]  # source id -> the other sources of its origin (only for copied ones)

    def origin(self, source_id: int) -> int:
        return self.origin_of.get(source_id, source_id)


def find_origins(sketches: dict[int, Sketch]) -> Origins:
    by_value: dict[int, list[int]] = defaultdict(list)
    for source_id, sketch in sketches.items():
        for value in sketch.values:
            by_value[value].append(source_id)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in by_value.values():
        if 1 < len(holders) <= 200:  # a shingle in hundreds of sources is boilerplate, not copying
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    parent = {source_id: source_id for source_id in sketches}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for (a, b), count in shared.items():
        if count < _MIN_SHARED or _containment_at_most(sketches[a], sketches[b], count) < COPY_CONTAINMENT:
            continue  # cheap bound first: most pairs share a few common phrases and nothing more
        if containment(sketches[a], sketches[b]) >= COPY_CONTAINMENT:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for source_id in sketches:
        members[root(source_id)].append(source_id)
    origin_of = {source_id: min(group) for group in members.values() for source_id in group}
    copies = {source_id: tuple(sorted(s for s in group if s != source_id))
              for group in members.values() if len(group) > 1 for source_id in group}
    return Origins(origin_of, copies)
