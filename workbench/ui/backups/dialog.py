"""The backups dialog: the project's verified backups, newest first; back up now; restore one.

Restoring replaces the open project, so the window closes it first (releasing the
writer lock), the service moves the current file aside and copies the backup in, and
the window opens the result. The confirmation says what would be lost: every edit
made after the backup was taken (they stay in the file kept aside).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core.errors import WorkbenchError
from ...services.project import newest_good_backup, project_backups

_COLUMNS = ("Taken (UTC)", "Why", "Size", "File")


def _when(backup) -> str:
    return backup.taken_at.strftime("%Y-%m-%d %H:%M:%S")


class BackupsDialog(QDialog):
    """Lists the backups of ``window.project``; the window does the closing, restoring and reopening."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.path = Path(window.project.path)
        self.setWindowTitle(f"Backups of {self.path.name}")
        self.note = QLabel(f"Backups are kept in {self.path.with_name(self.path.stem + '.backups')}, "
                           "checked by reading them back. One is taken automatically each day the project is "
                           "opened, and before a sanctions list is re-imported.")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore selected…")
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self.refresh()

    def refresh(self) -> None:
        self.backups = project_backups(self.path)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (_when(backup), backup.reason, f"{backup.size / 2**20:.1f} MB", backup.path.name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))

    def back_up_now(self) -> None:
        try:
            target = self.window_.project.db.backup("manual")
        except WorkbenchError as exc:
            QMessageBox.warning(self, "Backup failed", str(exc))
            return
        self.refresh()
        self.window_.statusBar().showMessage(f"Backed up to {target}", 8000)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        backup = self.backups[rows[0].row()]
        if confirm_restore(self, self.path, backup, damaged=False):
            self.accept()
            self.window_.restore_backup(backup.path)


def confirm_restore(parent, path: Path, backup, damaged: bool) -> bool:
    """Ask before replacing the project, saying what would be lost and where the current file goes."""
    when = _when(backup)
    opening = (f"{path.name} is damaged and cannot be opened.\n\nOpen its newest good backup instead, "
               f"taken {when} UTC?" if damaged else f"Replace {path.name} with the backup taken {when} UTC?")
    box = QMessageBox(QMessageBox.Icon.Warning, "Restore backup",
                      f"{opening}\n\nEdits made after {when} UTC would be lost from the project. The current file "
                      f"is kept beside it as {path.stem}.before-restore-….wbproj, so nothing is deleted.",
                      QMessageBox.StandardButton.Cancel, parent)
    restore = box.addButton("Restore and open" if damaged else "Restore", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


def offer_recovery(window, path: Path) -> bool:
    """For a project that failed to open as damaged: offer its newest good backup. True when it was restored."""
    backup = newest_good_backup(path)
    if backup is None or not confirm_restore(window, path, backup, damaged=True):
        return False
    return window.restore_backup(backup.path, path)
