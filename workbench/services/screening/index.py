"""A blocking index over every listed name, so a query is scored against a few dozen names that
share a sound-alike word with it instead of against the whole list.

Built for a million-entry list in seconds and kept in numpy arrays (a few bytes a name, saved
and loaded as they are, see index_cache): names are filed by their phonetic tokens ("sounds"),
and the blocking keys are worked out once per distinct sound, not once per name. A block is the
set of sounds filed under one key; its names are gathered from the sounds' postings when a
query shares the key. Listed names and their keys are read from the project only for the few
positions a query is compared with.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections.abc import Callable, Iterable
from itertools import compress

import numpy as np

from ...core.collector import collector_paused
from ...core.names import PreparedName, blocking_key_columns, blocking_keys, phonetic, phonetic_many, prepare_key

CANDIDATES_PER_NAME = 40
_SIGNIFICANT = 0.5
NameSource = Callable[[int], list[tuple[str, str]]]  # entry id -> (name, name key) of its names, in index order


class _Names:
    """index.names[position]: a listed name, read from the project with its entry's other names."""

    def __init__(self, index: ScreeningIndex):
        self.index = index

    def __getitem__(self, position: int) -> str:
        return self.index.name_and_key(position)[0]

    def __len__(self) -> int:
        return len(self.index)


