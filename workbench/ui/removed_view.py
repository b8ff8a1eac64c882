"""“Removed from this source”: the blocks boilerplate removal kept out of a source's reading text.

Each block shows why it went (teaser, repeated block, site chrome...), its text and where
it stood (line, page, the words around the place). Restoring one goes through the undo
history; claims after the block shift with the text, and a block that would go back inside
a claim's quote is refused, with the reason shown in the dialog.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from ..core.errors import NotFoundError
from ..core.model import RemovedBlock
from ..core.text import one_line
from ..services import commands
from .item_models import Column, RecordTableModel, record_table
from .plain_text import escaped

CONTEXT_CHARS = 60


@dataclass(frozen=True, slots=True)
class PlacedBlock:
    """A removed block with where it would go back, described for a person."""

    block: RemovedBlock
    line: int
    page: int | None
    before: str  # the words just before the place
    after: str  # the words just after it

    @property
    def where(self) -> str:
        return f"line {self.line}" + (f", page {self.page}" if self.page else "")

    @property
    def between(self) -> str:
        """The words on either side of the place, so the analyst can judge whether the block belongs there."""
        before = f"after “…{one_line(self.before[-50:], 50)}”" if self.before else "at the very start"
        after = f"before “{one_line(self.after[:50], 50).rstrip('…')}…”" if self.after else "at the very end"
        return f"{before}, {after}"


def place_blocks(text: str, pages: list[int], blocks: list[RemovedBlock]) -> list[PlacedBlock]:
    placed = []
    for block in blocks:
        at = block.position
        page = (bisect_right(pages, at) or 1) if pages else None
        placed.append(PlacedBlock(block, text.count("\n", 0, at) + 1, page,
                                  text[max(0, at - CONTEXT_CHARS):at].strip(), text[at:at + CONTEXT_CHARS].strip()))
    return placed


REMOVED_COLUMNS = (
    Column("#", lambda p: p.block.seq),
    Column("Reason", lambda p: p.block.reason),
    Column("Where", lambda p: p.where, lambda p: p.between),
    Column("Text", lambda p: one_line(p.block.text, 90), lambda p: p.block.text),
)


class RemovedBlocksDialog(QDialog):
    """Non-modal, about one source; shown again by the menu for the source then in the reader."""

    def __init__(self, window, source_id: int):
        super().__init__(window)
        self.setObjectName("removedBlocks")
        self.setWindowTitle("Removed from this source")
        self.resize(860, 520)
        self.window_ = window
        self.source_id = source_id
        self.project = window.project  # the source id means nothing in another project
        self.model = RecordTableModel(REMOVED_COLUMNS, parent=self)
        self.header = QLabel(self, objectName="removedHeader", wordWrap=True)
        self.note = QLabel(self, objectName="removedNote", wordWrap=True)
        self.problem = QLabel(self, objectName="removedProblem", wordWrap=True)
        self.problem.setStyleSheet("color: #d0342c; font-weight: bold")
        self.table = self._build_table()
        self.detail = QPlainTextEdit(self, objectName="removedText", readOnly=True)
        self.detail.setPlaceholderText("Select a block to read it whole")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_button = buttons.addButton("Show place in reader", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton("Restore to the text", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("restoreBlock")
        self.restore_button.setToolTip("Put the block back where it stood (Edit ▸ Undo takes it out again)")
        self.show_button.clicked.connect(self.show_in_reader)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.header, self.note):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        window.undo.changed.connect(self.reload)
        self.reload()

    def _build_table(self) -> QTableView:
        table = record_table("removedTable", self.model)
        table.setParent(self)
        header = table.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setColumnWidth(2, 130)
        header.setStretchLastSection(True)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        table.doubleClicked.connect(lambda _: self.show_in_reader())
        return table

    # -- content ------------------------------------------------------------------------

    def set_source(self, source_id: int) -> None:
        self.source_id = source_id
        self.project = self.window_.project
        self.problem.clear()
        self.reload()

    def reload(self, *_ignored) -> None:
        project = self.window_.project if self.window_.project is self.project else None
        selected = self.selected()
        try:
            source = project.sources.get(self.source_id) if project is not None else None
        except NotFoundError:
            source = None
        if source is None:
            self.header.setText("This source is no longer in the project.")
            self.note.clear()
            self.model.set_records([])
            self._update_buttons()
            return
        sources = project.sources
        rows = place_blocks(sources.text(source.id), sources.page_starts(source.id), sources.removed_blocks(source.id))
        self.model.set_records(rows)
        count = len(rows)
        self.header.setText(f"<b>{escaped(source.title)}</b>: " + (
            f"{count} block{'s' if count != 1 else ''} kept out of the reading text" if count
            else "nothing was kept out of the reading text"))
        self.note.setText(f"This source has {source.claim_count} claim(s): a restored block moves the claims after "
                          "it with the text, and cannot go back inside a claim's quote." if source.claim_count and count
                          else "")
        keep = next((i for i, row in enumerate(rows) if selected and row.block.seq == selected.block.seq), 0)
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(keep, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._show_detail()

    def selected(self) -> PlacedBlock | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def _show_detail(self) -> None:
        row = self.selected()
        self.detail.setPlainText("" if row is None else
                                 f"{row.block.text}\n\n— {row.block.reason}; would go back at {row.where}, "
                                 f"{row.between}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_row = self.selected() is not None
        project = self.project if self.window_.project is self.project else None
        self.show_button.setEnabled(has_row)
        self.restore_button.setEnabled(has_row and project is not None and project.writable)

    # -- actions ------------------------------------------------------------------------

    def show_in_reader(self) -> None:
        row = self.selected()
        if row is None or self.window_.project is not self.project:
            return
        if self.window_.current_source_id != self.source_id:
            self.window_.open_source(self.source_id)
        # The line that would follow the block is selected: the place is then seen, not just a caret.
        text = self.window_.project.sources.text(self.source_id)
        end = text.find("\n", row.block.position)
        self.window_.reader_view.reveal(row.block.position, len(text) if end < 0 else end, select=True)

    def restore_selected(self) -> bool:
        row = self.selected()
        if row is None or self.window_.project is not self.project:
            return False
        errors: list[str] = []

        def refused(message: str) -> None:
            errors.append(message)
        undo = self.window_.undo
        undo.failed.connect(refused)
        try:
            done = undo.run(commands.RestoreRemovedBlock(self.source_id, row.block.seq))
        finally:
            undo.failed.disconnect(refused)
        if done:
            self.problem.clear()
            self.window_.statusBar().showMessage(f"Restored a {row.block.reason} to the text (Ctrl+Z undoes)", 6000)
        else:
            self.problem.setText("Cannot restore: " + (errors[0] if errors else "the project is closed"))
        return done


def show_removed_blocks(window, source_id: int) -> RemovedBlocksDialog:
    """Open (or bring forward and point at this source) the window's removed-blocks viewer."""
    dialog = window.findChild(RemovedBlocksDialog)
    if dialog is None:
        dialog = RemovedBlocksDialog(window, source_id)
    else:
        dialog.set_source(source_id)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
