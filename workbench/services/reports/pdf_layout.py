"""A small typesetter over fpdf2: paragraphs of styled spans, line breaking, page breaks, tables.

fpdf2's own ``multi_cell`` re-measures a whole line on every character it adds (quadratic in
the line's length) and, with fallback fonts, re-inspects every character: at report sizes
that was most of the time. Here each word is measured once (cached in ``Fonts``), lines are
filled greedily, and each line is drawn with ``FPDF.text`` as a few single-face runs that
carry their spaces, so ``pdftotext`` reads the words back as they were written.

Breaks fall at spaces and between CJK characters (which need no space); a word wider than
the whole line is cut by characters. Text is always left-aligned: justified lines would need
a per-word position, and a quote is read more easily with even spacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fpdf import FPDF

from .pdf_fonts import Fonts, Style

# Characters that may stand alone on either side of a line break (CJK ideographs, kana, hangul,
# CJK punctuation and full-width forms).
_CJK_CLASS = "\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_BREAKING_SPACE = " \t\n\r\f\v"  # a no-break space is part of a word
_CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
_TOKEN = re.compile(rf"[ \t\n\r\f\v]+|[{_CJK_CLASS}]|[^ \t\n\r\f\v{_CJK_CLASS}]+")
PT = 25.4 / 72  # mm per point
Span = tuple[str, Style]


@dataclass(slots=True)
class _Piece:
    """A run of text in one style, as placed on a line."""

    text: str
    style: Style
    width: float
    link: int | None = None


@dataclass(slots=True)
class _Unit:
    """What a line cannot break inside: a word, or one CJK character; ``space`` is the gap before it."""

    pieces: list[_Piece]
    width: float
    space: _Piece | None


class Typesetter:
    """Draws top to bottom on pages of an FPDF, starting a new page when the next thing does not fit."""

    def __init__(self, pdf: FPDF, fonts: Fonts, top: float, bottom: float, left: float, right: float,
                 on_new_page: Callable[[], None] | None = None):
        self.pdf, self.fonts = pdf, fonts
        self.top, self.bottom, self.left = top, bottom, left
        self.width = pdf.w - left - right
        self.y = top
        self._on_new_page = on_new_page
        self._links: list[tuple[int, float, float, float, int]] = []

    # -- pages ------------------------------------------------------------------

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.top
        if self._on_new_page is not None:
            self._on_new_page()

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one (and this page has something on it)."""
        if self.y + height > self.bottom and self.y > self.top:
            self.new_page()

    def space(self, height: float) -> None:
        self.y = min(self.y + height, self.bottom)

    # -- lines ------------------------------------------------------------------

    def _units(self, spans: list[Span], links: dict[int, int]) -> list[_Unit]:
        units: list[_Unit] = []
        pending_space: _Piece | None = None
        glue = False  # the last token was a word: the next word token continues the same unit
        for index, (text, style) in enumerate(spans):
            link = links.get(index)
            for token in _TOKEN.findall(text):
                if token[0] in _BREAKING_SPACE:
                    pending_space = _Piece(" ", style, self.fonts.width(style.face, style.size, " "))
                    glue = False
                    continue
                piece = _Piece(token, style, self.fonts.width(style.face, style.size, token), link)
                is_cjk = len(token) == 1 and _CJK_CHAR.match(token) is not None
                if glue and not is_cjk and pending_space is None and units:
                    units[-1].pieces.append(piece)
                    units[-1].width += piece.width
                else:
                    units.append(_Unit([piece], piece.width, pending_space))
                pending_space = None
                glue = not is_cjk
        return units

    def _cut(self, unit: _Unit, width: float) -> list[_Unit]:
        """A unit wider than a line, cut by characters into line-wide units."""
        out: list[_Unit] = []
        current: list[_Piece] = []
        used = 0.0
        for piece in unit.pieces:
            for char in piece.text:
                char_width = self.fonts.width(piece.style.face, piece.style.size, char)
                if used + char_width > width and current:
                    out.append(_Unit(current, used, None))
                    current, used = [], 0.0
                current.append(_Piece(char, piece.style, char_width, piece.link))
                used += char_width
        if current:
            out.append(_Unit(current, used, None))
        if out:
            out[0].space = unit.space
        return out

    def break_lines(self, spans: list[Span], width: float, links: dict[int, int] | None = None) -> list[list[_Piece]]:
        lines: list[list[_Piece]] = []
        line: list[_Piece] = []
        used = 0.0
        for unit in self._units(spans, links or {}):
            parts = self._cut(unit, width) if unit.width > width else [unit]
            for part in parts:
                gap = part.space.width if part.space is not None and line else 0.0
                if line and used + gap + part.width > width:
                    lines.append(line)
                    line, used, gap = [], 0.0, 0.0
                if gap and part.space is not None:
                    line.append(part.space)
                line.extend(part.pieces)
                used += gap + part.width
        if line:
            lines.append(line)
        return lines

    def draw_line(self, pieces: list[_Piece], x: float, baseline: float) -> None:
        """One line at ``baseline``: neighbouring pieces of the same style are drawn as one run per face."""
        pdf = self.pdf
        merged: list[_Piece] = []
        for piece in pieces:
            if merged and merged[-1].style == piece.style and merged[-1].link == piece.link:
                merged[-1].text += piece.text
                merged[-1].width += piece.width
            else:
                merged.append(_Piece(piece.text, piece.style, piece.width, piece.link))
        for piece in merged:
            style = piece.style
            pdf.set_text_color(*style.color)
            start = x
            runs = self.fonts.runs(style.face, piece.text)
            for face, run in runs:
                pdf.set_font(face, "", style.size)
                pdf.text(x, baseline, run)
                x += piece.width if len(runs) == 1 else self.fonts.measure(face, style.size, run)
            if piece.link is not None:
                self._links.append((pdf.page, start, baseline - style.size * PT, x - start, piece.link))

    def add_links(self) -> None:
        """The links drawn so far, made once every target has its page (fpdf2 wants that at link time)."""
        pdf, last = self.pdf, self.pdf.page
        for page, x, y, width, link in self._links:
            if not pdf.links[link].page_number:
                continue  # its target is in a section this report leaves out
            pdf.page = page
            pdf.link(x, y, width, 4.0, link)
        pdf.page = last
        self._links.clear()

    # -- blocks -----------------------------------------------------------------

    def paragraph(self, spans: list[Span], indent: float = 0.0, after: float = 1.5, keep: int = 1,
                  links: dict[int, int] | None = None,
                  decorate: Callable[[float, float], None] | None = None,
                  lines: list[list[_Piece]] | None = None) -> list[tuple[int, float, float]]:
        """Spans set as one paragraph; ``keep`` lines at least stay together; ``links`` maps a span's index to
        the link it points to; ``decorate(top, bottom)`` draws beside its part on each page, before the page
        is left; ``lines`` are the spans already broken (``break_lines`` at this indent). Returns (page, top, bottom) of its part on each page, first to last."""
        if lines is None:
            lines = self.break_lines(spans, self.width - indent, links)
        height = max(style.line_height for _text, style in spans) if spans else 0.0
        self.ensure(height * min(keep, max(1, len(lines))))
        parts: list[tuple[int, float, float]] = []
        top = self.y
        for line in lines:
            if self.y + height > self.bottom:
                parts.append((self.pdf.page, top, self.y))
                if decorate is not None:
                    decorate(top, self.y)
                self.new_page()
                top = self.y
            size = max(piece.style.size for piece in line)
            self.draw_line(line, self.left + indent, self.y + height * 0.5 + size * PT * 0.36)
            self.y += height
        parts.append((self.pdf.page, top, self.y))
        if decorate is not None:
            decorate(top, self.y)
        self.y += after
        return parts

    def text(self, text: str, style: Style, **kwargs) -> list[tuple[int, float, float]]:
        return self.paragraph([(text, style)], **kwargs)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], head: Style, cell: Style,
              indent: float = 0.0) -> None:
        """A ruled table; a row never splits across pages, and the header repeats on each page."""
        pad = 1.2
        self._row(header, widths, head, indent, pad, fill=True)
        for row in rows:
            lines = [self.break_lines([(text, cell)], width - 2 * pad) for text, width in zip(row, widths, strict=True)]
            height = max(1, *(len(cell_lines) for cell_lines in lines)) * cell.line_height + 2 * pad
            if self.y + height > self.bottom:
                self.new_page()
                self._row(header, widths, head, indent, pad, fill=True)
            self._draw_row(lines, widths, cell, indent, pad, height, fill=False)
        self.y += 2.5

    def _row(self, values: list[str], widths: list[float], style: Style, indent: float, pad: float,
             fill: bool) -> None:
        lines = [self.break_lines([(text, style)], width - 2 * pad) for text, width in zip(values, widths, strict=True)]
        height = max(1, *(len(cell_lines) for cell_lines in lines)) * style.line_height + 2 * pad
        self.ensure(height * 2)
        self._draw_row(lines, widths, style, indent, pad, height, fill)

    def _draw_row(self, lines: list[list[list[_Piece]]], widths: list[float], style: Style, indent: float,
                  pad: float, height: float, fill: bool) -> None:
        pdf = self.pdf
        pdf.set_draw_color(0xC8, 0xCD, 0xD4)
        pdf.set_line_width(0.2)
        pdf.set_fill_color(0xEE, 0xF1, 0xF5)
        x = self.left + indent
        for cell_lines, width in zip(lines, widths, strict=True):
            pdf.rect(x, self.y, width, height, style="DF" if fill else "D")
            baseline = self.y + pad + style.line_height * 0.5 + style.size * PT * 0.36
            for line in cell_lines:
                self.draw_line(line, x + pad, baseline)
                baseline += style.line_height
            x += width
        self.y += height
