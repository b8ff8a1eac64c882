"""Filtered, sorted lists of claim ids, for views that load rows only when shown."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..core.errors import InvalidInputError
from . import search_index

# What each sortable column orders by; every key ends with c.id so the order is total.
SORT_KEYS = {
    "quote": "c.quote COLLATE NOCASE",
    "statement": "c.statement COLLATE NOCASE",
    "kind": "c.kind",
    "source": "s.title COLLATE NOCASE, c.start",
    "tags": "(SELECT min(t.name_key) FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.claim_id = c.id)",
    "entities": "(SELECT min(e.name_key) FROM claim_entity ce JOIN entity e ON e.id = ce.entity_id "
                "WHERE ce.claim_id = c.id)",
    "grading": "coalesce(c.reliability, 'Z'), coalesce(c.credibility, 9)",
    "created": "c.created_at",
    "position": "s.imported_at, s.id, c.start",
}


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """Which claims a view shows, in which order. ``None`` means no restriction."""

    text: str = ""
    source_id: int | None = None
    kind: str | None = None
    tag_ids: tuple[int, ...] | None = None
    entity_id: int | None = None
    sort: str = "position"
    descending: bool = False


def text_filter_ids(conn: sqlite3.Connection, text: str) -> set[int]:
    """Claims whose quote, statement or note holds every word; the last word may be unfinished."""
    try:
        terms = search_index.parse_query(text)
    except InvalidInputError:
        return set()
    last = terms[-1]
    if not last.cjk:
        terms[-1] = search_index.Term(last.text, prefix=True)
    return set(search_index.matching_claim_ids(conn, terms))


def query_claim_ids(conn: sqlite3.Connection, query: ClaimQuery, only=None) -> list[int]:
    """The claims the query lists, in its order; ``only`` restricts the answer to these ids (cheap, for
    a view that checks whether a few edited claims are still listed)."""
    if query.sort not in SORT_KEYS:
        raise InvalidInputError(f"cannot sort claims by {query.sort!r}")
    where, params = [], []
    if only is not None:
        only = sorted(set(only))
        if not only:
            return []
        where.append(f"c.id IN ({','.join('?' * len(only))})")
        params.extend(only)
    if query.source_id is not None:
        where.append("c.source_id = ?")
        params.append(query.source_id)
    if query.kind:
        where.append("c.kind = ?")
        params.append(query.kind)
    if query.tag_ids is not None:
        where.append(f"c.id IN (SELECT claim_id FROM claim_tag WHERE tag_id IN ({','.join('?' * len(query.tag_ids))}))")
        params.extend(query.tag_ids)
    if query.entity_id is not None:
        where.append("c.id IN (SELECT claim_id FROM claim_entity WHERE entity_id = ?)")
        params.append(query.entity_id)
    sql = "SELECT c.id FROM claim c JOIN source s ON s.id = c.source_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    direction = " DESC" if query.descending else ""
    order = ", ".join(part + direction for part in SORT_KEYS[query.sort].split(", "))
    ids = [row[0] for row in conn.execute(f"{sql} ORDER BY {order}, c.id{direction}", params)]
    if query.text.strip():
        wanted = text_filter_ids(conn, query.text)
        ids = [claim_id for claim_id in ids if claim_id in wanted]
    return ids


def claim_sort_keys(conn: sqlite3.Connection, sort: str, ids) -> dict[int, tuple]:
    """Each claim's place in an ascending ``sort`` as a Python tuple that orders as SQLite orders the rows
    (NULL first; NOCASE as SQLite's ASCII-only lower(); text by code point, as SQLite compares UTF-8)."""
    parts = [part.replace(" COLLATE NOCASE", "") for part in SORT_KEYS[sort].split(", ")]
    nocase = [" COLLATE NOCASE" in part for part in SORT_KEYS[sort].split(", ")]
    columns = ", ".join(f"lower({part})" if folded else part for part, folded in zip(parts, nocase, strict=True))
    keys: dict[int, tuple] = {}
    ids = sorted(set(ids))
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        for row in conn.execute(f"SELECT c.id, {columns} FROM claim c JOIN source s ON s.id = c.source_id "
                                f"WHERE c.id IN ({','.join('?' * len(chunk))})", chunk):
            keys[row[0]] = (*((0,) if value is None else (1, value) for value in row[1:]), row[0])
    return keys


def claim_spans(conn: sqlite3.Connection, source_id: int) -> list[tuple[int, int, int, str]]:
    """(claim id, start, end, kind) of a source's claims, by start: what the reader highlights."""
    return conn.execute(
        "SELECT id, start, end, kind FROM claim WHERE source_id = ? AND anchor_status <> 'orphaned' "
        "ORDER BY start, end DESC, id", (source_id,)).fetchall()


def claim_spans_of(conn: sqlite3.Connection, source_id: int, claim_ids) -> list[tuple[int, int, int, str]]:
    """The reader's spans of just these claims (those still in this source and anchored)."""
    ids = sorted(set(claim_ids))
    found: list[tuple[int, int, int, str]] = []
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        found += conn.execute(
            f"SELECT id, start, end, kind FROM claim WHERE source_id = ? AND anchor_status <> 'orphaned' "
            f"AND id IN ({','.join('?' * len(chunk))})", (source_id, *chunk)).fetchall()
    return found
