"""Claim spans flattened into non-overlapping segments, ready to paint block by block.

Where claims overlap, a segment knows how many claims cover it and which one is
innermost (started last), so the reader can show the overlap and a click picks the
most specific claim. Positions here are UTF-16 units, as the text widget counts.
"""

from __future__ import annotations

from bisect import bisect_right
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

    def __init__(self, spans: list[Span] = ()):
        self.spans = {span.claim_id: span for span in spans}
        self.segments = _flatten(list(spans))
        self._starts = [segment.start for segment in self.segments]

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[Segment]:
        """Segments that intersect [start, end)."""
        first = max(0, bisect_right(self._starts, start) - 1)
        found = []
        for segment in self.segments[first:]:
            if segment.start >= end:
                break
            if segment.end > start:
                found.append(segment)
        return found

    def claim_at(self, position: int) -> int | None:
        hits = self.overlapping(position, position + 1)
        return hits[0].claim_id if hits else None

    def claims_covering(self, position: int) -> list[int]:
        return [span.claim_id for span in self.spans.values() if span.start <= position < span.end]


def _flatten(spans: list[Span]) -> list[Segment]:
    """Sweep over every start and end; between two consecutive points the covering set is fixed."""
    if not spans:
        return []
    points = sorted({p for span in spans for p in (span.start, span.end)})
    by_start = sorted(spans, key=lambda s: (s.start, -s.end, s.claim_id))
    active: list[Span] = []
    segments: list[Segment] = []
    next_span = 0
    for left, right in zip(points, points[1:], strict=False):
        while next_span < len(by_start) and by_start[next_span].start <= left:
            active.append(by_start[next_span])
            next_span += 1
        active = [span for span in active if span.end > left]
        if active:
            inner = max(active, key=lambda s: (s.start, -s.end))
            segments.append(Segment(left, right, inner.claim_id, inner.style, len(active)))
    return segments
