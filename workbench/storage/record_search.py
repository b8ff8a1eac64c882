"""Candidate rows for searching the project's records by name, alias or identifier: entities
(with whether they came from the bundled reference data) and imported list entries.

These queries only narrow (a superset of the rows a query can match, from a few folded word
beginnings); services.search.records decides on each name exactly, as for the sources' text.
Entity names and aliases are stored folded (``name_key``, ``alias_key``), so ``instr`` on them
is exact for any script. List names are stored as published and not indexed in the file: they
are looked up in a word index kept in the connection's TEMP schema (below); identifiers are
compared on their keys (letters and digits, upper case).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.text import CJK_CHARACTER_CLASS, contains_cjk


@dataclass(frozen=True, slots=True)
class RecordRow:
    kind: str  # "entity" | "reference" | "list"
    record_id: int  # entity id or list entry id
    uuid: str  # entity uuid, or the list entry's key in its list
    label: str  # entity name, or "LIST NAME: caption"
    field: str  # "name" | "alias" | an identifier's scheme
    text: str  # the name, alias or identifier value searched


def _any_instr(column: str, count: int) -> str:
    return "(" + " OR ".join([f"instr({column}, ?) > 0"] * count) + ")"


def entity_rows(conn: sqlite3.Connection, beginnings: Sequence[str], identifier_keys: Sequence[str],
                limit: int) -> list[RecordRow]:
    """Entities whose folded name or alias holds a beginning, or whose identifier key holds a key."""
    rows: list[tuple] = []
    if beginnings:
        rows += conn.execute(
            "SELECT e.id, e.uuid, e.name, 'name', e.name FROM entity e "
            f"WHERE {_any_instr('e.name_key', len(beginnings))} "
            "UNION ALL SELECT e.id, e.uuid, e.name, 'alias', a.alias FROM entity_alias a JOIN entity e ON e.id = a.entity_id "
            f"WHERE {_any_instr('a.alias_key', len(beginnings))} LIMIT ?",
            (*beginnings, *beginnings, limit)).fetchall()
    if identifier_keys:
        rows += conn.execute(
            "SELECT e.id, e.uuid, e.name, i.scheme, i.value FROM entity_identifier i JOIN entity e ON e.id = i.entity_id "
            f"WHERE {_any_instr('i.value_key', len(identifier_keys))} LIMIT ?", (*identifier_keys, limit)).fetchall()
    reference = {row_id for row_id, in conn.execute("SELECT row_id FROM reference_item WHERE table_name = 'entity'")}
    return [RecordRow("reference" if id_ in reference else "entity", id_, uuid, name, field, text)
            for id_, uuid, name, field, text in rows]


# List names have no index in the project file (schema 4), and a million of them take 0.7 s to
# scan. A word index of them is built in the connection's TEMP schema (never written to the
# project), about 1 s per million names: a step at a time while the desktop is idle, or on the
# first search that needs it, and built again when a list has been imported, re-imported or
# deleted since.
_LIST_FINGERPRINT = ("SELECT (SELECT coalesce(max(id), 0) FROM main.list_import) || '/' || "
                     "(SELECT count(*) FROM main.sanctions_list) || '/' || (SELECT coalesce(max(id), 0) FROM main.list_entry)")


LIST_INDEX_STEP = 2_000  # list entries indexed (words, and whether CJK) per step: about 10 ms of work
_WHOLE = 1 << 62
# The word index cannot split Chinese or Japanese (a run of them is one word), so a CJK term is
# looked for in each name; the entries with such a name are noted beside the index (few of a
# list's names are written in CJK), so that look needs no scan of a million names (150 ms).
# SQLite's GLOB reads a character class by code points, so the class is the one core.text uses.
_HAS_CJK_GLOB = "*" + CJK_CHARACTER_CLASS + "*"


def list_name_index_step(conn: sqlite3.Connection, entries: int = LIST_INDEX_STEP) -> bool:
    """Add the names of the next ``entries`` list entries (by id) to the word index of list names; True
    once it holds every entry of the lists as they are now. The desktop calls it a step at a time when
    the window is idle, so a search never waits for a million names to be indexed; a search that comes
    first finishes the index itself (``_list_name_index``)."""
    fingerprint = conn.execute(_LIST_FINGERPRINT).fetchone()[0]
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wb_list_name_state (fingerprint TEXT, upto INTEGER)")
    # One document per entry (all its names): an entry's id is the row id, and the names of a
    # matching entry are read back from the file and matched one by one. Contentless, without
    # positions (prefix queries need none): about 1.3 s of CPU per million names.
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.wb_list_names USING fts5(names, content='', "
                 "detail='none', tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wb_list_cjk_entries (entry_id INTEGER PRIMARY KEY)")
    state = conn.execute("SELECT fingerprint, upto FROM temp.wb_list_name_state").fetchone()
    if state is None or state[0] != fingerprint:  # lists imported, re-imported or deleted since: start again
        conn.execute("INSERT INTO temp.wb_list_names (wb_list_names) VALUES ('delete-all')")
        conn.execute("DELETE FROM temp.wb_list_cjk_entries")
        conn.execute("DELETE FROM temp.wb_list_name_state")
        conn.execute("INSERT INTO temp.wb_list_name_state VALUES (?, 0)", (fingerprint,))
        upto = 0
    else:
        upto = state[1]
    last = int(fingerprint.rsplit("/", 1)[1])  # the highest list entry id
    if upto >= last:
        return True
    until = min(last, upto + entries)
    conn.execute("INSERT INTO temp.wb_list_names (rowid, names) SELECT entry_id, group_concat(name, ' ') "
                 "FROM main.list_entry_name WHERE entry_id > ? AND entry_id <= ? GROUP BY entry_id", (upto, until))
    conn.execute("INSERT OR IGNORE INTO temp.wb_list_cjk_entries SELECT entry_id FROM main.list_entry_name "
                 "WHERE entry_id > ? AND entry_id <= ? AND name GLOB ?", (upto, until, _HAS_CJK_GLOB))
    conn.execute("UPDATE temp.wb_list_name_state SET upto = ?", (until,))
    return until >= last


def _list_name_index(conn: sqlite3.Connection) -> None:
    """The word index of list names complete, built now for whatever is not in it yet."""
    list_name_index_step(conn, _WHOLE)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def list_rows(conn: sqlite3.Connection, beginnings: Sequence[str], identifier_keys: Sequence[str],
              limit: int) -> list[RecordRow]:
    """Imported list entries with a name or alias holding a word that begins with a beginning
    (CJK ones: holding it anywhere), or whose identifier is one of the keys."""
    rows: list[tuple] = []
    head = ("SELECT e.id, e.entry_key, l.name || ': ' || e.caption, CASE r.is_alias WHEN 1 THEN 'alias' ELSE 'name' END, "
            "r.name FROM main.list_entry_name r JOIN main.list_entry e ON e.id = r.entry_id "
            "JOIN main.sanctions_list l ON l.id = e.list_id ")
    words = [b for b in beginnings if not contains_cjk(b)]
    cjk = [b for b in beginnings if contains_cjk(b)]
    if words or cjk:
        _list_name_index(conn)  # the word index, and which entries have names written in CJK
    if words:
        expression = " OR ".join(_quoted(w) + "*" for w in words)
        rows += conn.execute(head + "WHERE r.entry_id IN (SELECT rowid FROM temp.wb_list_names "
                             "WHERE wb_list_names MATCH ? LIMIT ?)", (expression, limit)).fetchall()
    if cjk:
        rows += conn.execute(head + "WHERE r.entry_id IN (SELECT entry_id FROM temp.wb_list_cjk_entries) "
                             f"AND {_any_instr('r.name', len(cjk))} LIMIT ?", (*cjk, limit)).fetchall()
    if identifier_keys:
        marks = ",".join("?" * len(identifier_keys))
        rows += conn.execute(
            "SELECT e.id, e.entry_key, l.name || ': ' || e.caption, i.scheme, i.value FROM main.list_entry_identifier i "
            "JOIN main.list_entry e ON e.id = i.entry_id JOIN main.sanctions_list l ON l.id = e.list_id "
            f"WHERE i.value_key IN ({marks}) LIMIT ?", (*identifier_keys, limit)).fetchall()
    return [RecordRow("list", *row) for row in rows]
