"""The report as rows: the Claims table (CSV, and the XLSX sheets) and the formula guard for spreadsheets.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets ("CSV injection"). In CSV there is no
cell type, so such a value is written with a leading apostrophe, which every
spreadsheet shows as text and hides; XLSX has real string cells (see xlsx.py).
"""

from __future__ import annotations

import csv
import io
import re

from .model import ClaimEntry, Report
from .progress import Progress

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ["id", "source_id", "source_title", "start", "end", "quote", "prefix", "suffix", "statement",
               "kind", "quantities", "reliability", "credibility", "tags", "entities", "note", "anchor_status",
               "created_at", "modified_at", "number", "citation", "page", "paragraph", "links", "confidence",
               "confidence_reasons", "corroboration"]


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def quantities_text(entry: ClaimEntry) -> str:
    return "; ".join(" ".join(v for v in parts if v) for parts in entry.quantities)


def links_text(entry: ClaimEntry) -> str:
    return "; ".join(f"{link.verb} {link.other_number or link.other_uuid}" for link in entry.links)


def claim_row(entry: ClaimEntry) -> dict:
    """Every field of one claim, as plain values (numbers stay numbers)."""
    claim, anchor, cite = entry.claim, entry.claim.anchor, entry.citation
    return {
        "id": claim.uuid, "source_id": claim.source_uuid, "source_title": claim.source_title,
        "start": anchor.start, "end": anchor.end, "quote": anchor.quote, "prefix": anchor.prefix,
        "suffix": anchor.suffix, "statement": claim.statement, "kind": claim.kind.value,
        "quantities": quantities_text(entry), "reliability": claim.grading.reliability or "",
        "credibility": claim.grading.credibility or "", "tags": "; ".join(claim.tags),
        "entities": "; ".join(claim.entities), "note": claim.note, "anchor_status": claim.anchor_status,
        "created_at": claim.created_at, "modified_at": claim.modified_at, "number": entry.number,
        "citation": cite.text, "page": cite.page or "", "paragraph": cite.paragraph or "", "links": links_text(entry),
        "confidence": entry.confidence_level, "confidence_reasons": "; ".join(entry.confidence_reasons),
        "corroboration": entry.corroboration,
    }


def tag_levels(tags: tuple[str, ...], depth: int) -> list[str]:
    """One value per level of the tag tree, as MAXQDA and NVivo exports have: region/russia -> [region, russia].

    A claim with several tags gets each level's names joined by "; ", in tag order.
    """
    levels: list[list[str]] = [[] for _ in range(depth)]
    for path in tags:
        for level, name in enumerate(path.split("/")[:depth]):
            if name not in levels[level]:
                levels[level].append(name)
    return ["; ".join(names) for names in levels]


def render_csv_report(report: Report, progress: Progress | None = None) -> str:
    progress = progress or Progress(total=len(report.claims))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in report.claims:
        writer.writerow({key: csv_safe(value) for key, value in claim_row(entry).items()})
        progress.step()
    return out.getvalue()


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """XML 1.0 (DOCX, XLSX) cannot hold most control characters: each becomes U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text) if isinstance(text, str) else text
