"""An in-memory blocking index over every listed name, so a query is scored against a few dozen
names that share a sound-alike word with it instead of against the whole list."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable

from ...core.names import PreparedName, blocking_keys, phonetic, prepare_key

CANDIDATES_PER_NAME = 40
_SIGNIFICANT = 0.5


class ScreeningIndex:
    def __init__(self) -> None:
        self.entry_ids = array("q")
        self.list_ids = array("q")
        self.names: list[str] = []
        self.keys: list[str] = []
        self.blocks: dict[str, array] = defaultdict(lambda: array("l"))
        self._phonetic: dict[str, str] = {}

    def phonetic(self, token: str) -> str:
        found = self._phonetic.get(token)
        if found is None:
            found = self._phonetic[token] = phonetic(token)
        return found

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int, str, str]]) -> ScreeningIndex:
        """rows: (entry id, list id, name, name key), as ListRepository.iter_names gives them."""
        index = cls()
        for entry_id, list_id, name, key in rows:
            position = len(index.names)
            index.entry_ids.append(entry_id)
            index.list_ids.append(list_id)
            index.names.append(name)
            index.keys.append(key)
            for block in index._block_keys(key.split()):
                index.blocks[block].append(position)
        index.blocks = dict(index.blocks)
        return index

    def _block_keys(self, tokens: list[str]) -> set[str]:
        keys: set[str] = set()
        for token in tokens:
            keys.update(blocking_keys(self.phonetic(token)))
        return keys

    def prepared(self, position: int) -> PreparedName:
        return prepare_key(self.names[position], self.keys[position], self.phonetic)

    def entry_positions(self, position: int) -> range:
        """Every name of the entry that the name at ``position`` belongs to (names are stored entry by entry)."""
        entry_id, first, last = self.entry_ids[position], position, position
        while first > 0 and self.entry_ids[first - 1] == entry_id:
            first -= 1
        while last + 1 < len(self.entry_ids) and self.entry_ids[last + 1] == entry_id:
            last += 1
        return range(first, last + 1)

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, query: PreparedName, limit: int = CANDIDATES_PER_NAME) -> list[int]:
        """Positions of the listed names that share the most (and the rarest) blocks with the query."""
        significant = [p for p, w in zip(query.phonetic, query.weights, strict=True) if w >= _SIGNIFICANT]
        keys: set[str] = set()
        for token in significant or query.phonetic:
            keys.update(blocking_keys(token))
        postings = sorted((self.blocks[k] for k in keys if k in self.blocks), key=len)
        if not postings:
            return []
        # Very common blocks only count when nothing rarer is shared with the query.
        ceiling = max(2000, len(self.names) // 50)
        usable = [p for p in postings if len(p) <= ceiling] or postings[:1]
        votes: dict[int, float] = defaultdict(float)
        for posting in usable:
            weight = 1.0 / math.log2(2 + len(posting))
            for position in posting:
                votes[position] += weight
        return sorted(votes, key=votes.__getitem__, reverse=True)[:limit]
