"""Screening candidates (what the last run found) and the analyst's decisions on them."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.errors import AmbiguousError, InvalidInputError, NotFoundError
from ..core.model import utc_now
from .database import ProjectDatabase

_CANDIDATE_SQL = (
    "SELECT c.code, c.entity_id, ent.name, l.name, c.entry_key, coalesce(e.caption, ''), c.score, c.method, "
    "c.entity_name, c.listed_name, c.reason, coalesce(d.decision, ''), coalesce(d.note, '') "
    "FROM screening_candidate c JOIN entity ent ON ent.id = c.entity_id "
    "JOIN sanctions_list l ON l.id = c.list_id "
    "LEFT JOIN list_entry e ON e.list_id = c.list_id AND e.entry_key = c.entry_key "
    "LEFT JOIN screening_decision d ON d.entity_id = c.entity_id AND d.list_name_key = l.name_key "
    "AND d.entry_key = c.entry_key")

CandidateRow = tuple  # (code, entity_id, entity label, list name, entry key, caption, score, method, entity name,
#                         listed name, reason, decision, note)


class ScreeningRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def replace_candidates(self, entity_ids: Iterable[int], rows: Iterable[tuple]) -> None:
        """rows: (code, entity id, list id, entry key, score, method, entity name, listed name, reason)."""
        now = utc_now()
        with self.db.transaction() as conn:
            conn.executemany("DELETE FROM screening_candidate WHERE entity_id = ?", [(e,) for e in entity_ids])
            conn.executemany(
                "INSERT OR REPLACE INTO screening_candidate (code, entity_id, list_id, entry_key, score, method, "
                "entity_name, listed_name, reason, screened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*row, now) for row in rows])

    def candidates(self, min_score: float = 0.0) -> list[CandidateRow]:
        return self.db.conn.execute(_CANDIDATE_SQL + " WHERE c.score >= ? ORDER BY ent.name_key, c.score DESC",
                                    (min_score,)).fetchall()

    def resolve(self, code: str) -> CandidateRow:
        code = code.strip().lower()
        if len(code) < 4:
            raise InvalidInputError("give at least 4 characters of the candidate's code")
        rows = self.db.conn.execute(_CANDIDATE_SQL + " WHERE c.code LIKE ? || '%'", (code,)).fetchall()
        if not rows:
            raise NotFoundError(f"no screening candidate {code!r}; run the screening first")
        if len(rows) > 1:
            raise AmbiguousError(f"candidate {code!r} is ambiguous; give more characters")
        return rows[0]

    def decide(self, entity_id: int, list_name_key: str, entry_key: str, decision: str, score: float | None,
               reason: str, caption: str, note: str) -> None:
        if decision not in ("confirmed", "rejected"):
            raise InvalidInputError("a decision is 'confirmed' or 'rejected'")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO screening_decision (entity_id, list_name_key, entry_key, decision, score, reason, "
                "caption, note, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                "(entity_id, list_name_key, entry_key) DO UPDATE SET decision = excluded.decision, "
                "score = excluded.score, reason = excluded.reason, caption = excluded.caption, "
                "note = excluded.note, decided_at = excluded.decided_at",
                (entity_id, list_name_key, entry_key, decision, score, reason, caption, note, utc_now()))

    def confirmed(self) -> list[tuple]:
        """(entity id, list name, entry key, caption, programmes or None when no longer listed, note, decided at)."""
        return self.db.conn.execute(
            "SELECT d.entity_id, coalesce(l.name, d.list_name_key), d.entry_key, coalesce(e.caption, d.caption), "
            "e.programmes, d.note, d.decided_at FROM screening_decision d "
            "LEFT JOIN sanctions_list l ON l.name_key = d.list_name_key "
            "LEFT JOIN list_entry e ON e.list_id = l.id AND e.entry_key = d.entry_key "
            "WHERE d.decision = 'confirmed' ORDER BY d.entity_id, d.decided_at").fetchall()

    def decisions(self) -> dict[tuple[int, str, str], str]:
        return {(e, l, k): d for e, l, k, d in self.db.conn.execute(
            "SELECT entity_id, list_name_key, entry_key, decision FROM screening_decision")}

    def decision_row(self, entity_id: int, list_name_key: str, entry_key: str) -> tuple | None:
        """The stored decision as (decision, score, reason, caption, note, decided at), or None."""
        return self.db.conn.execute(
            "SELECT decision, score, reason, caption, note, decided_at FROM screening_decision "
            "WHERE entity_id = ? AND list_name_key = ? AND entry_key = ?",
            (entity_id, list_name_key, entry_key)).fetchone()

    def restore_decision(self, entity_id: int, list_name_key: str, entry_key: str, row: tuple | None) -> None:
        """Put back a decision exactly as ``decision_row`` gave it; None takes the decision away."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM screening_decision WHERE entity_id = ? AND list_name_key = ? "
                         "AND entry_key = ?", (entity_id, list_name_key, entry_key))
            if row is not None:
                conn.execute("INSERT INTO screening_decision (entity_id, list_name_key, entry_key, decision, score, "
                             "reason, caption, note, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (entity_id, list_name_key, entry_key, *row))
