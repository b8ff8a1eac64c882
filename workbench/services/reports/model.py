"""The report as plain data: what every renderer draws, built once from the project.

Renderers never query the project: HTML, PDF, DOCX, XLSX, Markdown and CSV all read
this model, so a claim, its citation number and its place in the source are the same
in every format. Everything is frozen; text is untrusted (it comes from sources and
from analysts) and each renderer escapes it for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.model import Claim, Entity, LinkKind, Measure, Relation, Source
from ..ingest.footnotes import FootnoteRef

GROUP_BY = ("source", "tag", "entity")
# The parts of a report, in the order they appear; a layout picks any of them.
SECTIONS = ("contents", "summary", "claims", "sources", "entities", "graph", "appendix")
SECTION_TITLES = {"contents": "Contents", "summary": "Summary", "claims": "Claims", "sources": "Sources",
                  "entities": "Entities, relations and measures", "graph": "Dependency graph",
                  "appendix": "Appendix: sources", "notes": "Citations"}
PAGE_SIZES = ("a4", "letter")

RELIABILITY_WORDS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_WORDS = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
                     5: "improbable", 6: "truth cannot be judged"}


@dataclass(frozen=True, slots=True)
class ReportLayout:
    """How the report is arranged and what it says about itself (title page, summary)."""

    group_by: str = "source"
    sections: tuple[str, ...] = SECTIONS
    title: str = ""
    author: str = ""
    handling: str = ""  # e.g. "Internal — not for distribution"
    summary: str = ""  # the analyst's own words; paragraphs separated by blank lines
    page_size: str = "a4"  # PDF only

    def shows(self, section: str) -> bool:
        return section in self.sections


def grading_words(reliability: str | None, credibility: int | None) -> str:
    """``B2 — usually reliable, probably true``; empty when ungraded."""
    if reliability is None and credibility is None:
        return ""
    code = f"{reliability or '?'}{credibility or '?'}"
    words = [RELIABILITY_WORDS.get(reliability or "", "reliability not graded"),
             CREDIBILITY_WORDS.get(credibility or 0, "credibility not graded")]
    return f"{code} — {', '.join(words)}"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a quote stands: its source (by number in the appendix), page or paragraph, and offsets."""

    number: int
    source_number: int
    source_uuid: str
    source_title: str
    page: int | None  # PDF and other paged sources
    paragraph: int | None  # everything else: blocks separated by a blank line, from 1
    start: int  # Unicode code points, start inclusive, end exclusive
    end: int

    @property
    def place(self) -> str:
        return f"p. {self.page}" if self.page is not None else f"para. {self.paragraph}"

    @property
    def text(self) -> str:
        return f"{self.source_title}, {self.place}, characters {self.start}–{self.end}"


@dataclass(frozen=True, slots=True)
class ClaimLinkEntry:
    """A link to another claim, seen from this one ("contradicts claim 7")."""

    kind: LinkKind
    outgoing: bool  # this claim is the link's "from" end
    other_number: int | None  # the other claim's number in this report; None when out of scope
    other_uuid: str
    other_label: str
    note: str = ""

    @property
    def verb(self) -> str:
        if self.outgoing:
            return self.kind.value
        return {LinkKind.CORROBORATES: "corroborated by", LinkKind.CONTRADICTS: "contradicted by",
                LinkKind.DUPLICATES: "duplicated by"}[self.kind]


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    number: int  # the claim's number in the report; its citation has the same number
    claim: Claim
    citation: Citation
    links: tuple[ClaimLinkEntry, ...] = ()
    source_notes: tuple[FootnoteRef, ...] = ()  # the source's note markers inside the quote or right after it
    # ICD 203 confidence and corroboration over the whole project (services.intelligence), at export time
    confidence_level: str = ""  # high, moderate or low ("" when not analysed)
    confidence_reasons: tuple[str, ...] = ()  # "corroborated by 2 independent sources", "source B (…)", …
    corroboration: str = ""  # corroborated, single source or contested

    @property
    def quote_parts(self) -> tuple[tuple[str, bool], ...]:
        """The quote cut where the source's note markers stand: (text, is a marker), joined it is the quote."""
        quote, base = self.claim.anchor.quote, self.claim.anchor.start
        parts: list[tuple[str, bool]] = []
        at = 0
        for note in self.source_notes:
            start, end = note.start - base, min(note.end - base, len(quote))
            if start < at or start >= len(quote):
                continue  # a marker right after the quote is cited, not drawn in it
            if start > at:
                parts.append((quote[at:start], False))
            parts.append((quote[start:end], True))
            at = end
        if at < len(quote) or not parts:
            parts.append((quote[at:], False))
        return tuple(parts)

    @property
    def heading(self) -> str:
        text = self.claim.statement or self.claim.anchor.quote
        return " ".join(text.split())

    @property
    def anchor_note(self) -> str:
        """Said beside the quote when it is not known to stand exactly where it was marked."""
        return {"orphaned": "orphaned: not found again after the source was re-extracted; check it against the source",
                "reanchored": "re-anchored after the source was re-extracted"}.get(self.claim.anchor_status, "")

    @property
    def grading(self) -> str:
        return grading_words(self.claim.grading.reliability, self.claim.grading.credibility)

    @property
    def confidence(self) -> str:
        """``Moderate — single source; source B (usually reliable); information 2 (probably true)``."""
        if not self.confidence_level:
            return ""
        return f"{self.confidence_level.capitalize()} — " + "; ".join(self.confidence_reasons)

    @property
    def quantities(self) -> tuple[tuple[str, str, str], ...]:
        """(value, unit, year) as text, ready for a table."""
        return tuple((f"{q.value:g}", q.unit, str(q.year) if q.year else "") for q in self.claim.quantities)


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    key: str  # anchor-safe identifier
    heading: str
    detail: str  # a line under the heading (a source's author and date; a tag's path)
    entries: tuple[ClaimEntry, ...]


