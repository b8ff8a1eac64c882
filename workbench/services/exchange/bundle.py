"""What moves between projects and tools, independent of the file format.

A ``Bundle`` is one project's sources, tags, entities, claims and links, each with its
UUID. The REFI-QDA reader, the W3C and Hypothesis readers and the project-to-project
merge all produce one, and one function (``apply.apply_bundle``) brings any bundle into
a project; the REFI-QDA writer turns a bundle read from a project into a file. So every
route in and out shares the same identity and merge rules.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ...core.model import Quantity, SourceMeta
from ...storage.exchange_network import read_measures, read_relations
from ...storage.exchange_rows import read_json_info
from ..project import Project


@dataclass(frozen=True, slots=True)
class ExSource:
    uuid: str
    meta: SourceMeta
    text: str
    original: bytes = b""
    media_type: str = "text/plain"
    filename: str = ""
    encoding: str = "utf-8"
    reliability: str | None = None
    note: str = ""
    imported_at: str = ""
    modified_at: str = ""
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ExTag:
    uuid: str
    name: str
    parent_uuid: str | None = None
    color: str = ""


@dataclass(frozen=True, slots=True)
class ExEntity:
    uuid: str
    name: str
    kind: str = "other"
    country: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""
    created_at: str = ""
    modified_at: str = ""


@dataclass(frozen=True, slots=True)
class ExClaim:
    uuid: str
    source_uuid: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    anchor_status: str = "exact"
    statement: str = ""
    kind: str = "fact"
    quantities: tuple[Quantity, ...] = ()
    reliability: str | None = None
    credibility: int | None = None
    note: str = ""
    tag_uuids: tuple[str, ...] = ()
    entity_uuids: tuple[str, ...] = ()
    created_at: str = ""
    modified_at: str = ""


@dataclass(frozen=True, slots=True)
class ExLink:
    uuid: str
    from_uuid: str
    to_uuid: str
    kind: str
    note: str = ""
    created_at: str = ""


@dataclass
class Bundle:
    """A project's exchangeable content; ``origin`` names where it came from, for messages."""

    origin: str
    project_uuid: str = ""
    title: str = ""
    sources: list[ExSource] = field(default_factory=list)
    tags: list[ExTag] = field(default_factory=list)
    entities: list[ExEntity] = field(default_factory=list)
    claims: list[ExClaim] = field(default_factory=list)
    links: list[ExLink] = field(default_factory=list)
    # Records of storage.exchange_network: references by UUID, ready for JSON.
    relations: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)  # {"guid", "name"}
    project_notes: list[str] = field(default_factory=list)
    # Deviations from the format found while reading, and what was left out and why.
    deviations: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # placed by re-anchoring, not where the file said
    # True when the bundle is a whole project (a .qdpx or .wbproj): a claim it lacks may
    # have been deleted there. W3C and Hypothesis files hold some annotations only.
    complete: bool = True


