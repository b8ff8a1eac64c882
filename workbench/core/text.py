"""Text normalisation and search folding.

All offsets in the program are Unicode code points into the *normalised* text:
NFC, ``\\n`` line ends, no BOM. The search fold maps every code point to exactly
one code point, so a position found in folded text is the same position in the
original text.
"""

from __future__ import annotations

import unicodedata

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


class _FoldTable(dict):
    """Lazy ``str.translate`` table: fills itself one code point at a time."""

    def __missing__(self, cp: int) -> str:
        folded = _fold_code_point(cp)
        self[cp] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_for_search(text: str) -> str:
    """Case- and diacritic-insensitive form (ё→е, É→e), same length as ``text``."""
    return text.translate(_FOLD_TABLE)


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3040 <= cp <= 0x30FF  # kana
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF  # hangul
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )


def contains_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def one_line(text: str, limit: int = 0) -> str:
    """Collapse white space for tables and terminal output."""
    flat = " ".join(text.split())
    if limit and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat
