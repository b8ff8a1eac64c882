"""``workbench --self-test``: proof that an installed or frozen program works on this machine.

A bundle that lacks a data file, a Qt plugin or a hidden import fails here, on the
analyst's machine or in CI, instead of in front of a deadline. Every step runs in a
temporary folder with its own ``WORKBENCH_HOME``, so the user's settings, recent
projects and sample copy are never touched, and with network connections refused, so
a step that tried to reach out fails. One line per step, with its time; the exit
status is 0 only when every step passed.

The steps are in ``steps.py`` (the project, no Qt) and ``gui.py`` (the window,
rendered offscreen). This package sits in the top layer, beside the entry point.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import __version__


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str


class NetworkRefusedError(OSError):
    """Raised for any attempt to open a network connection during the self-test."""


def _refuse_network(original: Callable) -> Callable:
    def guarded(sock, address, *args, **kwargs):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkRefusedError(f"the self-test never uses the network (attempted {address!r})")
        return original(sock, address, *args, **kwargs)
    return guarded


@contextmanager
def network_refused():
    """Refuse internet sockets in this process meanwhile; local (Unix) sockets, as Qt uses, still work."""
    original = socket.socket.connect, socket.socket.connect_ex
    socket.socket.connect = _refuse_network(original[0])  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse_network(original[1])  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = original  # type: ignore[method-assign]


class SlotErrors:
    """Exceptions raised in Qt slots (a lazily built pane, a timer) are printed by Qt, not raised to
    the caller: collect them, so the step during which one happened fails."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self._previous = sys.excepthook

    def __enter__(self) -> SlotErrors:
        sys.excepthook = self._record
        return self

    def _record(self, kind, value, tb) -> None:
        self.errors.append(f"{kind.__name__}: {value}")
        if os.environ.get("WORKBENCH_DEBUG"):
            traceback.print_exception(kind, value, tb)

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors

    def __exit__(self, *exc: object) -> None:
        sys.excepthook = self._previous


def run_step(name: str, action: Callable[[], str], out, slot_errors: SlotErrors | None = None) -> StepResult:
    started = time.perf_counter()
    try:
        detail = re.sub(r"<[^>]+>", " ", action() or "")
        raised = slot_errors.take() if slot_errors is not None else []
        if raised:
            raise RuntimeError(f"{len(raised)} error(s) in the window's event handlers: {raised[0]}")
        ok = True
    except Exception as exc:  # noqa: BLE001 - every failure is reported as this step's, then the next runs
        ok = False
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        if os.environ.get("WORKBENCH_DEBUG"):
            traceback.print_exc()
    seconds = time.perf_counter() - started
    print(f"{'ok  ' if ok else 'FAIL'} {seconds * 1000:8.0f} ms  {name}" + (f": {detail}" if detail else ""),
          file=out, flush=True)
    return StepResult(name, ok, seconds, detail)


def _isolate_environment(home: Path) -> None:
    os.environ["WORKBENCH_HOME"] = str(home)
    # Offscreen, whatever the desktop: the self-test shows no window and needs no display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("WORKBENCH_DEBUG_NETWORK", None)


def self_test(out=None) -> int:
    """Run every step; returns the exit status (0: all passed)."""
    out = out or sys.stdout
    from . import gui, steps

    frozen = "frozen" if getattr(sys, "frozen", False) else "installed"
    print(f"Research Workbench {__version__} self-test ({frozen}, {sys.executable})", file=out, flush=True)
    started = time.perf_counter()
    saved_env = dict(os.environ)
    results: list[StepResult] = []
    with (tempfile.TemporaryDirectory(prefix="workbench-selftest-") as tmp, network_refused(),
          SlotErrors() as slot_errors):
        folder = Path(tmp)
        _isolate_environment(folder / "home")
        state = steps.State(folder)
        try:
            for name, action in [*steps.project_steps(state), *gui.gui_steps(state)]:
                results.append(run_step(name, action, out, slot_errors))
        finally:
            state.close()
            os.environ.clear()
            os.environ.update(saved_env)
    failed = [r.name for r in results if not r.ok]
    total = time.perf_counter() - started
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(results)} steps ({', '.join(failed)}) in {total:.1f} s",
              file=out, flush=True)
        return 1
    print(f"self-test passed: {len(results)} steps in {total:.1f} s", file=out, flush=True)
    return 0
