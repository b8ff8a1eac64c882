"""The analyst's judgements about pairs of claims, and the facts claim intelligence reads in one pass.

A judgement (table ``claim_judgement``) settles what the program found between two
claims: a contradiction judged (which is right, both right at their dates, unresolved)
or a corroboration grouping broken. The pair is stored with the smaller claim id first,
so a pair has one row per topic whichever way round the analyst named it.

``read_claim_facts`` reads what corroboration, contradictions and confidence need about
every claim and source in a few table scans, without building full Claim objects:
20,000 claims must be analysed in well under the five seconds a person waits.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from ..core.errors import InvalidInputError
from ..core.model import utc_now
from .database import ProjectDatabase

TOPICS = ("conflict", "corroboration")


@dataclass(frozen=True, slots=True)
class Judgement:
    claim_a: int  # the smaller id
    claim_b: int
    topic: str
    verdict: str
    note: str = ""
    judged_at: str = ""


def ordered(claim_a: int, claim_b: int) -> tuple[int, int]:
    if claim_a == claim_b:
        raise InvalidInputError("a claim cannot be judged against itself")
    return (claim_a, claim_b) if claim_a < claim_b else (claim_b, claim_a)


class JudgementRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def get(self, claim_a: int, claim_b: int, topic: str) -> Judgement | None:
        a, b = ordered(claim_a, claim_b)
        row = self.db.conn.execute(
            "SELECT claim_a, claim_b, topic, verdict, note, judged_at FROM claim_judgement "
            "WHERE claim_a = ? AND claim_b = ? AND topic = ?", (a, b, topic)).fetchone()
        return Judgement(*row) if row else None

    def put(self, judgement: Judgement) -> Judgement:
        """Write (or replace) a judgement; its pair must be in order (see ``ordered``)."""
        if judgement.topic not in TOPICS:
            raise InvalidInputError(f"a judgement's topic is one of {', '.join(TOPICS)}")
        if not judgement.verdict:
            raise InvalidInputError("a judgement needs a verdict")
        stamped = judgement if judgement.judged_at else Judgement(
            judgement.claim_a, judgement.claim_b, judgement.topic, judgement.verdict, judgement.note, utc_now())
        with self.db.transaction() as conn:
            missing = {stamped.claim_a, stamped.claim_b} - {row[0] for row in conn.execute(
                "SELECT id FROM claim WHERE id IN (?, ?)", (stamped.claim_a, stamped.claim_b))}
            if missing:
                raise InvalidInputError(f"no claim with id {min(missing)}")
            conn.execute(
                "INSERT INTO claim_judgement (claim_a, claim_b, topic, verdict, note, judged_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET verdict = excluded.verdict, "
                "note = excluded.note, judged_at = excluded.judged_at",
                (stamped.claim_a, stamped.claim_b, stamped.topic, stamped.verdict, stamped.note, stamped.judged_at))
        return stamped

    def delete(self, claim_a: int, claim_b: int, topic: str) -> None:
        a, b = ordered(claim_a, claim_b)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM claim_judgement WHERE claim_a = ? AND claim_b = ? AND topic = ?", (a, b, topic))

    def list(self, topic: str | None = None) -> list[Judgement]:
        sql = "SELECT claim_a, claim_b, topic, verdict, note, judged_at FROM claim_judgement"
        rows = (self.db.conn.execute(sql + " WHERE topic = ?", (topic,)) if topic
                else self.db.conn.execute(sql))
        return [Judgement(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What intelligence needs of one claim: its words, figures, entities and grading."""

    id: int
    uuid: str
    source_id: int
    quote: str
    statement: str
    kind: str
    reliability: str | None
    credibility: int | None
    quantities: tuple[tuple[float, str, int | None], ...]
    entity_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class SourceFacts:
    id: int
    uuid: str
    title: str
    published: str
    language: str
    reliability: str | None
    content_hash: str  # SHA-256 of the text: a text's fingerprint can be kept until it changes


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    claims: tuple[ClaimFacts, ...]
    sources: dict[int, SourceFacts]
    entity_names: dict[int, str]
    corroborates: tuple[tuple[int, int], ...]  # confirmed pairs (claim_link rows of kind corroborates)
    judgements: tuple[Judgement, ...]
    # Countries and alliances by every name they go by: (entity id, kind, name or alias)
    place_names: tuple[tuple[int, str, str], ...] = ()
    # The project's dated memberships: (member entity id, alliance entity id, valid from, valid to)
    memberships: tuple[tuple[int, int, str, str], ...] = ()


def read_claim_facts(conn: sqlite3.Connection) -> ProjectFacts:
    quantities: dict[int, list[tuple[float, str, int | None]]] = defaultdict(list)
    for claim_id, value, unit, year in conn.execute(
            "SELECT claim_id, value, unit, year FROM claim_quantity ORDER BY claim_id, position"):
        quantities[claim_id].append((value, unit, year))
    entities: dict[int, set[int]] = defaultdict(set)
    for claim_id, entity_id in conn.execute("SELECT claim_id, entity_id FROM claim_entity"):
        entities[claim_id].add(entity_id)
    claims = tuple(
        ClaimFacts(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                   tuple(quantities.get(row[0], ())), frozenset(entities.get(row[0], ())))
        for row in conn.execute("SELECT id, uuid, source_id, quote, statement, kind, reliability, credibility "
                                "FROM claim WHERE anchor_status <> 'orphaned' ORDER BY id"))
    sources = {row[0]: SourceFacts(*row) for row in conn.execute(
        "SELECT id, uuid, title, published, language, reliability, content_hash FROM source")}
    names = dict(conn.execute("SELECT id, name FROM entity").fetchall())
    links = tuple(conn.execute("SELECT from_claim, to_claim FROM claim_link WHERE kind = 'corroborates'").fetchall())
    judgements = tuple(Judgement(*row) for row in conn.execute(
        "SELECT claim_a, claim_b, topic, verdict, note, judged_at FROM claim_judgement"))
    places = tuple(conn.execute(
        "SELECT id, kind, name FROM entity WHERE kind IN ('country', 'alliance') UNION "
        "SELECT e.id, e.kind, a.alias FROM entity_alias a JOIN entity e ON e.id = a.entity_id "
        "WHERE e.kind IN ('country', 'alliance')").fetchall())
    memberships = tuple(conn.execute(
        "SELECT r.subject_id, r.object_id, r.valid_from, r.valid_to FROM relation r JOIN entity o ON o.id = r.object_id "
        "WHERE r.kind = 'member_of' AND o.kind = 'alliance'").fetchall())
    return ProjectFacts(claims, sources, names, links, judgements, places, memberships)


def read_source_texts(conn: sqlite3.Connection, source_ids) -> dict[int, str]:
    """The reading text of these sources (for telling copied articles apart from independent ones)."""
    wanted = sorted(set(source_ids))
    texts: dict[int, str] = {}
    for first in range(0, len(wanted), 500):
        chunk = wanted[first:first + 500]
        texts.update(conn.execute(f"SELECT id, text FROM source WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return texts
