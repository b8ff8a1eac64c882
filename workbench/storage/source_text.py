"""A source's text rewritten together with everything that points into it, in one transaction.

The analyst's corrections (a stretch removed as boilerplate, a typo mended) change a
text that claims are anchored in. The text, its page starts, its removed blocks and
the anchors of its claims are written together here, so they never disagree; the
search index follows the new text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import RemovedBlock, utc_now
from . import search_index
from .database import ProjectDatabase
from .sources import _insert_pages_and_removed, content_hash


@dataclass(frozen=True, slots=True)
class ClaimAnchor:
    claim_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    status: str  # exact, reanchored or orphaned


@dataclass(frozen=True, slots=True)
class TextState:
    """Everything about a source that an edit of its text changes."""

    text: str
    page_starts: tuple[int, ...]
    removed: tuple[RemovedBlock, ...]
    anchors: tuple[ClaimAnchor, ...]


def read_state(db: ProjectDatabase, source_id: int) -> TextState:
    conn = db.conn
    row = conn.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no source with id {source_id}")
    pages = tuple(s for s, in conn.execute("SELECT start FROM source_page WHERE source_id = ? ORDER BY page_no",
                                           (source_id,)))
    removed = tuple(RemovedBlock(*r) for r in conn.execute(
        "SELECT seq, position, text, reason FROM source_removed WHERE source_id = ? ORDER BY seq", (source_id,)))
    anchors = tuple(ClaimAnchor(*r) for r in conn.execute(
        "SELECT id, start, end, quote, prefix, suffix, anchor_status FROM claim WHERE source_id = ? ORDER BY id",
        (source_id,)))
    return TextState(row[0], pages, removed, anchors)


def write_state(db: ProjectDatabase, source_id: int, state: TextState) -> None:
    """Give the source this text, pages, removed blocks and claim anchors (claims are matched by id)."""
    with db.transaction() as conn:
        row = conn.execute("SELECT title, text FROM source WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no source with id {source_id}")
        title, old_text = row
        search_index.index_source(conn, source_id, title, old_text, delete=True)
        try:
            conn.execute("UPDATE source SET text = ?, content_hash = ?, modified_at = ? WHERE id = ?",
                         (state.text, content_hash(state.text), utc_now(), source_id))
        except sqlite3.IntegrityError:
            raise InvalidInputError("another source already has exactly this text") from None
        search_index.index_source(conn, source_id, title, state.text)
        conn.execute("DELETE FROM source_page WHERE source_id = ?", (source_id,))
        conn.execute("DELETE FROM source_removed WHERE source_id = ?", (source_id,))
        _insert_pages_and_removed(conn, source_id, state.page_starts, state.removed)
        _write_anchors(conn, source_id, state.anchors)


def _write_anchors(conn: sqlite3.Connection, source_id: int, anchors: Sequence[ClaimAnchor]) -> None:
    now = utc_now()
    for a in anchors:
        cur = conn.execute(
            "UPDATE claim SET start = ?, end = ?, quote = ?, prefix = ?, suffix = ?, anchor_status = ?, "
            "modified_at = ? WHERE id = ? AND source_id = ?",
            (a.start, a.end, a.quote, a.prefix, a.suffix, a.status, now, a.claim_id, source_id))
        if cur.rowcount != 1:
            raise NotFoundError(f"claim {a.claim_id} is no longer in this source")
