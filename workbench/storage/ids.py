"""Finding a row by its UUID or a unique prefix of it, as users type them."""

from __future__ import annotations

import sqlite3

from ..core.errors import AmbiguousError, InvalidInputError, NotFoundError

MIN_PREFIX = 4


def id_by_uuid_prefix(conn: sqlite3.Connection, table: str, ref: str) -> int:
    """The id of the row in ``table`` whose uuid starts with ``ref``; errors name the row by its table."""
    what = table
    ref = ref.strip().lower()
    if len(ref) < MIN_PREFIX:
        raise InvalidInputError(f"{what} id {ref!r} is too short; give at least {MIN_PREFIX} characters of its id")
    rows = conn.execute(f"SELECT id FROM {table} WHERE substr(uuid, 1, ?) = ? LIMIT 2", (len(ref), ref)).fetchall()
    if not rows:
        raise NotFoundError(f"no {what} with id {ref!r}")
    if len(rows) > 1:
        raise AmbiguousError(f"{what} id {ref!r} matches several {what}s; give more characters")
    return rows[0][0]


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The row id an INSERT just gave (sqlite3 types ``lastrowid`` as optional; after an INSERT it is set)."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise RuntimeError("the INSERT gave no row id")
    return row_id
