"""Progress and Cancel for report work, with the same callbacks as services.ingest.import_files.

``on_progress(done, total)`` is called at most a few hundred times whatever the size,
so a UI signal per call stays cheap; ``should_cancel()`` is asked at every step and a
yes raises ExportCancelledError before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.errors import WorkbenchError

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class ExportCancelledError(WorkbenchError):
    """The analyst stopped the export; nothing was written."""

    def __init__(self, message: str = "export cancelled; nothing was written"):
        super().__init__(message)


class Progress:
    def __init__(self, on_progress: ProgressCallback | None = None, should_cancel: CancelCheck | None = None,
                 total: int = 1):
        self._on_progress = on_progress
        self._should_cancel = should_cancel
        self.total = max(1, total)
        self.done = 0
        self._reported = -1

    def expect(self, total: int) -> None:
        """Set the total once it is known (after the scope is resolved)."""
        self.total = max(1, total)

    def check(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise ExportCancelledError()

    def step(self, count: int = 1) -> None:
        self.check()
        self.done = min(self.total, self.done + count)
        if self._on_progress is None:
            return
        # About 200 reports over the whole run: enough for a smooth bar, few enough to be free.
        if self.done == self.total or self.done - self._reported >= max(1, self.total // 200):
            self._reported = self.done
            self._on_progress(self.done, self.total)

    def finish(self) -> None:
        self.step(self.total - self.done)
