"""File ▸ Export report… (Ctrl+Shift+E): scope, layout, format and file, a preview, and a background export.

The dialog starts from the choices last made for this project (kept in the project by
services.reports.choices, the summary included), or from the claims table's selection or
filter when it has one. The preview renders the first claims of the scope as the HTML
report, in a browser that loads nothing. Export runs through the background-operation
helper (ui/background.py): progress, Cancel (nothing is written), result or error.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import WorkbenchError
from ...core.model import ClaimKind, enum_values
from ...services.graph.picture import force_layout_in_child
from ...services.project import Project
from ...services.reports import (
    EXPORT_FORMATS,
    FORMAT_LABELS,
    GROUP_BY,
    PAGE_SIZES,
    SECTIONS,
    ReportLayout,
    ReportScope,
    build_report,
    export_report,
    import_renderer,
)
from ...services.reports.choices import ReportChoices, load_choices, save_choices
from ...services.reports.html import render_html
from ...services.reports.model import SECTION_TITLES
from ...services.reports.scope import describe_scope
from ..background import TaskRunner
from .preview import ReportPreview

PREVIEW_CLAIMS = 25  # enough to judge the look; the whole report is written by Export


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


class ExportReportDialog(QDialog):
    def __init__(self, project: Project, table_scope: ReportScope | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self.setObjectName("exportReportDialog")
        self.project = project
        self.exported: Path | None = None
        choices = load_choices(project)
        self._build(choices, table_scope or choices.scope)
        self.runner = TaskRunner(self.progress, self.cancel_button, self.export_button, lambda: True, self)
        self._preview_timer = QTimer(self, singleShot=True, interval=350)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._connect_changes()
        self.resize(1280, 820)
        self.refresh_preview()

    # -- building ---------------------------------------------------------------------

    def _build(self, choices: ReportChoices, scope: ReportScope) -> None:
        form_side = QWidget()
        side = QVBoxLayout(form_side)
        side.addWidget(self._output_box(choices))
        side.addWidget(self._layout_box(choices.layout))
        side.addWidget(self._scope_box(scope))
        side.addStretch(1)
        self.preview = ReportPreview()
        self.preview_note = QLabel(objectName="previewNote", wordWrap=True)
        preview_side = QWidget()
        preview_column = QVBoxLayout(preview_side)
        preview_column.setContentsMargins(0, 0, 0, 0)
        preview_column.addWidget(self.preview_note)
        preview_column.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(form_side)
        splitter.addWidget(preview_side)
        splitter.setSizes([480, 800])
        self.status = QLabel(objectName="exportStatus", wordWrap=True)
        self.progress = QProgressBar(objectName="exportProgress")
        self.cancel_button = QPushButton("Cancel export", objectName="cancelExport")
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("startExport")
        self.export_button.setDefault(True)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.export_button.clicked.connect(self.start_export)
        bottom = QHBoxLayout()
        for widget, stretch in ((self.status, 1), (self.progress, 1), (self.cancel_button, 0), (buttons, 0)):
            bottom.addWidget(widget, stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _output_box(self, choices: ReportChoices) -> QGroupBox:
        box = QGroupBox("Format and file")
        form = QFormLayout(box)
        self.format = QComboBox(objectName="reportFormat")
        for fmt in EXPORT_FORMATS:
            self.format.addItem(f"{FORMAT_LABELS[fmt]} (.{fmt})", fmt)
        self.format.setCurrentIndex(EXPORT_FORMATS.index(choices.fmt))
        self.path = QLineEdit(objectName="reportPath")
        self.path.setText(str(self.project.path.with_name(f"{self.project.path.stem}-report.{choices.fmt}")))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.page_size = QComboBox(objectName="reportPageSize")
        for size in PAGE_SIZES:
            self.page_size.addItem({"a4": "A4", "letter": "US Letter"}[size], size)
        self.page_size.setCurrentIndex(PAGE_SIZES.index(choices.layout.page_size))
        self.open_when_done = QCheckBox("Open the file when done", checked=choices.open_when_done)
        form.addRow("Format", self.format)
        form.addRow("File", row)
        form.addRow("PDF page size", self.page_size)
        form.addRow("", self.open_when_done)
        return box

    def _layout_box(self, layout: ReportLayout) -> QGroupBox:
        box = QGroupBox("Layout")
        form = QFormLayout(box)
        self.title = QLineEdit(layout.title, placeholderText=self.project.title, objectName="reportTitle")
        self.author = QLineEdit(layout.author, objectName="reportAuthor")
        self.handling = QLineEdit(layout.handling, placeholderText="Internal — not for distribution",
                                  objectName="reportHandling")
        self.group_by = QComboBox(objectName="reportGroupBy")
        for key in GROUP_BY:
            self.group_by.addItem(f"by {key}", key)
        self.group_by.setCurrentIndex(GROUP_BY.index(layout.group_by))
        self.sections = {}
        grid = QWidget()
        checks = QHBoxLayout(grid)
        checks.setContentsMargins(0, 0, 0, 0)
        for section in SECTIONS:
            box_ = QCheckBox(SECTION_TITLES[section].split(":")[0].split(",")[0], checked=section in layout.sections)
            box_.setToolTip(SECTION_TITLES[section])
            self.sections[section] = box_
            checks.addWidget(box_)
        self.summary = QPlainTextEdit(layout.summary, objectName="reportSummary")
        self.summary.setPlaceholderText("Your summary: kept in the project for the next export")
        self.summary.setFixedHeight(110)
        for label, widget in (("Title", self.title), ("Author", self.author), ("Handling", self.handling),
                              ("Group claims", self.group_by), ("Sections", grid), ("Summary", self.summary)):
            form.addRow(label, widget)
        return box

    def _scope_box(self, scope: ReportScope) -> QGroupBox:
        box = QGroupBox("Scope (empty fields: no restriction)")
        form = QFormLayout(box)
        self.scope_fields = {
            "tags": QLineEdit(", ".join(scope.tags), placeholderText="region, sanctions/us (with sub-tags)"),
            "entities": QLineEdit(", ".join(scope.entities), placeholderText="names, comma-separated"),
            "sources": QLineEdit(", ".join(scope.sources), placeholderText="source ids"),
            "reliability": QLineEdit(", ".join(scope.reliability), placeholderText="A, B"),
            "credibility": QLineEdit(", ".join(str(c) for c in scope.credibility), placeholderText="1, 2"),
            "created_from": QLineEdit(scope.created_from, placeholderText="YYYY-MM-DD"),
            "created_to": QLineEdit(scope.created_to, placeholderText="YYYY-MM-DD"),
            "claim_ids": QLineEdit(", ".join(scope.claim_ids), placeholderText="claim ids (the table's selection)"),
        }
        for name, edit in self.scope_fields.items():
            edit.setObjectName(f"scope_{name}")
        self.kinds = {}
        kinds_row = QWidget()
        row = QHBoxLayout(kinds_row)
        row.setContentsMargins(0, 0, 0, 0)
        for kind in enum_values(ClaimKind):
            self.kinds[kind] = QCheckBox(kind, checked=kind in scope.kinds)
            row.addWidget(self.kinds[kind])
        labels = {"tags": "Tags", "entities": "Entities", "sources": "Sources", "reliability": "Reliability",
                  "credibility": "Credibility", "created_from": "Created from", "created_to": "Created to",
                  "claim_ids": "Only claims"}
        for name, edit in self.scope_fields.items():
            form.addRow(labels[name], edit)
        form.addRow("Kinds", kinds_row)
        self.scope_words = QLabel(objectName="scopeWords", wordWrap=True)
        form.addRow("", self.scope_words)
        return box

    def _connect_changes(self) -> None:
        for edit in (self.title, self.author, self.handling, *self.scope_fields.values()):
            edit.textChanged.connect(lambda _: self._preview_timer.start())
        self.summary.textChanged.connect(self._preview_timer.start)
        for combo in (self.group_by,):
            combo.currentIndexChanged.connect(lambda _: self._preview_timer.start())
        for box in (*self.sections.values(), *self.kinds.values()):
            box.toggled.connect(lambda _: self._preview_timer.start())
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    # -- reading the form -------------------------------------------------------------------

    def current_format(self) -> str:
        return self.format.currentData()

    def current_scope(self) -> ReportScope:
        f = {name: edit.text() for name, edit in self.scope_fields.items()}
        credibility = []
        for value in _split(f["credibility"]):
            if not value.isdigit():
                raise WorkbenchError(f"credibility must be a number from 1 to 6, not {value!r}")
            credibility.append(int(value))
        return ReportScope(tags=_split(f["tags"]), sources=_split(f["sources"]), entities=_split(f["entities"]),
                           kinds=tuple(k for k, box in self.kinds.items() if box.isChecked()),
                           reliability=_split(f["reliability"]), credibility=tuple(credibility),
                           created_from=f["created_from"].strip(), created_to=f["created_to"].strip(),
                           claim_ids=_split(f["claim_ids"]))

    def current_layout(self) -> ReportLayout:
        return ReportLayout(group_by=self.group_by.currentData(),
                            sections=tuple(s for s, box in self.sections.items() if box.isChecked()),
                            title=self.title.text().strip(), author=self.author.text().strip(),
                            handling=self.handling.text().strip(), summary=self.summary.toPlainText(),
                            page_size=self.page_size.currentData())

    def current_choices(self) -> ReportChoices:
        return ReportChoices(self.current_format(), self.current_layout(), self.current_scope(),
                             self.open_when_done.isChecked())

    # -- reacting ---------------------------------------------------------------------------

    def _format_changed(self) -> None:
        # The renderer is loaded when its format is chosen, not by the export's worker: importing
        # python-docx's many modules in a worker thread holds the GIL through each (PySide6's
        # import hook even reads their source), which froze the window 60-100 ms into an export.
        fmt = self.current_format()
        import_renderer(fmt)
        self.page_size.setEnabled(fmt == "pdf")
        path = Path(self.path.text())
        if path.suffix.lstrip(".") in EXPORT_FORMATS:
            self.path.setText(str(path.with_suffix(f".{fmt}")))

    def _browse(self) -> None:
        fmt = self.current_format()
        path, _ = QFileDialog.getSaveFileName(self, "Export report to", self.path.text(),
                                              f"{FORMAT_LABELS[fmt]} (*.{fmt})")
        if path:
            self.path.setText(path if Path(path).suffix else f"{path}.{fmt}")

    def refresh_preview(self) -> None:
        try:
            scope, layout = self.current_scope(), self.current_layout()
            report = build_report(self.project, scope, layout, limit=PREVIEW_CLAIMS)
        except WorkbenchError as exc:
            self.scope_words.setText(f"⚠ {exc}")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(self.runner.task is None)
        total = report.extra.get("claims_in_scope", len(report.claims))
        self.scope_words.setText(f"{describe_scope(self.project, scope)} {total} claim(s).")
        shown = "all" if total <= PREVIEW_CLAIMS else f"the first {PREVIEW_CLAIMS} of {total:,}"
        self.preview_note.setText(f"Preview of the HTML report, {shown} claims (the graph appears in the file).")
        self.preview.show_report_html(render_html(report))

    def start_export(self) -> None:
        try:
            choices = self.current_choices()
        except WorkbenchError as exc:
            self.status.setText(f"⚠ {exc}")
            return
        target = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip():
            self.status.setText("⚠ choose a file to write")
            return
        if self.project.writable:
            save_choices(self.project, choices)
        self.status.setText(f"Writing {target.name}…")

        def work(project: Project, report) -> Path:
            return export_report(project, choices.fmt, target, choices.scope, choices.layout,
                                 on_progress=lambda done, total: report(done / total, f"{done} of {total}"),
                                 place_nodes=force_layout_in_child)

        self.runner.start(self.project, work, self._progress, self._succeeded, self._failed, self._cancelled)

    def _progress(self, fraction: float, message: str) -> None:
        self.status.setText(f"Writing… {message}")

    def _succeeded(self, path: Path) -> None:
        self.exported = path
        self.status.setText(f"Written to {path}")
        if self.open_when_done.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.accept()

    def _failed(self, message: str) -> None:
        self.status.setText(f"⚠ The export failed: {message}. Nothing was written.")

    def _cancelled(self) -> None:
        self.status.setText("Export cancelled; nothing was written.")

    def done(self, result: int) -> None:
        self._preview_timer.stop()  # the project may close right after the dialog
        if self.runner.task is not None:
            self.runner.wait()  # stop the export: its file is not written
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.runner.wait()
        super().closeEvent(event)

