"""Cleaning quality on a labelled set of articles: precision and recall of the removed lines.

``python -m workbench.bench cleaning [--data DIR] [--show]``

Each file of ``tests/data/cleaning`` is an article with the lines the cleaning should
take out marked ``~~ `` and the title, author and date it should find above a ``---``
line (see the README there). A line counts as removed when the cleaner takes it out
of the text; precision is the share of removed lines that were clutter, recall the
share of clutter lines removed. Article lines lost are listed, as each is a defect.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..core.model import SourceMeta
from ..services.ingest.base import with_header_meta
from ..services.ingest.boilerplate import collapse_blank_runs, judge
from . import machine_line, write_results

MARK = "~~ "
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "cleaning"


@dataclass(frozen=True, slots=True)
class Labelled:
    name: str
    text: str  # the input, markers stripped
    clutter: tuple[bool, ...]  # for each non-blank line, whether it should go
    expected: dict[str, str]


def read_labelled(path: Path) -> Labelled:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    expected = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        expected[key.strip()] = value.strip()
    lines, clutter = [], []
    for line in body.split("\n"):
        marked = line.startswith(MARK)
        lines.append(line[len(MARK):] if marked else line)
        if lines[-1].strip():
            clutter.append(marked)
    return Labelled(path.name, "\n".join(lines).strip("\n"), tuple(clutter), expected)


@dataclass(frozen=True, slots=True)
class Outcome:
    name: str
    removed: tuple[bool, ...]
    clutter: tuple[bool, ...]
    lines: tuple[str, ...]
    meta: SourceMeta
    expected: dict[str, str]
    warnings: tuple[str, ...]


def clean_one(article: Labelled) -> Outcome:
    lines, verdict = judge(collapse_blank_runs(article.text).text)
    if len(lines.text) != len(article.clutter):
        raise AssertionError(f"{article.name}: {len(lines.text)} lines read, {len(article.clutter)} labelled")
    meta = with_header_meta(SourceMeta(""), verdict.header, article.name)
    return Outcome(article.name, tuple(r is not None for r in verdict.reasons), article.clutter, lines.text, meta,
                   article.expected, verdict.warnings)


def _scores(outcomes: list[Outcome]) -> dict[str, float]:
    tp = sum(r and c for o in outcomes for r, c in zip(o.removed, o.clutter, strict=True))
    fp = sum(r and not c for o in outcomes for r, c in zip(o.removed, o.clutter, strict=True))
    fn = sum(c and not r for o in outcomes for r, c in zip(o.removed, o.clutter, strict=True))
    fields = {key: sum(getattr(o.meta, attr) == o.expected.get(key, "") for o in outcomes)
              for key, attr in (("title", "title"), ("author", "author"), ("published", "published"))}
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0, **fields}


def _mistakes(outcomes: list[Outcome]) -> list[str]:
    found = []
    for o in outcomes:
        for line, removed, clutter in zip(o.lines, o.removed, o.clutter, strict=True):
            if removed != clutter:
                found.append(f"{o.name}: {'article line removed' if removed else 'clutter kept'}: {line[:90]}")
        for key in ("title", "author", "published"):
            if getattr(o.meta, key) != o.expected.get(key, ""):
                found.append(f"{o.name}: {key} {getattr(o.meta, key)!r}, expected {o.expected.get(key, '')!r}")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench cleaning")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", action="store_true", help="print every mistake")
    args = parser.parse_args(argv)
    outcomes = [clean_one(read_labelled(p)) for p in sorted(args.data.glob("*.txt"))]
    s = _scores(outcomes)
    mistakes = _mistakes(outcomes)
    n = len(outcomes)
    lines_total = sum(len(o.lines) for o in outcomes)
    clutter_total = sum(sum(o.clutter) for o in outcomes)
    print(f"{n} articles, {lines_total} lines, {clutter_total} clutter lines")
    print(f"removed lines: precision {s['precision']:.3f}, recall {s['recall']:.3f} "
          f"({s['tp']} right, {s['fp']} article lines removed, {s['fn']} clutter lines kept)")
    print(f"titles {s['title']}/{n}, authors {s['author']}/{n}, dates {s['published']}/{n}")
    for line in mistakes if args.show else mistakes[:20]:
        print("  " + line)
    warned = [o.name for o in outcomes if o.warnings]
    body = ["# Cleaning quality", "", machine_line() + ".", "",
            f"Labelled set: {n} articles written for this project (`tests/data/cleaning`, English and Russian: "
            "paragraph-per-line with glued promo blocks and long blank runs, inline emoji teasers, chrome at both "
            "ends, bylines and dates, working papers with an Authors header, compilations with repeated "
            f"paragraphs), {lines_total} lines of which {clutter_total} are clutter.", "",
            "The rules were developed on this set, so these figures flatter them. When articles 21-32 were added, "
            "before any rule was adjusted to them, the 32 articles scored precision 0.978 and recall 0.916 of "
            "removed lines (4 article lines removed, 16 clutter lines kept, all in 21-32), titles 30/32, authors "
            "30/32, dates 31/32. Articles 33-38 were written later as a fresh check and scored precision 1.000, recall 0.838 "
            "(31 of 37 clutter lines; a like count, a Substack pitch, a disclaimer, a labelled image file name, a "
            "hashtag line and a 'Sponsored:' teaser were missed) with all 18 titles, authors and dates right. "
            "Those first-run figures are the better guess for unseen articles.", "",
            "| measure | value |", "|---|---|",
            f"| precision of removed lines | {s['precision']:.3f} |", f"| recall of removed lines | {s['recall']:.3f} |",
            f"| article lines removed (false positives) | {s['fp']} |", f"| clutter lines kept (misses) | {s['fn']} |",
            f"| titles right | {s['title']}/{n} |", f"| authors right | {s['author']}/{n} |",
            f"| dates right | {s['published']}/{n} |", "",
            f"Articles with a cleaning warning (over-removal guard, repeats kept): {', '.join(warned) or 'none'}.", "",
            "Remaining mistakes:" if mistakes else "No mistakes.", ""]
    body += [f"- {m}" for m in mistakes]
    body += ["", "Run: `python -m workbench.bench cleaning` (`--show` prints every mistake)."]
    print(f"written to {write_results('cleaning', chr(10).join(body))}")
    return 0
