"""The undo step of an exchange import or merge (Qt-free; the desktop program wraps it).

The import runs first (in a worker thread, on its own connection); this command then
stands for it on the undo history: undo takes back what the import wrote (see
``apply.revert_import``), redo merges the same file's content again.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.errors import WorkbenchError
from ..project import Project
from .apply import UndoRecord, apply_bundle, revert_import
from .bundle import Bundle
from .report import ExchangeReport


@dataclass
class ImportedExchange:
    bundle: Bundle
    report: ExchangeReport
    _done: bool = True

    @property
    def text(self) -> str:
        return f"Import {self.bundle.origin}"

    def do(self, project: Project) -> None:
        if self._done:
            return  # the import itself wrote it
        self.report = apply_bundle(project, self.bundle)
        self._done = True

    def undo(self, project: Project) -> None:
        if not isinstance(self.report.undo, UndoRecord):  # set by apply_bundle with the report
            raise WorkbenchError("this import was not done, so it cannot be taken back")
        revert_import(project, self.report.undo)
        self._done = False
