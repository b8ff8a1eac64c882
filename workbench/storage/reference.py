"""What reference data put into a project, and the few updates a reload makes to rows it still owns."""

from __future__ import annotations

import sqlite3

from ..core.model import utc_now
from .database import ProjectDatabase
from .taxonomy import name_key


class ReferenceRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def item(self, ref_key: str) -> tuple[str, int, str] | None:
        """(table, row id, fingerprint at last load) of a reference item."""
        return self.db.conn.execute("SELECT table_name, row_id, fingerprint FROM reference_item WHERE ref_key = ?",
                                    (ref_key,)).fetchone()

    def origins(self) -> dict[tuple[str, int], str]:
        """(table, row id) -> reference key, for every row that came from reference data."""
        return {(t, r): k for k, t, r in self.db.conn.execute("SELECT ref_key, table_name, row_id FROM reference_item")}

    def record(self, conn: sqlite3.Connection, ref_key: str, table: str, row_id: int, fingerprint: str,
               dataset: str) -> None:
        conn.execute("INSERT INTO reference_item (ref_key, table_name, row_id, fingerprint, dataset, loaded_at) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ref_key) DO UPDATE SET row_id = excluded.row_id, "
                     "fingerprint = excluded.fingerprint, dataset = excluded.dataset, loaded_at = excluded.loaded_at",
                     (ref_key, table, row_id, fingerprint, dataset, utc_now()))

    def row_exists(self, table: str, row_id: int) -> bool:
        assert table in ("entity", "relation", "measure")
        return self.db.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None

    def update_entity(self, conn: sqlite3.Connection, entity_id: int, name: str, kind: str, country: str, note: str,
                      aliases: list[str]) -> None:
        conn.execute("UPDATE entity SET name = ?, name_key = ?, kind = ?, country = ?, note = ?, modified_at = ? "
                     "WHERE id = ?", (name, name_key(name), kind, country, note, utc_now(), entity_id))
        conn.execute("DELETE FROM entity_alias WHERE entity_id = ?", (entity_id,))
        conn.executemany("INSERT OR IGNORE INTO entity_alias (entity_id, alias, alias_key) VALUES (?, ?, ?)",
                         [(entity_id, a, name_key(a)) for a in aliases])

    def replace_attributes(self, conn: sqlite3.Connection, entity_id: int, attributes: dict[str, str]) -> None:
        conn.execute("DELETE FROM entity_attribute WHERE entity_id = ?", (entity_id,))
        conn.executemany("INSERT INTO entity_attribute (entity_id, name, value) VALUES (?, ?, ?)",
                         [(entity_id, k, v) for k, v in attributes.items()])

    def update_measure(self, conn: sqlite3.Connection, measure_id: int, fields: dict, targets: list[int]) -> None:
        conn.execute("UPDATE measure SET name = ?, kind = ?, authority = ?, citation = ?, announced = ?, "
                     "effective_from = ?, effective_to = ?, note = ?, modified_at = ? WHERE id = ?",
                     (fields["name"], fields["kind"], fields["authority"], fields["citation"], fields["announced"],
                      fields["effective_from"], fields["effective_to"], fields["note"], utc_now(), measure_id))
        conn.execute("DELETE FROM measure_target WHERE measure_id = ?", (measure_id,))
        conn.executemany("INSERT OR IGNORE INTO measure_target (measure_id, entity_id) VALUES (?, ?)",
                         [(measure_id, e) for e in targets])

    def update_relation(self, conn: sqlite3.Connection, relation_id: int, fields: dict) -> None:
        conn.execute("UPDATE relation SET subject_id = ?, kind = ?, object_id = ?, valid_from = ?, valid_to = ?, "
                     "note = ?, modified_at = ? WHERE id = ?",
                     (fields["subject_id"], fields["kind"], fields["object_id"], fields["valid_from"],
                      fields["valid_to"], fields["note"], utc_now(), relation_id))
