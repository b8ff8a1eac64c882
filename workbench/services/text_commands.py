"""The analyst's corrections of a source's text as undoable commands (see ingest/corrections.py).

The first ``do`` makes the correction and keeps the states before and after; undo
writes the state before back (text, pages, removed blocks and claim anchors together)
and redo the state after, so a claim that survived an edit is where it was each time.
``changes_text`` tells a reader showing the source to load it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.errors import WorkbenchError
from ..storage.source_text import write_state
from .ingest.corrections import Correction, clean_anyway, edit_source_text, remove_as_boilerplate
from .project import Project


@dataclass
class CorrectSourceText:
    source_id: int
    text: str  # what the undo history calls it
    correct: Callable[[Project], Correction]
    correction: Correction | None = None

    changes_text = True

    def do(self, project: Project) -> None:
        if self.correction is None:
            self.correction = self.correct(project)
        else:
            write_state(project.db, self.source_id, self.correction.after)

    def undo(self, project: Project) -> None:
        if self.correction is None:  # never done: nothing to take back
            raise WorkbenchError("this correction was not made, so it cannot be taken back")
        write_state(project.db, self.source_id, self.correction.before)


def remove_as_boilerplate_command(source_id: int, start: int, end: int) -> CorrectSourceText:
    return CorrectSourceText(source_id, "Remove as boilerplate",
                             lambda project: remove_as_boilerplate(project, source_id, start, end))


def edit_text_command(source_id: int, new_text: str) -> CorrectSourceText:
    return CorrectSourceText(source_id, "Edit source text",
                             lambda project: edit_source_text(project, source_id, new_text))


def clean_anyway_command(source_id: int) -> CorrectSourceText:
    return CorrectSourceText(source_id, "Clean anyway", lambda project: clean_anyway(project, source_id))
