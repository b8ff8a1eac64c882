"""Whole-claim snapshots, so a deleted claim can come back exactly as it was.

A snapshot holds the claim's row and every row that refers to it (quantities, tags,
entities, links in both directions, evidence for relations and measures). Restoring
puts them back with the same ids and uuids, so anything else that names the claim
(an undo history, an exported report) still finds it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..core.errors import InvalidInputError, NotFoundError
from . import search_index
from .text_cache import TextCache

# Tables whose rows belong to a claim, with the column(s) that name it.
_DEPENDENT_TABLES: tuple[tuple[str, str], ...] = (
    ("claim_quantity", "claim_id = ?"),
    ("claim_tag", "claim_id = ?"),
    ("claim_entity", "claim_id = ?"),
    ("claim_link", "from_claim = ? OR to_claim = ?"),
    ("claim_judgement", "claim_a = ? OR claim_b = ?"),
    ("relation_evidence", "claim_id = ?"),
    ("measure_evidence", "claim_id = ?"),
)


@dataclass(frozen=True, slots=True)
class ClaimSnapshot:
    """Every row of one claim, keyed by table; rows are (column names, values)."""

    claim_id: int
    uuid: str
    rows: tuple[tuple[str, tuple[str, ...], tuple[tuple, ...]], ...]


def _rows(conn: sqlite3.Connection, table: str, where: str, claim_id: int) -> tuple[tuple[str, ...], tuple]:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {where}", (claim_id,) * where.count("?"))
    found = tuple(cursor.fetchall())
    return tuple(d[0] for d in cursor.description), found


def snapshot_claim(conn: sqlite3.Connection, claim_id: int) -> ClaimSnapshot:
    columns, claim_rows = _rows(conn, "claim", "id = ?", claim_id)
    if not claim_rows:
        raise NotFoundError(f"no claim with id {claim_id}")
    tables = [("claim", columns, claim_rows)]
    for table, where in _DEPENDENT_TABLES:
        columns, found = _rows(conn, table, where, claim_id)
        tables.append((table, columns, found))
    uuid = claim_rows[0][tables[0][1].index("uuid")]
    return ClaimSnapshot(claim_id, uuid, tuple(tables))


def restore_claim(conn: sqlite3.Connection, snapshot: ClaimSnapshot, texts: TextCache | None = None) -> None:
    """Insert the snapshot's rows again; the caller holds the transaction. ``texts`` (the database's
    storage.text_cache) saves reading a long source's text to check the quote."""
    if conn.execute("SELECT 1 FROM claim WHERE id = ? OR uuid = ?", (snapshot.claim_id, snapshot.uuid)).fetchone():
        raise InvalidInputError(f"claim {snapshot.uuid[:8]} already exists; it cannot be restored twice")
    claim = dict(zip(snapshot.rows[0][1], snapshot.rows[0][2][0], strict=True))
    _check_anchor_still_holds(conn, claim, texts or TextCache())
    for table, columns, rows in snapshot.rows:
        if not rows:
            continue
        marks = ", ".join("?" * len(columns))
        # A linked claim or evidence target may have gone since; such rows are skipped, not fatal.
        for row in rows:
            try:
                conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)
            except sqlite3.IntegrityError:
                if table == "claim":
                    raise
    search_index.index_claim(conn, snapshot.claim_id, claim["quote"], claim["statement"], claim["note"])


def _check_anchor_still_holds(conn: sqlite3.Connection, claim: dict, texts: TextCache) -> None:
    """A claim comes back only where its quote still stands: its source's text may have changed since."""
    text = texts.text(conn, claim["source_id"])
    if text is None:
        raise NotFoundError(f"claim {claim['uuid'][:8]} cannot be put back: its source has been deleted")
    if claim["anchor_status"] != "orphaned" and text[claim["start"]:claim["end"]] != claim["quote"]:
        raise InvalidInputError(f"claim {claim['uuid'][:8]} cannot be put back: its source's text has changed "
                                "since it was deleted")


@dataclass(frozen=True, slots=True)
class SourceSnapshot:
    """A source's claims and other rows; the source row itself (original bytes and text, megabytes for a
    long PDF) waits in the connection's TEMP database, not in memory held by an undo history."""

    source_id: int
    uuid: str
    claims: tuple[ClaimSnapshot, ...]
    dependents: tuple[tuple[str, tuple[str, ...], tuple[tuple, ...]], ...] = ()


_TRASH = "temp.wb_source_trash"


def _stash_source_row(conn: sqlite3.Connection, source_id: int) -> None:
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_TRASH.split('.')[1]} AS SELECT * FROM main.source WHERE 0")
    conn.execute(f"DELETE FROM {_TRASH} WHERE id = ?", (source_id,))
    conn.execute(f"INSERT INTO {_TRASH} SELECT * FROM main.source WHERE id = ?", (source_id,))


# Tables whose rows belong to a source (besides its claims): page starts, removed boilerplate.
_SOURCE_DEPENDENT_TABLES = ("source_page", "source_removed")


def snapshot_source(conn: sqlite3.Connection, source_id: int) -> SourceSnapshot:
    """Call inside the transaction that deletes the source."""
    row = conn.execute("SELECT uuid FROM source WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no source with id {source_id}")
    _stash_source_row(conn, source_id)
    claim_ids = [row[0] for row in conn.execute("SELECT id FROM claim WHERE source_id = ?", (source_id,))]
    claims = tuple(snapshot_claim(conn, claim_id) for claim_id in claim_ids)
    dependents = tuple((table, *_rows(conn, table, "source_id = ?", source_id)) for table in _SOURCE_DEPENDENT_TABLES)
    return SourceSnapshot(source_id, row[0], claims, dependents)


def restore_source(conn: sqlite3.Connection, snapshot: SourceSnapshot) -> None:
    """Insert the source and its claims again; the caller holds the transaction."""
    if conn.execute("SELECT 1 FROM source WHERE id = ? OR uuid = ?", (snapshot.source_id, snapshot.uuid)).fetchone():
        raise InvalidInputError(f"source {snapshot.uuid[:8]} already exists; it cannot be restored twice")
    try:
        stashed = conn.execute(f"SELECT title, text FROM {_TRASH} WHERE id = ?", (snapshot.source_id,)).fetchone()
    except sqlite3.OperationalError:  # no trash on this connection: the source was taken away elsewhere
        stashed = None
    if stashed is None:
        raise NotFoundError(f"source {snapshot.uuid[:8]} cannot be put back: its copy is gone (program restarted?)")
    twin = conn.execute(f"SELECT s.uuid, s.title FROM main.source s JOIN {_TRASH} t ON t.content_hash = s.content_hash "
                        "WHERE t.id = ?", (snapshot.source_id,)).fetchone()
    if twin is not None:  # imported again since: two sources never share a text
        raise InvalidInputError(f"source {twin[0][:8]} ({twin[1]!r}) already has exactly this text")
    conn.execute(f"INSERT INTO main.source SELECT * FROM {_TRASH} WHERE id = ?", (snapshot.source_id,))
    conn.execute(f"DELETE FROM {_TRASH} WHERE id = ?", (snapshot.source_id,))
    search_index.index_source(conn, snapshot.source_id, stashed[0], stashed[1])
    for table, columns, rows in snapshot.dependents:
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         rows)
    texts = TextCache()  # one read of the restored text for all its claims
    for claim in snapshot.claims:
        restore_claim(conn, claim, texts)
