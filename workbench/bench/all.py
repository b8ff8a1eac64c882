"""Every benchmark in one go: ``python -m workbench.bench all [--quick]`` writes ``benchmarks/RESULTS.md``.

Runs each benchmark at 1x and, where it takes sizes, 10x (scale: 1,000 and 10,000 sources
with 20,000 and 200,000 claims; lists: 100,000 and 1,000,000 entries, 1,000 entities screened; graph: 1,000 and
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
    ("lists", ["100000", "1000"], ["1000000", "1000"]),  # 1,000 entities screened at both sizes, as issue 15 sets
    ("graph", ["--sizes", "1000"], ["--sizes", "10000"]),
    ("ingest", [], None),
    ("screening", [], None),
    ("gui", [], None),
    ("stalls", [], None),
    ("export", [], None),  # 1,000 and 10,000 claims in one run and one table
    ("exchange", [], None),
    ("cleaning", [], None),
    ("tags", [], None),
    ("search", [], None),  # 50 MB in 1,000 sources; 100,000 occurrences
    ("suggest", [], None),
    ("intelligence", [], None),
    ("package", [], None),  # measures the standalone app that packaging/build made
)


def _bundle_built() -> bool:
    from .package import DEFAULT_BUNDLE
    return (DEFAULT_BUNDLE / "ResearchWorkbench").exists()


def _run(name: str, label: str, run_args: list[str]) -> str:
    """One benchmark at one size; its status line. A sized run's result is also kept as NAME.SIZE.md, so
    that gathering later finds both sizes (each run rewrites NAME.md)."""
    started = time.perf_counter()
    try:
        importlib.import_module(f"workbench.bench.{name}").main(list(run_args))
        outcome = "ok"
    except Exception as exc:  # noqa: BLE001 - a failed benchmark is a result too
        outcome = f"failed: {type(exc).__name__}: {exc}"
        traceback.print_exc()
    result = RESULTS_DIR / f"{name}.md"
    if result.exists() and label:
        (RESULTS_DIR / f"{name}.{label}.md").write_text(result.read_text(encoding="utf-8"), encoding="utf-8")
    return (f"| {name} | {label or '-'} | {' '.join(run_args) or '(defaults)'} | "
            f"{time.perf_counter() - started:.0f} s | {outcome} |")


def _kept_sections(name: str, sized: bool, note: str) -> list[tuple[str, str]]:
    """A benchmark's kept result files: one per size where it has two, else its NAME.md."""
    files = [(label, RESULTS_DIR / f"{name}.{label}.md") for label in ("1x", "10x")] if sized else []
    files = [(label, path) for label, path in files if path.exists()] or [("", RESULTS_DIR / f"{name}.md")]
    return [(f"{name} ({label + ', ' if label else ''}{note})", path.read_text(encoding="utf-8"))
            for label, path in files if path.exists()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench all")
    parser.add_argument("--quick", action="store_true", help="1x sizes only")
    parser.add_argument("--only", help="comma-separated benchmark names")
    parser.add_argument("--gather", action="store_true", help="run nothing: gather the kept result files")
    args = parser.parse_args(argv)
    wanted = set() if args.gather else set(args.only.split(",")) if args.only else {name for name, *_ in RUNS}
    sections, status = [], []
    for name, small, large in RUNS:
        sized = large is not None
        if name in wanted and name == "package" and not _bundle_built():
            status.append("| package | - | - | - | not run: no standalone app built (packaging/build first) |")
            sections += _kept_sections(name, sized, "last kept result, not rerun")
        elif name in wanted:
            for label, run_args in (("1x", small), ("10x", large)):
                if run_args is not None and not (label == "10x" and args.quick):
                    status.append(_run(name, label if sized else "", run_args))
            sections += _kept_sections(name, sized, "this run")
        else:
            status.append(f"| {name} | - | not run this time | - | its last result file, as kept |")
            sections += _kept_sections(name, sized, "last kept result, not rerun")
    write_results("RESULTS", "\n".join(_report(status, sections)))
    return 0


def _report(status: list[str], sections: list[tuple[str, str]]) -> list[str]:
    lines = ["# All benchmarks", "", machine_line(), "",
             "What `python -m workbench.bench all` ran (or, with `--only` or `--gather`, left out), then each "
             "benchmark's own result file: figures, targets and ratios to the bare library or SQLite floor, each "
             "with the date it was measured (benchmarks with two sizes keep one file per size). The crash torture "
             "(`torture`, about 40 minutes for 1,000 kills) is run on its own; its last full run is at the end.", "",
             "| benchmark | size | arguments | wall time | outcome |", "|---|---|---|---|---|", *status, ""]
    for title, text in sections:
        body = "\n".join(("#" + line) if line.startswith("#") else line for line in text.splitlines())
        lines += [f"## {title}", "", body.split("\n", 1)[1].strip() if "\n" in body else body, ""]
    torture = RESULTS_DIR / "TORTURE.md"
    if torture.exists():
        body = torture.read_text(encoding="utf-8").split("\n", 1)[1].strip()
        lines += ["## crash torture (last full run)", "", body, ""]
    return lines
