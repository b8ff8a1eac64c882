"""Turning another tool's offsets into ours.

Our offsets count code points of the normalised text (NFC, ``\\n`` line ends, no byte-order
mark). A REFI-QDA exporter counted the characters of the plain-text file it wrote, which
may have CR LF line ends (two characters each) and a byte-order mark (counted by some
tools, not by others). ``OffsetMap`` converts one counting into ours; ``choose_counting``
picks the counting under which the selections' names (most tools put the selected text
there) match the text best.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass

from ...core.text import normalise_text

COUNTINGS = ("as written", "with byte-order mark", "normalised")


@dataclass(frozen=True, slots=True)
class DecodedText:
    raw: str  # the file's text as decoded, without a leading byte-order mark
    text: str  # normalised
    had_bom: bool
    had_crlf: bool
    had_cr: bool


def decode_plain_text(data: bytes) -> DecodedText:
    had_bom = data.startswith(b"\xef\xbb\xbf")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = data.decode("utf-8-sig", errors="replace")
    raw = raw.lstrip("\ufeff")
    return DecodedText(raw, normalise_text(raw), had_bom, "\r\n" in raw, "\r" in raw.replace("\r\n", ""))


class OffsetMap:
    """Offsets in one counting of ``raw`` to offsets in its normalised text."""

    def __init__(self, decoded: DecodedText, counting: str):
        self.decoded = decoded
        self.counting = counting
        raw = decoded.raw
        self._shift = 1 if counting == "with byte-order mark" and decoded.had_bom else 0
        self._identity = counting == "normalised" or raw == decoded.text
        self._nfc = unicodedata.is_normalized("NFC", raw)
        # Positions (in raw) where normalisation drops a character (the CR of CR LF) or adds one (U+2029).
        self._dropped = [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"] if not \
            self._identity else []
        self._added = [i for i, ch in enumerate(raw) if ch == "\u2029"] if not self._identity else []

    def __call__(self, offset: int) -> int:
        offset -= self._shift
        if self._identity:
            return offset
        raw = self.decoded.raw
        if not self._nfc:  # rare: composed characters change lengths; measure the prefix itself
            return len(normalise_text(raw[:max(offset, 0)]))
        dropped = bisect.bisect_left(self._dropped, offset)
        added = bisect.bisect_left(self._added, offset)
        return offset - dropped + added


def names_match(text: str, start: int, end: int, name: str) -> bool:
    if not (0 <= start < end <= len(text)) or not name:
        return False
    span, wanted = " ".join(text[start:end].split()), " ".join(normalise_text(name).split())
    if not wanted:
        return False
    # Tools cut long names; a name that is a start of the span (or the span of the name) counts.
    return span == wanted or (len(wanted) >= 20 and (span.startswith(wanted.rstrip(".… ")) or
                                                    wanted.startswith(span)))


def choose_counting(decoded: DecodedText, selections: list[tuple[int, int, str]]) -> tuple[str, int]:
    """The counting whose spans match the most selection names, and how many matched."""
    if decoded.raw == decoded.text and not decoded.had_bom:
        return "normalised", -1
    best, best_hits = "as written", -1
    for counting in COUNTINGS:
        if counting == "with byte-order mark" and not decoded.had_bom:
            continue
        mapping = OffsetMap(decoded, counting)
        hits = sum(names_match(decoded.text, mapping(s), mapping(e), name) for s, e, name in selections)
        if hits > best_hits:
            best, best_hits = counting, hits
    return best, best_hits
