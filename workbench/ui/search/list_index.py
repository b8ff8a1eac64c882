"""Indexing the imported lists' names for search while the window is idle.

A search that reaches the lists needs a word index of their names, kept in the connection's
TEMP schema (storage.record_search); a million names take about a second to index, which the
first such search would otherwise spend with the window frozen. Here the index is built a few
thousand entries at a time (about 10 ms each), one step per timer tick, only while nobody uses
the window, after a project opens and after a list import.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, QTimer

from ...services.project import Project
from ...services.search.records import prepare_list_search
from ..background import window_quiet

TICK_MS = 40


class ListIndexWarmer(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._step)

    def start(self, project: Project | None) -> None:
        self.project = project
        if project is None:
            self._timer.stop()
        else:
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _step(self) -> None:
        if self.project is None:
            self._timer.stop()
            return
        if not window_quiet():
            return
        try:
            done = prepare_list_search(self.project)
        except sqlite3.Error:  # a search will build it (or say why it cannot); nothing is lost here
            logging.getLogger(__name__).exception("indexing list names for search failed")
            done = True
        if done:
            self._timer.stop()
