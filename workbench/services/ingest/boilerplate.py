"""Boilerplate inside a source's text: found, kept out of the reading text, and recorded.

The unit is a block: a run of non-blank lines (a paragraph, a heading, a line of
buttons). A block is taken out when it is

- repeated within the source (a promotional block pasted after every few paragraphs:
  three or more copies all go; of two copies the later goes, as an article may repeat
  a sentence once, in a pull quote, but not three times);
- a known teaser, pitch, share bar or comment prompt ("Related:", "Don't miss:",
  "Subscribe to our newsletter", "Share | Tweet | Email"), and short;
- site chrome (copyright lines, menus, policy links) at the very top or bottom.

Article prose never matches these by accident often, and each rule has a length cap, so
a long paragraph is never taken out. What is removed is returned with its reason and the
offset where it would be put back, so the analyst can see it and restore it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...core.model import RemovedBlock

REPEATED = "repeated block"
TEASER = "teaser"
PITCH = "newsletter or subscription pitch"
SHARE = "share buttons"
COMMENTS = "comment prompt"
CHROME = "site chrome"
PAGE_NUMBER = "page number"

_SHORT = 300  # characters: longer blocks are prose, whatever words they start with
_REPEAT_MIN_WORDS = 3

_TEASER = re.compile(
    r"^\W*(don'?t miss|do not miss|related( articles?| stories| news| reading)?|read (more|also|next)|also read|"
    r"see also|recommended( for you)?|more on this( story| topic)?|you may (also )?like|more from|trending|"
    r"most read|popular now|editor'?s picks|читайте (также|еще|ещё)|смотрите также|по теме|"
    r"рекомендуем|популярное|相关(阅读|新闻|文章)|延伸阅读|推荐阅读|热门文章|更多阅读|lea también|leia também)"
    r"\s*[:：»>|—–-]", re.IGNORECASE)
# A pitch opens with an imperative and names what it sells: "Sign up for our newsletter".
_PITCH_START = re.compile(
    r"^\W*(subscribe\b|sign up\b|register\b|get (our|the|a)\b|join (us|our|the)\b|become a\b|download\b|"
    r"follow us\b|support (our|independent|us)\b|don'?t forget to\b|подпишитесь|подписывайтесь|"
    r"присоединяйтесь|订阅|关注我们|扫码)", re.IGNORECASE)
_PITCH_MARKER = re.compile(
    r"(newsletter|inbox|subscri|sign up|membership|member\b|our app|telegram|whatsapp|channel|follow us|"
    r"journalism|подпис|канал|订阅|关注|公众号)", re.IGNORECASE)
_SHARE_WORD = (r"(share( this( article| story)?)?|tweet|post|facebook|twitter|x|linkedin|telegram|whatsapp|vk|"
               r"vkontakte|ok|reddit|email|e-mail|print|copy link|link copied|pocket|flipboard|weibo|wechat|"
               r"поделиться|分享|微博|微信|qq)")
_SHARE = re.compile(rf"^(\W*{_SHARE_WORD}\W*)+$", re.IGNORECASE)
_COMMENTS = re.compile(
    r"^\W*(\d+\s+)?(comments?|leave a (comment|reply)|join the (discussion|conversation)|add a comment|"
    r"show comments|view comments|what do you think\??.{0,60}comments|комментари[ийея]\w*|"
    r"оставьте комментарий|评论|发表评论)\W*(\(\d+\)|\d+)?\W*$", re.IGNORECASE)
_CHROME = re.compile(
    r"(©|\(c\)\s*\d{4}|copyright|all rights reserved|все права защищены|版权所有|privacy policy|cookie|"
    r"terms (of use|and conditions|of service)|contact us|about us|advertise with us|политика конфиденциальности|"
    r"пользовательское соглашение|联系我们|关于我们|隐私政策|back to top|наверх|返回顶部)", re.IGNORECASE)
_MENU_SEPARATORS = re.compile(r"\s*[|·•›»/]\s*|\s{2,}")
_PAGE_NUMBER = re.compile(r"^\W*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Block:
    start: int  # offset of the block's first character
    end: int  # offset just after its last non-blank line (before the line break)
    text: str


_BLANK_LINES = re.compile(r"\n(?:[ \t\f\v]*\n)+")


def split_blocks(text: str) -> list[Block]:
    blocks, start = [], 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if text[start:end].strip():
            blocks.append(Block(start, end, text[start:end]))
        start = gap.end() if gap else end
    return blocks


def _key(block: str) -> str:
    """Blocks that differ only in case or surrounding space count as the same block."""
    return block.strip().casefold()


def _is_menu(block: str) -> bool:
    """A line of short links: "Home | World | Business | Tech"."""
    parts = [p for p in _MENU_SEPARATORS.split(block.strip()) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 3 and len(p) <= 30 for p in parts)


def _pattern_reason(block: str, paged: bool) -> str | None:
    if len(block) > _SHORT:
        return None
    line = " ".join(block.split())
    if _SHARE.match(line):
        return SHARE
    if _COMMENTS.match(line):
        return COMMENTS
    if _TEASER.match(line):
        return TEASER
    if len(line) <= 200 and _PITCH_START.match(line) and _PITCH_MARKER.search(line):
        return PITCH
    if paged and _PAGE_NUMBER.match(line):
        return PAGE_NUMBER
    return None


def _is_chrome(block: str) -> bool:
    return len(block) <= 200 and (bool(_CHROME.search(block)) or _is_menu(block))


def _edge_chrome(blocks: Sequence[Block], reasons: list[str | None]) -> None:
    """Site chrome is taken from the very top and bottom only: a run of chrome blocks at either end."""
    for order in (range(len(blocks)), range(len(blocks) - 1, -1, -1)):
        for i in order:
            if reasons[i] is not None:
                continue
            if not _is_chrome(blocks[i].text):
                break
            reasons[i] = CHROME


def _repeats(blocks: Sequence[Block], reasons: list[str | None]) -> None:
    keys = [_key(b.text) for b in blocks]
    counts = Counter(k for k in keys if k.count(" ") >= _REPEAT_MIN_WORDS - 1 or len(k) >= 12)
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if counts.get(key, 0) < 2 or reasons[i] is not None:
            continue
        if counts[key] >= 3 or key in seen:
            reasons[i] = REPEATED
        seen.add(key)


def classify(blocks: Sequence[Block], paged: bool = False) -> list[str | None]:
    """For each block, why it is boilerplate, or None for the article's own text."""
    reasons = [_pattern_reason(b.text, paged) for b in blocks]
    _repeats(blocks, reasons)
    _edge_chrome(blocks, reasons)
    if all(reasons) and blocks:  # nothing left means we misjudged the source: keep it whole
        return [None] * len(blocks)
    return reasons


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[RemovedBlock, ...]
    kept_spans: tuple[tuple[int, int, int], ...]  # (old start, old end, new start) of each kept stretch

    def map_offset(self, old: int) -> int:
        """Where an offset of the original text lands in the clean text (removed stretches collapse)."""
        new = 0
        for start, end, new_start in self.kept_spans:
            if old < start:
                return new_start
            if old <= end:
                return new_start + old - start
            new = new_start + end - start
        return new


