"""The main window's project: opening, creating and restoring one, and closing the one open before.

Kept apart from main_window.py, which assembles the panes: this is the plumbing around which
project file the window shows, its recent list, its read-only banner, and what happens when a
file is locked by another window or damaged. A mixin rather than a helper object, because the
menus, the welcome page and the backups dialog call these as the window's own slots.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from .. import APP_NAME
from ..core.errors import WorkbenchError
from ..services.project import Project, create_project, open_project, restore_project
from ..services.sample import user_sample
from . import menus
from .backups import dialog as backups_ui
from .plain_text import escaped


class WindowProject:
    """For MainWindow: ``set_project`` hands a project (or None) to every pane; the rest find the project."""

    project: Project | None

    def set_project(self, project: Project | None) -> None:
        self.editor.commit()
        self.cancel_import(wait=True)
        if self.project is not None and self.project is not project:
            self.project.close()
        self.project = project
        self.current_source_id = self.current_claim = None
        self.undo.set_project(project)
        self.intelligence.set_project(project)
        self.claims_pane.set_project(project)
        self.search_pane.set_project(project)
        self.suggestions_pane.set_project(project, self.undo)
        if self._dependency_pane is not None:
            self._dependency_pane.set_project(project)
        self.editor.set_claim(None)
        self.editor.set_writable(project is None or project.writable)
        menus.update_enabled(self)
        if project is None:
            self.setWindowTitle(APP_NAME)
            self._show_read_only_banner(None)
            self.library.set_sources([])
            self.reader_view.clear()
            self.welcome.set_recent(self.settings.recent_projects())
            self.central.setCurrentWidget(self.welcome)
            return
        self.settings.add_recent_project(project.path)
        menus.update_recent(self)
        self._show_read_only_banner(project)
        suffix = "" if project.writable else " (read-only)"
        self.setWindowTitle(f"{project.title}{suffix} — {APP_NAME}")
        self.central.setCurrentWidget(self.reader_view)
        sources = project.sources.list()
        self.library.set_sources(sources)
        self._update_completions()
        self.statusBar().showMessage(f"Opened {project.title}: {len(sources)} sources, "
                                     f"{project.claims.count()} claims{suffix}", 8000)
        remembered = self.settings.get("last_source", {}).get(str(project.path))
        first = next((s for s in sources if s.uuid == remembered), sources[0] if sources else None)
        self.reader_view.clear()  # nothing of the previous project may stay on screen
        self.claims_pane.set_source(None)
        if first is not None:
            self.open_source(first.id)

    def open_path(self, path: str | Path) -> bool:
        if self.project is not None and _same_file(self.project.path, path):
            # Already open here: opening it again would find our own lock and fall back to read-only.
            self.raise_()
            self.activateWindow()
            self.statusBar().showMessage(f"{self.project.title} is already open", 5000)
            return True
        try:
            project = open_project(path)
        except WorkbenchError as exc:
            if "open in another" in str(exc):
                try:
                    project = open_project(path, writable=False)
                except WorkbenchError as again:
                    return self.show_error(str(again)) and False
            elif "damaged" in str(exc) and backups_ui.offer_recovery(self, Path(path)):
                return True
            else:
                return self.show_error(str(exc)) and False
        self.set_project(project)
        return True

    def show_backups(self) -> None:
        if self.project is not None:
            backups_ui.BackupsDialog(self).exec()

    def restore_backup(self, backup: Path, path: Path | None = None) -> bool:
        """Close the project (if open), put ``backup`` in its place (the current file is kept aside), reopen."""
        path = Path(path or self.project.path)
        self.set_project(None)
        try:
            aside = restore_project(path, backup)
        except WorkbenchError as exc:
            self.show_error(str(exc))
            return self.open_path(path) and False
        opened = self.open_path(path)
        if opened:
            self.statusBar().showMessage(f"Restored from {backup.name}; the replaced file was kept as {aside.name}",
                                         10000)
        return opened

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "Workbench projects (*.wbproj)")
        if path:
            self.open_path(path)

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "", "Workbench projects (*.wbproj)")
        if path:
            try:
                self.set_project(create_project(path))
            except WorkbenchError as exc:
                self.show_error(str(exc))

    def open_sample(self) -> None:
        try:
            self.open_path(user_sample())
        except WorkbenchError as exc:
            self.show_error(str(exc))

    def _show_read_only_banner(self, project: Project | None) -> None:
        """A read-only project says so for as long as it is open, with why and how to get write access."""
        if project is None or project.writable:
            self.read_only_banner.hide()
            return
        self.read_only_banner.setText(
            f"<b>Read-only:</b> {escaped(project.path.name)} is open for editing in another program or window, "
            "so nothing can be changed here. Close it there, then choose File ▸ Open recent to edit it.")
        self.read_only_banner.show()


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
