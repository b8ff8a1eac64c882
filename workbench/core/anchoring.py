"""Anchoring a quote in a source's text (W3C TextPosition + TextQuote selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import AmbiguousError, InvalidInputError, NotFoundError
from .text import normalise_text

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Anchor:
    """A span of normalised text: code points, start inclusive, end exclusive."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""

    def matches(self, text: str) -> bool:
        return text[self.start : self.end] == self.quote


def anchor_at(text: str, start: int, end: int) -> Anchor:
    """The anchor for ``text[start:end]`` with its surrounding context."""
    if not (0 <= start < end <= len(text)):
        raise InvalidInputError(f"span {start}-{end} is outside the text (length {len(text)})")
    return Anchor(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def find_occurrences(text: str, quote: str) -> list[int]:
    starts: list[int] = []
    pos = text.find(quote)
    while pos != -1:
        starts.append(pos)
        pos = text.find(quote, pos + 1)
    return starts


def anchor_quote(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    """Anchor the ``occurrence``-th (1-based) appearance of ``quote``.

    With no occurrence given the quote must appear exactly once, so a claim is
    never tied to a span the analyst did not mean.
    """
    quote = normalise_text(quote)
    if not quote.strip():
        raise InvalidInputError("the quote is empty")
    starts = find_occurrences(text, quote)
    if not starts:
        raise NotFoundError(f"quote not found in the source text: {quote[:60]!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise AmbiguousError(
                f"quote appears {len(starts)} times in the source; choose one with --occurrence 1..{len(starts)}"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise NotFoundError(f"quote appears {len(starts)} time(s); occurrence {occurrence} does not exist")
    start = starts[occurrence - 1]
    return anchor_at(text, start, start + len(quote))
