"""Relations between entities and the measures that hit them, each backed by claims."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import Measure, MeasureKind, Relation, RelationKind, new_uuid, utc_now
from .database import ProjectDatabase
from .ids import id_by_uuid_prefix, inserted_id


def _grouped(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> dict[int, tuple[int, ...]]:
    """Rows of (owner id, member id) as owner id -> sorted member ids."""
    groups: dict[int, list[int]] = defaultdict(list)
    for owner, member in conn.execute(sql, params):
        groups[owner].append(member)
    return {owner: tuple(sorted(members)) for owner, members in groups.items()}


class RelationRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def add(self, subject_id: int, kind: RelationKind, object_id: int, valid_from: str = "", valid_to: str = "",
            note: str = "", evidence: tuple[int, ...] = ()) -> Relation:
        if subject_id == object_id:
            raise InvalidInputError("a relation needs two different entities")
        now = utc_now()
        with self.db.transaction() as conn:
            relation_id = inserted_id(conn.execute(
                "INSERT INTO relation (uuid, subject_id, kind, object_id, valid_from, valid_to, note, created_at, "
                "modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), subject_id, RelationKind(kind).value, object_id, valid_from, valid_to, note, now, now),
            ))
            self._write_evidence(relation_id, evidence)
        return self.get(relation_id)

    def _write_evidence(self, relation_id: int, evidence: tuple[int, ...]) -> None:
        self.db.conn.execute("DELETE FROM relation_evidence WHERE relation_id = ?", (relation_id,))
        self.db.conn.executemany("INSERT OR IGNORE INTO relation_evidence (relation_id, claim_id) VALUES (?, ?)",
                                 [(relation_id, claim_id) for claim_id in evidence])

    def update(self, relation: Relation) -> Relation:
        """Write every field of ``relation`` (evidence included) over the stored one with its id."""
        if relation.subject_id == relation.object_id:
            raise InvalidInputError("a relation needs two different entities")
        with self.db.transaction() as conn:
            changed = conn.execute(
                "UPDATE relation SET subject_id = ?, kind = ?, object_id = ?, valid_from = ?, valid_to = ?, "
                "note = ?, modified_at = ? WHERE id = ?",
                (relation.subject_id, RelationKind(relation.kind).value, relation.object_id, relation.valid_from,
                 relation.valid_to, relation.note, utc_now(), relation.id),
            ).rowcount
            if not changed:
                raise NotFoundError(f"no relation with id {relation.id}")
            self._write_evidence(relation.id, relation.evidence)
        return self.get(relation.id)

    def delete(self, relation_id: int) -> None:
        with self.db.transaction() as conn:
            if not conn.execute("DELETE FROM relation WHERE id = ?", (relation_id,)).rowcount:
                raise NotFoundError(f"no relation with id {relation_id}")

    def get(self, relation_id: int) -> Relation:
        found = self._load("WHERE id = ?", (relation_id,))
        if not found:
            raise NotFoundError(f"no relation with id {relation_id}")
        return found[0]

    def resolve(self, ref: str) -> Relation:
        """A relation by its id or a unique prefix of it (at least 4 characters)."""
        return self.get(id_by_uuid_prefix(self.db.conn, "relation", ref))

    def _load(self, where: str, params: tuple) -> list[Relation]:
        rows = self.db.conn.execute(
            "SELECT id, uuid, subject_id, kind, object_id, valid_from, valid_to, note FROM relation "
            f"{where} ORDER BY id", params).fetchall()
        evidence = _grouped(self.db.conn, "SELECT relation_id, claim_id FROM relation_evidence "
                            + ("WHERE relation_id = ?" if where else ""), params)
        return [Relation(id_, uuid, subject, RelationKind(kind), obj, valid_from, valid_to, note,
                         evidence.get(id_, ()))
                for id_, uuid, subject, kind, obj, valid_from, valid_to, note in rows]

    def list(self) -> list[Relation]:
        return self._load("", ())


class MeasureRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def add(self, name: str, kind: MeasureKind, authority: str = "", citation: str = "", announced: str = "",
            effective_from: str = "", effective_to: str = "", note: str = "", targets: tuple[int, ...] = (),
            evidence: tuple[int, ...] = ()) -> Measure:
        if not name.strip():
            raise InvalidInputError("a measure needs a name")
        now = utc_now()
        with self.db.transaction() as conn:
            measure_id = inserted_id(conn.execute(
                "INSERT INTO measure (uuid, name, kind, authority, citation, announced, effective_from, "
                "effective_to, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), name.strip(), MeasureKind(kind).value, authority, citation, announced, effective_from,
                 effective_to, note, now, now),
            ))
            self._write_links(measure_id, targets, evidence)
        return self.get(measure_id)

    def _write_links(self, measure_id: int, targets: tuple[int, ...], evidence: tuple[int, ...]) -> None:
        conn = self.db.conn
        conn.execute("DELETE FROM measure_target WHERE measure_id = ?", (measure_id,))
        conn.execute("DELETE FROM measure_evidence WHERE measure_id = ?", (measure_id,))
        conn.executemany("INSERT OR IGNORE INTO measure_target (measure_id, entity_id) VALUES (?, ?)",
                         [(measure_id, e) for e in targets])
        conn.executemany("INSERT OR IGNORE INTO measure_evidence (measure_id, claim_id) VALUES (?, ?)",
                         [(measure_id, c) for c in evidence])

    def update(self, measure: Measure) -> Measure:
        """Write every field of ``measure`` (targets and evidence included) over the stored one."""
        if not measure.name.strip():
            raise InvalidInputError("a measure needs a name")
        with self.db.transaction() as conn:
            changed = conn.execute(
                "UPDATE measure SET name = ?, kind = ?, authority = ?, citation = ?, announced = ?, "
                "effective_from = ?, effective_to = ?, note = ?, modified_at = ? WHERE id = ?",
                (measure.name.strip(), MeasureKind(measure.kind).value, measure.authority, measure.citation,
                 measure.announced, measure.effective_from, measure.effective_to, measure.note, utc_now(),
                 measure.id),
            ).rowcount
            if not changed:
                raise NotFoundError(f"no measure with id {measure.id}")
            self._write_links(measure.id, measure.targets, measure.evidence)
        return self.get(measure.id)

    def delete(self, measure_id: int) -> None:
        with self.db.transaction() as conn:
            if not conn.execute("DELETE FROM measure WHERE id = ?", (measure_id,)).rowcount:
                raise NotFoundError(f"no measure with id {measure_id}")

    def get(self, measure_id: int) -> Measure:
        found = self._load("WHERE id = ?", (measure_id,))
        if not found:
            raise NotFoundError(f"no measure with id {measure_id}")
        return found[0]

    def resolve(self, ref: str) -> Measure:
        """A measure by its id or a unique prefix of it (at least 4 characters)."""
        return self.get(id_by_uuid_prefix(self.db.conn, "measure", ref))

    def find(self, name: str) -> Measure | None:
        row = self.db.conn.execute("SELECT id FROM measure WHERE lower(name) = lower(?) ORDER BY id LIMIT 1",
                                   (name.strip(),)).fetchone()
        return self.get(row[0]) if row else None

    def _load(self, where: str, params: tuple) -> list[Measure]:
        rows = self.db.conn.execute(
            "SELECT id, uuid, name, kind, authority, citation, announced, effective_from, effective_to, note "
            f"FROM measure {where} ORDER BY effective_from, id", params).fetchall()
        filter_ = "WHERE measure_id = ?" if where else ""
        targets = _grouped(self.db.conn, f"SELECT measure_id, entity_id FROM measure_target {filter_}", params)
        evidence = _grouped(self.db.conn, f"SELECT measure_id, claim_id FROM measure_evidence {filter_}", params)
        return [Measure(id_, uuid, name, MeasureKind(kind), authority, citation, announced, eff_from, eff_to, note,
                        targets.get(id_, ()), evidence.get(id_, ()))
                for id_, uuid, name, kind, authority, citation, announced, eff_from, eff_to, note in rows]

    def list(self) -> list[Measure]:
        return self._load("", ())
