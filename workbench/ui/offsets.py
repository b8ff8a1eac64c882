"""Qt counts UTF-16 code units; the project counts code points. Convert only here."""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile('[\U00010000-\U0010FFFF]')


class OffsetMap:
    """Converts between code-point and UTF-16 offsets for one text in O(log n)."""

    def __init__(self, text: str):
        # Code-point positions of characters outside the BMP (two UTF-16 units each).
        # Found by the regex engine in C: no Python loop over every character of a long text.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._length = len(text)

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_left(self._astral, cp)

    def to_code_point(self, unit: int) -> int:
        lo, hi = 0, len(self._astral)
        while lo < hi:  # astral characters that end at or before `unit`
            mid = (lo + hi) // 2
            if self._astral[mid] + mid + 2 <= unit:
                lo = mid + 1
            else:
                hi = mid
        return min(unit - lo, self._length)
