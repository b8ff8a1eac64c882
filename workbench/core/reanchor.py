"""Finding a quote again in a text that changed (re-extraction, another tool's copy).

Steps, strictest first, as the W3C selectors suggest: the recorded position
(TextPositionSelector), then the exact quote (TextQuoteSelector) with its prefix and
suffix deciding between repeats, then the quote with white space ignored, then a
fuzzy match for a quote whose words changed a little. Each result says how it was
found and how sure it is; a caller places only a confident result and reports the
rest, so a claim is never silently moved to a span the analyst did not mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .anchoring import Anchor, anchor_at, find_occurrences

FUZZY_CONFIDENT = 90.0  # rapidfuzz score (0-100) at and above which a fuzzy match is placed
FUZZY_CANDIDATE = 70.0  # below this nothing is reported as a candidate
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Reanchored:
    """Where a quote stands in the new text, or why it could not be placed."""

    anchor: Anchor | None  # the place (None when nothing was found)
    method: str  # position, quote, context, whitespace, fuzzy, or "" when not found
    confidence: float  # 0..1
    confident: bool
    reason: str = ""

    @property
    def moved(self) -> bool:
        return self.method not in ("position", "quote")


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the recorded prefix and suffix stand next to this occurrence."""
    score = 0
    before = text[max(0, start - len(prefix)):start]
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[end:end + len(suffix)]
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _pick_occurrence(text: str, starts: list[int], quote: str, prefix: str, suffix: str,
                     hint: int | None) -> tuple[int | None, str]:
    """The one occurrence the context points to, or None with the reason it is ambiguous."""
    scored = sorted(((_context_score(text, s, s + len(quote), prefix, suffix), s) for s in starts), reverse=True)
    best, runner_up = scored[0], scored[1]
    if best[0] > runner_up[0]:
        return best[1], ""
    tied = [s for score, s in scored if score == best[0]]
    if hint is not None:
        nearest = sorted(tied, key=lambda s: abs(s - hint))
        if abs(nearest[0] - hint) < abs(nearest[1] - hint):
            return nearest[0], ""
    return None, f"the quote appears {len(starts)} times and its context does not tell which one is meant"


def _collapsed(text: str) -> tuple[str, list[int]]:
    """``text`` with every run of white space as one space, and where each kept character stood."""
    out, where = [], []
    last = 0
    for match in _SPACE.finditer(text):
        for i in range(last, match.start()):
            out.append(text[i])
            where.append(i)
        out.append(" ")
        where.append(match.start())
        last = match.end()
    for i in range(last, len(text)):
        out.append(text[i])
        where.append(i)
    where.append(len(text))
    return "".join(out), where


def _by_whitespace(text: str, quote: str) -> Reanchored | None:
    collapsed_quote = " ".join(quote.split())
    if not collapsed_quote:
        return None
    collapsed, where = _collapsed(text)
    starts = find_occurrences(collapsed, collapsed_quote)
    if len(starts) != 1:
        return None
    start = where[starts[0]]
    end_index = starts[0] + len(collapsed_quote)
    end = where[end_index - 1] + 1
    return Reanchored(anchor_at(text, start, end), "whitespace", 0.95, True,
                      "found with white space changed")


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space at the ends of a fuzzy span so it starts and ends on words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _fuzzy(text: str, quote: str) -> Reanchored:
    alignment = fuzz.partial_ratio_alignment(quote, text, score_cutoff=FUZZY_CANDIDATE)
    if alignment is None:
        return Reanchored(None, "", 0.0, False, "the quote is not in the text, not even approximately")
    start, end = _snap_to_words(text, alignment.dest_start, alignment.dest_end)
    if end <= start:
        return Reanchored(None, "", 0.0, False, "the quote is not in the text, not even approximately")
    anchor = anchor_at(text, start, end)
    score = fuzz.ratio(quote, anchor.quote)
    confident = score >= FUZZY_CONFIDENT
    reason = (f"found with changes ({score:.0f}% alike)" if confident
              else f"only a doubtful match ({score:.0f}% alike) at {start}-{end}")
    return Reanchored(anchor, "fuzzy", score / 100, confident, reason)


def reanchor(text: str, quote: str, prefix: str = "", suffix: str = "",
             start: int | None = None, end: int | None = None) -> Reanchored:
    """Find ``quote`` (recorded with ``prefix``/``suffix`` and maybe a position) in ``text``."""
    if not quote:
        return Reanchored(None, "", 0.0, False, "the annotation has no quote")
    if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote:
        return Reanchored(anchor_at(text, start, end), "position", 1.0, True)
    starts = find_occurrences(text, quote)
    if len(starts) == 1:
        return Reanchored(anchor_at(text, starts[0], starts[0] + len(quote)), "quote", 1.0, True)
    if len(starts) > 1:
        chosen, why = _pick_occurrence(text, starts, quote, prefix, suffix, start)
        if chosen is None:
            return Reanchored(None, "", 0.0, False, why)
        return Reanchored(anchor_at(text, chosen, chosen + len(quote)), "context", 0.95, True,
                          "one of several occurrences, chosen by its context")
    found = _by_whitespace(text, quote)
    if found is not None:
        return found
    return _fuzzy(text, quote)
