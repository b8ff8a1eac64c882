"""Starting the desktop program."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..core.errors import ProjectLockedError, WorkbenchError
from ..services.diagnostics import configure_logging
from ..services.project import Project, open_project
from ..services.settings import Settings
from .error_handler import install_error_handler
from .main_window import MainWindow
from .plain_text import warn
from .theme import app_icon, apply_theme


def open_for_gui(path: str) -> Project:
    """Writable if we can; read-only, and said so, when another program holds the project."""
    try:
        return open_project(path)
    except ProjectLockedError:
        return open_project(path, writable=False)


def run(project_path: str | None = None) -> int:
    install_error_handler(configure_logging())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
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
    window.show()
    return app.exec()
