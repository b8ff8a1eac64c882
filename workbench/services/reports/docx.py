"""The Word report (python-docx): real heading styles, quotes in the Quote style, real footnotes.

Word's navigation pane and its table of contents read the built-in Heading 1-3 styles,
so the structure is styles, not bold text. Each quote ends with a Word footnote giving
its citation (source, page or paragraph, offsets); quantities and measures are tables;
the dependency graph is a picture.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from .docx_notes import Footnotes, add_toc_field, update_fields_on_open
from .graph_png import graph_png
from .model import ClaimEntry, EntityEntry, Report, SECTION_TITLES
from .progress import Progress
from .tables import xml_safe

_WARN = RGBColor(0xA4, 0x26, 0x2C)
_MUTED = RGBColor(0x5A, 0x62, 0x70)


class _Writer:
    def __init__(self, report: Report, progress: Progress):
        self.report = report
        self.progress = progress
        self.doc = Document()
        self.notes = Footnotes(self.doc)
        styles = self.doc.styles
        # Looked up once: python-docx finds a style by name with a scan of all styles.
        self.style = {name: styles[name] for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Quote",
                                                      "List Bullet", "Table Grid", "Normal", "TOC Heading")}
        section = self.doc.sections[0]
        section.left_margin = section.right_margin = Cm(2.2)

    def para(self, text: str = "", style: str = "Normal"):
        paragraph = self.doc.add_paragraph(style=self.style[style])
        if text:
            paragraph.add_run(xml_safe(text))
        return paragraph

    def heading(self, text: str, level: int):
        return self.para(text, f"Heading {level}")

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        paragraph = self.para()
        for i, (label, value) in enumerate(pairs):
            if i:
                paragraph.add_run().add_break()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(xml_safe(value))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.style["Table Grid"]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = xml_safe(text)
        self.para()

    # -- parts ------------------------------------------------------------------

    def title_page(self) -> None:
        report, layout = self.report, self.report.layout
        if layout.handling:
            run = self.para().add_run(xml_safe(layout.handling.upper()))
            run.bold, run.font.color.rgb = True, _WARN
        self.para(report.title, "Title")
        pairs = [("Author", layout.author)] if layout.author else []
        pairs += [("Date", report.generated[:10]), ("Project", report.project_title),
                  ("Scope", report.scope_description), ("Contents", report.counts)]
        self.facts(pairs)
        note = self.para().add_run(
            "Every quote is verbatim from its source's text; its footnote gives the source and the place in it (page "
            "for paged sources, paragraph otherwise) with character offsets in Unicode code points. Gradings follow "
            f"the Admiralty code (reliability A–F, credibility 1–6). Made by {report.generator}.")
        note.font.size, note.font.color.rgb = Pt(9), _MUTED
        if report.shows("contents"):
            self.para("Contents", "TOC Heading")
            add_toc_field(self.para())
        self.para().add_run().add_break(WD_BREAK.PAGE)

    def claim(self, entry: ClaimEntry) -> None:
        claim = entry.claim
        self.heading(f"{entry.number}. {entry.heading}", 3)
        quote = self.para(claim.anchor.quote, "Quote")
        self.notes.add(quote, entry.citation.text)
        pairs = [("Kind", claim.kind.value)]
        pairs += [("Grading", entry.grading)] if entry.grading else []
        if claim.statement and claim.statement != entry.heading:
            pairs.append(("Statement", claim.statement))
        pairs += [("Tags", ", ".join(claim.tags))] if claim.tags else []
        pairs += [("Entities", ", ".join(claim.entities))] if claim.entities else []
        pairs += [("Note", claim.note)] if claim.note else []
        pairs += [(f"{link.verb.capitalize()}", f"claim {link.other_number or link.other_uuid[:8]}: {link.other_label}")
                  for link in entry.links]
        self.facts(pairs)
        if entry.quantities:
            self.table(["Value", "Unit", "Year"], [list(q) for q in entry.quantities])

    def claims(self) -> None:
        self.heading("Claims", 1)
        for group in self.report.groups:
            self.heading(group.heading, 2)
            if group.detail:
                self.para(group.detail).runs[0].font.color.rgb = _MUTED
            for entry in group.entries:
                self.claim(entry)
                self.progress.step()

    def sources(self) -> None:
        self.heading(SECTION_TITLES["sources"], 1)
        for item in self.report.sources:
            paragraph = self.para(style="List Bullet")
            paragraph.add_run(f"S{item.number}. ").bold = True
            paragraph.add_run(xml_safe(f"{item.bibliography}. Reliability: {item.reliability}; "
                                       f"{item.claim_count} claim(s) in this report."))

    def entity(self, item: EntityEntry) -> None:
        entity = item.entity
        self.heading(entity.name, 2)
        pairs = [("Kind", entity.kind.value)] + ([("Country", entity.country)] if entity.country else [])
        pairs += [("Also known as", ", ".join(entity.aliases))] if entity.aliases else []
        pairs.append(("Named in claims", ", ".join(str(n) for n in item.claim_numbers)))
        self.facts(pairs)
        for rel in item.relations:
            text = rel.sentence + (f" ({rel.period})" if rel.period else "") + _evidence(rel.evidence)
            self.para(text, "List Bullet")
        if item.measures:
            self.table(["Measure", "Kind", "Authority", "Citation", "In effect", "Evidence"],
                       [[m.measure.name, m.measure.kind.value.replace("_", " "), m.measure.authority,
                         m.measure.citation, m.period, _evidence(m.evidence).strip()] for m in item.measures])

    def graph(self) -> None:
        self.heading(SECTION_TITLES["graph"], 1)
        picture = graph_png(self.report.graph_svg)
        if picture:
            self.doc.add_picture(io.BytesIO(picture), width=Cm(16.5))
        self.para("Entities named by the claims in this report and the relations between them; red marks what a "
                  "measure in effect targets.").runs[0].font.size = Pt(9)

    def appendix(self) -> None:
        self.heading(SECTION_TITLES["appendix"], 1)
        for item in self.report.sources:
            meta, source = item.source.meta, item.source
            self.heading(f"S{item.number}. {meta.title}", 2)
            pairs = [(label, value) for label, value in (
                ("Author", meta.author), ("Publisher", meta.publisher), ("Published", meta.published),
                ("URL", meta.url), ("File", source.filename), ("Imported", source.imported_at)) if value]
            pairs += [("Reliability", item.reliability), ("SHA-256", item.sha256), ("Source id", source.uuid)]
            self.facts(pairs)

    def render(self) -> bytes:
        report = self.report
        self.title_page()
        if report.shows("summary"):
            self.heading("Summary", 1)
            for paragraph in report.summary_paragraphs:
                self.para(paragraph)
        if report.shows("claims"):
            self.claims()
        if report.shows("sources"):
            self.sources()
        if report.shows("entities"):
            self.heading(SECTION_TITLES["entities"], 1)
            for item in report.entities:
                self.entity(item)
        if report.shows("graph"):
            self.graph()
        if report.shows("appendix"):
            self.appendix()
        self.notes.attach()
        update_fields_on_open(self.doc)
        self.doc.core_properties.title = xml_safe(report.title)
        self.doc.core_properties.author = xml_safe(report.layout.author or report.generator)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _evidence(items) -> str:
    if not items:
        return ""
    return " — evidence: " + ", ".join(f"claim {e.number}" if e.number else f"claim {e.claim_uuid[:8]} (outside)"
                                       for e in items)


def render_docx(report: Report, progress: Progress | None = None) -> bytes:
    return _Writer(report, progress or Progress(total=len(report.claims))).render()
