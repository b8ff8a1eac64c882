"""The standalone app against the installed program: start-up time, peak memory, bundle size.

``python -m workbench.bench package [--frozen PATH] [--runs N]`` launches each program N
times (default 5) on the sample project, offscreen, and reads the probe line the
program prints once its window is painted (WORKBENCH_STARTUP_PROBE): time from the
launcher's clock reading just before starting it, and the process's peak resident
memory. The frozen app runs with a clean environment (no Python on PATH, no
PYTHONPATH), as an analyst's machine has; PATH holds only fontconfig's ``fc-match`` and
``fc-list``, which the PDF report runs to find its fonts (as packaging/test-frozen does). Build the bundle first with packaging/build.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..services.sample import build_sample
from . import RESULTS_DIR, machine_line, write_results

TARGET_WINDOW_S = 1.5  # as in the GUI benchmark
TARGET_RATIO = 1.0  # the frozen app should not start slower than the installed one
BUDGET_MB = 250
DEFAULT_BUNDLE = RESULTS_DIR.parent / "dist" / "ResearchWorkbench"


def _launch(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    env = dict(env, WORKBENCH_STARTUP_PROBE="1", WORKBENCH_LAUNCHED_AT=repr(time.time()))
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    probe = [line for line in out.stdout.splitlines() if line.startswith("startup-probe ")]
    if out.returncode != 0 or not probe:
        raise SystemExit(f"bench package: {command[0]} did not report its window ({out.stderr.strip()[-300:]})")
    _, seconds, peak_kb = probe[-1].split()
    return float(seconds), int(peak_kb) / 1024


def _folder_mb(folder: Path) -> tuple[float, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1048576, len(files)


def _self_test_seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    run = subprocess.run([*command, "--self-test"], env=env, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise SystemExit(f"bench package: {command[0]} --self-test failed:\n{run.stdout[-2000:]}")
    return time.perf_counter() - started


CI_SECTION = "\n## What the build adds to CI"


def _kept_ci_section() -> str:
    """The CI timings are measured by a full .ci/run, not by this script: keep them across re-runs."""
    try:
        previous = (RESULTS_DIR / "package.md").read_text(encoding="utf-8")
    except OSError:
        return ""
    at = previous.find(CI_SECTION)
    return "\n" + previous[at:] if at >= 0 else ""


def main(argv: list[str]) -> int:
    frozen = Path(argv[argv.index("--frozen") + 1]) if "--frozen" in argv else DEFAULT_BUNDLE / "ResearchWorkbench"
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    if not frozen.is_file():
        print(f"bench package: {frozen}: no standalone app; build it with packaging/build", file=sys.stderr)
        return 1
    installed = [sys.executable, "-m", "workbench"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = build_sample(folder / "sample.wbproj")
        system_tools = folder / "system-tools"
        system_tools.mkdir()
        for tool in ("fc-match", "fc-list"):
            found = shutil.which(tool)
            if found:
                (system_tools / tool).symlink_to(found)
        base = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(folder), "LANG": "C.UTF-8", "TMPDIR": tmp}
        envs = {"installed": dict(os.environ, **base, WORKBENCH_HOME=str(folder / "home-installed")),
                "frozen": dict(base, PATH=str(system_tools), WORKBENCH_HOME=str(folder / "home-frozen"))}
        commands = {"installed": installed, "frozen": [str(frozen)]}
        results = {}
        for _warm_up in range(1):  # first launches read the files from disk; measure warm starts
            for name in commands:
                _launch([*commands[name], "open", str(sample)], envs[name])
        for name in commands:
            launches = [_launch([*commands[name], "open", str(sample)], envs[name]) for _ in range(runs)]
            results[name] = {"window": statistics.median(t for t, _ in launches),
                             "window max": max(t for t, _ in launches),
                             "peak": max(m for _, m in launches),
                             "self-test": _self_test_seconds(commands[name], envs[name])}
    size_mb, files = _folder_mb(frozen.parent)
    tarballs = sorted(frozen.parent.parent.glob("ResearchWorkbench-*.tar.gz"))
    tar_mb = tarballs[-1].stat().st_size / 1048576 if tarballs else float("nan")
    ratio = results["frozen"]["window"] / results["installed"]["window"]
    rows = [f"| {name} | {r['window'] * 1000:.0f} ms (max {r['window max'] * 1000:.0f}) | "
            f"{r['window'] / TARGET_WINDOW_S:.2f} | {r['peak']:.0f} MB | {r['self-test']:.1f} s |"
            for name, r in results.items()]
    report = "\n".join([
        "# Standalone app benchmark", "", machine_line(), "",
        f"Launch to first painted window on the sample project, offscreen, median of {runs} warm launches "
        f"(after one warm-up each); peak resident memory of the launched process; one `--self-test` run each. "
        "Two shared cores, so figures are noisy.", "",
        "| program | window ready | / target 1.5 s | peak memory | self-test |", "|---|---|---|---|---|", *rows, "",
        f"Frozen / installed window time: {ratio:.2f} (target at most {TARGET_RATIO:.1f}).", "",
        f"Bundle: {size_mb:.0f} MB unpacked in {files:,} files (budget {BUDGET_MB} MB, ratio "
        f"{size_mb / BUDGET_MB:.2f}); tarball {tar_mb:.0f} MB.",
    ])
    print(report)
    write_results("package", report + _kept_ci_section())
    return 0