def claim_fingerprint(claim: ExClaim, tag_paths: dict[str, str], entity_names: dict[str, str]) -> str:
    """What the analyst said about a claim, as a digest: two versions differ exactly when this does.

    The anchor is left out: it is placed in each project's own text (and re-anchored there),
    and a merge never moves it.
    """
    content = [claim.statement, claim.kind,
               [[q.value, q.unit, q.year] for q in claim.quantities], claim.reliability, claim.credibility,
               claim.note, sorted(tag_paths.get(t, t).lower() for t in claim.tag_uuids),
               sorted(entity_names.get(e, e).lower() for e in claim.entity_uuids)]
    return hashlib.sha1(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


def _tag_paths(tags: list[ExTag]) -> dict[str, str]:
    by_uuid = {t.uuid: t for t in tags}
    paths: dict[str, str] = {}
    for tag in tags:
        names: list[str] = []
        seen: set[str] = set()
        current: ExTag | None = tag
        while current is not None and current.uuid not in seen:
            seen.add(current.uuid)
            names.append(current.name)
            current = by_uuid.get(current.parent_uuid) if current.parent_uuid else None
        paths[tag.uuid] = "/".join(reversed(names))
    return paths


def bundle_lookups(bundle: Bundle) -> tuple[dict[str, str], dict[str, str]]:
    """Tag paths and entity names by UUID, for fingerprints and messages."""
    return _tag_paths(bundle.tags), {e.uuid: e.name for e in bundle.entities}


def bundle_from_project(project: Project, with_originals: bool = True) -> Bundle:
    """Everything exchangeable in ``project``, read in one pass per table."""
    conn = project.db.conn
    bundle = Bundle(origin=project.path.name, project_uuid=project.db.info("uuid"), title=project.title)
    pages: dict[int, list[int]] = {}
    for source_id, start in conn.execute("SELECT source_id, start FROM source_page ORDER BY source_id, page_no"):
        pages.setdefault(source_id, []).append(start)
    original_sql = "original" if with_originals else "x''"
    for row in conn.execute(
        f"SELECT id, uuid, title, author, publisher, published, url, language, text, {original_sql}, media_type, "
        "filename, encoding, reliability, note, imported_at, modified_at FROM source ORDER BY imported_at, id"):
        (source_id, uuid, title, author, publisher, published, url, language, text, original, media_type,
         filename, encoding, reliability, note, imported_at, modified_at) = row
        bundle.sources.append(ExSource(uuid, SourceMeta(title, author, publisher, published, url, language), text,
                                       bytes(original), media_type, filename, encoding, reliability, note,
                                       imported_at, modified_at, tuple(pages.get(source_id, ()))))
    tag_uuid = {id_: uuid for id_, uuid in conn.execute("SELECT id, uuid FROM tag")}
    for uuid, name, parent_id, color in conn.execute("SELECT uuid, name, parent_id, color FROM tag ORDER BY id"):
        bundle.tags.append(ExTag(uuid, name, tag_uuid.get(parent_id), color))
    bundle.entities = [
        ExEntity(uuid, name, kind, country, tuple(project.entities.get(id_).aliases), note, created, modified)
        for id_, uuid, name, kind, country, note, created, modified in conn.execute(
            "SELECT id, uuid, name, kind, country, note, created_at, modified_at FROM entity ORDER BY id")]
    bundle.claims = _claims_of(project, tag_uuid)
    claim_uuid = {id_: uuid for id_, uuid in conn.execute("SELECT id, uuid FROM claim")}
    bundle.links = [ExLink(uuid, claim_uuid[a], claim_uuid[b], kind, note, created)
                    for uuid, a, b, kind, note, created in conn.execute(
                        "SELECT uuid, from_claim, to_claim, kind, note, created_at FROM claim_link ORDER BY id")]
    bundle.relations = read_relations(conn)
    bundle.measures = read_measures(conn)
    # Users and memos that came from other tools go out again with the project.
    bundle.users = [{"guid": guid, "name": name} for guid, name in read_json_info(conn, "exchange.users").items()]
    bundle.project_notes = [note for notes in read_json_info(conn, "exchange.notes").values()
                            for note in (notes if isinstance(notes, list) else [])]
    return bundle


def _claims_of(project: Project, tag_uuid: dict[int, str]) -> list[ExClaim]:
    conn = project.db.conn
    quantities: dict[int, list[Quantity]] = {}
    for claim_id, value, unit, year in conn.execute(
            "SELECT claim_id, value, unit, year FROM claim_quantity ORDER BY claim_id, position"):
        quantities.setdefault(claim_id, []).append(Quantity(value, unit, year))
    tags: dict[int, list[str]] = {}
    for claim_id, tag_id in conn.execute("SELECT claim_id, tag_id FROM claim_tag ORDER BY claim_id, tag_id"):
        tags.setdefault(claim_id, []).append(tag_uuid[tag_id])
    entities: dict[int, list[str]] = {}
    for claim_id, uuid in conn.execute("SELECT ce.claim_id, e.uuid FROM claim_entity ce "
                                       "JOIN entity e ON e.id = ce.entity_id ORDER BY ce.claim_id, e.id"):
        entities.setdefault(claim_id, []).append(uuid)
    claims = []
    for row in conn.execute(
        "SELECT c.id, c.uuid, s.uuid, c.start, c.end, c.quote, c.prefix, c.suffix, c.anchor_status, c.statement, "
        "c.kind, c.reliability, c.credibility, c.note, c.created_at, c.modified_at FROM claim c "
        "JOIN source s ON s.id = c.source_id ORDER BY s.imported_at, s.id, c.start, c.id"):
        (claim_id, uuid, source_uuid, start, end, quote, prefix, suffix, status, statement, kind, reliability,
         credibility, note, created, modified) = row
        claims.append(ExClaim(uuid, source_uuid, start, end, quote, prefix, suffix, status, statement, kind,
                              tuple(quantities.get(claim_id, ())), reliability, credibility, note,
                              tuple(tags.get(claim_id, ())), tuple(entities.get(claim_id, ())), created, modified))
    return claims
