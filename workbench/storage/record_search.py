"""Candidate rows for searching the project's records by name, alias or identifier: entities
(with whether they came from the bundled reference data) and imported list entries.

These queries only narrow (a superset of the rows a query can match, from a few folded word
beginnings); services.search.records decides on each name exactly, as for the sources' text.
Entity names and aliases are stored folded (``name_key``, ``alias_key``), so ``instr`` on them
is exact for any script. List names are stored as published: SQLite's ``lower`` folds ASCII
only, so a name is also looked for in capitals and with a capital first letter ("РОСНЕФТЬ",
"Роснефть"); identifiers are compared on their keys (letters and digits, upper case).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


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


def list_rows(conn: sqlite3.Connection, beginnings: Sequence[str], identifier_keys: Sequence[str],
              limit: int) -> list[RecordRow]:
    """Imported list entries whose name or alias holds a beginning (in lower case, capitals or
    capitalised), or whose identifier is one of the keys."""
    rows: list[tuple] = []
    if beginnings:
        forms = [f for b in beginnings for f in {b, b.upper(), b[:1].upper() + b[1:]}]
        rows += conn.execute(
            "SELECT e.id, e.entry_key, l.name || ': ' || e.caption, CASE n.is_alias WHEN 1 THEN 'alias' ELSE 'name' END, "
            "n.name FROM list_entry_name n JOIN list_entry e ON e.id = n.entry_id JOIN sanctions_list l ON l.id = e.list_id "
            f"WHERE {_any_instr('lower(n.name)', len(beginnings))} OR {_any_instr('n.name', len(forms))} LIMIT ?",
            (*beginnings, *forms, limit)).fetchall()
    if identifier_keys:
        marks = ",".join("?" * len(identifier_keys))
        rows += conn.execute(
            "SELECT e.id, e.entry_key, l.name || ': ' || e.caption, i.scheme, i.value FROM list_entry_identifier i "
            "JOIN list_entry e ON e.id = i.entry_id JOIN sanctions_list l ON l.id = e.list_id "
            f"WHERE i.value_key IN ({marks}) LIMIT ?", (*identifier_keys, limit)).fetchall()
    return [RecordRow("list", *row) for row in rows]