@dataclass(frozen=True, slots=True)
class SourceEntry:
    number: int
    source: Source
    claim_count: int  # claims of this source in the report
    sha256: str  # of the original bytes, as imported: lets a reader check the file they hold is the one cited

    @property
    def reliability(self) -> str:
        grade = self.source.reliability
        return f"{grade} — {RELIABILITY_WORDS[grade]}" if grade in RELIABILITY_WORDS else "not graded"

    @property
    def bibliography(self) -> str:
        meta = self.source.meta
        parts = [p for p in (meta.author, meta.title, meta.publisher, meta.published) if p]
        return ". ".join(parts)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A claim cited as evidence: its number in the report, or its id when it is outside the scope."""

    claim_uuid: str
    number: int | None


@dataclass(frozen=True, slots=True)
class RelationEntry:
    relation: Relation
    subject: str
    object: str
    evidence: tuple[Evidence, ...]

    @property
    def sentence(self) -> str:
        return f"{self.subject} {self.relation.kind.value.replace('_', ' ')} {self.object}"

    @property
    def period(self) -> str:
        return _period(self.relation.valid_from, self.relation.valid_to)


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    measure: Measure
    targets: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    @property
    def period(self) -> str:
        return _period(self.measure.effective_from, self.measure.effective_to)


def claim_facts(entry: ClaimEntry) -> list[tuple[str, str]]:
    """The labelled facts printed under a claim's quote, the same in every paged format."""
    claim = entry.claim
    pairs = [("Kind", claim.kind.value)]
    pairs += [("Grading", entry.grading)] if entry.grading else []
    pairs += [("Confidence", entry.confidence)] if entry.confidence else []
    if claim.statement and claim.statement != entry.heading:
        pairs.append(("Statement", claim.statement))
    pairs += [("Tags", ", ".join(claim.tags))] if claim.tags else []
    pairs += [("Entities", ", ".join(claim.entities))] if claim.entities else []
    pairs += [("Note", claim.note)] if claim.note else []
    pairs += [(f"Source's note {note.number}", note.note) for note in entry.source_notes]
    pairs += [("Anchor", entry.anchor_note)] if entry.anchor_note else []
    return pairs


def _period(start: str, end: str) -> str:
    if not start and not end:
        return ""
    return f"{start or '…'} – {end or 'in force'}"


@dataclass(frozen=True, slots=True)
class EntityEntry:
    entity: Entity
    claim_numbers: tuple[int, ...]
    relations: tuple[RelationEntry, ...]
    measures: tuple[MeasureEntry, ...]


@dataclass(frozen=True, slots=True)
class Report:
    project_title: str
    layout: ReportLayout
    generated: str  # ISO date-time, UTC
    generator: str  # "Research Workbench 0.1.0"
    scope_description: str
    groups: tuple[ClaimGroup, ...]
    claims: tuple[ClaimEntry, ...]  # each claim once, by number
    sources: tuple[SourceEntry, ...]
    entities: tuple[EntityEntry, ...]
    relations: tuple[RelationEntry, ...]
    measures: tuple[MeasureEntry, ...]
    graph_svg: str = ""  # our own SVG (names escaped by graph.image); empty when there is nothing to draw
    tag_depth: int = 0  # levels of the deepest tag path in scope
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return self.layout.title or self.project_title

    @property
    def summary_paragraphs(self) -> tuple[str, ...]:
        blocks = [" ".join(b.split()) for b in self.layout.summary.replace("\r\n", "\n").split("\n\n")]
        return tuple(b for b in blocks if b)

    @property
    def counts(self) -> str:
        return (f"{len(self.claims)} claim(s) from {len(self.sources)} source(s); {len(self.entities)} "
                f"entit{'y' if len(self.entities) == 1 else 'ies'}, {len(self.relations)} relation(s), "
                f"{len(self.measures)} measure(s)")

    def shows(self, section: str) -> bool:
        if section == "summary":
            return self.layout.shows(section) and bool(self.summary_paragraphs)
        if section == "graph":
            return self.layout.shows(section) and bool(self.graph_svg)
        if section == "entities":
            return self.layout.shows(section) and bool(self.entities)
        return self.layout.shows(section)

    def contents(self) -> tuple[tuple[str, str], ...]:
        """(anchor, title) of each section shown, in order: the contents list."""
        names = [s for s in SECTIONS if s != "contents" and self.shows(s)] + ["notes"]
        return tuple((f"sec-{name}", SECTION_TITLES[name]) for name in names)
