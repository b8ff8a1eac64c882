"""What the window shows when no project is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from .theme import app_icon


class WelcomePage(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("welcome")
        self.window_ = window
        icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        icon.setPixmap(app_icon().pixmap(96, 96))
        title = QLabel("<h2>Research Workbench</h2><p>Read sources, mark what they claim, and trace every "
                       "quote back to its place.</p>", alignment=Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for text, slot in (("Open project…", window.choose_project), ("New project…", window.new_project),
                           ("Open the sample project", window.open_sample)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent = QListWidget(objectName="recentProjects", maximumWidth=640)
        self.recent.itemActivated.connect(lambda item: window.open_path(item.text()))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Recent projects:", alignment=Qt.AlignmentFlag.AlignCenter))
        layout.addWidget(self.recent, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        self.recent.addItems(paths)
