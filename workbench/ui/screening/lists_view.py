"""The Sanctions lists tab: the imported lists with their import history, Import list… running in the
background with progress and Cancel, what a re-import added and removed, and the rows it could not read."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import WorkbenchError
from ...core.lists import ImportSummary, SanctionsList
from ...services.project import Project
from ...services.reference import ReferenceReport, load_reference
from ...services.screening import lists as list_service
from ..background import RunsTasks, TaskRunner
from ..item_models import Column, RecordTableModel, record_table
from ..plain_text import warn
from .import_dialog import ImportRequest, ListImportDialog


@dataclass(frozen=True)
class ListRow:
    list: SanctionsList
    history: tuple[dict, ...]

    @property
    def last(self) -> dict:
        return self.history[-1] if self.history else {}

    def problems(self, record: dict | None = None) -> list[str]:
        text = (record or self.last).get("problems") or ""
        return [line for line in text.split("\n") if line]


def _change_text(record: dict, first: bool) -> str:
    return "first import" if first else f"+{record['added']:,} −{record['removed']:,}"


class ListsView(RunsTasks, QWidget):
    lists_changed = Signal()  # a list was imported or re-imported
    reference_loaded = Signal(object)  # the ReferenceReport

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sanctionsListsView")
        self.project: Project | None = None
        self.undo = None  # the window's UndoController: reference loads are steps on it, imports are announced
        self.last_summary: ImportSummary | None = None
        self.last_error = ""
        self._build()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.import_button = QPushButton("Import list…")
        self.import_button.setObjectName("importListButton")
        self.import_button.setToolTip("Import or re-import a sanctions list (OFAC, CSL, OpenSanctions, EU, UK)")
        self.import_button.clicked.connect(self.choose_import)
        self.reference_button = QPushButton("Load reference data")
        self.reference_button.setObjectName("loadReferenceButton")
        self.reference_button.setToolTip("Load or reload the bundled countries, BRICS dates, measures, chips and "
                                         "companies; rows you changed or deleted are left alone")
        self.reference_button.clicked.connect(self.load_reference_data)
        self.progress = QProgressBar(objectName="listImportProgress", maximumWidth=240)
        self.cancel_button = QPushButton("Cancel", objectName="cancelListImport")
        self.runner = TaskRunner(self.progress, self.cancel_button, self.import_button, self._writable, self)
        self.status = QLabel(objectName="listsStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        for widget in (self.import_button, self.reference_button, self.progress, self.cancel_button):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)

        self.list_model = RecordTableModel([
            Column("List", lambda r: r.list.name), Column("Format", lambda r: r.list.format),
            Column("Version", lambda r: r.list.version_date),
            Column("Entries", lambda r: f"{r.list.entry_count:,}", sort_value=lambda r: r.list.entry_count),
            Column("Last import", lambda r: _change_text(r.last, len(r.history) < 2) if r.history else ""),
            Column("Problems", lambda r: len(r.problems())),
            Column("Files", lambda r: r.list.files.replace(";", ", "))], parent=self)
        self.list_table = record_table("sanctionsListTable", self.list_model, stretch_last=True)
        self.list_table.selectionModel().currentRowChanged.connect(self._list_chosen)
        for column, width in enumerate((220, 70, 90, 70, 90, 70)):
            self.list_table.setColumnWidth(column, width)
        self.history_model = RecordTableModel([
            Column("Version", lambda h: h["version_date"]), Column("Imported", lambda h: h["imported_at"][:16]),
            Column("Entries", lambda h: f"{h['entries']:,}"), Column("Added", lambda h: h["added"]),
            Column("Removed", lambda h: h["removed"]),
            Column("Problems", lambda h: len([p for p in (h["problems"] or "").split("\n") if p]))], parent=self)
        self.history_table = record_table("listHistoryTable", self.history_model, stretch_last=True)
        self.history_table.selectionModel().currentRowChanged.connect(self._import_chosen)
        self.change_model = RecordTableModel([
            Column("Change", lambda c: c[0]), Column("Entry", lambda c: c[1]), Column("Name", lambda c: c[2])],
            parent=self)
        self.change_table = record_table("listChangeTable", self.change_model, stretch_last=True)
        self.problems_text = QPlainTextEdit(objectName="listProblems", readOnly=True)
        self.log = QPlainTextEdit(objectName="listsLog", readOnly=True)
        self.log.setPlaceholderText("What imports and reference loads did shows here.")
        details = QTabWidget(objectName="listDetailTabs")
        details.addTab(self.change_table, "Added and removed")
        details.addTab(self.problems_text, "Problems")
        details.addTab(self.log, "Log")
        self.details = details
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.history_table)
        right.addWidget(details)
        right.setSizes([90, 200])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.list_table)
        body.addWidget(right)
        body.setSizes([620, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(body, 1)

    # -- project and lists -----------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.wait()
        self.project = project
        self.log.clear()
        writable = project is not None and project.writable
        self.import_button.setEnabled(writable)
        self.reference_button.setEnabled(writable)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        rows = []
        if self.project is not None:
            rows = [ListRow(sl, tuple(list_service.list_history(self.project, sl.name)))
                    for sl in list_service.list_lists(self.project)]
        current = select or (self.current_row().list.name if self.current_row() else None)
        self.list_model.set_records(rows)
        names = [r.list.name for r in rows]
        row = names.index(current) if current in names else (0 if rows else -1)
        if row >= 0:
            self.list_table.selectRow(row)
        else:
            self.history_model.set_records([])
            self.change_model.set_records([])
            self.problems_text.clear()

    def current_row(self) -> ListRow | None:
        index = self.list_table.currentIndex()
        return self.list_model.record(index.row()) if index.isValid() else None

    def _list_chosen(self, current, _previous=None) -> None:
        if not current.isValid():
            return
        row = self.list_model.record(current.row())
        self.history_model.set_records(list(row.history))
        if row.history:
            self.history_table.selectRow(len(row.history) - 1)

    def _import_chosen(self, current, _previous=None) -> None:
        if not current.isValid() or self.project is None:
            return
        record = self.history_model.record(current.row())
        self.change_model.set_records(list_service.import_changes(self.project, record["id"]))
        problems = [p for p in (record["problems"] or "").split("\n") if p]
        self.problems_text.setPlainText("\n".join(problems) if problems else "Every row was read.")
        self.details.setTabText(0, f"Added and removed ({record['added']:,} / {record['removed']:,})")
        self.details.setTabText(1, f"Problems ({len(problems):,})")

    def _say(self, text: str) -> None:
        self.status.setText(text.split("\n", 1)[0])
        self.log.appendPlainText(text)

    # -- importing ----------------------------------------------------------------------

    def choose_import(self) -> None:
        if self.project is None or self.task is not None:
            return
        dialog = ListImportDialog([r.list.name for r in self.list_model.records()], self,
                                  str(self.project.path.parent))
        if dialog.exec():
            self.start_import(dialog.request())

    def start_import(self, request: ImportRequest) -> None:
        """Import in the background; the tab shows progress and a Cancel button until it ends."""
        if self.project is None or self.task is not None:
            return

        def work(project: Project, progress) -> ImportSummary:
            return list_service.import_list(project, request.paths, request.fmt, request.name or None,
                                            request.version_date or None, progress)

        self.last_summary, self.last_error = None, ""
        self.status.setText(f"Importing {', '.join(p.name for p in request.paths)}…")
        self.runner.start(self.project, work, self._progress, self._imported, self._failed, self._cancelled)

    def _progress(self, _fraction: float, message: str) -> None:
        self.status.setText(f"Importing: {message}")

    def _imported(self, summary: ImportSummary) -> None:
        self.last_summary = summary
        lines = [f"{summary.list_name} ({summary.version_date}): {summary.entries:,} entries"]
        if summary.previous_version is not None:
            lines[0] += (f"; since the version of {summary.previous_version or 'unknown date'}: "
                         f"{summary.added:,} added, {summary.removed:,} removed")
            lines += [f"  + {c}" for c in summary.added_sample] + [f"  − {c}" for c in summary.removed_sample]
        lines += [f"  left out {count:,} {reason}" for reason, count in sorted(summary.skipped.items())]
        if summary.problems:
            lines[0] += f"; {len(summary.problems):,} row(s) could not be read"
            lines += [f"  skipped {p}" for p in summary.problems]
        self._say("\n".join(lines))
        self.reload(select=summary.list_name)
        if self.undo is not None:
            self.undo.broadcast(self.runner.changes)
        self.lists_changed.emit()

    def _failed(self, message: str) -> None:
        self.last_error = message
        self._say(f"Import failed, nothing was changed: {message}")

    def _cancelled(self) -> None:
        self._say("Import cancelled, nothing was changed")


    # -- reference data ---------------------------------------------------------------------

    def load_reference_data(self) -> ReferenceReport | None:
        """Small (tens of rows): loaded on the UI thread in one transaction."""
        if self.project is None:
            return None
        try:
            if self.undo is not None:  # one undoable step on the window's history
                report = self.undo.run_edit("Load reference data", load_reference)
            else:
                report = load_reference(self.project)
        except WorkbenchError as exc:
            warn(self, "Reference data", str(exc))
            return None
        lines = [f"Reference data: {report.summary()}"]
        for title, refs in (("added", report.added), ("updated", report.updated),
                            ("kept as you changed them", report.overridden), ("left deleted", report.deleted)):
            if refs:
                lines.append(f"  {title}: {', '.join(refs)}")
        self._say("\n".join(lines))
        self.details.setCurrentWidget(self.log)
        self.reference_loaded.emit(report)
        return report
