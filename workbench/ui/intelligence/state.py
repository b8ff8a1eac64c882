"""The project's analysis (services.intelligence), kept current as the project is edited.

Corroboration and contradictions are properties of the whole project: an edit of one
claim can change the standing of claims in other sources. After every change set that
touches claims, sources or links, the analysis is run again: at once for a small project
(a few hundred claims take a few milliseconds), in the background otherwise, through the
one background-operation helper, so the window never waits. Text sketches of sources are
kept between runs (services.intelligence.origins), so only changed sources are read again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ...core.changes import ChangeSet
from ...services.intelligence.analysis import Analyser, Analysis, Standing
from ...services.project import Project
from ..background import Task, pace

AT_ONCE_UP_TO = 400  # claims analysed on the UI thread (well under a frame's budget of work per edit)
_RELEVANT = ("claims", "sources", "source_texts", "claim_links", "entities", "relations")


class IntelligenceState(QObject):
    updated = Signal(object)  # the new Analysis

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.analysis: Analysis | None = None
        self._analyser = Analyser()
        self._task: Task | None = None
        self._again = False  # an edit came while the background run was under way
        self._generation = 0  # a run started for a project since closed delivers nothing

    def set_project(self, project: Project | None) -> None:
        self.stop()
        self._generation += 1
        self.project, self.analysis, self._analyser = project, None, Analyser()
        if project is None:
            self.updated.emit(None)
        else:
            self.refresh()

    def apply_changes(self, changes: ChangeSet) -> None:
        if self.project is not None and changes.touches(*_RELEVANT):
            self.refresh()

    def standing(self, claim_id: int) -> Standing | None:
        return self.analysis.standing(claim_id) if self.analysis is not None else None

    def refresh(self) -> None:
        project = self.project
        if project is None:
            return
        if self._task is not None:
            self._again = True
            return
        if project.claims.count() <= AT_ONCE_UP_TO:
            self._deliver(self._analyser.analyse(project))
            return
        analyser, generation = self._analyser, self._generation
        self._task = Task(project, lambda worker_project, _report: _analyse_paced(analyser, worker_project), self)
        self._task.worker.succeeded.connect(
            lambda analysis: self._deliver(analysis) if generation == self._generation else None)
        self._task.worker.done.connect(self._finished)
        self._task.start()

    def _deliver(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.updated.emit(analysis)

    def _finished(self) -> None:
        self._task = None
        if self._again:
            self._again = False
            self.refresh()

    def stop(self) -> None:
        """Wait for a run under way (before the project is closed)."""
        if self._task is not None:
            task, self._task, self._again = self._task, None, False
            task.wait()


def _analyse_paced(analyser: Analyser, project: Project) -> Analysis:
    """In the task's thread: starts once the window is not in use and pauses whenever it is again, so that
    an edit, a scroll or a click never waits for the GIL behind the analysis."""
    pace()
    return analyser.analyse(project, pace)
