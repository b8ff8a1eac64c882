"""Claims: an anchored quote plus what the analyst says about it."""

from __future__ import annotations

import builtins
from collections import defaultdict

from ..core.anchoring import Anchor
from ..core.collector import collector_paused
from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import (
    CREDIBILITY_GRADES,
    RELIABILITY_GRADES,
    Claim,
    ClaimDraft,
    ClaimKind,
    ClaimLink,
    Grading,
    LinkKind,
    Quantity,
    new_uuid,
    utc_now,
)
from . import search_index
from .claim_queries import ClaimQuery, claim_sort_keys, claim_spans, claim_spans_of, query_claim_ids
from .database import ProjectDatabase
from .ids import id_by_uuid_prefix, inserted_id
from .snapshots import ClaimSnapshot, restore_claim, snapshot_claim
from .taxonomy import EntityRepository, TagRepository

_KINDS = {kind.value: kind for kind in ClaimKind}  # a dict lookup; ClaimKind(value) costs a call per row
_WHOLE_TABLE_ABOVE = 5000  # claims asked for at once, past which details are read table by table

_CLAIM_TAIL = ("c.start, c.end, c.quote, c.prefix, c.suffix, c.anchor_status, c.statement, c.kind, c.reliability, "
               "c.credibility, c.note, c.created_at, c.modified_at")
_COLUMNS = f"c.id, c.uuid, c.source_id, s.uuid, s.title, {_CLAIM_TAIL}"
# The same columns with the source's uuid and title left to a dict of sources (see ClaimRepository._load).
_COLUMNS_WITHOUT_SOURCE = f"c.id, c.uuid, c.source_id, NULL, NULL, {_CLAIM_TAIL}"


def validate_draft(draft: ClaimDraft) -> None:
    if draft.grading.reliability is not None and draft.grading.reliability not in RELIABILITY_GRADES:
        raise InvalidInputError(f"reliability must be one of {', '.join(RELIABILITY_GRADES)}")
    if draft.grading.credibility is not None and draft.grading.credibility not in CREDIBILITY_GRADES:
        raise InvalidInputError("credibility must be a number from 1 to 6")
    ClaimKind(draft.kind)


class ClaimRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db
        self.tags = TagRepository(db)
        self.entities = EntityRepository(db)

    def add(self, source_id: int, anchor: Anchor, draft: ClaimDraft) -> Claim:
        validate_draft(draft)
        now = utc_now()
        with self.db.transaction() as conn:
            # Checked against the text held in memory (storage.text_cache), read from the file once.
            text = self.db.texts.text(conn, source_id)
            if text is None:
                raise NotFoundError(f"no source with id {source_id}")
            if not (0 <= anchor.start < anchor.end <= len(text)) or text[anchor.start:anchor.end] != anchor.quote:
                raise InvalidInputError("the quote does not match the source text at the given offsets")
            claim_id = inserted_id(conn.execute(
                "INSERT INTO claim (uuid, source_id, start, end, quote, prefix, suffix, statement, kind, "
                "reliability, credibility, note, created_at, modified_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), source_id, anchor.start, anchor.end, anchor.quote, anchor.prefix, anchor.suffix,
                 draft.statement, ClaimKind(draft.kind).value, draft.grading.reliability,
                 draft.grading.credibility, draft.note, now, now),
            ))
            self._write_details(claim_id, draft)
            search_index.index_claim(conn, claim_id, anchor.quote, draft.statement, draft.note)
        return self.get(claim_id)

    def update(self, claim_id: int, draft: ClaimDraft) -> Claim:
        """Replace everything the analyst said about a claim; the anchor stays."""
        validate_draft(draft)
        with self.db.transaction() as conn:
            old = self.get(claim_id)
            search_index.index_claim(conn, claim_id, old.anchor.quote, old.statement, old.note, delete=True)
            conn.execute(
                "UPDATE claim SET statement = ?, kind = ?, reliability = ?, credibility = ?, note = ?, "
                "modified_at = ? WHERE id = ?",
                (draft.statement, ClaimKind(draft.kind).value, draft.grading.reliability,
                 draft.grading.credibility, draft.note, utc_now(), claim_id),
            )
            for table in ("claim_quantity", "claim_tag", "claim_entity"):
                conn.execute(f"DELETE FROM {table} WHERE claim_id = ?", (claim_id,))
            self._write_details(claim_id, draft)
            search_index.index_claim(conn, claim_id, old.anchor.quote, draft.statement, draft.note)
        return self.get(claim_id)

    def delete(self, claim_id: int) -> None:
        with self.db.transaction() as conn:
            old = self.get(claim_id)
            search_index.index_claim(conn, claim_id, old.anchor.quote, old.statement, old.note, delete=True)
            conn.execute("DELETE FROM claim WHERE id = ?", (claim_id,))

    def snapshot(self, claim_id: int) -> ClaimSnapshot:
        """Everything needed to bring the claim back after a delete."""
        return snapshot_claim(self.db.conn, claim_id)

    def restore(self, snapshot: ClaimSnapshot) -> Claim:
        """Bring a deleted claim back with the same id, uuid, tags, entities, links and evidence."""
        with self.db.transaction() as conn:
            restore_claim(conn, snapshot, self.db.texts)
        return self.get(snapshot.claim_id)

    def _write_details(self, claim_id: int, draft: ClaimDraft) -> None:
        conn = self.db.conn
        conn.executemany(
            "INSERT INTO claim_quantity (claim_id, position, value, unit, year) VALUES (?, ?, ?, ?, ?)",
            [(claim_id, i, q.value, q.unit, q.year) for i, q in enumerate(draft.quantities)],
        )
        tag_ids = {self.tags.ensure(path) for path in draft.tags}
        conn.executemany("INSERT INTO claim_tag (claim_id, tag_id) VALUES (?, ?)", [(claim_id, t) for t in tag_ids])
        entity_ids = {self.entities.ensure(name) for name in draft.entities}
        conn.executemany(
            "INSERT INTO claim_entity (claim_id, entity_id) VALUES (?, ?)", [(claim_id, e) for e in entity_ids]
        )

    # -- reading ----------------------------------------------------------------

    def get(self, claim_id: int) -> Claim:
        claims = self._load(f"SELECT {_COLUMNS} FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id = ?",
                            (claim_id,))
        if not claims:
            raise NotFoundError(f"no claim with id {claim_id}")
        return claims[0]

    def resolve(self, ref: str) -> Claim:
        return self.get(id_by_uuid_prefix(self.db.conn, "claim", ref))

    def list(self, source_id: int | None = None, tag_ids: list[int] | None = None,
             entity_id: int | None = None) -> list[Claim]:
        where, params = [], []
        if source_id is not None:
            where.append("c.source_id = ?")
            params.append(source_id)
        if tag_ids is not None:
            where.append(f"c.id IN (SELECT claim_id FROM claim_tag WHERE tag_id IN ({','.join('?' * len(tag_ids))}))")
            params.extend(tag_ids)
        if entity_id is not None:
            where.append("c.id IN (SELECT claim_id FROM claim_entity WHERE entity_id = ?)")
            params.append(entity_id)
        # Each source's uuid and title are read once and shared by its claims, not decoded again per row.
        # Claims come in the order of the claim_source index (no sort of whole rows in SQLite, a third of
        # the time on a large project); the sources are then put in import order in Python.
        sql = f"SELECT {_COLUMNS_WITHOUT_SOURCE} FROM claim c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        if source_id is not None:  # one source: its row alone, its claims already in order
            sources = {row[0]: row for row in self.db.conn.execute(
                "SELECT id, uuid, title FROM source WHERE id = ?", (source_id,))}
            return self._load(sql + " ORDER BY c.start, c.id", params, sources)
        sources = {row[0]: row for row in self.db.conn.execute(
            "SELECT id, uuid, title FROM source ORDER BY imported_at, id")}
        claims = self._load(sql + " ORDER BY c.source_id, c.start, c.id", params, sources)
        return _in_source_order(claims, {source_id: rank for rank, source_id in enumerate(sources)})

    def query_ids(self, query: ClaimQuery, only=None) -> builtins.list[int]:
        return query_claim_ids(self.db.conn, query, only)

    def sort_keys(self, sort: str, ids) -> dict[int, tuple]:
        return claim_sort_keys(self.db.conn, sort, ids)

    def get_many(self, ids: builtins.list[int]) -> builtins.list[Claim]:
        """Claims in the order of ``ids``; ids no longer present are left out."""
        found: dict[int, Claim] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            sql = (f"SELECT {_COLUMNS} FROM claim c JOIN source s ON s.id = c.source_id "
                   f"WHERE c.id IN ({','.join('?' * len(chunk))})")
            found.update((claim.id, claim) for claim in self._load(sql, chunk))
        return [found[i] for i in ids if i in found]

    def spans(self, source_id: int) -> builtins.list[tuple[int, int, int, str]]:
        return claim_spans(self.db.conn, source_id)

    def spans_of(self, source_id: int, claim_ids) -> builtins.list[tuple[int, int, int, str]]:
        return claim_spans_of(self.db.conn, source_id, claim_ids)

    def _load(self, sql: str, params, sources: dict[int, tuple] | None = None) -> builtins.list[Claim]:
        """Claims of the rows ``sql`` selects (in ``_COLUMNS``' order); with ``sources`` (id -> (id, uuid,
        title)) the rows leave the source's uuid and title out and they are taken from there."""
        with collector_paused():
            rows = self.db.conn.execute(sql, params).fetchall()
            if not rows:
                return []
            quantities, tags, entities = self._details([row[0] for row in rows])
            return self._build(rows, quantities, tags, entities, sources)

    @staticmethod
    def _build(rows, quantities, tags, entities, sources) -> builtins.list[Claim]:
        kinds, none = _KINDS, ()
        gradings: dict[tuple, Grading] = {}  # a handful of distinct gradings: share them
        claims = []
        for row in rows:
            (id_, uuid, source_id, source_uuid, source_title, start, end, quote, prefix, suffix, status,
             statement, kind, reliability, credibility, note, created, modified) = row
            if sources is not None:
                _, source_uuid, source_title = sources[source_id]
            grading = gradings.get((reliability, credibility))
            if grading is None:
                grading = gradings[reliability, credibility] = Grading(reliability, credibility)
            claims.append(Claim(
                id_, uuid, source_id, source_uuid, source_title, Anchor(start, end, quote, prefix, suffix), status,
                statement, kinds[kind], tuple(quantities.get(id_, none)), grading, note,
                tuple(sorted(tags.get(id_, none))), tuple(sorted(entities.get(id_, none))), created, modified,
            ))
        return claims

    def _details(self, ids: builtins.list[int]):
        """Quantities, tag paths and entity names by claim id."""
        quantities: dict[int, list] = defaultdict(list)
        tags: dict[int, list] = defaultdict(list)
        entities: dict[int, list] = defaultdict(list)
        paths = self.tags.paths_by_id()
        whole, total = False, 0
        if len(ids) > _WHOLE_TABLE_ABOVE:
            total = self.count()
            whole = 2 * len(ids) > total
        for where, params in self._detail_filters(ids, whole):
            for claim_id, value, unit, year in self.db.conn.execute(
                f"SELECT claim_id, value, unit, year FROM claim_quantity WHERE {where} "
                "ORDER BY claim_id, position", params):
                quantities[claim_id].append(Quantity(value, unit, year))
            for claim_id, tag_id in self.db.conn.execute(
                f"SELECT claim_id, tag_id FROM claim_tag WHERE {where}", params):
                tags[claim_id].append(paths[tag_id])
            for claim_id, name in self.db.conn.execute(
                f"SELECT claim_id, e.name FROM claim_entity JOIN entity e ON e.id = entity_id WHERE {where}",
                params):
                entities[claim_id].append(name)
        if whole and len(ids) < total:  # whole tables were read: keep only the claims asked for
            wanted = set(ids)
            for found in (quantities, tags, entities):
                for claim_id in [c for c in found if c not in wanted]:
                    del found[claim_id]
        return quantities, tags, entities

    @staticmethod
    def _detail_filters(ids: builtins.list[int], whole: bool):
        """WHERE clauses that cover ``ids``: chunks of IN (...), or one pass over the whole table when the
        claims asked for are most of the project (listing a large one: one query instead of hundreds)."""
        if whole:
            return [("1", ())]
        chunks = [ids[at:at + 500] for at in range(0, len(ids), 500)]
        return [(f"claim_id IN ({','.join('?' * len(chunk))})", chunk) for chunk in chunks]

    def count(self) -> int:
        return self.db.conn.execute("SELECT count(*) FROM claim").fetchone()[0]

    # -- links between claims ---------------------------------------------------

    def link(self, from_claim: int, to_claim: int, kind: LinkKind, note: str = "") -> ClaimLink:
        if from_claim == to_claim:
            raise InvalidInputError("a claim cannot be linked to itself")
        with self.db.transaction() as conn:
            link_id = conn.execute(
                "INSERT INTO claim_link (uuid, from_claim, to_claim, kind, note, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET note = excluded.note RETURNING id",
                (new_uuid(), from_claim, to_claim, LinkKind(kind).value, note, utc_now()),
            ).fetchone()[0]
        row = self.db.conn.execute(
            "SELECT id, uuid, from_claim, to_claim, kind, note FROM claim_link WHERE id = ?", (link_id,)
        ).fetchone()
        return ClaimLink(row[0], row[1], row[2], row[3], LinkKind(row[4]), row[5])

    def unlink(self, link_id: int) -> None:
        with self.db.transaction() as conn:
            if conn.execute("DELETE FROM claim_link WHERE id = ?", (link_id,)).rowcount == 0:
                raise NotFoundError(f"no claim link with id {link_id}")

    def links(self, claim_id: int | None = None) -> builtins.list[ClaimLink]:
        sql = "SELECT id, uuid, from_claim, to_claim, kind, note FROM claim_link"
        params: tuple = ()
        if claim_id is not None:
            sql += " WHERE from_claim = ? OR to_claim = ?"
            params = (claim_id, claim_id)
        return [ClaimLink(r[0], r[1], r[2], r[3], LinkKind(r[4]), r[5]) for r in self.db.conn.execute(sql, params)]


def _in_source_order(claims: list[Claim], rank: dict[int, int]) -> list[Claim]:
    """Claims grouped by source (as read) rearranged so the sources follow ``rank``; a stable sort keeps
    each source's claims in their order."""
    return sorted(claims, key=lambda claim: rank[claim.source_id])
