"""The analyst's corrections to a source's text, made while claims point into it.

Two kinds: a stretch the cleaning missed, taken out as boilerplate (recorded with the
reason "removed by the analyst", so it can be seen and restored like any other removed
block), and a real edit of the text (a typo in the extraction, a paragraph the
extractor dropped). In both, the claims whose quotes are untouched keep their place
(their offsets shift); after an edit, a claim whose quote was changed is found again by
its quote and context, or flagged as orphaned for the analyst, never silently moved.
Page starts and the insertion points of removed blocks move with the text.

Each correction returns the state before and after, so a command can undo and redo it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from ...core.anchoring import CONTEXT_CHARS, find_occurrences
from ...core.errors import InvalidInputError
from ...core.model import RemovedBlock
from ...core.text import normalise_text
from ...storage.source_text import ClaimAnchor, TextState, read_state, write_state
from ..project import Project
from .boilerplate import collapse_blank_runs, remove_boilerplate, restore_block

ANALYST = "removed by the analyst"


@dataclass(frozen=True, slots=True)
class Correction:
    before: TextState
    after: TextState
    kept: int = 0  # claims whose quote was untouched (offsets shifted at most)
    reanchored: int = 0  # claims found again by quote and context
    orphaned: int = 0  # claims whose quote is gone: flagged

    def summary(self) -> str:
        if not self.after.anchors:
            return "the source has no claims"
        parts = [f"{self.kept} claim(s) kept their place"]
        if self.reanchored:
            parts.append(f"{self.reanchored} re-anchored by quote")
        if self.orphaned:
            parts.append(f"{self.orphaned} flagged: quote no longer in the text")
        return ", ".join(parts)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


def _moved(anchor: ClaimAnchor, text: str, start: int, status: str) -> ClaimAnchor:
    end = start + len(anchor.quote)
    prefix, suffix = _context(text, start, end)
    return replace(anchor, start=start, end=end, prefix=prefix, suffix=suffix, status=status)


# -- removing a stretch as boilerplate ------------------------------------------------


def removal_of(state: TextState, start: int, end: int, reason: str = ANALYST) -> TextState:
    """The state with ``text[start:end]`` taken out and recorded as a removed block."""
    text = state.text
    if not 0 <= start < end <= len(text):
        raise InvalidInputError(f"span {start}:{end} is outside the text (length {len(text)})")
    if not text[start:end].strip():
        raise InvalidInputError("the selection holds only spaces or line breaks; nothing to remove")
    inside = [a for a in state.anchors if a.status != "orphaned" and a.start < end and a.end > start]
    if inside:
        raise InvalidInputError(f"the selection overlaps {len(inside)} claim(s); delete them first or select "
                                "around them")
    size = end - start
    new_text = text[:start] + text[end:]
    anchors = tuple(a if a.status == "orphaned" else
                    _moved(a, new_text, a.start - size if a.start >= end else a.start, a.status)
                    for a in state.anchors)
    pages = tuple(p if p <= start else max(start, p - size) for p in state.page_starts)
    return TextState(new_text, pages, _with_block(state.removed, start, end, text[start:end], reason), anchors)


def _with_block(removed, start: int, end: int, piece: str, reason: str) -> tuple[RemovedBlock, ...]:
    """Existing blocks moved to the new text, the new one among them; seq renumbered in text order.

    Blocks that stood before the removed stretch come first, then the new block, then
    those that stood inside or after it, so restoring in any order rebuilds the text.
    """
    size = end - start
    ordered = []
    for block in removed:
        if block.position <= start:
            ordered.append((block.position, 0, block.seq, block))
        else:
            moved = replace(block, position=max(start, block.position - size))
            ordered.append((moved.position, 2, block.seq, moved))
    ordered.append((start, 1, 0, RemovedBlock(0, start, piece, reason)))
    ordered.sort(key=lambda item: item[:3])
    return tuple(replace(item[3], seq=number) for number, item in enumerate(ordered, 1))


def restoration_of(state: TextState, seq: int) -> TextState:
    """The state with removed block ``seq`` back in the text; claims after it shift, none may be split by it."""
    new_text, remaining, pages = restore_block(state.text, state.removed, state.page_starts, seq)  # LookupError
    block = next(b for b in state.removed if b.seq == seq)
    at, size = block.position, len(block.text)
    split = [a for a in state.anchors if a.status != "orphaned" and a.start < at < a.end]
    if split:
        raise InvalidInputError(f"removed block {seq} would go back inside the quote of {len(split)} claim(s)")
    anchors = tuple(a if a.status == "orphaned" else
                    _moved(a, new_text, a.start + size if a.start >= at else a.start, a.status)
                    for a in state.anchors)
    return TextState(new_text, tuple(pages), tuple(remaining), anchors)


def remove_as_boilerplate(project: Project, source_id: int, start: int, end: int) -> Correction:
    before = read_state(project.db, source_id)
    after = removal_of(before, start, end)
    write_state(project.db, source_id, after)
    return Correction(before, after, kept=sum(a.status != "orphaned" for a in after.anchors))


def clean_anyway(project: Project, source_id: int) -> Correction:
    """Apply the cleaning the over-removal guard held back (first copies of repeated paragraphs stay)."""
    before = read_state(project.db, source_id)
    state = before
    collapsed = collapse_blank_runs(state.text).text
    if collapsed != state.text:
        state = edit_of(state, collapsed)[0]
    cleaned = remove_boilerplate(state.text, paged=bool(state.page_starts), force=True)
    starts, consumed = [], 0
    for block in cleaned.removed:  # in text order: a block's start in the given text
        starts.append((block.position + consumed, block))
        consumed += len(block.text)
    if not state.anchors:
        state = _cleaned_in_one_pass(state, cleaned, [start for start, _ in starts])
    for start, block in reversed(starts if state.anchors else []):
        try:
            state = removal_of(state, start, start + len(block.text), block.reason)
        except InvalidInputError:
            continue  # a claim stands in it: the analyst chose to keep that stretch
    if state.text == before.text:
        raise InvalidInputError("the cleaning finds nothing more to remove from this source")
    write_state(project.db, source_id, state)
    return Correction(before, state, kept=sum(a.status != "orphaned" for a in state.anchors))


def _cleaned_in_one_pass(state: TextState, cleaned, starts: list[int]) -> TextState:
    """A source without claims takes the whole cleaning at once; blocks are ordered as they stood.

    A block already removed at offset p of the given text stands before a new block that
    starts at p and after one that starts before p, as ``_with_block`` orders them one by one.
    """
    keyed = [((b.position, 0, b.seq), replace(b, position=cleaned.map_offset(b.position))) for b in state.removed]
    keyed += [((start, 1, n), block) for n, (start, block) in enumerate(zip(starts, cleaned.removed, strict=True))]
    keyed.sort(key=lambda item: item[0])
    removed = tuple(replace(block, seq=number) for number, (_, block) in enumerate(keyed, 1))
    pages = tuple(cleaned.map_offset(p) for p in state.page_starts)
    return TextState(cleaned.text, pages, removed, state.anchors)


# -- editing the text ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mapping:
    """Character stretches of the old text that stand unchanged in the new one: (old start, old end, new start)."""

    equal: tuple[tuple[int, int, int], ...]
    changed: tuple[tuple[int, int, int], ...]  # old start, old end, new start of each replaced stretch

    def inside_equal(self, start: int, end: int) -> int | None:
        for old_start, old_end, new_start in self.equal:
            if old_start <= start and end <= old_end:
                return new_start + start - old_start
        return None

    def point(self, offset: int) -> int:
        for old_start, old_end, new_start in self.equal:
            if old_start <= offset < old_end or offset == old_end == self.equal[-1][1]:
                return new_start + offset - old_start
        for old_start, old_end, new_start in self.changed:
            if old_start <= offset <= old_end:
                return new_start
        return offset


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line)
    offsets.append(total)
    return offsets


def _mapping(old: str, new: str) -> _Mapping:
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_at, new_at = _line_offsets(old_lines), _line_offsets(new_lines)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    equal: list[tuple[int, int, int]] = []
    changed: list[tuple[int, int, int]] = []
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        target = equal if tag == "equal" else changed
        target.append((old_at[i1], old_at[i2], new_at[j1]))
    return _Mapping(tuple(equal), tuple(changed))


def _reanchor(anchor: ClaimAnchor, text: str, near: int) -> ClaimAnchor:
    """The quote found again in the new text, the occurrence whose context fits best; or flagged."""
    starts = find_occurrences(text, anchor.quote)
    if not starts:
        return replace(anchor, status="orphaned")

    def fit(start: int) -> tuple[int, int]:
        prefix, suffix = _context(text, start, start + len(anchor.quote))
        return (_common_tail(prefix, anchor.prefix) + _common_head(suffix, anchor.suffix), -abs(start - near))
    ranked = sorted(starts, key=fit, reverse=True)
    if len(ranked) > 1 and fit(ranked[0])[0] == fit(ranked[1])[0] and fit(ranked[0])[0] < CONTEXT_CHARS:
        return replace(anchor, status="orphaned")  # two places fit as well: the analyst decides
    return _moved(anchor, text, ranked[0], "reanchored")


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def edit_of(state: TextState, new_text: str) -> tuple[TextState, int, int, int]:
    """The state with a new text; returns it and how many claims were kept, re-anchored and flagged."""
    new_text = normalise_text(new_text)
    if not new_text.strip():
        raise InvalidInputError("the new text is empty; a source needs some text")
    if new_text == state.text:
        raise InvalidInputError("the text is unchanged")
    mapping = _mapping(state.text, new_text)
    anchors, kept, reanchored, orphaned = [], 0, 0, 0
    for anchor in state.anchors:
        if anchor.status == "orphaned":
            found = _reanchor(anchor, new_text, mapping.point(anchor.start))
        else:
            shifted = mapping.inside_equal(anchor.start, anchor.end)
            found = (_moved(anchor, new_text, shifted, anchor.status) if shifted is not None
                     else _reanchor(anchor, new_text, mapping.point(anchor.start)))
        anchors.append(found)
        if found.status == "orphaned":
            orphaned += 1
        elif found.status == anchor.status and mapping.inside_equal(anchor.start, anchor.end) is not None:
            kept += 1
        else:
            reanchored += 1
    pages = tuple(mapping.point(p) for p in state.page_starts)
    removed = tuple(replace(b, position=min(mapping.point(b.position), len(new_text))) for b in state.removed)
    return TextState(new_text, pages, removed, tuple(anchors)), kept, reanchored, orphaned


def edit_source_text(project: Project, source_id: int, new_text: str) -> Correction:
    before = read_state(project.db, source_id)
    after, kept, reanchored, orphaned = edit_of(before, new_text)
    write_state(project.db, source_id, after)
    return Correction(before, after, kept, reanchored, orphaned)
