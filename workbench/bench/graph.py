"""Dependency graph: layout time and panning frame rate of the real view at 1,000 and 10,000 nodes.

``python -m workbench.bench graph [--sizes 1000,10000] [--frames 60]``. Frames are timed
as a pan step plus one paint of the graph widget's viewport (offscreen, or the X server
given by DISPLAY), which is what the user waits for while dragging.
"""

from __future__ import annotations

import argparse
import os
import time

from . import machine_line, write_results


def _time(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def _pan_fps(view, frames: int) -> tuple[float, float]:
    """Frames per second while panning, and the slowest frame in ms.

    A frame is one pan step and exactly one paint of the viewport: the paint Qt schedules
    for the step, or a synchronous repaint if it scheduled none (paints are counted).
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                PaintCounter.count += 1
            return False

    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    box = view.getViewBox()
    (x0, x1), _ = box.viewRange()
    step = (x1 - x0) / 200
    app = QApplication.instance()
    view.viewport().repaint()  # first draw builds the symbol atlas: not a pan frame
    app.processEvents()
    durations = []
    for i in range(frames):
        start = time.perf_counter()
        painted = PaintCounter.count
        box.translateBy(x=step if (i // 30) % 2 == 0 else -step)
        app.processEvents()
        if PaintCounter.count == painted:
            view.viewport().repaint()
        durations.append(time.perf_counter() - start)
    view.viewport().removeEventFilter(counter)
    return frames / sum(durations), max(durations) * 1000


def measure(n_nodes: int, n_edges: int, frames: int) -> dict:
    from ..services.graph import dependency
    from ..services.graph import layout as graph_layout
    from ..services.synthetic import synthetic_network
    from ..ui.dependency.graph_view import GraphView

    data = synthetic_network(n_nodes, n_edges, seed=11)
    graph, build_s = _time(dependency.build_graph, data)
    force, force_s = _time(graph_layout.force_layout, graph)
    _, layered_s = _time(graph_layout.layered_layout, graph)
    view = GraphView()
    view.resize(1400, 900)
    view.show()
    _, show_s = _time(view.show_graph, graph, force)
    fps, worst_ms = _pan_fps(view, frames)
    zoomed = view.getViewBox()
    zoomed.scaleBy((0.25, 0.25))
    fps_zoomed, _ = _pan_fps(view, frames)
    view.close()
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "build_s": build_s,
            "force_s": force_s, "layered_s": layered_s, "first_draw_s": show_s, "fps": fps,
            "worst_ms": worst_ms, "fps_zoomed": fps_zoomed}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench graph")
    parser.add_argument("--sizes", default="1000,10000", help="node counts; edges are twice as many")
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - keeps Qt alive while we draw
    platform = QApplication.platformName()
    rows = [measure(int(n), 2 * int(n), args.frames) for n in args.sizes.split(",")]
    lines = ["| nodes | edges | graph build (s) | force layout (s) | layered layout (s) | first draw (s) | "
             "pan fps (whole graph) | slowest frame (ms) | pan fps (zoomed 4x) |", "|" + "---|" * 9]
    for r in rows:
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['build_s']:.2f} | {r['force_s']:.2f} | "
                     f"{r['layered_s']:.2f} | {r['first_draw_s']:.2f} | {r['fps']:.1f} | {r['worst_ms']:.0f} | "
                     f"{r['fps_zoomed']:.1f} |")
    target = next((r for r in rows if r["nodes"] >= 10_000), None)
    verdict = ""
    if target:
        verdict = (f"\nTarget: 10,000 nodes and 20,000 edges pan at >= 20 fps: "
                   f"{'met' if min(target['fps'], target['fps_zoomed']) >= 20 else 'NOT met'} "
                   f"({target['fps']:.1f} fps whole graph, {target['fps_zoomed']:.1f} fps zoomed in).\n")
    table = "\n".join(lines)
    print(table + verdict)
    write_results("graph", f"# Dependency graph benchmark\n\n{machine_line()}, Qt platform `{platform}`.\n"
                  "Other agents share the CPU cores, so figures are noisy.\n\n"
                  "Synthetic networks (workbench.services.synthetic, heavy-tailed degrees). Force layout: igraph "
                  "Fruchterman-Reingold (grid variant above 1,000 nodes, 500 iterations). A frame is one pan step "
                  "and one paint of the real GraphView (1400x900), labels included.\n\n"
                  f"{table}\n{verdict}\n"
                  "Earlier runs: under Xvfb (`xcb`) 33.9 fps whole graph and 23.9 zoomed in; offscreen while other "
                  "agents were busy, 18 and 15 fps. The margin over 20 fps is thin on this shared 2-core machine; "
                  "most of a frame is QPainter drawing the 20,000 links. A run that reports far higher figures is "
                  "probably looking at empty space (see test_packed_lone_nodes_stay_close_to_a_large_main_part).\n")
    return 0
