"""Where a parsed query matches in one text: every occurrence, by exact code-point offsets.

The full-text index only says which sources may match (a stemmed word is looked up by
its beginning, see wordforms); this module decides, on the source's own text, which
words really match and where. It works on the folded text, which has the length of
the original, so ``text[start:end]`` is the occurrence. Combining marks that folding
leaves in place (a stress mark in "приве́т") are taken out of a view of the text with
a map back to the original offsets, so they do not split a word.

Words are runs of letters and digits (no underscore), as for the FTS5 unicode61
tokenizer; each Chinese or Japanese character is a word of its own, and CJK terms are
matched as substrings of any length, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ...core.text import CJK_CHARACTER_CLASS, contains_cjk, fold_for_search, is_cjk
from . import wordforms
from .query import And, Near, Node, Not, Or, Phrase, Word

_COMBINING_CLASS = r"\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING = re.compile(f"[{_COMBINING_CLASS}]")
_MARK_OR_CJK = re.compile(f"[{_COMBINING_CLASS}{CJK_CHARACTER_CLASS[1:-1]}]")

# A word character of an alphabetic script: in a text with CJK characters, any but those
# (each of which is a word of its own); in a text without, any. Patterns that hold the CJK
# class take 2-4 ms each to compile (the regex compiler lists its 40,000 code points), which
# a new query word paid before it was matched at all; the plain class compiles at once and
# scans twice as fast, so it serves every text without CJK.
_LETTER_BESIDE_CJK = rf"(?:(?!{CJK_CHARACTER_CLASS})[^\W_])"
_LETTER_ALONE = r"[^\W_]"

Span = tuple[int, int]


def _letter(cjk: bool) -> str:
    return _LETTER_BESIDE_CJK if cjk else _LETTER_ALONE


@dataclass
class Document:
    """One source's text as the matcher sees it: folded, with combining marks taken out;
    ``cjk`` says whether it holds CJK characters (see _letter)."""

    text: str
    language: str = ""
    view: str = field(init=False)
    cjk: bool = field(init=False, default=False)
    _to_original: list[int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        folded = fold_for_search(self.text)
        self.view = folded
        if folded.isascii():
            return
        first = _MARK_OR_CJK.search(folded)  # one scan answers both questions for most texts
        if first is None:
            return
        marked = _COMBINING.match(folded, first.start()) is not None
        self.cjk = not marked or contains_cjk(folded)
        if not marked and _COMBINING.search(folded, first.start()) is None:
            return
        kept = [i for i, ch in enumerate(folded) if _COMBINING.match(ch) is None]
        self.view = "".join(folded[i] for i in kept)
        self._to_original = kept + [len(folded)]

    def original(self, start: int, end: int) -> Span:
        """A span of the view as a span of the text (a mark after the last letter stays outside)."""
        if self._to_original is None:
            return start, end
        return self._to_original[start], self._to_original[end - 1] + 1

    def originals(self, spans: list[Span]) -> list[Span]:
        """Spans of the view as spans of the text."""
        if self._to_original is None:
            return spans
        return [self.original(start, end) for start, end in spans]


def _after_boundary(word: str, cjk: bool) -> str:
    """``word`` not preceded by a letter. The check follows the literal, so the regex engine
    looks for the literal first (a fast scan) instead of trying the check at every position."""
    escaped = re.escape(word)
    return escaped if is_cjk(word[0]) else rf"{escaped}(?<!{_letter(cjk)}{escaped})"


@lru_cache(maxsize=512)
def _pattern(words: tuple[str, ...], last_is_prefix: bool, cjk: bool) -> re.Pattern[str]:
    """Folded words side by side: separated by non-letters, CJK ones by anything or nothing."""
    pieces = [_after_boundary(words[0], cjk)]
    for i, word in enumerate(words[1:], 1):
        glue = r"[\W_]*" if is_cjk(words[i - 1][-1]) or is_cjk(word[0]) else r"[\W_]+"
        pieces.append(glue + re.escape(word))
    letter = _letter(cjk)
    tail = letter + "*" if last_is_prefix else "" if is_cjk(words[-1][-1]) else rf"(?!{letter})"
    return re.compile("".join(pieces) + tail)


@lru_cache(maxsize=512)
def _beginnings_pattern(beginnings: tuple[str, ...], cjk: bool) -> re.Pattern[str]:
    alternatives = "|".join(_after_boundary(b, cjk) for b in sorted(beginnings, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives}){_letter(cjk)}*")


def leaf_spans(doc: Document, leaf: Word | Phrase) -> list[Span]:
    """Every occurrence of a word or phrase in the view, in order."""
    if isinstance(leaf, Phrase):
        words = tuple(w.rstrip("*") for w in leaf.words)
        pattern = _pattern(words, leaf.words[-1].endswith("*"), doc.cjk)
        return [m.span() for m in pattern.finditer(doc.view)]
    if leaf.cjk or leaf.mode != "stem":
        return [m.span() for m in _pattern((leaf.text,), leaf.mode == "prefix", doc.cjk).finditer(doc.view)]
    stemmer = wordforms.stemmer_for(leaf.text, doc.language)
    if stemmer is None:
        return [m.span() for m in _pattern((leaf.text,), False, doc.cjk).finditer(doc.view)]
    return _stemmed_spans(doc, leaf.text, stemmer)


def _stemmed_spans(doc: Document, word: str, stemmer: wordforms.Stemmer) -> list[Span]:
    """Words of the view that begin as ``word``'s stem requires and have its stem; each distinct
    word is stemmed once (most occurrences repeat a few forms)."""
    wanted = stemmer.stem(word)
    verdicts = {word: True}
    spans = []
    for found in _beginnings_pattern(stemmer.beginnings(word), doc.cjk).finditer(doc.view):
        candidate = found.group()
        verdict = verdicts.get(candidate)
        if verdict is None:
            verdict = verdicts[candidate] = stemmer.stem(candidate) == wanted
        if verdict:
            spans.append(found.span())
    return spans


@dataclass(frozen=True, slots=True)
class Result:
    matched: bool
    spans: tuple[Span, ...] = ()


def evaluate(node: Node, doc: Document, cache: dict[int, list[Span]] | None = None) -> Result:
    """Whether the document satisfies ``node``, and the occurrences (view spans) that make it so."""
    cache = {} if cache is None else cache
    if isinstance(node, Word | Phrase):
        key = id(node)
        if key not in cache:
            cache[key] = leaf_spans(doc, node)
        spans = cache[key]
        return Result(bool(spans), tuple(spans))
    if isinstance(node, Not):
        return Result(not evaluate(node.part, doc, cache).matched)
    if isinstance(node, Near):
        return _near(node, doc, cache)
    results = [evaluate(part, doc, cache) for part in node.parts]
    if isinstance(node, And):
        if not all(r.matched for r in results):
            return Result(False)
        return Result(True, tuple(s for r in results for s in r.spans))
    assert isinstance(node, Or)
    matched = [r for r in results if r.matched]
    return Result(bool(matched), tuple(s for r in matched for s in r.spans))


@lru_cache(maxsize=64)
def _more_words_than(distance: int, cjk: bool) -> re.Pattern[str]:
    """Matches (from a word's end, up to an end) when more than ``distance`` words lie between:
    runs of what is not a word, each word taken whole (possessive: never split to count more)."""
    word = rf"(?:{CJK_CHARACTER_CLASS}|{_LETTER_BESIDE_CJK}++)" if cjk else rf"{_LETTER_ALONE}++"
    return re.compile(rf"(?:[\W_]*+{word}){{{distance + 1}}}")


def _near(node: Near, doc: Document, cache: dict[int, list[Span]]) -> Result:
    """Pairs of occurrences at most ``distance`` words apart (words between them), either order.

    Every occurrence begins and ends on a word's edge. From each occurrence of the side with
    fewer, the other side's occurrences are tried nearest first, after it and before it, and
    only the stretch between the two is read, at most ``distance + 1`` words of it, in one
    regex call: never the whole text's words (4 ms for 50 KB).
    """
    left = evaluate(node.left, doc, cache)
    right = evaluate(node.right, doc, cache)
    if not (left.matched and right.matched):
        return Result(False)
    few, many = sorted((left.spans, right.spans), key=len)
    too_far = _more_words_than(node.distance, doc.cjk)
    after = sorted(many)
    after_starts = [start for start, _ in after]
    before = sorted(many, key=lambda span: span[1])
    before_ends = [end for _, end in before]
    kept: set[Span] = set()
    for span in few:
        j = bisect_left(after_starts, span[1])
        while j < len(after) and too_far.match(doc.view, span[1], after_starts[j]) is None:
            kept.update((span, after[j]))
            j += 1
        j = bisect_right(before_ends, span[0]) - 1
        while j >= 0 and too_far.match(doc.view, before_ends[j], span[0]) is None:
            kept.update((span, before[j]))
            j -= 1
    return Result(bool(kept), tuple(sorted(kept)))


def merged(spans: tuple[Span, ...] | list[Span]) -> list[Span]:
    """Sorted, with overlapping occurrences joined (``chips`` inside ``"advanced chips"``)."""
    out: list[Span] = []
    for start, end in sorted(set(spans)):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
