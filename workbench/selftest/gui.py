"""The self-test's window steps: the main window and each pane, rendered offscreen and checked.

A pane counts as rendered when its grabbed image is not blank (more than a handful of
colours): a missing Qt plugin, font or image format shows up as a failed step rather
than an empty window. Panes are found by walking the window's docks and tab widgets,
so a pane another change adds is rendered without being named here.
"""

from __future__ import annotations

import time

from .steps import FIXTURES, State, Step

MIN_COLOURS = 3


def _distinct_colours(image, samples: int = 48) -> int:
    width, height = image.width(), image.height()
    if width <= 0 or height <= 0:
        return 0
    seen = set()
    for i in range(samples):
        for j in range(samples):
            seen.add(image.pixel(i * (width - 1) // (samples - 1), j * (height - 1) // (samples - 1)))
    return len(seen)


def _check_rendered(widget, what: str) -> str:
    pixmap = widget.grab()
    colours = _distinct_colours(pixmap.toImage())
    if pixmap.isNull() or colours < MIN_COLOURS:
        raise RuntimeError(f"{what} rendered blank ({pixmap.width()}x{pixmap.height()}, {colours} colours)")
    return f"{pixmap.width()}x{pixmap.height()}, {colours} colours"


class WindowSteps:
    def __init__(self, state: State):
        self.state = state
        self.app = None
        self.window = None

    def _process(self, seconds: float = 0.05) -> None:
        deadline = time.perf_counter() + seconds
        while True:
            self.app.processEvents()
            if time.perf_counter() >= deadline:
                return

    def need_window(self):
        if self.window is None:
            raise RuntimeError("no window: the main window step failed")
        return self.window

    def open_window(self) -> str:
        from PySide6.QtWidgets import QApplication

        from ..services.settings import Settings
        from ..ui.main_window import MainWindow

        self.app = QApplication.instance() or QApplication(["workbench-selftest"])
        started = time.perf_counter()
        self.window = MainWindow(self.state.need_project(), Settings())
        self.window.resize(1440, 900)
        self.window.show()
        self._process()
        self.window.repaint()
        ready = time.perf_counter() - started
        return f"painted in {ready * 1000:.0f} ms, {_check_rendered(self.window, 'the main window')}"

    def icon(self) -> str:
        from PySide6.QtGui import QImageReader

        from ..ui.theme import app_icon

        formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
        missing = {"svg", "png", "jpeg"} - formats
        if missing:
            raise RuntimeError(f"Qt image formats missing: {', '.join(sorted(missing))}")
        pixmap = app_icon().pixmap(64, 64)
        if pixmap.isNull() or _distinct_colours(pixmap.toImage(), 16) < MIN_COLOURS:
            raise RuntimeError("the application icon (resources/icon.svg) did not render")
        return f"icon rendered, {len(formats)} image formats"

    def reader(self) -> str:
        window = self.need_window()
        window.open_source(self.state.source_ids["PDF"], self.state.claim_id)
        self._process()
        shown = window.reader.toPlainText()
        phrase = FIXTURES["PDF"][1]
        if phrase not in " ".join(shown.split()):
            raise RuntimeError(f"the reader does not show the PDF's text ({phrase!r})")
        return _check_rendered(window.reader_view, "the reader")

    def panes(self) -> str:
        from PySide6.QtWidgets import QDockWidget, QTabWidget

        window = self.need_window()
        rendered = []
        for dock in window.findChildren(QDockWidget):
            dock.show()
            dock.raise_()
            self._process(0.2)  # a lazily built pane is made when its tab is first shown
            widget = dock.widget()
            _check_rendered(widget, f"pane {dock.windowTitle()!r}")
            rendered.append(dock.windowTitle())
            for tabs in widget.findChildren(QTabWidget):
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    self._process()
                    _check_rendered(tabs.currentWidget(), f"tab {tabs.tabText(index)!r} of {dock.windowTitle()!r}")
                    rendered.append(f"{dock.windowTitle()}/{tabs.tabText(index).replace('&', '')}")
        if not rendered:
            raise RuntimeError("the window has no panes")
        return f"{len(rendered)} rendered: {', '.join(rendered)}"

    def about(self) -> str:
        from .. import __version__
        from ..ui.main_window import about_text

        text = about_text()
        if __version__ not in text:
            raise RuntimeError(f"Help > About does not show the version {__version__}")
        return " ".join(text.split())[:120]

    def close(self) -> str:
        window = self.need_window()
        window.close()
        self._process()
        self.window = None
        self.state.project = None  # the window closed it
        return "closed"


def gui_steps(state: State) -> list[Step]:
    steps = WindowSteps(state)
    return [("open the main window (offscreen)", steps.open_window),
            ("render the application icon", steps.icon),
            ("show a source in the reader", steps.reader),
            ("render every pane", steps.panes),
            ("Help > About", steps.about),
            ("close the window", steps.close)]
