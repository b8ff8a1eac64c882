"""Reports out of a project: Markdown and CSV here; more formats build on the same records."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from .. import __version__
from ..core.errors import InvalidInputError
from ..core.model import Claim, Source, utc_now
from .exchange.formats import EXCHANGE_EXPORT_FORMATS, export_bytes
from .project import Project
from .records import claim_record

EXPORT_FORMATS = ("md", "csv", *EXCHANGE_EXPORT_FORMATS)
CSV_COLUMNS = ["id", "source_id", "source_title", "start", "end", "quote", "prefix", "suffix", "statement",
               "kind", "quantities", "reliability", "credibility", "tags", "entities", "note", "anchor_status",
               "created_at", "modified_at"]
_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")
# Only what Markdown would read as a block marker: "> ", "# ", "- ", "+ ", "1. " (not "11.2").
_MD_LINE_START = re.compile(r"^(\s*)(>|(?:#{1,6}|[+\-]|\d+[.)])(?=\s|$))", re.M)


def write_atomically(path: str | os.PathLike, data: bytes) -> Path:
    """Write the whole file or nothing: a failure leaves no half-written report behind."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInputError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise InvalidInputError(f"{path.parent}: folder does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def escape_markdown(text: str) -> str:
    """Keep a quote exact when the Markdown is rendered: no character turns into markup."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIALS.sub(r"\\\1", text))


def _blockquote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in escape_markdown(text).split("\n"))


def _claim_markdown(number: int, claim: Claim) -> list[str]:
    heading = claim.statement or claim.anchor.quote
    lines = [f"#### {number}. {escape_markdown(' '.join(heading.split()))}", "", _blockquote(claim.anchor.quote), ""]
    facts = [f"**Kind:** {claim.kind.value}"]
    if claim.grading.code:
        facts.append(f"**Grading:** {claim.grading.code}")
    if claim.quantities:
        facts.append("**Quantities:** " + "; ".join(
            f"{q.value:g} {q.unit}".strip() + (f" ({q.year})" if q.year else "") for q in claim.quantities))
    if claim.tags:
        facts.append("**Tags:** " + ", ".join(escape_markdown(t) for t in claim.tags))
    if claim.entities:
        facts.append("**Entities:** " + ", ".join(escape_markdown(e) for e in claim.entities))
    lines.append(" · ".join(facts))
    lines.append("")
    if claim.note:
        lines += [f"*Note:* {escape_markdown(claim.note)}", ""]
    lines += [f"<sub>Characters {claim.anchor.start}–{claim.anchor.end} · claim `{claim.uuid}`</sub>", ""]
    return lines


def _source_markdown(number: int, source: Source, claims: list[Claim]) -> list[str]:
    meta = source.meta
    lines = [f"### {number}. {escape_markdown(meta.title)}", ""]
    details = [escape_markdown(v) for v in (meta.author, meta.publisher, meta.published) if v]
    if details:
        lines += [", ".join(details), ""]
    if meta.url:
        lines += [f"<{meta.url}>", ""]
    lines += [f"Source `{source.uuid}` · {len(claims)} claim(s)", ""]
    for i, claim in enumerate(claims, 1):
        lines += _claim_markdown(i, claim)
    return lines


def render_markdown(project: Project) -> str:
    sources = project.sources.list()
    by_source: dict[int, list[Claim]] = defaultdict(list)
    for claim in project.claims.list():
        by_source[claim.source_id].append(claim)
    total = sum(len(c) for c in by_source.values())
    lines = [f"# {escape_markdown(project.title)}", "",
             f"Exported {utc_now()} by Research Workbench {__version__}: {len(sources)} source(s), "
             f"{total} claim(s). Every quote is verbatim from the source's text; offsets are Unicode code points.",
             "", "## Sources and claims", ""]
    for number, source in enumerate(sources, 1):
        lines += _source_markdown(number, source, by_source.get(source.id, []))
    return "\n".join(lines).rstrip("\n") + "\n"


def render_csv(project: Project) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for claim in project.claims.list():
        row = claim_record(claim)
        row["quantities"] = "; ".join(
            " ".join(str(v) for v in (q["value"], q["unit"], q["year"]) if v not in ("", None))
            for q in row["quantities"])
        row["tags"] = "; ".join(row["tags"])
        row["entities"] = "; ".join(row["entities"])
        writer.writerow(row)
    return out.getvalue()


def export_project(project: Project, fmt: str, out: str | os.PathLike) -> Path:
    if fmt == "md":
        data = render_markdown(project).encode("utf-8")
    elif fmt == "csv":
        # A byte-order mark lets spreadsheet programs read UTF-8 names correctly.
        data = render_csv(project).encode("utf-8-sig")
    elif fmt in EXCHANGE_EXPORT_FORMATS:
        data = export_bytes(project, fmt)
    else:
        raise InvalidInputError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return write_atomically(out, data)
