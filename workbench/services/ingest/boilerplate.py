"""Boilerplate inside a source's text: found, kept out of the reading text, and recorded.

Pasted and saved articles come in every line structure: a paragraph per line with no
blank line between, blank-separated paragraphs, or blocks followed by a dozen blank
lines. So the unit judged here is the line, and runs of blank lines are first brought
down to one. A line is taken out when it is

- clutter by its own words (line_rules): a teaser naming another story, a pitch, a
  share bar or list of networks, a comment prompt, navigation chrome, an image file
  name or caption remnant, a reading time;
- a byline or date line in the article's header (article_meta), which becomes the
  source's author and date instead;
- repeated: a short line (a promo headline, a call to action) that comes three times
  or more goes in every copy, of two copies the later goes; a sentence repeated goes
  only when it is part of such a repeated promo run, or repeats close by (a pull
  quote). A paragraph that appears in two articles of a compilation stays;
- chrome at the very top or bottom (menus, copyright, single navigation words, tags),
  and a "More Stories" heading with the headlines listed under it.

A guard stands over all of it: when the lines judged on repetition alone would take out
more than a fifth of the text, or a block over 300 characters, they are kept; any other
removed block over 300 characters is kept too. The source then gets a warning saying so,
and ``force`` applies the cleaning anyway (first copies of repeated paragraphs stay). Lines
that name themselves as clutter and short runs repeated as a whole are not held back: a
promo block pasted nine times into a short article is a large share of it, and still goes.
What is removed is returned with its reason and the offset where it would be put
back, so the analyst can see it and restore it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...core.model import RemovedBlock
from . import line_rules as rules
from .article_meta import HeaderMeta, read_header

REPEATED = "repeated block"
AUTHOR_BIO = "about the author"
_BIO = re.compile(r"^,?\s+(is|was|has|writes|covers|leads|heads|—|–|-|работает|является|—\s)\b", re.IGNORECASE)
GUARD_SHARE = 0.2  # of the text's characters
GUARD_BLOCK = 300  # characters in one removed block
PULL_QUOTE_DISTANCE = 1500  # characters: a sentence repeated this close is a pull quote
_REPEAT_MIN_WORDS = 3
_BLANK_RUN = re.compile(r"\n(?:[ \t\f\v]*\n){2,}")


@dataclass(frozen=True, slots=True)
class Lines:
    """The non-blank lines of a text: stripped text, offsets, and which blank-separated block each is in."""

    text: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]  # just after the line's last character (before its line break)
    blocks: tuple[int, ...]


def split_lines(text: str) -> Lines:
    texts: list[str] = []
    starts, ends, blocks = [], [], []
    block, position, blank_before = 0, 0, False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if blank_before and texts:
                block += 1
            texts.append(stripped)
            blocks.append(block)
            starts.append(position)
            ends.append(position + len(raw))
            blank_before = False
        else:
            blank_before = True
        position += len(raw) + 1
    return Lines(tuple(texts), tuple(starts), tuple(ends), tuple(blocks))


@dataclass(frozen=True, slots=True)
class Verdict:
    """For each line why it goes (None: it stays), what the header said, and what the user should know."""

    reasons: list[str | None]
    header: HeaderMeta
    warnings: tuple[str, ...] = ()


@dataclass
class _Judge:
    lines: Lines
    paged: bool
    force: bool
    reasons: list[str | None] = field(default_factory=list)
    repeated: set[int] = field(default_factory=set)
    held_repeats: int = 0  # sentences repeated far apart (a compilation), kept

    def judge(self) -> Verdict:
        texts = self.lines.text
        self.reasons = [rules.line_reason(line, self.paged) for line in texts]
        self._emoji_lists()
        self._story_lists()
        header = read_header(texts, [i for i, r in enumerate(self.reasons) if r is None])
        for index, reason in header.removed:
            self.reasons[index] = reason
        self._repeats()
        self._author_bio(header.authors)
        self._edges()
        warnings = self._guard() + self._long_blocks()
        if self.reasons and all(self.reasons):  # nothing left means we misjudged the source: keep it whole
            self.reasons = [None] * len(self.reasons)
            warnings.append("every line looked like boilerplate, so nothing was removed")
        return Verdict(self.reasons, header, tuple(warnings))

    def _emoji_lists(self) -> None:
        """Lines led by emoji one after another are a list of the article ("🇧🇷 Brazil: 2,000 GPUs"), not teasers."""
        texts = self.lines.text
        for i, line in enumerate(texts):
            if self.reasons[i] != rules.TEASER or rules.is_marked_teaser(line):
                continue
            beside = [j for j in (i - 1, i + 1) if 0 <= j < len(texts)]
            if any(rules.is_emoji_led(texts[j]) and not rules.is_marked_teaser(texts[j]) for j in beside):
                self.reasons[i] = None

    def _story_lists(self) -> None:
        """ "More Stories" (or "Читайте также") and the headlines under it, up to the next sentence."""
        texts = self.lines.text
        for i, line in enumerate(texts):
            if self.reasons[i] not in (None, rules.NAVIGATION, rules.TEASER) or not rules.is_story_list_head(line):
                continue
            following = range(i + 1, min(len(texts), i + 15))
            listed = [j for j in _takewhile(following, lambda j: self.reasons[j] is not None
                                            or rules.is_headline_like(texts[j]))]
            if listed or i >= len(texts) - 1:
                self.reasons[i] = rules.STORY_LIST
                for j in listed:
                    self.reasons[j] = self.reasons[j] or rules.STORY_LIST

    def _repeats(self) -> None:
        texts, starts = self.lines.text, self.lines.starts
        keys = [line.casefold() if len(line) <= 2000 else "" for line in texts]
        counts = Counter(keys)
        pairs = Counter(zip(keys, keys[1:], strict=False))
        seen: dict[str, int] = {}
        for i, key in enumerate(keys):
            count = counts[key]
            if count < 2 or not key or (key.count(" ") < _REPEAT_MIN_WORDS - 1 and len(key) < 12):
                continue
            previous = seen.get(key)
            seen[key] = i
            if self.reasons[i] is not None:
                continue
            if previous is not None and count == 2 and self.reasons[previous] is not None:
                continue  # the other copy already went (a breadcrumb above the headline): this one stays
            if not rules.is_prose(texts[i]):
                if count >= 3 or previous is not None:
                    self._mark_repeat(i, self._in_repeated_run(i, keys, pairs))
            elif count >= 3 and self._in_promo_run(i, keys, counts):
                self._mark_repeat(i, self._in_repeated_run(i, keys, pairs))
            elif previous is not None:
                pull_quote = count == 2 and len(texts[i]) <= 200 and starts[i] - starts[previous] <= PULL_QUOTE_DISTANCE
                if pull_quote or self.force:
                    self._mark_repeat(i, False)
                else:
                    self.held_repeats += 1

    def _in_repeated_run(self, index: int, keys: list[str], pairs: Counter) -> bool:
        """Part of a run of short lines that repeats as a whole three times or more: a promo block."""
        if len(self.lines.text[index]) > 200:
            return False
        before = index > 0 and pairs[(keys[index - 1], keys[index])] >= 3 and len(self.lines.text[index - 1]) <= 200
        after = (index + 1 < len(keys) and pairs[(keys[index], keys[index + 1])] >= 3
                 and len(self.lines.text[index + 1]) <= 200)
        return before or after

    def _author_bio(self, authors: Sequence[str]) -> None:
        """ "Laura Chen is a Senior Fellow…" among the last lines: about the author, not the article."""
        kept = [i for i, r in enumerate(self.reasons) if r is None][-3:]
        for i in kept:
            line = self.lines.text[i]
            if len(line) <= rules.SHORT and any(_BIO.match(line[len(name):]) for name in authors
                                                if line.startswith(name)):
                self.reasons[i] = AUTHOR_BIO

    def _mark_repeat(self, index: int, in_run: bool) -> None:
        """A line of a repeated short run is sure; a line repeated alone is left to the guard."""
        self.reasons[index] = REPEATED
        if not in_run:
            self.repeated.add(index)

    def _in_promo_run(self, index: int, keys: list[str], counts: Counter) -> bool:
        """A repeated sentence beside a repeated short line or a pitch is part of a promo block."""
        for near in (index - 1, index + 1):
            if 0 <= near < len(keys) and counts[keys[near]] >= 3:
                near_line = self.lines.text[near]
                if not rules.is_prose(near_line) or self.reasons[near] == rules.PITCH:
                    return True
        return False

    def _edges(self) -> None:
        """A run of chrome lines at the very top and at the very bottom."""
        texts = self.lines.text
        for order in (range(len(texts)), range(len(texts) - 1, -1, -1)):
            for i in order:
                if self.reasons[i] is not None:
                    continue
                reason = rules.edge_reason(texts[i])
                if reason is None:
                    break
                self.reasons[i] = reason

    def _long_blocks(self) -> list[str]:
        """A removed block over 300 characters is kept (a footer or story list that long may be the article's)."""
        if self.force:
            return []
        long_groups = [(first, last, reason) for first, last, reason in _removal_groups(self.lines, self.reasons)
                       if _group_chars(self.lines, first, last) > GUARD_BLOCK]
        for first, last, _reason in long_groups:
            for i in range(first, last + 1):
                self.reasons[i] = None
        return [f"a block of {_group_chars(self.lines, first, last)} characters that looked like {reason} was "
                "kept; clean anyway to remove it" for first, last, reason in long_groups]

    def _guard(self) -> list[str]:
        """Lines judged on repetition alone go only while they are a small part of the text."""
        warnings = []
        if self.held_repeats:
            warnings.append(f"{self.held_repeats} paragraph(s) repeat far apart (as in a compilation) and were "
                            "kept; clean anyway to take out the later copies")
        if self.force or not self.repeated:
            return warnings
        total = sum(len(line) + 1 for line in self.lines.text) or 1
        repeated_chars = sum(len(self.lines.text[i]) + 1 for i in self.repeated)
        longest = _longest_run(self.lines, self.repeated)
        if repeated_chars / total <= GUARD_SHARE and longest <= GUARD_BLOCK:
            return warnings
        for i in self.repeated:
            self.reasons[i] = None
        why = (f"{repeated_chars / total:.0%} of the text" if repeated_chars / total > GUARD_SHARE
               else f"a block of {longest} characters")
        warnings.insert(0, f"cleaning would take out {why} as repeated: {len(self.repeated)} repeated line(s) "
                           "were kept; clean anyway to remove them (first copies stay)")
        self.repeated.clear()
        return warnings


def _group_chars(lines: Lines, first: int, last: int) -> int:
    return sum(len(lines.text[i]) + 1 for i in range(first, last + 1)) - 1


def _takewhile(indices, keep) -> list[int]:
    taken = []
    for index in indices:
        if not keep(index):
            break
        taken.append(index)
    return taken


def _longest_run(lines: Lines, chosen: set[int]) -> int:
    """Characters in the longest run of chosen lines within one block."""
    longest = current = 0
    for i in range(len(lines.text)):
        if i not in chosen:
            current = 0
            continue
        glued = i - 1 in chosen and lines.blocks[i - 1] == lines.blocks[i]
        current = (current + 1 if glued else 0) + len(lines.text[i])
        longest = max(longest, current)
    return longest


def judge(text: str, paged: bool = False, force: bool = False) -> tuple[Lines, Verdict]:
    lines = split_lines(text)
    return lines, _Judge(lines, paged, force).judge()


def _removal_groups(lines: Lines, reasons: Sequence[str | None]) -> list[tuple[int, int, str]]:
    """Runs of removed lines (first, last, reason) within one block: a glued promo is one group.

    A repeated line joins the pitch or teaser beside it (the group takes their reason);
    lines of different named reasons stay apart, so a byline and a date are two groups.
    """
    groups: list[list] = []
    for i, reason in enumerate(reasons):
        if reason is None:
            continue
        last = groups[-1] if groups else None
        if (last is not None and last[1] == i - 1 and lines.blocks[last[1]] == lines.blocks[i]
                and (reason == last[2] or REPEATED in (reason, last[2]))):
            last[1] = i
            if last[2] == REPEATED:
                last[2] = reason
        else:
            groups.append([i, i, reason])
    return [tuple(g) for g in groups]


def _group_span(text: str, lines: Lines, first: int, last: int, kept_before: bool, kept_after: bool
                ) -> tuple[int, int]:
    """The stretch of text a group takes with it, so what remains keeps its spacing.

    A whole block takes the blank lines after it (before it, when it ends the text);
    lines at the start of a block take their line break; lines glued to the end of a
    paragraph take the break before them.
    """
    starts, ends, blocks = lines.starts, lines.ends, lines.blocks
    starts_block = first == 0 or blocks[first - 1] != blocks[first]
    following = starts[last + 1] if last + 1 < len(starts) else len(text)
    if kept_before and not kept_after:  # the tail of the text: take the break(s) before, not after
        return ends[first - 1], ends[last] if last + 1 < len(starts) else len(text)
    if starts_block:
        return starts[first], following
    return ends[first - 1], ends[last]


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[RemovedBlock, ...]
    kept_spans: tuple[tuple[int, int, int], ...]  # (old start, old end, new start) of each kept stretch
    header: HeaderMeta = HeaderMeta()
    warnings: tuple[str, ...] = ()
    before: Cleaned | None = None  # an earlier step whose offsets these kept spans map from

    def map_offset(self, old: int) -> int:
        """Where an offset of the original text lands in the clean text (removed stretches collapse)."""
        if self.before is not None:
            old = self.before.map_offset(old)
        return map_through(self.kept_spans, old)


def map_through(kept_spans: Sequence[tuple[int, int, int]], old: int) -> int:
    new = 0
    for start, end, new_start in kept_spans:
        if old < start:
            return new_start
        if old <= end:
            return new_start + old - start
        new = new_start + end - start
    return new


def cut(text: str, spans: Sequence[tuple[int, int, str]]) -> tuple[str, list[tuple[int, str]], tuple]:
    """Take sorted, disjoint spans out; returns the new text, (new position, removed text) per span, kept spans."""
    pieces, removed, kept = [], [], []
    cursor = new_len = 0
    for start, end, _reason in spans:
        if start > cursor:
            kept.append((cursor, start, new_len))
            pieces.append(text[cursor:start])
            new_len += start - cursor
        removed.append((new_len, text[start:end]))
        cursor = end
    if cursor < len(text) or not kept:
        kept.append((cursor, len(text), new_len))
        pieces.append(text[cursor:])
    return "".join(pieces), removed, tuple(kept)


def collapse_blank_runs(text: str) -> Cleaned:
    """Runs of two or more blank lines brought down to one (not recorded: they hold no words)."""
    spans = [(m.start() + 1, m.end() - 1, "") for m in _BLANK_RUN.finditer(text)]
    if not spans:
        return Cleaned(text, (), ((0, len(text), 0),))
    new_text, _, kept = cut(text, spans)
    return Cleaned(new_text, (), kept)


def remove_boilerplate(text: str, paged: bool = False, force: bool = False) -> Cleaned:
    collapsed = collapse_blank_runs(text)
    text = collapsed.text
    lines, verdict = judge(text, paged, force)
    reasons = verdict.reasons
    kept = [i for i, r in enumerate(reasons) if r is None]
    first_kept, last_kept = (kept[0], kept[-1]) if kept else (len(reasons), -1)
    spans = []
    for first, last, reason in _removal_groups(lines, reasons):
        start, end = _group_span(text, lines, first, last, first_kept < first, last_kept > last)
        spans.append((start, end, reason))
    spans = _disjoint(spans)
    new_text, removed_texts, kept_spans = cut(text, spans)
    removed = tuple(RemovedBlock(seq, position, piece, reason)
                    for seq, ((position, piece), (_, _, reason)) in enumerate(zip(removed_texts, spans, strict=True), 1))
    return Cleaned(new_text, removed, kept_spans, verdict.header, verdict.warnings, collapsed)


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Neighbouring groups may both claim the break between them: the later one starts where the earlier ended."""
    result: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(spans):
        if result and start < result[-1][1]:
            start = result[-1][1]
        if end > start:
            result.append((start, end, reason))
    return result


def restore_block(text: str, removed: Sequence[RemovedBlock], page_starts: Sequence[int], seq: int
                  ) -> tuple[str, list[RemovedBlock], list[int]]:
    """Put removed block ``seq`` back; returns the new text, the blocks still removed and the shifted pages."""
    block = next((b for b in removed if b.seq == seq), None)
    if block is None:
        raise LookupError(seq)
    size = len(block.text)
    new_text = text[:block.position] + block.text + text[block.position:]
    remaining = [b if b.position < block.position or (b.position == block.position and b.seq < seq)
                 else RemovedBlock(b.seq, b.position + size, b.text, b.reason)
                 for b in removed if b.seq != seq]
    pages = [start + size if start > block.position else start for start in page_starts]
    return new_text, remaining, pages
