"""Rows written with the identity they came with: exchange and merge keep every object's UUID.

The repositories give each new object a fresh UUID; an object that arrives from a
colleague or another tool must keep its own, with its own creation and change times,
so that the next exchange recognises it. These functions run inside the caller's
transaction and keep the search indexes in step, as the repositories do.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from ..core.anchoring import Anchor
from ..core.model import Quantity, SourceMeta
from . import search_index
from .ids import inserted_id
from .sources import content_hash
from .taxonomy import name_key


def insert_source(conn: sqlite3.Connection, uuid: str, meta: SourceMeta, text: str, original: bytes,
                  media_type: str, filename: str, encoding: str, reliability: str | None, note: str,
                  imported_at: str, modified_at: str, page_starts: Sequence[int] = ()) -> int:
    source_id = inserted_id(conn.execute(
        "INSERT INTO source (uuid, title, author, publisher, published, url, language, media_type, filename, "
        "encoding, original, text, content_hash, reliability, note, imported_at, modified_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid, meta.title, meta.author, meta.publisher, meta.published, meta.url, meta.language, media_type,
         filename, encoding, original, text, content_hash(text), reliability, note, imported_at, modified_at),
    ))
    search_index.index_source(conn, source_id, meta.title, text)
    conn.executemany("INSERT INTO source_page (source_id, page_no, start) VALUES (?, ?, ?)",
                     [(source_id, number, start) for number, start in enumerate(page_starts, 1)])
    return source_id


def insert_tag(conn: sqlite3.Connection, uuid: str, name: str, parent_id: int | None, color: str = "") -> int:
    return inserted_id(conn.execute(
        "INSERT INTO tag (uuid, name, name_key, parent_id, color) VALUES (?, ?, ?, ?, ?)",
        (uuid, name, name_key(name), parent_id, color)))


def find_tag(conn: sqlite3.Connection, name: str, parent_id: int | None) -> int | None:
    row = conn.execute("SELECT id FROM tag WHERE coalesce(parent_id, 0) = ? AND name_key = ?",
                       (parent_id or 0, name_key(name))).fetchone()
    return row[0] if row else None


def insert_entity(conn: sqlite3.Connection, uuid: str, name: str, kind: str, country: str, note: str,
                  aliases: Iterable[str], created_at: str, modified_at: str) -> int:
    entity_id = inserted_id(conn.execute(
        "INSERT INTO entity (uuid, name, name_key, kind, country, note, created_at, modified_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid, name, name_key(name), kind, country, note, created_at, modified_at)))
    conn.executemany("INSERT OR IGNORE INTO entity_alias (entity_id, alias, alias_key) VALUES (?, ?, ?)",
                     [(entity_id, alias, name_key(alias)) for alias in aliases if alias.strip()])
    return entity_id


def update_entity(conn: sqlite3.Connection, entity_id: int, name: str, kind: str, country: str, note: str,
                  aliases: Iterable[str], modified_at: str) -> None:
    conn.execute("UPDATE entity SET name = ?, name_key = ?, kind = ?, country = ?, note = ?, modified_at = ? "
                 "WHERE id = ?", (name, name_key(name), kind, country, note, modified_at, entity_id))
    conn.execute("DELETE FROM entity_alias WHERE entity_id = ?", (entity_id,))
    conn.executemany("INSERT OR IGNORE INTO entity_alias (entity_id, alias, alias_key) VALUES (?, ?, ?)",
                     [(entity_id, alias, name_key(alias)) for alias in aliases if alias.strip()])


def ids_by_uuid(conn: sqlite3.Connection, table: str) -> dict[str, int]:
    """Every row's id by its UUID (``table`` is one of ours, never user input)."""
    return {uuid: id_ for id_, uuid in conn.execute(f"SELECT id, uuid FROM {table}")}


def insert_claim(conn: sqlite3.Connection, uuid: str, source_id: int, anchor: Anchor, status: str,
                 fields: dict, created_at: str, modified_at: str) -> int:
    """``fields``: statement, kind, reliability, credibility, note."""
    claim_id = inserted_id(conn.execute(
        "INSERT INTO claim (uuid, source_id, start, end, quote, prefix, suffix, anchor_status, statement, kind, "
        "reliability, credibility, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid, source_id, anchor.start, anchor.end, anchor.quote, anchor.prefix, anchor.suffix, status,
         fields["statement"], fields["kind"], fields["reliability"], fields["credibility"], fields["note"],
         created_at, modified_at),
    ))
    search_index.index_claim(conn, claim_id, anchor.quote, fields["statement"], fields["note"])
    return claim_id


def update_claim(conn: sqlite3.Connection, claim_id: int, fields: dict, modified_at: str) -> None:
    """Overwrite what the analyst said about a claim (its anchor stays), keeping the index in step."""
    quote, statement, note = conn.execute("SELECT quote, statement, note FROM claim WHERE id = ?",
                                          (claim_id,)).fetchone()
    search_index.index_claim(conn, claim_id, quote, statement, note, delete=True)
    conn.execute("UPDATE claim SET statement = ?, kind = ?, reliability = ?, credibility = ?, note = ?, "
                 "modified_at = ? WHERE id = ?",
                 (fields["statement"], fields["kind"], fields["reliability"], fields["credibility"],
                  fields["note"], modified_at, claim_id))
    search_index.index_claim(conn, claim_id, quote, fields["statement"], fields["note"])
    for table in ("claim_quantity", "claim_tag", "claim_entity"):
        conn.execute(f"DELETE FROM {table} WHERE claim_id = ?", (claim_id,))


def write_claim_details(conn: sqlite3.Connection, claim_id: int, quantities: Sequence[Quantity],
                        tag_ids: Iterable[int], entity_ids: Iterable[int]) -> None:
    conn.executemany("INSERT INTO claim_quantity (claim_id, position, value, unit, year) VALUES (?, ?, ?, ?, ?)",
                     [(claim_id, i, q.value, q.unit, q.year) for i, q in enumerate(quantities)])
    conn.executemany("INSERT OR IGNORE INTO claim_tag (claim_id, tag_id) VALUES (?, ?)",
                     [(claim_id, t) for t in set(tag_ids)])
    conn.executemany("INSERT OR IGNORE INTO claim_entity (claim_id, entity_id) VALUES (?, ?)",
                     [(claim_id, e) for e in set(entity_ids)])


def insert_link(conn: sqlite3.Connection, uuid: str, from_claim: int, to_claim: int, kind: str, note: str,
                created_at: str) -> int | None:
    """The new link's id; None when the same link (or its UUID) is already there."""
    cur = conn.execute("INSERT OR IGNORE INTO claim_link (uuid, from_claim, to_claim, kind, note, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (uuid, from_claim, to_claim, kind, note, created_at))
    return cur.lastrowid if cur.rowcount > 0 else None


def read_json_info(conn: sqlite3.Connection, key: str) -> dict:
    row = conn.execute("SELECT value FROM project_info WHERE key = ?", (key,)).fetchone()
    try:
        value = json.loads(row[0]) if row else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def write_json_info(conn: sqlite3.Connection, key: str, value: dict) -> None:
    conn.execute("INSERT INTO project_info(key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, json.dumps(value, ensure_ascii=False, sort_keys=True)))
