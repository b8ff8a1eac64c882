"""Bringing a Bundle into a project, merging by UUID: one transaction, all or nothing.

Rules (the same for a .qdpx, a W3C file and another project):

* an object whose UUID is here already is the same object: a source with the same
  text is the same source; a source with the same text under another UUID is that
  source too (the text decides), so nothing is ever duplicated;
* a claim present on both sides and different: the side that changed since the last
  exchange with that project wins; when both changed it is a conflict, and both
  versions are kept (the incoming one as a new claim marked as a duplicate of ours) and
  listed. "Changed since the last exchange" compares with the fingerprints recorded at
  that exchange; with no record, a claim changed when it was modified after it was made;
* a claim the other side deleted is kept here and listed; a claim deleted here since the
  last exchange is not brought back, and that is listed too;
* a claim whose quote no longer stands at its offsets is re-anchored (core.reanchor);
  one that cannot be placed with confidence is reported and left out, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...core.anchoring import Anchor
from ...core.model import CREDIBILITY_GRADES, RELIABILITY_GRADES, ClaimKind, EntityKind, enum_values, new_uuid, utc_now
from ...core.reanchor import reanchor
from ...storage import exchange_rows as rows
from ...storage.exchange_network import restore_row
from ...storage.snapshots import ClaimSnapshot, restore_claim, snapshot_claim
from ...storage.sources import content_hash
from ..project import Project
from .bundle import Bundle, ExClaim, ExEntity, ExTag, bundle_from_project, bundle_lookups, claim_fingerprint
from .network_merge import MEASURES, RELATIONS, merge_records
from .report import ExchangeReport

INFO_KEYS = ("exchange.base", "exchange.users", "exchange.notes")


@dataclass
class UndoRecord:
    """What one import wrote, by id, so the desktop program can take it back in one step."""

    info: dict[str, str | None]
    tags: list[int] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)
    links: list[int | None] = field(default_factory=list)
    updated: list[ClaimSnapshot] = field(default_factory=list)
    relations: list[int] = field(default_factory=list)
    measures: list[int] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # relations and measures as they were before an overwrite
    entities_before: list[tuple[int, ExEntity]] = field(default_factory=list)

# {claim uuid: fingerprint} as both sides last agreed (recorded at each import and merge, and at
# the first export of a claim): the common ancestor that tells which side changed a claim.
BASE_KEY = "exchange.base"
_CLAIM_KINDS = set(enum_values(ClaimKind))
_ENTITY_KINDS = set(enum_values(EntityKind))


class _Merger:
    def __init__(self, project: Project, bundle: Bundle):
        self.project, self.bundle, self.conn = project, bundle, project.db.conn
        self.report = ExchangeReport(bundle.origin, deviations=list(bundle.deviations), skipped=list(bundle.skipped),
                                     flagged=list(bundle.flagged))
        self.local = bundle_from_project(project, with_originals=False)
        self.local_paths, self.local_names = bundle_lookups(self.local)
        in_paths, in_names = bundle_lookups(bundle)
        # A file may name tags and entities that are only here (W3C tags by path): look in both.
        self.in_paths, self.in_names = {**self.local_paths, **in_paths}, {**self.local_names, **in_names}
        self.tag_ids = rows.ids_by_uuid(self.conn, "tag")
        self.entity_ids = rows.ids_by_uuid(self.conn, "entity")
        self.source_ids = rows.ids_by_uuid(self.conn, "source")
        self.claim_ids = rows.ids_by_uuid(self.conn, "claim")
        self.source_text = {s.uuid: s.text for s in self.local.sources}
        self.base = rows.read_json_info(self.conn, BASE_KEY)
        self.placed: list[ExClaim] = []
        # None marks a key the project did not have, so undo takes it away again.
        self.undo = UndoRecord(info={key: project.db.info(key, None) for key in INFO_KEYS})  # type: ignore[arg-type]

    # -- tags, entities, sources --------------------------------------------------

    def tags(self) -> None:
        by_uuid = {t.uuid: t for t in self.bundle.tags}
        pending = list(self.bundle.tags)
        done: set[str] = set()
        while pending:  # parents before children, whatever the order in the file
            progressed = []
            for tag in pending:
                if tag.parent_uuid in by_uuid and tag.parent_uuid not in done:
                    continue
                self._tag(tag)
                done.add(tag.uuid)
                progressed.append(tag)
            if not progressed:  # a cycle of parents: the rest hang from the top level
                self.report.deviations.append(f"{len(pending)} code(s) are their own ancestors; put at the top")
                pending = [replace(t, parent_uuid=None) for t in pending]
                continue
            pending = [t for t in pending if t.uuid not in done]

    def _tag(self, tag: ExTag) -> None:
        if tag.uuid in self.tag_ids:
            self.report.unchanged["tags"] += 1
            return
        parent_id = self.tag_ids.get(tag.parent_uuid) if tag.parent_uuid else None
        existing = rows.find_tag(self.conn, tag.name, parent_id)
        if existing is not None:
            self.tag_ids[tag.uuid] = existing
            self.report.unchanged["tags"] += 1
            return
        self.tag_ids[tag.uuid] = rows.insert_tag(self.conn, tag.uuid, tag.name, parent_id, tag.color)
        self.undo.tags.append(self.tag_ids[tag.uuid])
        self.report.added["tags"] += 1

    def entities(self) -> None:
        local = {e.uuid: e for e in self.local.entities}
        for entity in self.bundle.entities:
            if entity.uuid in local:
                self._merge_entity(local[entity.uuid], entity)
                continue
            if entity.uuid in self.entity_ids:  # named twice in the file
                continue
            found = self.project.entities.find(entity.name)
            if found is not None:
                self.entity_ids[entity.uuid] = found.id
                self.report.unchanged["entities"] += 1
                continue
            kind = entity.kind if entity.kind in _ENTITY_KINDS else "other"
            now = utc_now()
            self.entity_ids[entity.uuid] = rows.insert_entity(
                self.conn, entity.uuid, entity.name, kind, entity.country.strip().upper()[:8], entity.note,
                entity.aliases, entity.created_at or now, entity.modified_at or entity.created_at or now)
            self.undo.entities.append(self.entity_ids[entity.uuid])
            self.report.added["entities"] += 1

    def _merge_entity(self, mine: ExEntity, theirs: ExEntity) -> None:
        """The same entity: the newer version wins when they differ (and the old one is kept for undo)."""
        def content(e: ExEntity) -> tuple:
            return e.name, e.kind, e.country, tuple(sorted(e.aliases)), e.note
        if content(mine) == content(theirs) or not theirs.modified_at or theirs.modified_at <= mine.modified_at \
                or theirs.kind not in _ENTITY_KINDS or not theirs.name.strip():
            self.report.unchanged["entities"] += 1
            return
        entity_id = self.entity_ids[mine.uuid]
        self.undo.entities_before.append((entity_id, mine))
        rows.update_entity(self.conn, entity_id, theirs.name.strip(), theirs.kind, theirs.country.strip().upper()[:8],
                           theirs.note, theirs.aliases, theirs.modified_at)
        self.report.updated["entities"] += 1
        self.report.notes.append(f"entity {mine.name!r}: the newer version from {self.bundle.origin} replaced "
                                 "this one")

    def sources(self) -> None:
        by_hash = {content_hash(text): uuid for uuid, text in self.source_text.items()}
        for source in self.bundle.sources:
            if source.uuid in self.source_ids:
                self.report.unchanged["sources"] += 1
                if self.source_text[source.uuid] != source.text:
                    self.report.notes.append(f"source {source.meta.title!r}: its text differs here; its claims "
                                             "are re-anchored in this project's text")
                continue
            same = by_hash.get(content_hash(source.text))
            if same is not None:
                self.source_ids[source.uuid] = self.source_ids[same]
                self.source_text[source.uuid] = self.source_text[same]
                self.report.unchanged["sources"] += 1
                continue
            now = utc_now()
            reliability = source.reliability if source.reliability in RELIABILITY_GRADES else None
            source_id = rows.insert_source(
                self.conn, source.uuid, replace(source.meta, title=source.meta.title.strip() or "Untitled source"),
                source.text, source.original or source.text.encode("utf-8"), source.media_type, source.filename,
                source.encoding, reliability, source.note, source.imported_at or now,
                source.modified_at or source.imported_at or now, source.page_starts)
            self.source_ids[source.uuid] = source_id
            self.source_text[source.uuid] = source.text
            by_hash[content_hash(source.text)] = source.uuid
            self.report.added["sources"] += 1
            self.report.added_source_ids.append(source_id)
            self.undo.sources.append(source_id)

    # -- claims --------------------------------------------------------------------

    def _fork_time(self, local: dict[str, ExClaim]) -> str | None:
        """For two copies of one project file: claims made before this time existed in both copies.

        Every claim both copies hold was made before they parted, so a claim made earlier
        than the latest of those, yet missing on one side, was deleted there. Only for
        copies (the same project UUID): unrelated projects share claims only by exchange.
        """
        if not self.bundle.complete or self.bundle.project_uuid != self.project.db.info("uuid"):
            return None
        common = [local[c.uuid].created_at for c in self.bundle.claims if c.uuid in local]
        return max(common) if common else None

    def _known_to_both(self, claim: ExClaim, fork_time: str | None) -> bool:
        """The claim was in both projects once (so missing on one side means deleted there)."""
        return claim.uuid in self.base or (fork_time is not None and claim.created_at <= fork_time)

    def claims(self) -> None:
        local = {c.uuid: c for c in self.local.claims}
        fork_time = self._fork_time(local)
        incoming_uuids = set()
        for claim in self.bundle.claims:
            incoming_uuids.add(claim.uuid)
            placed = self._place(claim)
            if placed is None:
                continue
            self.placed.append(placed)
            if claim.uuid in local:
                self._merge_claim(local[claim.uuid], placed)
            elif self._known_to_both(claim, fork_time):
                self.report.notes.append(f"claim {claim.uuid[:8]} ({claim.quote[:40]!r}) was deleted here; "
                                         "not brought back")
            else:
                self._insert(placed)
        if self.bundle.complete:
            # Only claims on sources the file carries: a file without a source says nothing of its claims.
            carried = {s.uuid for s in self.bundle.sources}
            for uuid, claim in local.items():
                if uuid not in incoming_uuids and claim.source_uuid in carried and \
                        self._known_to_both(claim, fork_time):
                    self.report.notes.append(f"claim {uuid[:8]} ({claim.quote[:40]!r}) was deleted in "
                                             f"{self.bundle.origin}; kept here")

    def _place(self, claim: ExClaim) -> ExClaim | None:
        """The claim with an anchor that holds in this project's text, or None (reported)."""
        label = f"claim {claim.uuid[:8]} ({claim.quote[:40]!r})"
        text = self.source_text.get(claim.source_uuid)
        if text is None:
            self.report.skipped.append(f"{label}: its source is not in the file or the project")
            return None
        if claim.end <= len(text) and text[claim.start:claim.end] == claim.quote and claim.end > claim.start:
            return claim
        if claim.anchor_status == "orphaned" and 0 <= claim.start < claim.end <= len(text):
            self.report.flagged.append(f"{label}: orphaned where it came from (its quote is no longer in the "
                                       "text); kept so, for the analyst to place")
            return claim
        found = reanchor(text, claim.quote, claim.prefix, claim.suffix, claim.start, claim.end)
        if not found.confident or found.anchor is None:
            self.report.skipped.append(f"{label}: not placed: {found.reason}")
            return None
        a = found.anchor
        if found.moved:
            self.report.flagged.append(f"{label}: {found.reason}; now at {a.start}-{a.end}")
        return replace(claim, start=a.start, end=a.end, quote=a.quote, prefix=a.prefix, suffix=a.suffix,
                       anchor_status="reanchored" if found.moved else claim.anchor_status)

    def _fields(self, claim: ExClaim) -> dict:
        return {"statement": claim.statement, "kind": claim.kind if claim.kind in _CLAIM_KINDS else "fact",
                "reliability": claim.reliability if claim.reliability in RELIABILITY_GRADES else None,
                "credibility": claim.credibility if claim.credibility in CREDIBILITY_GRADES else None,
                "note": claim.note}

    def _details(self, claim_id: int, claim: ExClaim) -> None:
        rows.write_claim_details(self.conn, claim_id, claim.quantities,
                                 [self.tag_ids[t] for t in claim.tag_uuids if t in self.tag_ids],
                                 [self.entity_ids[e] for e in claim.entity_uuids if e in self.entity_ids])

    def _insert(self, claim: ExClaim, uuid: str | None = None) -> int:
        now = utc_now()
        status = claim.anchor_status if claim.anchor_status in ("exact", "reanchored", "orphaned") else "reanchored"
        anchor = Anchor(claim.start, claim.end, claim.quote, claim.prefix, claim.suffix)
        claim_id = rows.insert_claim(self.conn, uuid or claim.uuid, self.source_ids[claim.source_uuid], anchor,
                                     status, self._fields(claim), claim.created_at or now,
                                     claim.modified_at or claim.created_at or now)
        self._details(claim_id, claim)
        self.claim_ids[uuid or claim.uuid] = claim_id
        self.undo.claims.append(claim_id)
        self.report.added["claims"] += 1
        self.report.changed_claim_ids.append(claim_id)
        return claim_id

    def _merge_claim(self, mine: ExClaim, theirs: ExClaim) -> None:
        mine_fp = claim_fingerprint(mine, self.local_paths, self.local_names)
        theirs_fp = claim_fingerprint(theirs, self.in_paths, self.in_names)
        if mine_fp == theirs_fp:
            self.report.unchanged["claims"] += 1
            return
        base = self.base.get(mine.uuid)
        if base is not None:
            mine_changed, theirs_changed = mine_fp != base, theirs_fp != base
        else:
            mine_changed = mine.modified_at > mine.created_at
            theirs_changed = theirs.modified_at > (theirs.created_at or theirs.modified_at)
        # Different, yet neither side seems to have changed and neither is newer: nothing tells
        # which to keep, so both are kept, as for a conflict.
        undecided = not mine_changed and not theirs_changed and theirs.modified_at == mine.modified_at
        if (mine_changed and theirs_changed) or undecided:
            self._conflict(mine, theirs)
        elif theirs_changed or (not mine_changed and theirs.modified_at > mine.modified_at):
            claim_id = self.claim_ids[mine.uuid]
            self.undo.updated.append(snapshot_claim(self.conn, claim_id))
            rows.update_claim(self.conn, claim_id, self._fields(theirs), theirs.modified_at or utc_now())
            self._details(claim_id, theirs)
            self.report.updated["claims"] += 1
            self.report.changed_claim_ids.append(claim_id)
        else:
            self.report.unchanged["claims"] += 1
            self.report.notes.append(f"claim {mine.uuid[:8]}: changed only here; this version kept")

    def _conflict(self, mine: ExClaim, theirs: ExClaim) -> None:
        copy_uuid = new_uuid()
        copy_id = self._insert(theirs, uuid=copy_uuid)
        self.undo.links.append(rows.insert_link(self.conn, new_uuid(), self.claim_ids[mine.uuid], copy_id,
                                                "duplicates", f"conflicting version from {self.bundle.origin}",
                                                utc_now()))
        self.report.conflicts.append(
            f"claim {mine.uuid[:8]} ({mine.quote[:40]!r}) was changed on both sides: this project's version "
            f"kept, {self.bundle.origin}'s added as claim {copy_uuid[:8]} (linked as duplicates)")

    def links(self) -> None:
        for link in self.bundle.links:
            a, b = self.claim_ids.get(link.from_uuid), self.claim_ids.get(link.to_uuid)
            if a is None or b is None:
                self.report.skipped.append(f"link {link.uuid[:8]}: one of its claims was not imported")
                continue
            link_id = rows.insert_link(self.conn, link.uuid, a, b, link.kind, link.note, link.created_at or utc_now())
            if link_id is not None:
                self.undo.links.append(link_id)
                self.report.added["links"] += 1
            else:
                self.report.unchanged["links"] += 1

    def extras(self) -> None:
        users = rows.read_json_info(self.conn, "exchange.users")
        for user in self.bundle.users:
            if user.get("guid"):
                users[user["guid"]] = user.get("name", "")
        if users:
            rows.write_json_info(self.conn, "exchange.users", users)
        known = {n for kept in rows.read_json_info(self.conn, "exchange.notes").values() for n in kept}
        new_notes = [n for n in self.bundle.project_notes if n not in known]
        if new_notes:
            notes = rows.read_json_info(self.conn, "exchange.notes")
            notes[self.bundle.origin] = [*notes.get(self.bundle.origin, []), *new_notes]
            rows.write_json_info(self.conn, "exchange.notes", notes)
            self.report.notes.append(f"{len(new_notes)} project note(s) (memos) kept with the project's "
                                     "exchange records")

    def record_base(self) -> None:
        """The other side's version of each claim, now taken into account, is the next exchange's base.

        Whether it was taken, kept as a conflict's second claim or outweighed by a change made
        here: the same version arriving again is then no change of theirs, so it neither
        overwrites an edit made here nor raises the same conflict twice.
        """
        if not self.bundle.claims:
            return
        base = dict(self.base)
        for claim in self.placed:
            base[claim.uuid] = claim_fingerprint(claim, self.in_paths, self.in_names)
        rows.write_json_info(self.conn, BASE_KEY, base)