class ScreeningIndex:
    """Positions are the listed names in (entry id, name) order, so an entry's names sit side by side."""

    ARRAYS = ("entry_ids", "list_ids", "sound_offsets", "sound_positions", "block_offsets", "block_sounds")

    def __init__(self, arrays: dict[str, np.ndarray], block_keys: list[str], names_of: NameSource):
        # Entry ids as Python ints (an array.array item is one), beside a numpy view of the same memory.
        self.entry_ids = array("q", np.ascontiguousarray(arrays["entry_ids"], np.int64).tobytes())
        self._entry_ids = np.frombuffer(self.entry_ids, np.int64) if len(self.entry_ids) else np.zeros(0, np.int64)
        self.list_ids: np.ndarray = arrays["list_ids"]
        self.sound_offsets: np.ndarray = arrays["sound_offsets"]
        self.sound_positions: np.ndarray = arrays["sound_positions"]
        self.block_offsets: np.ndarray = arrays["block_offsets"]
        self.block_sounds: np.ndarray = arrays["block_sounds"]
        self.block_keys = block_keys
        self.block_ids = {key: number for number, key in enumerate(block_keys)}
        lengths = np.diff(self.sound_offsets)
        # Names filed under a block (a name with two of its sounds counts twice: an upper bound).
        self.block_sizes = np.add.reduceat(lengths[self.block_sounds], self.block_offsets[:-1]) \
            if len(self.block_sounds) else np.zeros(0, np.int64)
        self.names = _Names(self)
        # One source per thread: SQLite connections belong to their thread, and the index kept in memory
        # may serve the Screening tab's run and a names file screened at the same time.
        self._names_of: dict[int, NameSource] = {threading.get_ident(): names_of}
        self._loaded: dict[int, list[tuple[str, str]]] = {}  # entry id -> its names, for the entries met
        self._phonetic: dict[str, str] = {}

    # -- building -----------------------------------------------------------------------

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int, str]], names_of: NameSource) -> ScreeningIndex:
        """rows: (entry id, list id, name key) of every listed name, in (entry id, name) order."""
        with collector_paused():
            arrays, block_keys = _built(rows)
        return cls(arrays, block_keys, names_of)

    # -- reading ------------------------------------------------------------------------

    def use_names_from(self, names_of: NameSource) -> None:
        """Read listed names through this source (a connection of the calling thread) in this thread."""
        self._names_of[threading.get_ident()] = names_of

    def phonetic(self, token: str) -> str:
        found = self._phonetic.get(token)
        if found is None:
            found = self._phonetic[token] = phonetic(token)
        return found

    def name_and_key(self, position: int) -> tuple[str, str]:
        entry_id = self.entry_ids[position]
        names = self._loaded.get(entry_id)
        if names is None:
            if len(self._loaded) > 100_000:  # entries met by earlier queries: keep memory bounded
                self._loaded.clear()
            names = self._loaded[entry_id] = self._names_of[threading.get_ident()](entry_id)
        return names[position - self.entry_positions(position).start]

    def prepared(self, position: int) -> PreparedName:
        name, key = self.name_and_key(position)
        return prepare_key(name, key, self.phonetic)

    def entry_positions(self, position: int) -> range:
        """Every name of the entry that the name at ``position`` belongs to (names are stored entry by entry)."""
        entry_id = self.entry_ids[position]
        first = int(np.searchsorted(self._entry_ids, entry_id, "left"))
        last = int(np.searchsorted(self._entry_ids, entry_id, "right"))
        return range(first, last)

    def names_per_list(self) -> dict[int, int]:
        found, counts = np.unique(self.list_ids, return_counts=True)
        return {int(list_id): int(count) for list_id, count in zip(found, counts, strict=True)}

    def __len__(self) -> int:
        return len(self.entry_ids)

    def _block_positions(self, block: int) -> np.ndarray:
        """The positions filed under a block, each once."""
        sounds = self.block_sounds[self.block_offsets[block]:self.block_offsets[block + 1]]
        starts = self.sound_offsets[sounds]
        lengths = self.sound_offsets[sounds + 1] - starts
        if len(sounds) == 1:
            return self.sound_positions[starts[0]:starts[0] + lengths[0]]
        ends = np.cumsum(lengths)
        gather = np.repeat(starts - ends + lengths, lengths) + np.arange(ends[-1] if len(ends) else 0)
        return np.unique(self.sound_positions[gather])

    def candidates(self, query: PreparedName, limit: int = CANDIDATES_PER_NAME) -> list[int]:
        """Positions of the listed names that share the most (and the rarest) blocks with the query."""
        significant = [p for p, w in zip(query.phonetic, query.weights, strict=True) if w >= _SIGNIFICANT]
        keys: set[str] = set()
        for token in significant or query.phonetic:
            keys.update(blocking_keys(token))
        shared = sorted((int(self.block_sizes[b]), b) for b in (self.block_ids.get(k) for k in keys) if b is not None)
        if not shared:
            return []
        # Very common blocks only count when nothing rarer is shared with the query.
        ceiling = max(2000, len(self) // 50)
        usable = [block for size, block in shared if size <= ceiling] or [shared[0][1]]
        postings = [self._block_positions(block) for block in usable]
        found = np.concatenate(postings)
        weights = np.repeat([1.0 / math.log2(2 + len(p)) for p in postings], [len(p) for p in postings])
        positions, inverse = np.unique(found, return_inverse=True)
        votes = np.bincount(inverse, weights)
        best = np.lexsort((positions, -votes))[:limit]  # most votes first; ties: the earlier name
        return positions[best].tolist()


def _built(rows: Iterable[tuple[int, int, str]]) -> tuple[dict[str, np.ndarray], list[str]]:
    entry_ids, list_ids, counts, occurrences = array("q"), array("q"), array("q"), array("q")
    numbers: dict[str, int] = {}  # each distinct token's number, given as it is met; keys are not kept
    number_of = numbers.setdefault
    for entry_id, list_id, key in rows:
        tokens = key.split()
        entry_ids.append(entry_id)
        list_ids.append(list_id)
        counts.append(len(tokens))
        occurrences.extend([number_of(token, len(numbers)) for token in tokens])
    tokens = list(numbers)
    del numbers
    sounds_of_tokens = phonetic_many(tokens)
    sounds = list(dict.fromkeys(sounds_of_tokens))
    sound_ids = {sound: number for number, sound in enumerate(sounds)}
    token_sounds = np.fromiter(map(sound_ids.__getitem__, sounds_of_tokens), np.int64, len(tokens))
    del tokens, sounds_of_tokens, sound_ids
    names = len(entry_ids)
    positions = np.repeat(np.arange(names, dtype=np.int64), np.frombuffer(counts, np.int64) if names else 0)
    # (sound, position) pairs, sorted and without repeats: the postings, one after another.
    width = max(names, 1)
    pairs = token_sounds[np.frombuffer(occurrences, np.int64)] * width + positions if len(occurrences) else positions
    del occurrences, positions
    pairs.sort()
    if len(pairs):
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    sound_offsets = np.searchsorted(pairs // width, np.arange(len(sounds) + 1))
    sound_positions = (pairs % width).astype(np.int32)
    del pairs
    block_keys, block_offsets, block_sounds = _file_sounds(sounds)
    arrays: dict[str, np.ndarray] = {"entry_ids": np.asarray(entry_ids, np.int64), "list_ids": np.asarray(list_ids, np.int32),
                                     "sound_offsets": sound_offsets.astype(np.int64),
                                     "sound_positions": sound_positions, "block_offsets": block_offsets,
                                     "block_sounds": block_sounds}
    return arrays, block_keys


def _file_sounds(sounds: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(block keys, offsets, sound numbers): the sounds filed under each key, key by key."""
    block_ids: dict[str, int] = {}
    block_of = block_ids.setdefault
    blocks, filed = [], []
    for column in blocking_key_columns(sounds):  # one kind of key at a time: fewer strings at once
        kept = np.fromiter(map(bool, column), bool, len(column))
        blocks.append(np.fromiter((block_of(key, len(block_ids)) for key in compress(column, kept)), np.int64,
                                  int(kept.sum())))
        filed.append(np.flatnonzero(kept).astype(np.int32))
    block_keys = list(block_ids)
    del block_ids
    all_blocks, all_sounds = np.concatenate(blocks), np.concatenate(filed)
    order = np.argsort(all_blocks, kind="stable")
    offsets = np.searchsorted(all_blocks[order], np.arange(len(block_keys) + 1)).astype(np.int64)
    return block_keys, offsets, all_sounds[order]
