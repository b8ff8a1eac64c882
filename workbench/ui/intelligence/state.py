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
from ..background import SerialRuns, Task, pace

AT_ONCE_UP_TO = 400  # claims analysed on the UI thread (well under a frame's budget of work per edit)
_RELEVANT = ("claims", "sources", "source_texts", "claim_links", "entities", "relations")


class IntelligenceState(QObject):
    updated = Signal(object)  # the new Analysis

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.analysis: Analysis | None = None
        self._analyser = Analyser()
        self._runs = SerialRuns(self._begin_run, self)  # an edit during a run asks for one more when it ends
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
        self._runs.request()

    def _begin_run(self) -> Task | None:
        """A background run of the analysis, or None when there is nothing to analyse or the project is
        small enough to have been analysed at once."""
        project = self.project
        if project is None:
            return None
        if project.claims.count() <= AT_ONCE_UP_TO:
            self._deliver(self._analyser.analyse(project))
            return None
        analyser, generation = self._analyser, self._generation
        task = Task(project, lambda worker_project, _report: _analyse_paced(analyser, worker_project), self)
        task.worker.succeeded.connect(
            lambda analysis: self._deliver(analysis) if generation == self._generation else None)
        return task

    def _deliver(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.updated.emit(analysis)

    def stop(self) -> None:
        """Wait for a run under way (before the project is closed)."""
        self._runs.stop()


def _analyse_paced(analyser: Analyser, project: Project) -> Analysis:
    """In the task's thread: starts once the window is not in use and pauses whenever it is again, so that
    an edit, a scroll or a click never waits for the GIL behind the analysis."""
    pace()
    return analyser.analyse(project, pace)
