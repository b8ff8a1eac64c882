"""Saved searches: named queries kept in the project (table ``saved_search``, schema 4).

Plain rows read and written by name; the edits are journalled (storage.row_journal), so
saving, changing and deleting one are undoable like other edits.
"""

from __future__ import annotations

import sqlite3

from ..core.model import SavedSearch, utc_now

_COLUMNS = "id, name, query, scope, created_at"


def list_all(conn: sqlite3.Connection) -> list[SavedSearch]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM saved_search ORDER BY name COLLATE NOCASE, id")
    return [SavedSearch(*row) for row in rows]


def by_name(conn: sqlite3.Connection, name: str) -> SavedSearch | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM saved_search WHERE name = ?", (name,)).fetchone()
    return SavedSearch(*row) if row else None


def insert(conn: sqlite3.Connection, name: str, query: str, scope: str) -> int:
    cur = conn.execute("INSERT INTO saved_search (name, query, scope, created_at) VALUES (?, ?, ?, ?)",
                       (name, query, scope, utc_now()))
    return int(cur.lastrowid or 0)


def update(conn: sqlite3.Connection, search_id: int, query: str, scope: str) -> None:
    conn.execute("UPDATE saved_search SET query = ?, scope = ? WHERE id = ?", (query, scope, search_id))


def delete(conn: sqlite3.Connection, search_id: int) -> None:
    conn.execute("DELETE FROM saved_search WHERE id = ?", (search_id,))
