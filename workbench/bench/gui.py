"""Desktop program on a big project: launch, project open, a long source, scrolling, memory.

``python -m workbench.bench gui [--keep DIR]`` builds a project of 1,000 sources and
20,000 claims (one source of 300,000 characters carries 2,000 of them), then measures
with the offscreen Qt platform:

- window ready: from starting a fresh process to the first painted main window;
- project open: opening the file and filling the window, in process;
- the long source: showing it with its 2,000 highlights, painted;
- scroll frame: one page of scrolling, painted, in a 1,000,000-character text
  carrying 20,000 highlights;
- memory: peak resident size of the launched process and of this one;
- edits: creating, editing, deleting a claim and undoing each, with a 1,000,000-character
  source carrying 20,000 claims open, from the command to the repainted reader (the
  median of repeated edits; the target is one frame, 16 ms).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..core.anchoring import anchor_at
from ..core.model import ClaimDraft, ClaimKind, SourceMeta
from ..services.project import create_project, open_project
from . import machine_line, write_results

SOURCES, CLAIMS, LONG_CHARS, LONG_CLAIMS = 1000, 20000, 300_000, 2000
SCROLL_CHARS, SCROLL_HIGHLIGHTS = 1_000_000, 20000
TARGETS = {"window ready": 1.5, "project open": 1.0, "long source": 0.3, "scroll frame": 0.016,
           "create claim": 0.016, "edit claim": 0.016, "delete claim": 0.016, "undo": 0.016}
EDIT_REPEATS = 15
_WORDS = ("export controls chips accelerator sanctions supply chain Huawei Ascend Nvidia Moscow Beijing GPU "
          "licence entity list memory fabrication Сбер GigaChat вычисления рынок 华为 芯片 🚀 data centre "
          "power grid partnership BRICS summit forecast capacity shortage").split()


def make_text(rng: random.Random, length: int) -> str:
    words, size = [], 0
    while size < length:
        word = rng.choice(_WORDS)
        words.append(word + ("\n\n" if rng.random() < 0.02 else " "))
        size += len(words[-1])
    return "".join(words)[:length]


def spans_for(rng: random.Random, length: int, count: int) -> list[tuple[int, int]]:
    """``count`` spans of 20-120 characters spread over the text; some overlap, as real claims do."""
    step = length / count
    spans = []
    for i in range(count):
        start = int(i * step + rng.random() * step * 0.5)
        spans.append((start, min(length, start + rng.randint(20, 120))))
    return spans


def build_project(path: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    kinds = list(ClaimKind)
    project = create_project(path, "Benchmark project")
    with project.db.transaction():
        per_source = (CLAIMS - LONG_CLAIMS) // (SOURCES - 1)
        for number in range(SOURCES):
            long = number == 0
            text = make_text(rng, LONG_CHARS if long else rng.randint(2000, 6000))
            text = f"Source {number}\n\n{text}"
            source = project.sources.add(SourceMeta(f"Benchmark source {number}", publisher="Bench desk",
                                                    published=f"2024-{number % 12 + 1:02d}-01"),
                                         text, text.encode(), "text/plain")
            count = LONG_CLAIMS if long else per_source + (1 if number <= (CLAIMS - LONG_CLAIMS) % (SOURCES - 1) else 0)
            for start, end in spans_for(rng, len(text), count):
                project.claims.add(source.id, anchor_at(text, start, end), ClaimDraft(kind=rng.choice(kinds)))
    assert project.sources.count() == SOURCES and project.claims.count() == CLAIMS
    project.close()


_LAUNCH = """
import sys, time
t0 = float(sys.argv[2])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.ui.app import open_for_gui
from workbench.ui.main_window import MainWindow
window = MainWindow(open_for_gui(sys.argv[1]))
window.show()
def ready():
    app.processEvents()
    window.repaint()
    import resource
    print(time.time() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    window.close()
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def measure_launch(path: Path, home: Path) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKBENCH_HOME=str(home))
    started = time.time()
    out = subprocess.run([sys.executable, "-c", _LAUNCH, str(path), repr(started)], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def measure_in_process(path: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from ..services.settings import Settings
    from ..ui.main_window import MainWindow
    from ..ui.reader.view import ReaderView
    from ..ui.theme import KIND_COLOURS, SELECTED_COLOUR

    app = QApplication.instance() or QApplication([])
    window = MainWindow(None, Settings())
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    started = time.perf_counter()
    window.set_project(open_project(path))
    app.processEvents()  # the highlighter paints in a queued call: wait for it
    window.repaint()
    results = {"project open": time.perf_counter() - started}
    long_id = next(s.id for s in window.project.sources.list() if s.text_length > LONG_CHARS)
    window.open_source(next(s.id for s in window.project.sources.list() if s.id != long_id))
    app.processEvents()
    started = time.perf_counter()
    window.open_source(long_id)
    app.processEvents()
    window.reader.viewport().repaint()
    results["long source"] = time.perf_counter() - started
    results["long source highlights"] = len(window.reader_view.highlighter.index)
    window.close()

    rng = random.Random(3)
    text = make_text(rng, SCROLL_CHARS)
    spans = [(i, start, end, rng.choice(list(KIND_COLOURS["light"]))) for i, (start, end)
             in enumerate(spans_for(rng, len(text), SCROLL_HIGHLIGHTS))]
    reader = ReaderView(KIND_COLOURS["light"], SELECTED_COLOUR["light"])
    reader.resize(1000, 800)
    reader.show()
    started = time.perf_counter()
    reader.show_text("scroll test", text, spans)
    app.processEvents()
    results["scroll text open"] = time.perf_counter() - started
    bar = reader.text_view.verticalScrollBar()
    frames = []
    for step in range(120):
        started = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep() if step % 40 else rng.randint(0, bar.maximum()))
        reader.text_view.viewport().repaint()
        frames.append(time.perf_counter() - started)
    results["scroll frame"] = statistics.median(frames)
    results["scroll frame p95"] = sorted(frames)[int(len(frames) * 0.95)]
    results["scroll highlights"] = len(reader.highlighter.index)
    reader.close()
    results["bench peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def build_edit_project(path: Path, seed: int = 11) -> None:
    """One source of SCROLL_CHARS characters carrying SCROLL_HIGHLIGHTS claims."""
    rng = random.Random(seed)
    kinds = list(ClaimKind)
    project = create_project(path, "Edit benchmark")
    text = make_text(rng, SCROLL_CHARS)
    with project.db.transaction():
        source = project.sources.add(SourceMeta("One long source"), text, text.encode(), "text/plain")
        for start, end in spans_for(rng, len(text), SCROLL_HIGHLIGHTS):
            project.claims.add(source.id, anchor_at(text, start, end), ClaimDraft(kind=rng.choice(kinds)))
    project.close()


def measure_edits(path: Path) -> dict[str, float]:
    """Claim edits through the window's undo controller, each timed to the repainted reader."""
    from PySide6.QtWidgets import QApplication

    from ..services import commands
    from ..services.settings import Settings
    from ..ui.main_window import MainWindow
    from ..ui.runtime import settle_after_startup

    app = QApplication.instance() or QApplication([])
    window = MainWindow(open_project(path), Settings())
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    settle_after_startup(window)  # as the app does once its window is up (ui.app.run)
    source_id = window.project.sources.list()[0].id
    window.open_source(source_id)
    app.processEvents()
    text_length = len(window.reader.toPlainText())
    rng = random.Random(5)
    names = ("create claim", "edit claim", "delete claim", "undo")
    timings: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}

    def timed(name: str, action) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        action()
        app.processEvents()
        window.reader.viewport().repaint()
        timings[name].append(time.perf_counter() - started)
        cpu[name].append(time.process_time() - cpu_started)

    for _ in range(EDIT_REPEATS):
        start = rng.randint(0, text_length - 200)
        window.reader_view.reveal(start, start + 40)
        app.processEvents()
        create = commands.CreateClaim(source_id, start, start + 40)
        timed("create claim", lambda create=create: window.undo.run(create))
        window.undo.end_merging()
        timed("edit claim", lambda create=create: window.undo.run(
            commands.edit_claim(window.project, create.claim_id, statement="measured", tags=("bench/edit",))))
        timed("delete claim", lambda create=create: window.undo.run(commands.DeleteClaim(create.claim_id)))
        timed("undo", window.undo.undo_last)
    window.close()
    return ({name: statistics.median(values) for name, values in timings.items()}
            | {f"{name} worst": max(values) for name, values in timings.items()}
            | {f"{name} cpu": statistics.median(values) for name, values in cpu.items()})


def main(argv: list[str]) -> int:
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "bench-gui.wbproj"
        if not path.exists():
            started = time.perf_counter()
            build_project(path)
            print(f"built {path.name}: {SOURCES} sources, {CLAIMS} claims in {time.perf_counter() - started:.1f} s")
        launches = [measure_launch(path, Path(tmp) / "home") for _ in range(3)]
        results = {"window ready": statistics.median(t for t, _ in launches),
                   "window process peak MB": max(m for _, m in launches)}
        os.environ["WORKBENCH_HOME"] = str(Path(tmp) / "home")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        results.update(measure_in_process(path))
        edit_path = folder / "bench-edits.wbproj"
        if not edit_path.exists():
            build_edit_project(edit_path)
        results.update(measure_edits(edit_path))
    rows = []
    for name in ("window ready", "project open", "long source", "scroll frame", "create claim", "edit claim",
                 "delete claim", "undo"):
        ratio = results[name] / TARGETS[name]
        rows.append(f"| {name} | {results[name] * 1000:.1f} ms | {TARGETS[name] * 1000:.0f} ms | {ratio:.2f} |")
    report = "\n".join([
        "# GUI benchmark", "", machine_line(), "",
        f"Project: {SOURCES} sources, {CLAIMS} claims; the long source has {LONG_CHARS:,} characters and "
        f"{results['long source highlights']:.0f} highlights; the scroll test shows {SCROLL_CHARS:,} characters "
        f"with {results['scroll highlights']:.0f} highlights. Offscreen Qt platform; two shared cores, so "
        "figures are noisy.", "",
        "| measure | time | target | time / target |", "|---|---|---|---|", *rows, "",
        f"Scroll frame 95th percentile: {results['scroll frame p95'] * 1000:.1f} ms; showing that 1,000,000-character "
        f"text with its highlights took {results['scroll text open'] * 1000:.0f} ms. Window ready is the median "
        "of three launches, from starting a fresh Python process to the first painted window.", "",
        f"Memory: launched window process peak {results['window process peak MB']:.0f} MB; this benchmark "
        f"process peak {results['bench peak MB']:.0f} MB.", "",
        f"Edits: with the {SCROLL_CHARS:,}-character source and its {SCROLL_HIGHLIGHTS:,} claims open (the claims "
        f"table showing all of them), each edit goes through the window's undo controller and is timed to the "
        f"repainted reader; medians of {EDIT_REPEATS}, worst: "
        + ", ".join(f"{name} {results[name + ' worst'] * 1000:.1f} ms"
                    for name in ("create claim", "edit claim", "delete claim", "undo")) + "; CPU time of this process "
        "(medians, what the edit itself costs whatever else the machine runs): "
        + ", ".join(f"{name} {results[name + ' cpu'] * 1000:.1f} ms"
                    for name in ("create claim", "edit claim", "delete claim", "undo"))
        + f". Load average while measuring: {os.getloadavg()[0]:.1f} on 2 cores.",
    ])
    print(report)
    write_results("gui", report)
    return 0
