"""Killed at any moment: no half-made sample, no stray files, no orphaned import worker."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from workbench.services.sample import build_sample


def _claim_count(path):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM claim").fetchone()[0]
    finally:
        conn.close()


def test_a_killed_sample_build_leaves_nothing_or_the_whole_sample(tmp_path):
    full = _claim_count(build_sample(tmp_path / "reference.wbproj"))
    target = tmp_path / "out" / "sample.wbproj"
    target.parent.mkdir()
    rng = random.Random(12)
    outcomes = set()
    for _ in range(8):
        writer = subprocess.Popen([sys.executable, "-m", "workbench", "sample", str(target)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        if target.exists():
            assert _claim_count(target) == full  # never an empty or partial sample under the real name
            outcomes.add("complete")
            target.unlink()
        else:
            outcomes.add("absent")
    assert build_sample(target) == target and _claim_count(target) == full
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "sample.wbproj"]
    assert leftovers == [], leftovers


def test_the_user_sample_is_never_served_half_made(cli, workbench_home):
    code, out, _ = cli("sample")
    path = out.strip()
    assert code == 0 and _claim_count(__import__("pathlib").Path(path)) > 0
    assert not [p for p in os.listdir(os.path.dirname(path)) if p.endswith(".tmp") or ".building." in p]


_PARENT = """
import sys
from pathlib import Path
from workbench.services.ingest.base import ImportOptions
from workbench.services.ingest.worker import Extractor
extractor = Extractor()
extractor._worker(512)
print(extractor._process.pid, flush=True)
extractor.extract(Path(sys.argv[1]), ImportOptions(timeout=float(sys.argv[2]), max_bytes=200 * 2**20))
"""


def _slow_file(folder):
    path = folder / "long.txt"
    line = "Export controls on chips restrict the sale of accelerators to Russia and its suppliers.\\n"
    path.write_text(line * 300_000, encoding="utf-8")
    return path


def _gone(pid, within):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # reap it if it is our own child's child that became a zombie under us
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["parent killed", "parent stopped"])
def test_the_import_worker_does_not_outlive_its_parent_or_its_time_limit(tmp_path, how):
    slow = _slow_file(tmp_path)
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(slow), "60" if how == "parent killed" else "0.5"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    worker = int(parent.stdout.readline())
    time.sleep(0.3)
    if how == "parent killed":
        parent.kill()
        assert _gone(worker, 1.5), "the worker outlived its killed parent"
    else:
        parent.send_signal(signal.SIGSTOP)  # a parent that cannot enforce the limit
        assert _gone(worker, 0.5 + 4), "the worker ran past its time limit"
        parent.kill()
    parent.wait()
    assert b"Traceback" not in parent.stderr.read()


def test_crash_torture_short_run_loses_nothing(tmp_path):
    """50 SIGKILLs of a writer making random edits (the full 1,000-kill run is in benchmarks/TORTURE.md)."""
    from workbench.bench.torture import torture

    result = torture(50, seed=7, workdir=tmp_path, max_life=0.5)
    assert result.kills == 50
    findings = result.integrity_errors + result.lost_edits + result.reopen_refusals + result.writer_errors
    assert findings == [], findings[:5]
    assert result.edits_acknowledged > 100
    assert {"claim", "claim edit", "undo", "entity add", "relation add", "list import"} <= set(result.edits_by_kind)
