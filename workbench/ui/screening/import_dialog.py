"""The Import list… dialog: files, format (guessed from the files), the list's name and version date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.lists import ListFormat
from ...services.screening.formats import DEFAULT_NAMES
from ...services.screening.formats.detect import detect_format, with_ofac_companions
from ..plain_text import plain_tooltip

FORMAT_TITLES = {
    ListFormat.OFAC: "OFAC SDN: legacy CSV set (sdn, alt, add, sdn_comments), SDN_ENHANCED.XML or sdn.xml",
    ListFormat.CSL: "trade.gov Consolidated Screening List CSV",
    ListFormat.FTM: "OpenSanctions FollowTheMoney JSON lines",
    ListFormat.OPENSANCTIONS_CSV: "OpenSanctions targets.simple.csv",
    ListFormat.EU: "EU financial sanctions file, CSV or XML",
    ListFormat.UK: "UK Sanctions List CSV or OFSI consolidated list CSV",
}
FILE_FILTER = "Sanctions lists (*.csv *.xml *.XML *.json *.jsonl *.ftm *.txt);;All files (*)"


@dataclass(frozen=True)
class ImportRequest:
    paths: tuple[Path, ...]
    fmt: ListFormat
    name: str  # "" for the format's usual name
    version_date: str  # "" for the date the file gives


class ListImportDialog(QDialog):
    def __init__(self, list_names: list[str], parent: QWidget | None = None, start_folder: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Import sanctions list")
        self.setObjectName("listImportDialog")
        self.setMinimumWidth(560)
        self._start_folder = start_folder
        self.paths: list[Path] = []
        self.files_label = QLabel("No files chosen")
        self.files_label.setObjectName("listFiles")
        self.files_label.setWordWrap(True)
        self.files_label.setTextFormat(Qt.TextFormat.PlainText)  # file names are never HTML
        choose = QPushButton("Choose files…")
        choose.setObjectName("chooseListFiles")
        choose.clicked.connect(self.choose_files)
        self.format_choice = QComboBox()
        self.format_choice.setObjectName("listFormat")
        for fmt, title in FORMAT_TITLES.items():
            self.format_choice.addItem(title, fmt)
        self.format_choice.currentIndexChanged.connect(self._format_changed)
        self.detected = QLabel()
        self.detected.setObjectName("detectedFormat")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("listName")
        self.name_edit.setToolTip("A list imported again under the same name replaces it; what changed is recorded")
        if list_names:
            self.name_edit.setToolTip(self.name_edit.toolTip() + ". In the project: " + ", ".join(list_names))
        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("listDate")
        self.date_edit.setPlaceholderText("YYYY-MM-DD, or empty for the date the file gives")
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020")
        files_row = QHBoxLayout()
        files_row.addWidget(self.files_label, 1)
        files_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("Files", files_row)
        form.addRow("Format", self.format_choice)
        form.addRow("", self.detected)
        form.addRow("List name", self.name_edit)
        form.addRow("Version date", self.date_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._format_changed()

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Sanctions list files", self._start_folder, FILE_FILTER)
        if paths:
            self.set_files(paths)

    def set_files(self, paths) -> None:
        """Take these files (an sdn.csv brings its OFAC companions) and preselect the format they look like."""
        self.paths = with_ofac_companions(paths)
        self.files_label.setText(", ".join(p.name for p in self.paths))
        self.files_label.setToolTip(plain_tooltip("\n".join(str(p) for p in self.paths)))
        fmt = detect_format(self.paths)
        if fmt is None:
            self.detected.setText("Format not recognised: choose it")
        else:
            self.format_choice.setCurrentIndex(self.format_choice.findData(fmt))
            self.detected.setText(f"Recognised as {FORMAT_TITLES[fmt]}")

    def _format_changed(self, *_args) -> None:
        self.name_edit.setPlaceholderText(DEFAULT_NAMES[self.format()])

    def format(self) -> ListFormat:
        return self.format_choice.currentData()

    def request(self) -> ImportRequest:
        return ImportRequest(tuple(self.paths), self.format(), self.name_edit.text().strip(),
                             self.date_edit.text().strip())

    def accept(self) -> None:
        if not self.paths:
            self.error.setText("Choose the list's files first")
            return
        try:
            if self.date_edit.text().strip():
                date.fromisoformat(self.date_edit.text().strip())
        except ValueError:
            self.error.setText(f"The version date must be YYYY-MM-DD, not {self.date_edit.text().strip()!r}")
            return
        super().accept()
