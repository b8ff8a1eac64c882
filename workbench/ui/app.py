"""Starting the desktop program."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..core.errors import ProjectLockedError, WorkbenchError
from ..services.diagnostics import configure_logging
from ..services.project import Project, open_project
from ..services.settings import Settings
from .error_handler import install_error_handler
from .main_window import MainWindow
from .plain_text import warn
from .runtime import settle_after_startup
from .single_instance import InstanceServer, hand_over
from .theme import app_icon, apply_theme


def open_for_gui(path: str) -> Project:
    """Writable if we can; read-only, and said so, when another program holds the project."""
    try:
        return open_project(path)
    except ProjectLockedError:
        return open_project(path, writable=False)


def bring_up(window: MainWindow, path: str | None) -> None:
    """What a later launch asked for: its project opened here (if it names one), the window raised."""
    if path and (window.project is None or Path(window.project.path).resolve() != Path(path).resolve()):
        window.open_path(path)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def run(project_path: str | None = None) -> int:
    install_error_handler(configure_logging())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("org.researchworkbench.ResearchWorkbench")
    app.setWindowIcon(app_icon())
    single = os.environ.get("WORKBENCH_SINGLE_INSTANCE", "1") != "0"
    if single and hand_over(project_path):
        print(f"{APP_NAME} is already running: "
              + (f"{project_path} opened there" if project_path else "its window was brought up"))
        return 0
    settings = Settings()
    apply_theme(app, settings.get("theme", "system"))
    path = project_path or settings.last_project()
    project = None
    if path:
        try:
            project = open_for_gui(path)
            settings.add_recent_project(project.path)
        except WorkbenchError as exc:
            warn(None, APP_NAME, str(exc))
    window = MainWindow(project, settings)
    server = InstanceServer(lambda path: bring_up(window, path), parent=window) if single else None
    if server is not None and not server.listen():
        print(f"{APP_NAME}: cannot listen for later launches; each will open its own window", file=sys.stderr)
    window.show()
    QTimer.singleShot(0, lambda: settle_after_startup(window))  # once the first frame is up (see ui.runtime)
    if os.environ.get("WORKBENCH_STARTUP_PROBE"):
        QTimer.singleShot(0, lambda: report_startup(app, window))
    return app.exec()


def report_startup(app: QApplication, window: MainWindow) -> None:
    """For ``bench package``: print the time from launch to the first painted window, and peak memory, then quit.

    The launcher puts its clock reading in WORKBENCH_LAUNCHED_AT just before starting the
    program, so the figure includes everything a person waits for (for the standalone app,
    the bootloader too).
    """
    import resource
    import time

    app.processEvents()
    window.repaint()
    launched = float(os.environ.get("WORKBENCH_LAUNCHED_AT") or "nan")
    print(f"startup-probe {time.time() - launched:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}",
          flush=True)
    window.close()
    app.quit()
