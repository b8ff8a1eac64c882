"""Relations and measures as exchangeable records: every reference by UUID, not by row id.

A record is a plain dict (JSON-ready, so it travels in a .qdpx's ``workbench.json``):
relations name their subject and object entities, measures their targets, both their
evidence claims, by UUID. Writing one back maps the UUIDs to this project's rows.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from .ids import inserted_id

RELATION_FIELDS = ("kind", "valid_from", "valid_to", "note")
MEASURE_FIELDS = ("name", "kind", "authority", "citation", "announced", "effective_from", "effective_to", "note")


def _members(conn: sqlite3.Connection, sql: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for owner, uuid in conn.execute(sql):
        found[owner].append(uuid)
    return {owner: sorted(uuids) for owner, uuids in found.items()}


def read_relations(conn: sqlite3.Connection) -> list[dict]:
    evidence = _members(conn, "SELECT re.relation_id, c.uuid FROM relation_evidence re "
                              "JOIN claim c ON c.id = re.claim_id")
    return [{"uuid": uuid, "subject": subject, "object": object_, "kind": kind, "valid_from": valid_from,
             "valid_to": valid_to, "note": note, "created_at": created, "modified_at": modified,
             "evidence": evidence.get(id_, [])}
            for id_, uuid, subject, object_, kind, valid_from, valid_to, note, created, modified in conn.execute(
                "SELECT r.id, r.uuid, s.uuid, o.uuid, r.kind, r.valid_from, r.valid_to, r.note, r.created_at, "
                "r.modified_at FROM relation r JOIN entity s ON s.id = r.subject_id "
                "JOIN entity o ON o.id = r.object_id ORDER BY r.id")]


def read_measures(conn: sqlite3.Connection) -> list[dict]:
    evidence = _members(conn, "SELECT me.measure_id, c.uuid FROM measure_evidence me JOIN claim c ON c.id = me.claim_id")
    targets = _members(conn, "SELECT mt.measure_id, e.uuid FROM measure_target mt JOIN entity e ON e.id = mt.entity_id")
    records = []
    for row in conn.execute(f"SELECT id, uuid, {', '.join(MEASURE_FIELDS)}, created_at, modified_at FROM measure "
                            "ORDER BY id"):
        id_, uuid, *values, created, modified = row
        records.append({"uuid": uuid, **dict(zip(MEASURE_FIELDS, values, strict=True)), "created_at": created,
                        "modified_at": modified, "targets": targets.get(id_, []), "evidence": evidence.get(id_, [])})
    return records


def snapshot_row(conn: sqlite3.Connection, table: str, row_id: int) -> tuple[str, int, dict, list[tuple]]:
    """A relation's or measure's row and its link rows, to put back on undo."""
    cursor = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    links = []
    for link_table in (("relation_evidence",) if table == "relation" else ("measure_target", "measure_evidence")):
        for values in conn.execute(f"SELECT * FROM {link_table} WHERE {table}_id = ?", (row_id,)):
            links.append((link_table, values))
    return table, row_id, row, links


def restore_row(conn: sqlite3.Connection, snapshot: tuple[str, int, dict, list[tuple]]) -> None:
    table, row_id, row, links = snapshot
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    for link_table, values in links:
        conn.execute(f"INSERT OR IGNORE INTO {link_table} VALUES ({', '.join('?' * len(values))})", values)


def write_relation(conn: sqlite3.Connection, record: dict, subject_id: int, object_id: int,
                   evidence_ids: list[int], row_id: int | None = None) -> int:
    """Insert the relation (or overwrite row ``row_id``) with its evidence."""
    values = [record[f] for f in RELATION_FIELDS]
    if row_id is None:
        row_id = inserted_id(conn.execute(
            "INSERT INTO relation (uuid, subject_id, object_id, kind, valid_from, valid_to, note, created_at, "
            "modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record["uuid"], subject_id, object_id, *values, record["created_at"], record["modified_at"])))
    else:
        conn.execute("UPDATE relation SET subject_id = ?, object_id = ?, kind = ?, valid_from = ?, valid_to = ?, "
                     "note = ?, modified_at = ? WHERE id = ?",
                     (subject_id, object_id, *values, record["modified_at"], row_id))
        conn.execute("DELETE FROM relation_evidence WHERE relation_id = ?", (row_id,))
    conn.executemany("INSERT OR IGNORE INTO relation_evidence (relation_id, claim_id) VALUES (?, ?)",
                     [(row_id, claim_id) for claim_id in evidence_ids])
    return row_id


def write_measure(conn: sqlite3.Connection, record: dict, target_ids: list[int], evidence_ids: list[int],
                  row_id: int | None = None) -> int:
    values = [record[f] for f in MEASURE_FIELDS]
    if row_id is None:
        row_id = inserted_id(conn.execute(
            f"INSERT INTO measure (uuid, {', '.join(MEASURE_FIELDS)}, created_at, modified_at) "
            f"VALUES (?, {', '.join('?' * len(MEASURE_FIELDS))}, ?, ?)",
            (record["uuid"], *values, record["created_at"], record["modified_at"])))
    else:
        conn.execute(f"UPDATE measure SET {', '.join(f + ' = ?' for f in MEASURE_FIELDS)}, modified_at = ? "
                     "WHERE id = ?", (*values, record["modified_at"], row_id))
        conn.execute("DELETE FROM measure_target WHERE measure_id = ?", (row_id,))
        conn.execute("DELETE FROM measure_evidence WHERE measure_id = ?", (row_id,))
    conn.executemany("INSERT OR IGNORE INTO measure_target (measure_id, entity_id) VALUES (?, ?)",
                     [(row_id, entity_id) for entity_id in target_ids])
    conn.executemany("INSERT OR IGNORE INTO measure_evidence (measure_id, claim_id) VALUES (?, ?)",
                     [(row_id, claim_id) for claim_id in evidence_ids])
    return row_id
