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
