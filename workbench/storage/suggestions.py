"""Suggested claims the analyst dismissed, remembered per source (table suggestion_dismissal).

A dismissal names the span and its quote: if the source's text is re-extracted and the
span no longer holds that quote, the dismissal no longer applies and the sentence is
suggested again, since it may now say something else.
"""

from __future__ import annotations

from ..core.model import utc_now
from .database import ProjectDatabase


class DismissalRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def of_source(self, source_id: int) -> set[tuple[int, int, str]]:
        rows = self.db.conn.execute(
            "SELECT start_offset, end_offset, quote FROM suggestion_dismissal WHERE source_id = ?", (source_id,))
        return {(start, end, quote) for start, end, quote in rows}

    def add(self, source_id: int, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Remember each span as dismissed; returns the ones that were not already."""
        with self.db.transaction() as conn:
            known = self.of_source(source_id)
            new = [span for span in spans if span not in known]
            conn.executemany(
                "INSERT OR REPLACE INTO suggestion_dismissal (source_id, start_offset, end_offset, quote, "
                "dismissed_at) VALUES (?, ?, ?, ?, ?)", [(source_id, s, e, q, utc_now()) for s, e, q in new])
        return new

    def remove(self, source_id: int, spans: list[tuple[int, int, str]]) -> None:
        with self.db.transaction() as conn:
            conn.executemany("DELETE FROM suggestion_dismissal WHERE source_id = ? AND start_offset = ? "
                             "AND end_offset = ?", [(source_id, s, e) for s, e, _ in spans])
