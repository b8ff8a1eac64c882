"""The main window: source library, reader and claims over one open project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView, QDockWidget, QFileDialog, QHeaderView, QLabel, QMainWindow, QMessageBox, QPlainTextEdit,
    QTableView, QTextEdit,
)

from .. import APP_NAME, __version__
from ..core.errors import WorkbenchError
from ..core.model import Claim, ClaimKind, Source
from ..core.text import one_line
from ..services.project import Project, open_project
from .dependency.pane import DependencyPane
from .item_models import Column, RecordTableModel
from .offsets import OffsetMap

KIND_COLOURS = {
    ClaimKind.FACT: "#cfe8ff", ClaimKind.STATISTIC: "#d7f5d0", ClaimKind.FORECAST: "#ffe8c2",
    ClaimKind.OPINION: "#f3d9fa", ClaimKind.EVENT: "#fff3b0",
}

SOURCE_COLUMNS = [
    Column("Title", lambda s: s.title, lambda s: s.title),
    Column("Published", lambda s: s.meta.published),
    Column("Claims", lambda s: s.claim_count),
]
CLAIM_COLUMNS = [
    Column("Quote", lambda c: one_line(c.anchor.quote, 90), lambda c: c.anchor.quote),
    Column("Statement", lambda c: one_line(c.statement, 80), lambda c: c.statement),
    Column("Kind", lambda c: c.kind.value),
    Column("Grading", lambda c: c.grading.code),
    Column("Tags", lambda c: ", ".join(c.tags)),
    Column("Entities", lambda c: ", ".join(c.entities)),
]


def _table(name: str, model: RecordTableModel, widths: dict[int, int], stretch: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in widths.items():
        header.resizeSection(column, width)
    return view


class MainWindow(QMainWindow):
    def __init__(self, project: Project | None = None):
        super().__init__()
        self.project: Project | None = None
        self.resize(1400, 860)
        self.source_model = RecordTableModel(SOURCE_COLUMNS, parent=self)
        self.claim_model = RecordTableModel(CLAIM_COLUMNS, parent=self)
        self._build_widgets()
        self._build_menus()
        self.set_project(project)

    def _build_widgets(self) -> None:
        self.reader = QPlainTextEdit()
        self.reader.setObjectName("reader")
        self.reader.setReadOnly(True)
        self.reader.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFont(self.reader.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.reader.setFont(font)
        self.welcome = QLabel(
            "<h2>No project open</h2><p>Open a project with <b>File ▸ Open</b> (Ctrl+O), "
            "or start from the <b>sample project</b>.</p>")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sources_view = _table("sourceList", self.source_model, {1: 90, 2: 60}, stretch=0)
        self.sources_view.selectionModel().currentRowChanged.connect(lambda cur, _: self._show_source(cur.row()))
        self.claims_view = _table("claimsTable", self.claim_model, {0: 420, 2: 80, 3: 70, 4: 200, 5: 260},
                                  stretch=1)
        self.claims_view.selectionModel().currentRowChanged.connect(lambda cur, _: self._select_claim(cur.row()))
        for title, widget, area in (("Sources", self.sources_view, Qt.DockWidgetArea.LeftDockWidgetArea),
                                    ("Claims", self.claims_view, Qt.DockWidgetArea.BottomDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{widget.objectName()}Dock")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
        self.resizeDocks([self.findChild(QDockWidget, "sourceListDock")], [420], Qt.Orientation.Horizontal)
        self._add_dependency_dock()

    def _add_dependency_dock(self) -> None:
        """The sanctions and dependency pane, tabbed with the claims; its evidence opens quotes in the reader."""
        self.dependency_pane = DependencyPane()
        self.dependency_pane.claim_activated.connect(self.open_claim)
        dock = QDockWidget("Dependencies", self)
        dock.setObjectName("dependencyView")
        dock.setWidget(self.dependency_pane)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.tabifyDockWidget(self.findChild(QDockWidget, "claimsTableDock"), dock)

    def open_claim(self, claim_id: int) -> None:
        """Show a claim's source in the reader with the claim selected."""
        if self.project is None:
            return
        claim = self.project.claims.get(claim_id)
        rows = range(self.source_model.rowCount())
        self.sources_view.selectRow(next(r for r in rows if self.source_model.record(r).id == claim.source_id))
        rows = range(self.claim_model.rowCount())
        self.claims_view.selectRow(next(r for r in rows if self.claim_model.record(r).id == claim_id))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._choose_project)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([open_action, quit_action])
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(lambda: QMessageBox.about(
            self, APP_NAME, f"<b>{APP_NAME}</b> {__version__}<br>Sources, claims, sanctions and AI hardware."))
        help_menu.addAction(about)

    # -- project ----------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        if self.project is not None:
            self.project.close()
        self.project = project
        self.dependency_pane.set_project(project)
        if project is None:
            self.setWindowTitle(APP_NAME)
            self.setCentralWidget(self.welcome)
            self.source_model.set_records([])
            self.claim_model.set_records([])
            return
        self.reader.setParent(None)
        self.setCentralWidget(self.reader)
        suffix = "" if project.writable else " (read-only)"
        self.setWindowTitle(f"{project.title}{suffix} — {APP_NAME}")
        sources = project.sources.list()
        self.source_model.set_records(sources)
        self.statusBar().showMessage(f"{len(sources)} sources, {project.claims.count()} claims{suffix}")
        if sources:
            self.sources_view.selectRow(0)

    def _choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "Workbench projects (*.wbproj)")
        if path:
            try:
                self.set_project(open_project(path))
            except WorkbenchError as exc:
                QMessageBox.warning(self, APP_NAME, str(exc))

    # -- reader -----------------------------------------------------------------

    def _show_source(self, row: int) -> None:
        if self.project is None or row < 0:
            return
        source: Source = self.source_model.record(row)
        text = self.project.sources.text(source.id)
        self._offsets = OffsetMap(text)
        self.reader.setPlainText(text)
        claims = self.project.claims.list(source_id=source.id)
        self.claim_model.set_records(claims)
        self._highlight(claims)

    def _highlight(self, claims: list[Claim], selected: Claim | None = None) -> None:
        selections = []
        for claim in claims:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(KIND_COLOURS[claim.kind]))
            if selected is not None and claim.id == selected.id:
                fmt.setBackground(QColor("#ffb347"))
                fmt.setFontUnderline(True)
            selections.append(self._selection(claim.anchor.start, claim.anchor.end, fmt))
        self.reader.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _select_claim(self, row: int) -> None:
        if row < 0:
            return
        claim: Claim = self.claim_model.record(row)
        self._highlight([self.claim_model.record(r) for r in range(self.claim_model.rowCount())], claim)
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self._offsets.to_utf16(claim.anchor.start))
        self.reader.setTextCursor(cursor)
        self.reader.centerCursor()
        self.statusBar().showMessage(f"{claim.kind.value}: {one_line(claim.statement or claim.anchor.quote, 120)}")

    def selected_text_span(self) -> tuple[int, int] | None:
        """The reader's selection as code-point offsets into the source text."""
        cursor = self.reader.textCursor()
        if not cursor.hasSelection():
            return None
        return (self._offsets.to_code_point(cursor.selectionStart()),
                self._offsets.to_code_point(cursor.selectionEnd()))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
