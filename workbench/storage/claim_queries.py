"""Filtered, sorted lists of claim ids, for views that load rows only when shown."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..core.errors import InvalidInputError
from . import search_index

# What each sortable column orders by, term by term (a term may hold commas of its own, as
# coalesce() does, so they are kept apart rather than split from one string); every order
# ends with c.id so it is total.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "quote": ("c.quote COLLATE NOCASE",),
    "statement": ("c.statement COLLATE NOCASE",),
    "kind": ("c.kind",),
    "source": ("s.title COLLATE NOCASE", "c.start"),
    "tags": ("(SELECT min(t.name_key) FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.claim_id = c.id)",),
    "entities": ("(SELECT min(e.name_key) FROM claim_entity ce JOIN entity e ON e.id = ce.entity_id "
                 "WHERE ce.claim_id = c.id)",),
    "grading": ("coalesce(c.reliability, 'Z')", "coalesce(c.credibility, 9)"),
    "created": ("c.created_at",),
    "position": ("s.imported_at", "s.id", "c.start"),
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
    order = ", ".join(part + direction for part in SORT_KEYS[query.sort])
    ids = [row[0] for row in conn.execute(f"{sql} ORDER BY {order}, c.id{direction}", params)]
    if query.text.strip():
        wanted = text_filter_ids(conn, query.text)
        ids = [claim_id for claim_id in ids if claim_id in wanted]
    return ids


def claim_sort_keys(conn: sqlite3.Connection, sort: str, ids) -> dict[int, tuple]:
    """Each claim's place in an ascending ``sort`` as a Python tuple that orders as SQLite orders the rows
    (NULL first; NOCASE as SQLite's ASCII-only lower(); text by code point, as SQLite compares UTF-8)."""
    parts = [part.replace(" COLLATE NOCASE", "") for part in SORT_KEYS[sort]]
    nocase = [" COLLATE NOCASE" in part for part in SORT_KEYS[sort]]
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
    """(claim id, start, end, style) of a source's claims, by start: what the reader highlights. The style
    is the claim's kind, or the colour ("#rrggbb") of its tags when one of them has a colour."""
    spans = conn.execute(
        "SELECT id, start, end, kind FROM claim WHERE source_id = ? AND anchor_status <> 'orphaned' "
        "ORDER BY start, end DESC, id", (source_id,)).fetchall()
    return _with_tag_colours(conn, spans, source_id)


def claim_spans_of(conn: sqlite3.Connection, source_id: int, claim_ids) -> list[tuple[int, int, int, str]]:
    """The reader's spans of just these claims (those still in this source and anchored)."""
    ids = sorted(set(claim_ids))
    found: list[tuple[int, int, int, str]] = []
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        found += conn.execute(
            f"SELECT id, start, end, kind FROM claim WHERE source_id = ? AND anchor_status <> 'orphaned' "
            f"AND id IN ({','.join('?' * len(chunk))})", (source_id, *chunk)).fetchall()
    return _with_tag_colours(conn, found, source_id)


def tag_colours(conn: sqlite3.Connection) -> dict[int, tuple[str, str]]:
    """Each tag's colour, its own or else its nearest ancestor's, with its path key: {id: (path, colour)}
    for the tags that end up with one. A sub-tag without a colour of its own shows its parent's."""
    rows = {row[0]: row for row in conn.execute("SELECT id, parent_id, name_key, color FROM tag")}
    found: dict[int, tuple[str, str]] = {}

    def resolve(tag_id: int) -> tuple[str, str]:
        if tag_id not in found:
            _, parent, key, colour = rows[tag_id]
            path, inherited = resolve(parent) if parent is not None else ("", "")
            found[tag_id] = (f"{path}/{key}" if path else key, colour or inherited)
        return found[tag_id]

    for tag_id in rows:
        resolve(tag_id)
    return {tag_id: value for tag_id, value in found.items() if value[1]}


def _with_tag_colours(conn: sqlite3.Connection, spans: list, source_id: int) -> list[tuple[int, int, int, str]]:
    """The spans with the colour of each claim's first coloured tag (in path order) in place of its kind."""
    if not spans or conn.execute("SELECT 1 FROM tag WHERE color <> '' LIMIT 1").fetchone() is None:
        return spans
    colours = tag_colours(conn)
    best: dict[int, tuple[str, str]] = {}
    if len(spans) <= 500:  # a few edited claims: ask about them, not the whole source
        pairs = conn.execute(f"SELECT claim_id, tag_id FROM claim_tag WHERE claim_id IN ({','.join('?' * len(spans))})",
                             [span[0] for span in spans])
    else:
        pairs = conn.execute("SELECT ct.claim_id, ct.tag_id FROM claim_tag ct JOIN claim c ON c.id = ct.claim_id "
                             "WHERE c.source_id = ?", (source_id,))
    for claim_id, tag_id in pairs:
        painted = colours.get(tag_id)
        if painted is not None and (claim_id not in best or painted < best[claim_id]):
            best[claim_id] = painted
    return [(claim_id, start, end, best[claim_id][1] if claim_id in best else kind)
            for claim_id, start, end, kind in spans]
