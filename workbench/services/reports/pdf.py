"""The PDF report: fpdf2 draws the report model directly, with our own small typesetter.

Why fpdf2 (LGPL-3.0, compatible with our GPL-3.0-or-later) and not WeasyPrint laying out
the HTML, as this renderer first did: WeasyPrint took about a minute of CPU and 1 GiB per
1,000 claims (a general CSS layout engine), far from the 8 s target; drawing the model
directly takes under 3 s and grows linearly (benchmarks/export.md). And fpdf2 is pure
Python over fontTools: no pango, harfbuzz or gobject libraries for scripts/setup to install
or for the standalone (PyInstaller) build to collect; it freezes like any pure-Python
package. WeasyPrint and pango were dropped once this renderer covered everything the PDF
must have.

What the paged HTML gave for free is drawn here: the title page; the running header (title
and handling line, fpdf2's header hook); "Page n of m" (its page-count alias); the contents
with page numbers (``insert_toc_placeholder`` over the outline, which is also the PDF's
bookmarks); each quote's citation as a numbered endnote linked from the quote; linked
claims and evidence as internal links; tables; and the dependency graph drawn as vectors
from the model's own SVG (fpdf2's SVG support, with its fallback fonts for CJK names).
Body text goes through pdf_layout, not ``multi_cell`` (see there why); fonts through
pdf_fonts (Noto found with fontconfig, embedded as subsets with ToUnicode maps, so
``pdftotext`` reads every quote back). Text shaping (uharfbuzz) is not used: Latin,
Cyrillic and Chinese need none, and it would cost time on every line. Qt is not allowed
below the ui layer, which ruled out QPdfWriter.

Nothing is loaded from outside: the only picture is the SVG string the model carries, and
the file holds no URI, JavaScript or launch actions, only links inside the document.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable

from fpdf import FPDF

from .model import SECTION_TITLES, ClaimEntry, EntityEntry, Report, claim_facts
from .pdf_fonts import Fonts, Style
from .pdf_layout import PT, Typesetter
from .progress import Progress

PAGE_FORMATS = {"a4": "A4", "letter": "Letter"}
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 22.0, 20.0, 18.0
_INK, _MUTED, _WARN, _LINK = (0x1F, 0x23, 0x28), (0x5A, 0x62, 0x70), (0xA4, 0x26, 0x2C), (0x1F, 0x5F, 0xA8)
BODY = Style("serif", 10.0)
QUOTE = Style("serif", 10.5, _INK, 1.5)
MARK = Style("sans", 7.5, _LINK)
LABEL = Style("sans-b", 8.5, _INK, 1.5)
VALUE = Style("sans", 8.5, _INK, 1.5)
MUTED = Style("sans", 8.5, _MUTED, 1.5)
MONO = Style("mono", 7.5, _INK, 1.5)
LINKED = Style("sans", 8.5, _LINK, 1.5)
H1, H2, H3 = Style("sans-b", 16.0, _INK, 1.3), Style("sans-b", 12.5, _INK, 1.3), Style("sans-b", 10.5, _INK, 1.35)
TITLE = Style("sans-b", 24.0, _INK, 1.25)
HANDLING = Style("sans-b", 9.0, _WARN)
RUN_TITLE, RUN_HANDLING = Style("sans", 8.0, _MUTED), Style("sans-b", 8.0, _WARN)
CELL, HEAD = Style("sans", 8.0, _INK, 1.35), Style("sans-b", 8.0, _INK, 1.35)
TOC = Style("sans", 10.0, _INK, 1.6)
PROVENANCE = ("Every quote is verbatim from its source's text and carries a numbered citation to its place there "
              "(page for paged sources, paragraph otherwise, and character offsets counted in Unicode code "
              "points). Gradings follow the Admiralty code: source reliability A–F, information credibility 1–6. "
              "Made by {generator}.")


# fpdf2 reserves one digit per character of the alias for the page count: five, for reports of 10,000+ pages.
TOTAL_PAGES = "{nbp}"


class _ReportPDF(FPDF):
    """fpdf2 calls header() as each page opens (ours, and the contents' reserved pages) and footer() as it
    closes: "Page n of m" through its page-count alias (Noto Sans digits). The title page has neither."""

    running_header: Callable[[], None] | None = None

    def header(self) -> None:
        if self.page_no() > 1 and self.running_header is not None:
            self.running_header()

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("sans", "", 8)
        self.set_text_color(*_MUTED)
        self.set_xy(MARGIN_SIDE, self.h - MARGIN_BOTTOM + 8)
        self.cell(self.w - 2 * MARGIN_SIDE, 4, f"Page {self.page_no()} of {TOTAL_PAGES}", align="C")


class _Renderer:
    def __init__(self, report: Report, progress: Progress):
        self.report, self.progress = report, progress
        pdf = _ReportPDF(format=PAGE_FORMATS[report.layout.page_size], unit="mm")
        pdf.set_auto_page_break(False)
        pdf.alias_nb_pages(TOTAL_PAGES)
        pdf.set_margins(MARGIN_SIDE, MARGIN_TOP, MARGIN_SIDE)
        pdf.set_title(report.title)
        pdf.set_author(report.layout.author or report.generator)
        pdf.set_creator(report.generator)
        pdf.set_lang("en")
        self.pdf = pdf
        self.fonts = Fonts(pdf)
        self.fonts.load("sans")  # the footer's face
        self.ts = Typesetter(pdf, self.fonts, MARGIN_TOP, pdf.h - MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_SIDE)
        pdf.running_header = self.running_header
        self.note_links = {entry.number: pdf.add_link() for entry in report.claims}
        self.claim_links: dict[int, int] = {}

    # -- page furniture ---------------------------------------------------------

    def running_header(self) -> None:
        ts, layout = self.ts, self.report.layout
        baseline = MARGIN_TOP - 9
        handling = ts.break_lines([(layout.handling, RUN_HANDLING)], ts.width / 2)[:1] if layout.handling else []
        handling_width = sum(piece.width for piece in handling[0]) if handling else 0.0
        title = ts.break_lines([(self.report.title, RUN_TITLE)], ts.width - handling_width - 8)
        if title:
            ts.draw_line(title[0], ts.left, baseline)
        if handling:
            ts.draw_line(handling[0], ts.left + ts.width - handling_width, baseline)
        self.pdf.set_draw_color(0xC8, 0xCD, 0xD4)
        self.pdf.line(ts.left, baseline + 2, ts.left + ts.width, baseline + 2)

    def section(self, key: str, level: int = 0) -> None:
        """A section heading, in the outline (bookmarks and contents) at ``level``."""
        style = H1 if level == 0 else H2
        title = SECTION_TITLES[key]
        self.ts.ensure(style.line_height + 20)
        self.ts.space(2 if self.ts.y > self.ts.top else 0)
        self.pdf.set_y(self.ts.y)
        self.pdf.start_section(title, level)
        self.ts.text(title, style, after=3)

    # -- parts --------------------------------------------------------------------

    def title_page(self) -> None:
        report, layout, ts = self.report, self.report.layout, self.ts
        self.pdf.add_page()
        ts.y = MARGIN_TOP + 30
        if layout.handling:
            ts.text(layout.handling.upper(), HANDLING, after=4)
        ts.text(report.title, TITLE, after=8)
        pairs = [("Author", layout.author)] if layout.author else []
        pairs += [("Date", report.generated[:10]), ("Project", report.project_title),
                  ("Scope", report.scope_description), ("Contents", report.counts)]
        for label, value in pairs:
            ts.paragraph([(f"{label}: ", Style("sans-b", 10.0)), (value, Style("sans", 10.0))], after=1.2)
        ts.space(8)
        ts.text(PROVENANCE.format(generator=report.generator), MUTED)

    def contents(self) -> None:
        self.ts.new_page()
        self.ts.text(SECTION_TITLES["contents"], H1, after=3)
        entries = len(self.report.contents()) + (len(self.report.groups) if self._groups_in_contents() else 0)
        per_page = max(1, int((self.ts.bottom - self.ts.top) / TOC.line_height) - 2)
        self.pdf.set_y(self.ts.y)
        self.pdf.insert_toc_placeholder(self.render_contents, pages=max(1, math.ceil((entries + 3) / per_page)))
        self.ts.y = self.ts.top

    def _groups_in_contents(self) -> bool:
        return 1 < len(self.report.groups) <= 60

    def render_contents(self, pdf: FPDF, outline) -> None:
        """Called by fpdf2 at the end, when every section's page is known: title, dots, page number."""
        ts = self.ts
        ts.y = pdf.y
        shown = [s for s in outline if s.level == 0 or (s.level == 1 and self._groups_in_contents())]
        for item in shown:
            if ts.y + TOC.line_height > ts.bottom:
                pdf.page += 1  # the placeholder's next page: reserved, not added
                pdf.current_font_is_set_on_page = False  # fpdf2 must name the font again on that page
                ts.y = ts.top
            indent = 6.0 * item.level
            number = str(item.page_number)
            number_width = self.fonts.width("sans", TOC.size, number)
            lines = ts.break_lines([(item.name, TOC)], ts.width - indent - number_width - 12)
            baseline = ts.y + TOC.line_height * 0.5 + TOC.size * PT * 0.36
            ts.draw_line(lines[0], ts.left + indent, baseline)
            end = ts.left + indent + sum(p.width for p in lines[0]) + 2
            dots = "." * max(0, int((ts.left + ts.width - number_width - 4 - end) / self.fonts.width(
                "sans", TOC.size, ". ") * 2) // 2 * 2)
            self.pdf.set_font("sans", "", TOC.size)
            self.pdf.set_text_color(*_MUTED)
            self.pdf.text(end, baseline, " ".join(dots[::2]) if dots else "")
            self.pdf.text(ts.left + ts.width - number_width, baseline, number)
            target = pdf.add_link(page=item.page_number, y=max(0.0, pdf.h - item.dest.top / pdf.k))
            pdf.link(ts.left, ts.y, ts.width, TOC.line_height, target)
            ts.y += TOC.line_height

    def summary(self) -> None:
        self.section("summary")
        for paragraph in self.report.summary_paragraphs:
            self.ts.text(paragraph, BODY, after=3)

    def facts(self, pairs: list[tuple[str, str]], indent: float) -> None:
        for label, value in pairs:
            self.ts.paragraph([(f"{label}: ", LABEL), (value, VALUE)], indent=indent, after=0.3)

    def claim_link(self, number: int) -> int:
        """The link to claim ``number``'s heading (its target is set when the claim is drawn)."""
        return self.claim_links.setdefault(number, self.pdf.add_link())

    def with_claim_links(self, spans: list, numbers) -> tuple[list, dict[int, int]]:
        """``spans`` followed by " [n]" for each claim number, each linked to its claim."""
        spans, links = list(spans), {}
        for number in numbers:
            links[len(spans)] = self.claim_link(number)
            spans.append((f" [{number}]", Style(spans[-1][1].face, spans[-1][1].size, _LINK, spans[-1][1].leading)))
        return spans, links

    def quote_bar(self, top: float, bottom: float) -> None:
        """The rule left of a quote (drawn on each page the quote runs over)."""
        self.pdf.set_draw_color(0x9A, 0xA5, 0xB1)
        self.pdf.set_line_width(0.6)
        self.pdf.line(self.ts.left + 1.8, top + 0.5, self.ts.left + 1.8, bottom - 0.5)

    def claim(self, entry: ClaimEntry, anchored: bool) -> None:
        ts, claim = self.ts, entry.claim
        # A no-break space keeps the citation mark on the line of the quote's last word.
        spans = [(claim.anchor.quote, QUOTE), (f"\u00a0[{entry.number}]", MARK)]
        links = {1: self.note_links[entry.number]}
        quote_lines = ts.break_lines(spans, ts.width - 5, links)
        facts = claim_facts(entry)
        self.keep_together(entry, len(quote_lines), len(facts))
        [(page, top, _), *_rest] = ts.text(f"{entry.number}. {entry.heading}", H3, after=1.2)
        if anchored:
            self.pdf.set_link(self.claim_link(entry.number), y=top, page=page)
        ts.paragraph(spans, indent=5, after=1.5, keep=2, links=links, decorate=self.quote_bar, lines=quote_lines)
        self.facts(facts, indent=5)
        if entry.quantities:
            ts.space(1)
            ts.table(["Value", "Unit", "Year"], [list(q) for q in entry.quantities], [28, 40, 20], HEAD, CELL, 5)
        for link in entry.links:
            spans = [(f"{link.verb.capitalize()} ", LABEL)]
            targets = {}
            if link.other_number:
                targets[1] = self.claim_link(link.other_number)
                spans.append((f"claim {link.other_number}", LINKED))
            else:
                spans.append((f"claim {link.other_uuid[:8]} (outside this report)", VALUE))
            spans.append((f": {link.other_label}" + (f" — {link.note}" if link.note else ""), VALUE))
            ts.paragraph(spans, indent=5, after=0.3, links=targets)
        ts.space(3.5)

    def keep_together(self, entry: ClaimEntry, quote_lines: int, facts: int) -> None:
        """Start a claim on a new page if it would not fit here but fits on a page of its own (estimated:
        facts and links taken as one line each)."""
        height = (H3.line_height * 2 + QUOTE.line_height * quote_lines + VALUE.line_height * (facts + len(entry.links))
                  + (len(entry.quantities) + 1) * (CELL.line_height + 2.4) * bool(entry.quantities) + 8)
        if height < self.ts.bottom - self.ts.top:
            self.ts.ensure(height)
        else:
            self.ts.ensure(H3.line_height + QUOTE.line_height * 2 + 2)

    def claims(self) -> None:
        self.section("claims")
        if not self.report.claims:
            self.ts.text("No claim is in this report's scope.", MUTED)
        seen: set[int] = set()
        for group in self.report.groups:
            self.ts.ensure(H2.line_height + 30)
            self.pdf.set_y(self.ts.y)
            self.pdf.start_section(_one_line(group.heading), 1)
            self.ts.text(group.heading, H2, after=1)
            if group.detail:
                self.ts.text(group.detail, MUTED, after=3)
            for entry in group.entries:
                self.claim(entry, entry.number not in seen)
                if entry.number not in seen:
                    self.progress.step()
                seen.add(entry.number)

    def sources(self) -> None:
        self.section("sources")
        for item in self.report.sources:
            self.ts.ensure(H3.line_height + VALUE.line_height * 2)
            self.ts.text(f"S{item.number}. {item.source.title}", H3, after=0.8)
            if item.bibliography:
                self.ts.text(item.bibliography, BODY, after=0.5)
            self.ts.text(f"Reliability: {item.reliability} · {item.claim_count} claim(s) in this report", MUTED,
                         after=3)

    def entity(self, item: EntityEntry) -> None:
        ts, entity = self.ts, item.entity
        ts.ensure(H2.line_height + VALUE.line_height * 3)
        ts.text(entity.name, H2, after=0.8)
        detail = [entity.kind.value] + ([entity.country] if entity.country else [])
        detail += [f"also {', '.join(entity.aliases)}"] if entity.aliases else []
        spans, links = self.with_claim_links([(" · ".join(detail) + " · named in", MUTED)], item.claim_numbers)
        ts.paragraph(spans, after=1, links=links)
        if entity.note:
            ts.text(entity.note, BODY, after=1)
        for rel in item.relations:
            text = rel.sentence + (f" ({rel.period})" if rel.period else "")
            text += f" — {rel.relation.note}" if rel.relation.note else ""
            spans = [("• ", VALUE), (text, VALUE)]
            numbers = [e.number for e in rel.evidence if e.number]
            outside = [e.claim_uuid[:8] for e in rel.evidence if not e.number]
            if rel.evidence:
                spans.append((" — evidence:", VALUE))
            spans += [(f" claim {uuid} (outside)", VALUE) for uuid in outside]
            spans, links = self.with_claim_links(spans, numbers)
            ts.paragraph(spans, indent=3, after=0.5, links=links)
        if item.measures:
            ts.space(1)
            rows = [[m.measure.name, m.measure.kind.value.replace("_", " "), m.measure.authority, m.measure.citation,
                     m.measure.announced, m.period, _cited(m.evidence)] for m in item.measures]
            widths = [34, 22, 20, 26, 20, 26, ts.width - 148]
            ts.table(["Measure", "Kind", "Authority", "Citation", "Announced", "In effect", "Evidence"], rows, widths,
                     HEAD, CELL)
        ts.space(3)

    def graph(self) -> None:
        self.ts.new_page()
        self.section("graph")
        # Our own SVG: its labels are drawn in the embedded Noto Sans, CJK names through fpdf2's fallback font.
        # <title> tooltips mean nothing on paper (and fpdf2 warns about each one).
        svg = re.sub(r'font-family="[^"]*"', 'font-family="sans"', self.report.graph_svg)
        svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.S)
        # fpdf2 draws a <text> without a fill in whatever fill came before (often a white halo): say black.
        svg = re.sub(r"<text (?![^>]*\bfill=)", '<text fill="#1f2328" ', svg)
        self.fonts.load("cjk")
        self.pdf.set_fallback_fonts(["cjk"])
        info = self.pdf.image(io.BytesIO(svg.encode("utf-8")), x=self.ts.left, y=self.ts.y, w=self.ts.width)
        self.pdf.set_fallback_fonts([])
        self.ts.y += info.rendered_height + 3
        self.ts.text("Entities named by the claims in this report and the relations between them; red marks what a "
                     "measure in effect targets.", MUTED)

    def appendix(self) -> None:
        self.section("appendix")
        for item in self.report.sources:
            meta, source = item.source.meta, item.source
            self.ts.ensure(H3.line_height + VALUE.line_height * 6)
            self.ts.text(f"S{item.number}. {source.title}", H3, after=0.8)
            pairs = [(label, value) for label, value in (
                ("Author", meta.author), ("Publisher", meta.publisher), ("Published", meta.published),
                ("URL", meta.url)) if value]
            pairs += [("File", f"{source.filename or '—'} ({source.media_type})"), ("Imported", source.imported_at),
                      ("Reliability", item.reliability)]
            self.facts(pairs, indent=0)
            for label, value in (("SHA-256", item.sha256), ("Source id", source.uuid)):
                self.ts.paragraph([(f"{label}: ", LABEL), (value, MONO)], after=0.3)
            self.ts.space(3)

    def notes(self) -> None:
        self.section("notes")
        for entry in self.report.claims:
            citation = entry.citation
            spans = [(f"{entry.number}. ", LABEL), (f"S{citation.source_number} ", LABEL), (citation.text, VALUE)]
            [(page, top, _), *_rest] = self.ts.paragraph(spans, after=0.6)
            self.pdf.set_link(self.note_links[entry.number], y=top, page=page)

    def render(self) -> bytes:
        report = self.report
        self.title_page()
        if report.shows("contents"):
            self.contents()
        else:
            self.ts.new_page()
        parts = [("summary", self.summary), ("claims", self.claims), ("sources", self.sources),
                 ("entities", self._entities), ("graph", self.graph), ("appendix", self.appendix)]
        for name, draw in parts:
            if report.shows(name):
                draw()
                self.progress.check()
        self.notes()
        self.ts.add_links()
        return bytes(self.pdf.output())

    def _entities(self) -> None:
        self.section("entities")
        for item in self.report.entities:
            self.entity(item)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cited(items) -> str:
    """Evidence as the claims' citation marks, "[12] [13]", as beside a relation; an id when out of scope."""
    return " ".join(f"[{e.number}]" if e.number else f"claim {e.claim_uuid[:8]} (outside)" for e in items)


def render_pdf(report: Report, progress: Progress | None = None) -> bytes:
    return _Renderer(report, progress or Progress(total=len(report.claims))).render()
