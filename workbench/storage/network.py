"""Relations between entities and the measures that hit them, each backed by claims."""

from __future__ import annotations

from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import Measure, MeasureKind, Relation, RelationKind, new_uuid, utc_now
from .database import ProjectDatabase


class RelationRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def add(self, subject_id: int, kind: RelationKind, object_id: int, valid_from: str = "", valid_to: str = "",
            note: str = "", evidence: tuple[int, ...] = ()) -> Relation:
        if subject_id == object_id:
            raise InvalidInputError("a relation needs two different entities")
        now = utc_now()
        with self.db.transaction() as conn:
            relation_id = conn.execute(
                "INSERT INTO relation (uuid, subject_id, kind, object_id, valid_from, valid_to, note, created_at, "
                "modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), subject_id, RelationKind(kind).value, object_id, valid_from, valid_to, note, now, now),
            ).lastrowid
            conn.executemany("INSERT OR IGNORE INTO relation_evidence (relation_id, claim_id) VALUES (?, ?)",
                             [(relation_id, claim_id) for claim_id in evidence])
        return self.get(relation_id)

    def get(self, relation_id: int) -> Relation:
        row = self.db.conn.execute(
            "SELECT id, uuid, subject_id, kind, object_id, valid_from, valid_to, note FROM relation WHERE id = ?",
            (relation_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no relation with id {relation_id}")
        evidence = tuple(c for c, in self.db.conn.execute(
            "SELECT claim_id FROM relation_evidence WHERE relation_id = ? ORDER BY claim_id", (relation_id,)))
        id_, uuid, subject, kind, obj, valid_from, valid_to, note = row
        return Relation(id_, uuid, subject, RelationKind(kind), obj, valid_from, valid_to, note, evidence)

    def list(self) -> list[Relation]:
        return [self.get(r) for r, in self.db.conn.execute("SELECT id FROM relation ORDER BY id").fetchall()]


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
            measure_id = conn.execute(
                "INSERT INTO measure (uuid, name, kind, authority, citation, announced, effective_from, "
                "effective_to, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), name.strip(), MeasureKind(kind).value, authority, citation, announced, effective_from,
                 effective_to, note, now, now),
            ).lastrowid
            conn.executemany("INSERT OR IGNORE INTO measure_target (measure_id, entity_id) VALUES (?, ?)",
                             [(measure_id, e) for e in targets])
            conn.executemany("INSERT OR IGNORE INTO measure_evidence (measure_id, claim_id) VALUES (?, ?)",
                             [(measure_id, c) for c in evidence])
        return self.get(measure_id)

    def get(self, measure_id: int) -> Measure:
        row = self.db.conn.execute(
            "SELECT id, uuid, name, kind, authority, citation, announced, effective_from, effective_to, note "
            "FROM measure WHERE id = ?", (measure_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no measure with id {measure_id}")
        targets = tuple(e for e, in self.db.conn.execute(
            "SELECT entity_id FROM measure_target WHERE measure_id = ? ORDER BY entity_id", (measure_id,)))
        evidence = tuple(c for c, in self.db.conn.execute(
            "SELECT claim_id FROM measure_evidence WHERE measure_id = ? ORDER BY claim_id", (measure_id,)))
        id_, uuid, name, kind, authority, citation, announced, eff_from, eff_to, note = row
        return Measure(id_, uuid, name, MeasureKind(kind), authority, citation, announced, eff_from, eff_to, note,
                       targets, evidence)

    def list(self) -> list[Measure]:
        return [self.get(m) for m, in self.db.conn.execute(
            "SELECT id FROM measure ORDER BY effective_from, id").fetchall()]
