"""UI-thread stalls during long work: how long the event loop went without turning.

``python -m workbench.bench stalls [--nodes 10000]``. A 5 ms QTimer ticks on the UI
thread while the program does what a person asks of it; the longest gap between two
ticks is how long the window was frozen. Scenarios:

- graph filtering: the sanctions and dependency pane on a synthetic network of
  ``--nodes`` entities (twice as many relations), filtered by kind, by an as-of date
  and shown in the other layout; each waits until the new picture is drawn;
- screening: the Screening tab's run over 1,000 generated entities and a generated
  10,000-entry list (run in the background by ui.background);
- report export: the Export report dialog writing a 1,000-claim report as PDF, DOCX and HTML
  (in the background by ui.background).

Target: no stall over 50 ms. Results in ``benchmarks/stalls.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from ..ui.runtime import note_input
from . import machine_line, write_results

TARGET_MS = 50.0
TICK_MS = 5


class StallMeter:
    """Records the gaps between ticks of a timer on the UI thread."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def __enter__(self) -> StallMeter:
        self.gaps.clear()
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tick()
        self._timer.stop()

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0)

    @property
    def over_target(self) -> int:
        return sum(1 for gap in self.gaps if gap > TARGET_MS)


def _run_until(condition, timeout_s: float = 120.0) -> float:
    """Turn the event loop (as the program would, idle) until ``condition()``; returns the time taken."""
    from PySide6.QtCore import QEventLoop, QTimer

    started = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(lambda: (condition() or time.perf_counter() - started > timeout_s) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    return time.perf_counter() - started


def graph_filtering(nodes: int) -> list[dict]:
    from ..services.synthetic import synthetic_network
    from ..ui.dependency.pane import DependencyPane

    pane = DependencyPane()
    pane.resize(1400, 900)
    pane.show()
    pane.data = synthetic_network(nodes, 2 * nodes, seed=11).with_listed(frozenset())
    pane.refresh_graph()
    pane.wait_for_graph()
    kinds = [pane.kind_filter.itemText(i) for i in range(1, pane.kind_filter.count())]
    steps = [("filter by kind", lambda: pane.kind_filter.setCurrentText(kinds[1])),
             ("all kinds again", lambda: pane.kind_filter.setCurrentIndex(0)),
             ("as-of date", lambda: pane.as_of_enabled.setChecked(True)),
             ("other layout", lambda: pane.layout_choice.setCurrentIndex(1 - pane.layout_choice.currentIndex()))]
    rows = []
    for name, action in steps:
        with StallMeter() as meter:
            note_input()  # a person's click, which holds garbage collection back (ui.runtime)
            action()
            took = _run_until(lambda: not pane.graph_busy())
        rows.append({"scenario": f"graph, {nodes:,} entities: {name}", "seconds": took, "worst_ms": meter.worst_ms,
                     "over": meter.over_target, "shown": pane.summary.text()})
    pane.stop_work()
    pane.close()
    return rows


def screening_run(folder: Path) -> list[dict]:
    from ..services.project import create_project, open_project
    from ..services.screening import lists as list_service
    from ..ui.screening.screening_view import ScreeningView
    from .lists import generated_party, write_ftm

    path = folder / "stalls.wbproj"
    list_file = folder / "entities.ftm.json"
    parties = write_ftm(list_file, 10_000)
    project = create_project(path)
    rng = random.Random(3)
    with project.db.transaction():
        for number in range(1000):
            name = parties[number][1] if number % 20 == 0 else generated_party(rng)[0]
            project.entities.add(f"{name}", "company")
    project.close()
    project = open_project(path)
    list_service.import_list(project, [list_file], "ftm")
    view = ScreeningView()
    view.resize(1200, 700)
    view.show()
    view.set_project(project)
    with StallMeter() as meter:
        note_input()
        view.run_screening()
        took = _run_until(lambda: view.task is None)
    row = {"scenario": "screening 1,000 entities against 10,000 list entries", "seconds": took,
           "worst_ms": meter.worst_ms, "over": meter.over_target, "shown": view.status.text()}
    view.wait()
    view.close()
    project.close()
    return [row]


def report_export(folder: Path, n_claims: int = 1000) -> list[dict]:
    """The Export report dialog writing a 1,000-claim report in each of the heavier formats."""
    from ..services.project import open_project
    from ..ui.reports.dialog import ExportReportDialog
    from .export import build_project

    path = folder / "export.wbproj"
    build_project(path, n_claims)
    project = open_project(path)
    rows = []
    for fmt in ("pdf", "docx", "html"):
        dialog = ExportReportDialog(project)
        dialog.open_when_done.setChecked(False)
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        dialog.path.setText(str(folder / f"report.{fmt}"))
        dialog.show()
        _run_until(lambda: False, timeout_s=0.3)  # let the preview settle: the export is what is measured
        with StallMeter() as meter:
            note_input()
            dialog.start_export()
            took = _run_until(lambda dialog=dialog: dialog.runner.task is None)
        rows.append({"scenario": f"report export, {n_claims:,} claims, {fmt.upper()}", "seconds": took,
                     "worst_ms": meter.worst_ms, "over": meter.over_target, "shown": dialog.status.text()})
        dialog.close()
    project.close()
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench stalls")
    parser.add_argument("--nodes", type=int, default=10_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the event loop being measured
    from ..ui import main_window  # noqa: F401 - the program's start-up imports, there when the app settles
    from ..ui.runtime import settle_after_startup

    settle_after_startup()  # as the app does once its window is up
    rows = graph_filtering(args.nodes)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("WORKBENCH_HOME", str(Path(tmp) / "home"))
        rows += screening_run(Path(tmp))
        rows += report_export(Path(tmp))
    lines = ["| scenario | took (s) | longest stall (ms) | stalls over 50 ms | shown after |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['scenario']} | {r['seconds']:.2f} | {r['worst_ms']:.0f} | {r['over']} | "
                     f"{r['shown'].replace('|', '/')} |")
    worst = max(r["worst_ms"] for r in rows)
    verdict = (f"Target: no stall over {TARGET_MS:.0f} ms: {'met' if worst <= TARGET_MS else 'NOT met'} "
               f"(longest {worst:.0f} ms).")
    table = "\n".join(lines)
    print(table + "\n\n" + verdict)
    write_results("stalls", f"# UI-thread stalls\n\n{machine_line()}. Load average at the end: "
                  f"{os.getloadavg()[0]:.1f} on 2 cores (other agents share them, so figures are pessimistic).\n\n"
                  "A 5 ms timer ticks on the UI thread during the work; a stall is the longest gap between ticks.\n\n"
                  f"{table}\n\n{verdict}\n")
    return 0
