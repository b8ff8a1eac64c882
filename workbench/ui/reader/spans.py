"""Claim spans flattened into non-overlapping segments, ready to paint block by block.

Where claims overlap, a segment knows how many claims cover it and which one is
innermost (started last), so the reader can show the overlap and a click picks the
most specific claim. Positions here are UTF-16 units, as the text widget counts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    claim_id: int
    start: int  # UTF-16 units
    end: int
    style: str  # what decides the colour: a claim kind or a tag


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    claim_id: int  # the innermost claim here
    style: str
    depth: int  # how many claims cover this segment


class SpanIndex:
    """Sorted segments with binary search by position."""

    def __init__(self, spans: Iterable[Span] = ()):
        spans = list(spans)
        self.spans = {span.claim_id: span for span in spans}
        self.segments = _flatten(spans)
        self._starts = [segment.start for segment in self.segments]
        # Spans by start, and an upper bound on their length: the spans that reach into a range are found
        # by bisection, not by a scan of all of them.
        self._by_start = sorted((span.start, span.claim_id) for span in spans)
        self._longest = max((span.end - span.start for span in spans), default=0)

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[Segment]:
        """Segments that intersect [start, end)."""
        segments = self.segments
        index = max(0, bisect_right(self._starts, start) - 1)
        found = []
        while index < len(segments) and segments[index].start < end:  # no copy of the list per call
            if segments[index].end > start:
                found.append(segments[index])
            index += 1
        return found

    def claim_at(self, position: int) -> int | None:
        hits = self.overlapping(position, position + 1)
        return hits[0].claim_id if hits else None

    def claims_covering(self, position: int) -> list[int]:
        return [span.claim_id for span in self.spans.values() if span.start <= position < span.end]

    def with_changes(self, upserts: Iterable[Span], removed: Iterable[int]) -> tuple[SpanIndex, tuple[int, int]]:
        """Put these spans in (or replace them) and take these claims out, in place; returns the index and
        the range [start, end) whose look changed. Only the segments of that range are worked out again,
        so an edit among 20,000 highlights costs about as much as one among twenty."""
        upserts = list({span.claim_id: span for span in upserts}.values())  # the last word on each claim
        extents = []
        for claim_id in {*removed, *(span.claim_id for span in upserts)}:
            old = self.spans.pop(claim_id, None)
            if old is not None:
                extents.append((old.start, old.end))
                del self._by_start[bisect_left(self._by_start, (old.start, claim_id))]
        for span in upserts:
            self.spans[span.claim_id] = span
            insort(self._by_start, (span.start, span.claim_id))
            self._longest = max(self._longest, span.end - span.start)
            extents.append((span.start, span.end))
        if not extents:
            return self, (0, 0)
        lo, hi = self._widen(min(e[0] for e in extents), max(e[1] for e in extents))
        first_start = bisect_left(self._by_start, (lo - self._longest, -1))
        last_start = bisect_left(self._by_start, (hi, -1))
        inside = [span for span in (self.spans[claim_id] for _, claim_id in self._by_start[first_start:last_start])
                  if span.end > lo]
        first, last = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        middle = _flatten(inside, clip=(lo, hi))
        self.segments[first:last] = middle
        self._starts[first:last] = [segment.start for segment in middle]
        return self, (lo, hi)

    def _widen(self, lo: int, hi: int) -> tuple[int, int]:
        """Move the range's ends out to segment boundaries, so the segments outside it stay whole."""
        before = bisect_right(self._starts, lo) - 1
        if before >= 0 and self.segments[before].end > lo:
            lo = self.segments[before].start
        before = bisect_left(self._starts, hi) - 1
        if before >= 0 and self.segments[before].end > hi:
            hi = self.segments[before].end
        return lo, hi


def _flatten(spans: list[Span], clip: tuple[int, int] | None = None) -> list[Segment]:
    """Sweep over every start and end; between two consecutive points the covering set is fixed.

    With ``clip``, only segments inside [clip start, clip end) are made; which claim is
    innermost is still judged by the spans' own starts and ends.
    """
    if not spans:
        return []
    lo, hi = clip if clip is not None else (min(s.start for s in spans), max(s.end for s in spans))
    points = sorted({min(max(p, lo), hi) for span in spans for p in (span.start, span.end)} | {lo, hi})
    by_start = sorted(spans, key=lambda s: (s.start, -s.end, s.claim_id))
    active: list[Span] = []
    segments: list[Segment] = []
    next_span = 0
    for left, right in zip(points, points[1:], strict=False):
        while next_span < len(by_start) and max(by_start[next_span].start, lo) <= left:
            active.append(by_start[next_span])
            next_span += 1
        active = [span for span in active if span.end > left]
        if active:
            inner = max(active, key=lambda s: (s.start, -s.end))
            segments.append(Segment(left, right, inner.claim_id, inner.style, len(active)))
    return segments