def remove_boilerplate(text: str, paged: bool = False) -> Cleaned:
    blocks = split_blocks(text)
    reasons = classify(blocks, paged)
    # A removed block takes the blank lines after it, so the clean text has the spacing
    # the original had between the blocks that remain; a removed last block takes the
    # blank lines before it instead, so the clean text does not end in blank lines.
    spans: list[list] = []  # [start, end, reason], the start moved below
    for i, (block, reason) in enumerate(zip(blocks, reasons, strict=True)):
        if reason is not None:
            end = blocks[i + 1].start if i + 1 < len(blocks) else len(text)
            spans.append([block.start, end, reason])
    last_kept = max((i for i, r in enumerate(reasons) if r is None), default=-1)
    if 0 <= last_kept < len(blocks) - 1 and spans:
        for span in spans:
            if span[0] > blocks[last_kept].start:
                span[0] = blocks[last_kept].end
                break
    pieces, removed, kept = [], [], []
    cursor = new_len = 0
    for seq, (start, end, reason) in enumerate(spans, 1):
        if start > cursor:
            kept.append((cursor, start, new_len))
            pieces.append(text[cursor:start])
            new_len += start - cursor
        removed.append(RemovedBlock(seq, new_len, text[start:end], reason))
        cursor = end
    if cursor < len(text):
        kept.append((cursor, len(text), new_len))
        pieces.append(text[cursor:])
    return Cleaned("".join(pieces), tuple(removed), tuple(kept))


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
