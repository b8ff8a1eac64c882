"""Text normalisation and search folding.

All offsets in the program are Unicode code points into the *normalised* text:
NFC, ``\\n`` line ends, no BOM. The search fold maps every code point to exactly
one code point, so a position found in folded text is the same position in the
original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n"})


def normalise_text(raw: str) -> str:
    """The canonical form of a source's text that all anchors refer to."""
    text = raw.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return unicodedata.normalize("NFC", text)


def _fold_code_point(cp: int) -> str:
    ch = chr(cp)
    if ch in "йЙ":  # a letter of its own in Russian, not "и" with a mark
        return "й"
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        ch = decomposed[0]
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


class _FoldTable(dict[int, str]):
    """Lazy ``str.translate`` table: fills itself one code point at a time."""

    def __missing__(self, cp: int) -> str:
        folded = _fold_code_point(cp)
        self[cp] = folded
        return folded


_FOLD_TABLE = _FoldTable()


# Code points the fold leaves as they are (checked for every one of them by a test): ASCII
# but capitals, Russian small letters, punctuation and symbols, CJK, Hangul. ``str.translate``
# looks each character up in a dict (about 0.1 µs each, 7 ms for 50,000 Chinese characters),
# so only the runs outside these ranges are translated.
FOLD_IDENTITY_RANGES = "\x00-\x40\x5b-\xbf\u0430-\u044f\u2000-\u2125\u2cf3-\u304b\u30ff-\ua63f\U00020000-\U0002fa1d"
_NEEDS_FOLD = re.compile(f"[^{FOLD_IDENTITY_RANGES}]+")


def fold_for_search(text: str) -> str:
    """Case- and diacritic-insensitive form (ё→е, É→e), same length as ``text``."""
    if text.isascii():
        return text.translate(_FOLD_TABLE)  # CPython translates ASCII through a fast cache
    return _NEEDS_FOLD.sub(lambda run: run.group().translate(_FOLD_TABLE), text)


# Scripts written without spaces between words (Han, kana) plus Hangul, which is
# best matched as substrings too.
_CJK_CLASS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
_CJK = re.compile(_CJK_CLASS)
CJK_CHARACTER_CLASS = _CJK_CLASS  # for patterns built elsewhere (services.search)


def is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


def contains_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def blank_cjk(text: str) -> str:
    """Replace CJK characters by spaces (same length), so Latin and digits among them stand as words."""
    return _CJK.sub(" ", text)


def one_line(text: str, limit: int = 0) -> str:
    """Collapse white space for tables and terminal output."""
    flat = " ".join(text.split())
    if limit and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraph_starts(text: str) -> tuple[int, ...]:
    """Where each paragraph begins: offset 0 and after every blank line."""
    return (0,) + tuple(m.end() for m in _PARAGRAPH_BREAK.finditer(text))


def place_of(offset: int, page_starts: Sequence[int], paragraphs: Sequence[int]) -> tuple[int | None, int | None]:
    """(page, None) in a paged source, else (None, paragraph): both from 1, as citations give them."""
    if page_starts:
        return max(1, bisect_right(page_starts, offset)), None
    return None, max(1, bisect_right(paragraphs, offset))
