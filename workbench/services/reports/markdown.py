"""The report as Markdown: the same model and citations as every format, escaped so nothing becomes markup.

Citations are footnotes (``[^12]``), which GitHub, Pandoc and Obsidian render as numbered
notes. URLs are written as escaped text, never as links: a source's URL is data.
"""

from __future__ import annotations

import re

from .model import SECTION_TITLES, ClaimEntry, Report
from .progress import Progress

_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")
# Only what Markdown would read as a block marker: "> ", "# ", "- ", "+ ", "1. " (not "11.2").
_MD_LINE_START = re.compile(r"^(\s*)(>|(?:#{1,6}|[+\-]|\d+[.)])(?=\s|$))", re.M)


def escape_markdown(text: str) -> str:
    """Keep a quote exact when the Markdown is rendered: no character turns into markup."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIALS.sub(r"\\\1", text))


def _one_line(text: str) -> str:
    """Text that follows a marker on its line ("### ", "- "): only inline markup needs escaping."""
    return _MD_SPECIALS.sub(r"\\\1", " ".join(text.split()))


def _blockquote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in escape_markdown(text).split("\n")]


def _claim(entry: ClaimEntry) -> list[str]:
    claim = entry.claim
    quote = _blockquote(claim.anchor.quote)
    quote[-1] += f"[^{entry.number}]"
    lines = [f"#### {entry.number}. {_one_line(entry.heading)}", "", *quote, ""]
    facts = [f"**Kind:** {claim.kind.value}"]
    if entry.grading:
        facts.append(f"**Grading:** {entry.grading}")
    if entry.confidence:
        facts.append(f"**Confidence:** {_one_line(entry.confidence)}")
    if entry.quantities:
        facts.append("**Quantities:** " + "; ".join(
            _one_line(f"{value} {unit}".strip() + (f" ({year})" if year else "")) for value, unit, year in entry.quantities))
    if claim.tags:
        facts.append("**Tags:** " + ", ".join(_one_line(t) for t in claim.tags))
    if claim.entities:
        facts.append("**Entities:** " + ", ".join(_one_line(e) for e in claim.entities))
    lines += [" · ".join(facts), ""]
    if claim.statement and claim.statement != entry.heading:
        lines += [f"*Statement:* {_one_line(claim.statement)}", ""]
    if claim.note:
        lines += [f"*Note:* {_one_line(claim.note)}", ""]
    for note in entry.source_notes:
        lines += [f"*Source's note {note.number}:* {_one_line(note.note)}", ""]
    if entry.anchor_note:
        lines += [f"**Anchor:** {entry.anchor_note}", ""]
    for link in entry.links:
        other = f"claim {link.other_number}" if link.other_number else f"claim `{link.other_uuid[:8]}` (outside this report)"
        lines.append(f"- *{link.verb}* {other}: {_one_line(link.other_label)}")
    if entry.links:
        lines.append("")
    return lines


def _evidence(items) -> str:
    return " ".join(f"[claim {e.number}]" if e.number else f"[claim `{e.claim_uuid[:8]}`]" for e in items)


def _entities(report: Report) -> list[str]:
    lines = [f"## {SECTION_TITLES['entities']}", ""]
    for item in report.entities:
        entity = item.entity
        lines += [f"### {_one_line(entity.name)}", "",
                  f"{entity.kind.value}" + (f" · {_one_line(entity.country)}" if entity.country else "")
                  + " · named in " + " ".join(f"[claim {n}]" for n in item.claim_numbers), ""]
        for rel in item.relations:
            period = f" ({rel.period})" if rel.period else ""
            lines.append(f"- {_one_line(rel.sentence)}{period} {_evidence(rel.evidence)}".rstrip())
        for m in item.measures:
            details = ", ".join(_one_line(v) for v in (m.measure.authority, m.measure.citation, m.period) if v)
            lines.append(f"- **Measure:** {_one_line(m.measure.name)} ({details}) {_evidence(m.evidence)}".rstrip())
        lines.append("")
    return lines


def _title_page(report: Report) -> list[str]:
    lines = [f"# {_one_line(report.title)}", ""]
    if report.layout.handling:
        lines += [f"**{_one_line(report.layout.handling)}**", ""]
    byline = [f"Author: {_one_line(report.layout.author)}"] if report.layout.author else []
    byline += [f"Date: {report.generated[:10]}", f"Project: {_one_line(report.project_title)}"]
    lines += [" · ".join(byline), "", f"*Scope:* {_one_line(report.scope_description)} {report.counts}.", "",
              f"Made by {report.generator}. Every quote is verbatim from the source's text; offsets are Unicode "
              "code points.", ""]
    return lines


def _sources(report: Report, appendix: bool) -> list[str]:
    lines = [f"## {SECTION_TITLES['appendix' if appendix else 'sources']}", ""]
    for item in report.sources:
        if not appendix:
            lines.append(f"- **S{item.number}.** {_one_line(item.bibliography)} — reliability {item.reliability}; "
                         f"{item.claim_count} claim(s)")
            continue
        meta, source = item.source.meta, item.source
        lines += [f"### S{item.number}. {_one_line(meta.title)}", ""]
        for label, value in (("Author", meta.author), ("Publisher", meta.publisher), ("Published", meta.published),
                             ("URL", meta.url), ("File", source.filename), ("Imported", source.imported_at)):
            if value:
                lines.append(f"- {label}: {_one_line(value)}")
        lines += [f"- SHA-256: `{item.sha256}`", f"- Source id: `{source.uuid}`", ""]
    return lines + [""]


def render_markdown_report(report: Report, progress: Progress | None = None) -> str:
    progress = progress or Progress(total=len(report.claims))
    lines = _title_page(report)
    if report.shows("contents"):
        # Markdown carries no picture: the graph is in the HTML, PDF and Word reports.
        titles = [title for anchor, title in report.contents() if anchor != "sec-graph"]
        lines += ["## Contents", ""] + [f"{i}. {title}" for i, title in enumerate(titles, 1)] + [""]
    if report.shows("summary"):
        lines += ["## Summary", ""] + [p for para in report.summary_paragraphs for p in (escape_markdown(para), "")]
    if report.shows("claims"):
        lines += ["## Claims", ""]
        for group in report.groups:
            lines += [f"### {_one_line(group.heading)}", ""] + ([_one_line(group.detail), ""] if group.detail else [])
            for entry in group.entries:
                lines += _claim(entry)
                progress.step()
    if report.shows("sources"):
        lines += _sources(report, appendix=False)
    if report.shows("entities"):
        lines += _entities(report)
    if report.shows("appendix"):
        lines += _sources(report, appendix=True)
    lines += [f"## {SECTION_TITLES['notes']}", ""]
    for entry in report.claims:
        c = entry.citation
        lines.append(f"[^{entry.number}]: S{c.source_number} {_one_line(c.source_title)}, {c.place}, "
                     f"characters {c.start}–{c.end}")
    return "\n".join(lines).rstrip("\n") + "\n"
