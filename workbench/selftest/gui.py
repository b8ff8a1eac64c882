"""The self-test's window steps: the main window and each pane, rendered offscreen and checked.

A pane counts as rendered when its grabbed image is not blank (more than a handful of
colours): a missing Qt plugin, font or image format shows up as a failed step rather
than an empty window. Panes are found by walking the window's docks and tab widgets,
so a pane another change adds is rendered without being named here.

A dialog that would wait for a click (a warning box from a failed background task) is
closed and charged to the step it opened in, so a broken bundle fails the self-test
instead of leaving it waiting offscreen for ever.
"""

from __future__ import annotations

import os
import signal
import time

from .steps import FIXTURES, State, Step

MIN_COLOURS = 3
LARGE_GRAPH_TIMEOUT_MS = 120_000  # the child's start and layout take a few seconds; loaded CI machines are slow


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


def _close_modal_dialog() -> None:
    """Close a modal dialog and raise its text, which the self-test's slot-error hook charges to the step."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    dialog = QApplication.activeModalWidget()
    if dialog is None:
        return
    text = dialog.text() if isinstance(dialog, QMessageBox) else ""
    getattr(dialog, "reject", dialog.close)()  # a dialog's own event loop ends with reject
    raise RuntimeError(f"a dialog opened: {dialog.windowTitle()}: {' '.join(text.split())[:200]}")


class WindowSteps:
    def __init__(self, state: State):
        self.state = state
        self.app = None
        self.window = None
        self._dialog_guard = None

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
        self._guard_against_dialogs()
        started = time.perf_counter()
        self.window = MainWindow(self.state.need_project(), Settings())
        self.window.resize(1440, 900)
        self.window.show()
        self._process()
        self.window.repaint()
        ready = time.perf_counter() - started
        return f"painted in {ready * 1000:.0f} ms, {_check_rendered(self.window, 'the main window')}"

    def _guard_against_dialogs(self) -> None:
        from PySide6.QtCore import QTimer

        self._dialog_guard = QTimer()
        self._dialog_guard.setInterval(200)  # fires inside a dialog's own event loop too
        self._dialog_guard.timeout.connect(_close_modal_dialog)
        self._dialog_guard.start()

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

    def large_graph(self) -> str:
        """Lay out a network big enough to go to the picture child process, as the pane does for a real one.

        The child is started with multiprocessing's "spawn": in the frozen app that re-runs the
        executable, which only works when its entry point hands the child to ``freeze_support``
        and the bundle holds every module the layout needs."""
        from ..services.synthetic import synthetic_network
        from ..ui.dependency.pane import BACKGROUND_FROM_ENTITIES

        pane = self.need_window().dependency_pane
        project_data = pane.data
        size = BACKGROUND_FROM_ENTITIES * 2
        pane.data = synthetic_network(size, size * 3, seed=10).with_listed(frozenset())
        try:
            pane.refresh_graph()
            if pane._graph_task is None:
                raise RuntimeError(f"{size} entities were laid out in the window's thread, not the child process")
            pane.wait_for_graph(LARGE_GRAPH_TIMEOUT_MS)
            children = pane._picture_process.child_pids()
            if pane._graph_task is not None:
                for pid in children:  # a child that hangs would hold the window's closing up too
                    os.kill(pid, signal.SIGTERM)
                raise RuntimeError(f"no picture after {LARGE_GRAPH_TIMEOUT_MS // 1000} s (child {children})")
            self._process()
            if pane.graph is None or pane.graph.number_of_nodes() != size:
                shown = 0 if pane.graph is None else pane.graph.number_of_nodes()
                raise RuntimeError(f"the graph shows {shown} of {size} entities")
            if not children or os.getpid() in children:
                raise RuntimeError(f"no child process made the picture (children {children})")
            rendered = _check_rendered(pane.graph_view, "the large graph")
            return f"{size} entities laid out in child process {children[0]} ({_program_of(children[0])}), {rendered}"
        finally:
            pane.data = project_data
            pane.refresh_graph()

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
        if self._dialog_guard is not None:
            self._dialog_guard.stop()
        self.window = None
        self.state.project = None  # the window closed it
        return "closed"


def _program_of(pid: int) -> str:
    """The executable a process runs (Linux's /proc), for the step's line; "?" elsewhere."""
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/exe"))
    except OSError:
        return "?"


def gui_steps(state: State) -> list[Step]:
    steps = WindowSteps(state)
    return [("open the main window (offscreen)", steps.open_window),
            ("render the application icon", steps.icon),
            ("show a source in the reader", steps.reader),
            ("render every pane", steps.panes),
            ("lay out a large graph in the child process", steps.large_graph),
            ("Help > About", steps.about),
            ("close the window", steps.close)]
