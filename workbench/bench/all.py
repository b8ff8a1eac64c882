"""Every benchmark in one go: ``python -m workbench.bench all [--quick]`` writes ``benchmarks/RESULTS.md``.

Runs each benchmark at 1x and, where it takes sizes, 10x (scale: 1,000 and 10,000 sources
with 20,000 and 200,000 claims; lists: 100,000 and 1,000,000 entries; graph: 1,000 and
10,000 nodes), each writing its own ``benchmarks/NAME.md``, then gathers those results
into RESULTS.md with the scale table first. ``--quick`` runs 1x only. A benchmark that
fails is reported as failed in RESULTS.md, never left out.
"""

from __future__ import annotations

import argparse
import importlib
import time
import traceback

from . import RESULTS_DIR, machine_line, write_results

# (benchmark, its arguments at 1x, at 10x or None when it has one size)
RUNS = (
    ("scale", ["--sizes", "1"], ["--sizes", "10"]),  # separate runs, so each size gets its own section
    ("lists", ["100000", "1000"], ["1000000", "10000"]),
    ("graph", ["--sizes", "1000"], ["--sizes", "10000"]),
    ("ingest", [], None),
    ("screening", [], None),
    ("gui", [], None),
    ("intelligence", [], None),
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench all")
    parser.add_argument("--quick", action="store_true", help="1x sizes only")
    parser.add_argument("--only", help="comma-separated benchmark names")
    args = parser.parse_args(argv)
    wanted = set(args.only.split(",")) if args.only else None
    sections, status = [], []
    for name, small, large in RUNS:
        if wanted and name not in wanted:
            continue
        for label, run_args in (("1x", small), ("10x", large)):
            if run_args is None or (label == "10x" and args.quick):
                continue
            started = time.perf_counter()
            try:
                importlib.import_module(f"workbench.bench.{name}").main(list(run_args))
                outcome = "ok"
            except Exception as exc:  # noqa: BLE001 - a failed benchmark is a result too
                outcome = f"failed: {type(exc).__name__}: {exc}"
                traceback.print_exc()
            status.append(f"| {name} | {label} | {' '.join(run_args) or '(defaults)'} | "
                          f"{time.perf_counter() - started:.0f} s | {outcome} |")
            result = RESULTS_DIR / f"{name}.md"
            if result.exists():
                sections.append((f"{name} ({label})", result.read_text(encoding="utf-8")))
    for name, _small, _large in RUNS:  # not run this time: the last results as kept in the repository
        result = RESULTS_DIR / f"{name}.md"
        if wanted and name not in wanted and result.exists():
            status.append(f"| {name} | - | not run this time | - | its last result file, as kept |")
            sections.append((f"{name} (last kept result, not rerun)", result.read_text(encoding="utf-8")))
    lines = ["# All benchmarks", "", machine_line(), "",
             "What `python -m workbench.bench all` ran (or, with `--only`, left out), then each benchmark's own "
             "result file: figures, targets and ratios to the bare library or SQLite floor, each with the date it "
             "was measured. The crash torture (`torture`, about 40 minutes for 1,000 kills) is run on its own; "
             "its last full run is at the end.", "",
             "| benchmark | size | arguments | wall time | outcome |", "|---|---|---|---|---|", *status, ""]
    for title, text in sections:
        body = "\n".join(("#" + line) if line.startswith("#") else line for line in text.splitlines())
        lines += [f"## {title}", "", body.split("\n", 1)[1].strip() if "\n" in body else body, ""]
    torture = RESULTS_DIR / "TORTURE.md"
    if torture.exists():
        body = torture.read_text(encoding="utf-8").split("\n", 1)[1].strip()
        lines += ["## crash torture (last full run)", "", body, ""]
    write_results("RESULTS", "\n".join(lines))
    return 0