def apply_bundle(project: Project, bundle: Bundle) -> ExchangeReport:
    """Merge ``bundle`` into ``project`` in one transaction and say what happened."""
    with project.db.transaction():
        merger = _Merger(project, bundle)
        merger.tags()
        merger.entities()
        merger.sources()
        merger.claims()
        merger.links()
        merge_records(merger, RELATIONS, bundle.relations)
        merge_records(merger, MEASURES, bundle.measures)
        merger.extras()
        merger.record_base()
    merger.report.undo = merger.undo
    return merger.report


def revert_import(project: Project, record: UndoRecord) -> None:
    """Take an import back: what it added goes, what it changed is as it was before."""
    with project.db.transaction() as conn:
        conn.executemany("DELETE FROM relation WHERE id = ?", [(i,) for i in record.relations])
        conn.executemany("DELETE FROM measure WHERE id = ?", [(i,) for i in record.measures])
        for snapshot in reversed(record.rows):
            restore_row(conn, snapshot)
        conn.executemany("DELETE FROM claim_link WHERE id = ?", [(i,) for i in record.links if i is not None])
        for claim_id in reversed(record.claims):
            if conn.execute("SELECT 1 FROM claim WHERE id = ?", (claim_id,)).fetchone():
                project.claims.delete(claim_id)
        for source_id in reversed(record.sources):
            project.sources.delete(source_id)
        for snapshot in record.updated:
            project.claims.delete(snapshot.claim_id)
            restore_claim(conn, snapshot)
        conn.executemany("DELETE FROM entity WHERE id = ?", [(i,) for i in record.entities])
        for entity_id, old in reversed(record.entities_before):
            rows.update_entity(conn, entity_id, old.name, old.kind, old.country, old.note, old.aliases,
                               old.modified_at)
        conn.executemany("DELETE FROM tag WHERE id = ?", [(i,) for i in reversed(record.tags)])
        for key, value in record.info.items():
            if value is None:
                conn.execute("DELETE FROM project_info WHERE key = ?", (key,))
            else:
                conn.execute("INSERT OR REPLACE INTO project_info(key, value) VALUES (?, ?)", (key, value))


def record_export_base(project: Project, bundle: Bundle) -> None:
    """After an export: a claim shared for the first time has what was sent as its common ancestor.

    Claims already in the record keep theirs: an export alone does not mean the other side
    took the new version.
    """
    paths, names = bundle_lookups(bundle)
    with project.db.transaction() as conn:
        base = rows.read_json_info(conn, BASE_KEY)
        for claim in bundle.claims:
            base.setdefault(claim.uuid, claim_fingerprint(claim, paths, names))
        rows.write_json_info(conn, BASE_KEY, base)
