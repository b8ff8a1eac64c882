"""How the project file's costs grow with the work: open, list, search, check, backup at 1x and 10x.

``python -m workbench.bench scale [--sizes 1,10]`` builds a project of 1,000 sources and
20,000 claims per size step (10x: 10,000 and 200,000) and measures, each against our
target and, where one exists, against the floor the same work costs in bare SQLite:

- open: ``open_project`` for editing (the checks: header, schema comparison,
  quick_check) plus listing every source, against reading the same rows with sqlite3;
- claims: listing every claim with its tags and entities, against the bare SELECT;
- search: a two-word query over sources and claims, against the bare FTS5 MATCH;
- check: the full ``check`` (integrity_check, foreign keys, every quote, the indexes);
- backup: a verified online backup.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from ..core.anchoring import anchor_at
from ..core.model import ClaimDraft, ClaimKind, SourceMeta
from ..services import search as search_service
from ..services.project import create_project, open_project
from . import best_of, machine_line, write_results
from .gui import make_text

BASE_SOURCES, BASE_CLAIMS = 1000, 20000
QUERY = "export controls"
# Our targets at 1x; at 10x the same targets, so a miss shows where a cost grows with the work.
TARGETS = {"open": 1.0, "claims": 2.0, "search": 0.2, "check": 30.0, "backup": 10.0}


def build(path: Path, sources: int, claims: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    kinds = list(ClaimKind)
    per_source = claims // sources
    with create_project(path, f"Scale {sources}") as project:
        for first in range(0, sources, 500):  # a transaction per 500 sources keeps the WAL small
            with project.db.transaction():
                for number in range(first, min(first + 500, sources)):
                    text = f"Source {number}\n\n" + make_text(rng, rng.randint(2000, 4000))
                    source = project.sources.add(SourceMeta(f"Scale source {number}"), text, text.encode(),
                                                 "text/plain")
                    step = len(text) // per_source
                    for i in range(per_source):
                        start = i * step + rng.randrange(max(step // 2, 1))
                        end = min(len(text), start + rng.randint(20, 80))
                        project.claims.add(source.id, anchor_at(text, start, end),
                                           ClaimDraft(kind=rng.choice(kinds), tags=(f"t{number % 20}",)))




def _bare(path: Path, sql: str, args: tuple = ()) -> float:
    def run() -> None:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute(sql, args).fetchall()
        finally:
            conn.close()
    return best_of(run)


def measure(path: Path, folder: Path) -> dict[str, tuple[float, float | None]]:
    """Each figure as (seconds, floor seconds or None)."""
    def open_and_list() -> None:
        with open_project(path) as project:
            project.sources.list()

    results = {"open": (best_of(open_and_list), _bare(path, "SELECT id, uuid, title, published FROM source"))}
    with open_project(path, writable=False) as project:
        results["claims"] = (best_of(lambda: project.claims.list(), 2),
                             _bare(path, "SELECT * FROM claim c LEFT JOIN claim_tag t ON t.claim_id = c.id"))
        results["search"] = (best_of(lambda: search_service.search(project, QUERY, 20)),
                             _bare(path, "SELECT rowid FROM source_words WHERE source_words MATCH ? "
                                         "ORDER BY rank LIMIT 20", ('"export" "controls"',)))
        results["check"] = (best_of(project.db.integrity_problems, 1), None)
        targets = iter(range(100))
        results["backup"] = (best_of(lambda: project.db.backup("manual", folder / f"b{next(targets)}.wbproj"), 1),
                             None)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench scale")
    parser.add_argument("--sizes", default="1,10", help="multiples of 1,000 sources and 20,000 claims")
    args = parser.parse_args(argv)
    rows = []
    for factor in (int(s) for s in args.sizes.split(",")):
        sources, claims = BASE_SOURCES * factor, BASE_CLAIMS * factor
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "scale.wbproj"
            started = time.perf_counter()
            build(path, sources, claims)
            built = time.perf_counter() - started
            size_mb = path.stat().st_size / 2**20
            print(f"{factor}x: built {sources:,} sources, {claims:,} claims ({size_mb:.0f} MB) in {built:.0f} s",
                  flush=True)
            for name, (seconds, floor) in measure(path, Path(tmp)).items():
                rows.append((factor, name, seconds, floor))
                print(f"  {name}: {seconds * 1000:.0f} ms" + (f" (bare {floor * 1000:.1f} ms)" if floor else ""),
                      flush=True)
    write_results("scale", render(rows))
    return 0


def render(rows: list[tuple[int, str, float, float | None]]) -> str:
    lines = ["# Project file at 1x and 10x", "", machine_line(), "",
             "1x is 1,000 sources and 20,000 claims; 10x is 10,000 and 200,000. Best of three runs "
             "(check and backup: one). Figures are noisy: other work shares the machine's two cores.", "",
             "| size | figure | ours | target | ours / target | bare SQLite | ours / bare |",
             "|---|---|---|---|---|---|---|"]
    for factor, name, seconds, floor in rows:
        target = TARGETS[name]
        bare = f"{floor * 1000:.1f} ms | {seconds / floor:.1f}x" if floor else "- | -"
        verdict = "" if seconds <= target else " (miss)"
        lines.append(f"| {factor}x | {name} | {seconds * 1000:.0f} ms | {target * 1000:.0f} ms | "
                     f"{seconds / target:.2f}{verdict} | {bare} |")
    return "\n".join(lines)
