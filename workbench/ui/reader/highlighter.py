"""Paints claim highlights with a QSyntaxHighlighter over a SpanIndex.

A syntax highlighter formats only the blocks Qt lays out, so the cost of a frame
grows with what is on screen rather than with the number of claims (ARCHITECTURE.md:
about five times faster than extra selections at 20,000 highlights). The source's own
footnote markers ("Network."1) are raised over whatever claim format they carry, so the
text reads as it was printed while its characters (and every offset) stay as stored.

Suggested claims (services.intelligence) are a second, separate list of spans drawn as a
faint dotted underline with no background, so they never read as claims; suggestions do
not overlap claims or each other, so the list is sorted and found by bisection too.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from .spans import SpanIndex


class ClaimHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colours: dict[str, str], selected_colour: str):
        super().__init__(document)
        self.index = SpanIndex()
        self.selected_claim: int | None = None
        self._colours = colours
        self._selected_colour = selected_colour
        self._formats: dict[tuple, QTextCharFormat] = {}
        self.note_marks: list[tuple[int, int]] = []  # (start, end) of footnote markers, UTF-16, in order
        self._note_starts: list[int] = []
        self.suggestions: list[tuple[int, int]] = []  # (start, end) of suggested claims, UTF-16, in order
        self._suggestion_starts: list[int] = []
        self._suggestion_format = QTextCharFormat()

    def forget_suggestions(self) -> None:
        """Drop the suggestions without painting (the document is about to be replaced)."""
        self.suggestions, self._suggestion_starts = [], []

    def set_suggestions(self, spans: list[tuple[int, int]], colour: str) -> None:
        """Underline these suggestion spans; only the blocks of the old and the new ones are painted again."""
        old = self.suggestions
        self.suggestions = sorted(spans)
        self._suggestion_starts = [start for start, _ in self.suggestions]
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(colour))
        self._suggestion_format = fmt
        if self.document() is not None:
            self._repaint_ranges(list({*old, *self.suggestions}))

    def set_note_marks(self, marks: list[tuple[int, int]]) -> None:
        """The footnote markers to raise; set before the document is attached (no repaint here)."""
        self.note_marks = marks
        self._note_starts = [start for start, _ in marks]

    def set_colours(self, colours: dict[str, str], selected_colour: str) -> None:
        self._colours, self._selected_colour = colours, selected_colour
        self._formats.clear()
        self.rehighlight()

    def set_index(self, index: SpanIndex, selected_claim: int | None = None) -> None:
        self.index = index
        self.selected_claim = selected_claim
        self.rehighlight()

    def replace_index(self, index: SpanIndex, start: int, end: int, selected_claim: int | None) -> None:
        """Take an index that differs from the current one only in [start, end) (UTF-16 units)."""
        previous = self.index.spans.get(self.selected_claim) if self.selected_claim is not None else None
        self.index = index
        self.selected_claim = selected_claim
        current = index.spans.get(selected_claim) if selected_claim is not None else None
        self._repaint_ranges([(start, end), *((s.start, s.end) for s in (previous, current) if s is not None)])

    def _repaint_range(self, start: int, end: int) -> None:
        self._repaint_ranges([(start, end)])

    def _repaint_ranges(self, ranges: list[tuple[int, int]]) -> None:
        """Paint again each block that any of the ranges touches, once."""
        document, done = self.document(), set()
        for start, end in ranges:
            block = document.findBlock(start)
            while block.isValid() and block.position() < end:
                if block.blockNumber() not in done:
                    done.add(block.blockNumber())
                    self.rehighlightBlock(block)
                block = block.next()

    def select(self, claim_id: int | None) -> None:
        """Emphasise one claim; only the blocks of the old and new claim are painted again."""
        if claim_id == self.selected_claim:
            return  # already emphasised (an edit's follow-up painted it)
        previous, self.selected_claim = self.selected_claim, claim_id
        for changed in (previous, claim_id):
            span = self.index.spans.get(changed) if changed is not None else None
            if span is not None:
                self._repaint_range(span.start, span.end)

    def _format(self, style: str, depth: int, selected: bool) -> QTextCharFormat:
        key = (style, min(depth, 3), selected)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            colour = QColor(self._selected_colour if selected else self._style_colour(style))
            if depth > 1 and not selected:  # overlaps: a deeper shade and an underline
                colour = colour.darker(100 + 12 * min(depth, 3))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setBackground(colour)
            if selected:
                fmt.setFontWeight(QFont.Weight.DemiBold)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            self._formats[key] = fmt
        return fmt

    def _style_colour(self, style: str) -> str:
        """A kind's colour from the theme; a tag's own colour ("#rrggbb") at the lightness of the theme's
        kind colours, so its hue shows and the text over it stays readable on light and dark paper."""
        if not style.startswith("#"):
            return self._colours.get(style, "#dddddd")
        tag_colour = QColor(style)
        if not tag_colour.isValid():
            return "#dddddd"
        lightness = sum(QColor(c).lightnessF() for c in self._colours.values()) / max(len(self._colours), 1)
        hue, saturation, _, _ = tag_colour.getHslF()
        return QColor.fromHslF(max(hue, 0.0), saturation, lightness).name()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        block = self.currentBlock()  # Qt positions: UTF-16 units, unlike len(text)
        block_start = block.position()
        block_end = block_start + block.length()
        if self.index.segments:
            self._paint_claims(block_start, block_end)
        if self.suggestions:
            self._underline_suggestions(block_start, block_end)
        if self.note_marks:
            self._raise_note_marks(block_start, block_end)

    def _underline_suggestions(self, block_start: int, block_end: int) -> None:
        index = max(0, bisect_left(self._suggestion_starts, block_start) - 1)
        while index < len(self.suggestions) and self.suggestions[index][0] < block_end:
            start, end = self.suggestions[index]
            if end > block_start:
                first = max(start, block_start) - block_start
                self.setFormat(first, min(end, block_end) - block_start - first, self._suggestion_format)
            index += 1

    def _raise_note_marks(self, block_start: int, block_end: int) -> None:
        """Superscript each marker in the block, keeping the claim colour already set under it."""
        index = bisect_left(self._note_starts, block_start)
        while index < len(self.note_marks) and self.note_marks[index][0] < block_end:
            start, end = self.note_marks[index]
            raised = QTextCharFormat(self.format(start - block_start))
            raised.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            self.setFormat(start - block_start, end - start, raised)
            index += 1

    def _paint_claims(self, block_start: int, block_end: int) -> None:
        selected = self.selected_claim
        selected_span = self.index.spans.get(selected) if selected is not None else None
        for segment in self.index.overlapping(block_start, block_end):
            start = max(segment.start, block_start) - block_start
            end = min(segment.end, block_end) - block_start
            is_selected = selected_span is not None and (
                segment.start >= selected_span.start and segment.end <= selected_span.end)
            self.setFormat(start, end - start, self._format(segment.style, segment.depth, is_selected))
