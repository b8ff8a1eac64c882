"""Tag manager edits and tag colours on a big project.

``python -m workbench.bench tags`` builds one source of 1,000,000 characters carrying 20,000
claims, each with one or two tags from a tree of 10 top-level tags with 20 sub-tags each,
and measures (median of repeats):

- spans: the reader's spans of the whole source with no tag coloured, and with colours on
  every top-level tag (sub-tags inherit them), which is what opening the source costs;
- spans of one edited claim: what the reader asks after an edit;
- counts: the tag tree with every tag's claims and sub-tag totals (the tag manager opening);
- rename, colour: a top-level tag over about 4,000 claims, as one journalled step, with the
  change set collected; and its undo.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ..core.anchoring import anchor_at
from ..core.model import ClaimDraft, SourceMeta
from ..services import commands, tags
from ..services.project import create_project, open_project
from . import machine_line, write_results
from .gui import make_text, spans_for

CHARS, CLAIMS, TOP, SUB = 1_000_000, 20_000, 10, 20
REPEATS = 7
TARGETS = {"spans, no colours": 0.25, "spans, coloured tags": 0.4, "spans of one claim": 0.005,
           "tag counts": 0.2, "rename a parent tag": 1.0, "undo the rename": 1.0, "colour a parent tag": 1.0}


def build_project(path: Path, seed: int = 11) -> int:
    rng = random.Random(seed)
    project = create_project(path, "Tag benchmark")
    paths = [f"topic{t}/sub{s}" for t in range(TOP) for s in range(SUB)]
    with project.db.transaction():
        text = make_text(rng, CHARS)
        source = project.sources.add(SourceMeta("Tagged source"), text, text.encode(), "text/plain")
        for start, end in spans_for(rng, len(text), CLAIMS):
            chosen = tuple(rng.sample(paths, rng.choice((1, 2))))
            project.claims.add(source.id, anchor_at(text, start, end), ClaimDraft(tags=chosen))
    project.close()
    return source.id


def _median(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _step(project, text, edit) -> tuple[float, float]:
    """Seconds to do a journalled edit (change set collected) and to undo it."""
    command = commands.JournalledEdit(text, edit)
    started = time.perf_counter()
    commands.perform(project, command)
    done = time.perf_counter() - started
    started = time.perf_counter()
    commands.perform(project, command, undo=True)
    return done, time.perf_counter() - started


def measure(path: Path, source_id: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with open_project(path) as project:
        one = [project.claims.list(source_id)[5000].id]
        results["spans, no colours"] = _median(lambda: project.claims.spans(source_id))
        for top in range(TOP):
            tags.set_tag_colour(project, f"topic{top}", f"#{(top * 37) % 256:02x}80c0")
        results["spans, coloured tags"] = _median(lambda: project.claims.spans(source_id))
        results["spans of one claim"] = _median(lambda: project.claims.spans_of(source_id, one), 50)
        results["tag counts"] = _median(lambda: tags.tag_counts(project))
        done, undone = _step(project, "Rename", lambda p: tags.rename_tag(p, "topic3", "renamed"))
        results["rename a parent tag"], results["undo the rename"] = done, undone
        results["colour a parent tag"], _ = _step(project, "Colour", lambda p: tags.set_tag_colour(p, "topic4", "#123456"))
    return results


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tags.wbproj"
        started = time.perf_counter()
        source_id = build_project(path)
        built = time.perf_counter() - started
        results = measure(path, source_id)
    rows = ["| measure | seconds | target | ratio |", "|---|---|---|---|"]
    for name, seconds in results.items():
        rows.append(f"| {name} | {seconds:.4f} | {TARGETS[name]} | {seconds / TARGETS[name]:.2f} |")
    report = "\n".join([
        "# Tags benchmark", "", machine_line(), "",
        f"One source of {CHARS:,} characters with {CLAIMS:,} claims, each with 1-2 of {TOP * SUB} sub-tags under "
        f"{TOP} top-level tags (built in {built:.1f} s). Median of {REPEATS} runs; edits are one run each, "
        "with the change set collected.", "", *rows])
    print(report)
    out = write_results("tags", report)
    print(f"\nwritten to {out}", file=sys.stderr)
    return 0 if all(results[name] <= TARGETS[name] for name in results) else 1
