"""Desktop program on a big project: launch, project open, a long source, scrolling, memory.

``python -m workbench.bench gui [--keep DIR]`` builds a project of 1,000 sources and
20,000 claims (one source of 300,000 characters carries 2,000 of them), then measures
with the offscreen Qt platform:

- window ready: from starting a fresh process to the first painted main window;
- project open: opening the file and filling the window, in process;
- the long source: showing it with its 2,000 highlights, painted;
- scroll frame: one page of scrolling, painted, in a 1,000,000-character text
  carrying 20,000 highlights;
- memory: peak resident size of the launched process and of this one.
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
TARGETS = {"window ready": 1.5, "project open": 1.0, "long source": 0.3, "scroll frame": 0.016}
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
    rows = []
    for name in ("window ready", "project open", "long source", "scroll frame"):
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
        f"process peak {results['bench peak MB']:.0f} MB.",
    ])
    print(report)
    write_results("gui", report)
    return 0
