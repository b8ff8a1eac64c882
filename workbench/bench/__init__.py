"""Benchmarks: ``python -m workbench.bench NAME`` runs ``workbench/bench/NAME.py``'s ``main(argv)``.

Each benchmark prints its figures and ratios and writes them to ``benchmarks/NAME.md``
in the repository, so the results kept there are the ones last measured.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent.parent.parent / "benchmarks"


def machine_line() -> str:
    import os

    return (f"{platform.python_implementation()} {platform.python_version()}, {platform.system()} "
            f"{platform.machine()}, {os.cpu_count()} cores, measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


def write_results(name: str, markdown: str) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.md"
    path.write_text(markdown.rstrip("\n") + "\n", encoding="utf-8")
    return path


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The shortest wall time of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)
