"""Plain-dict views of domain objects, for JSON output and tabular exports."""

from __future__ import annotations

from ..core.model import Claim, Entity, Measure, Relation, SearchHit, Source


def source_record(source: Source) -> dict:
    meta = source.meta
    return {
        "id": source.uuid, "title": meta.title, "author": meta.author, "publisher": meta.publisher,
        "published": meta.published, "url": meta.url, "language": meta.language,
        "media_type": source.media_type, "filename": source.filename, "encoding": source.encoding,
        "length": source.text_length, "content_hash": source.content_hash, "reliability": source.reliability,
        "imported_at": source.imported_at, "claims": source.claim_count,
    }


def claim_record(claim: Claim) -> dict:
    anchor = claim.anchor
    return {
        "id": claim.uuid, "source_id": claim.source_uuid, "source_title": claim.source_title,
        "start": anchor.start, "end": anchor.end, "quote": anchor.quote, "prefix": anchor.prefix,
        "suffix": anchor.suffix, "anchor_status": claim.anchor_status, "statement": claim.statement,
        "kind": claim.kind.value,
        "quantities": [{"value": q.value, "unit": q.unit, "year": q.year} for q in claim.quantities],
        "reliability": claim.grading.reliability, "credibility": claim.grading.credibility,
        "note": claim.note, "tags": list(claim.tags), "entities": list(claim.entities),
        "created_at": claim.created_at, "modified_at": claim.modified_at,
    }


def entity_record(entity: Entity) -> dict:
    return {"id": entity.uuid, "name": entity.name, "kind": entity.kind.value, "country": entity.country,
            "aliases": list(entity.aliases), "note": entity.note}


def relation_record(relation: Relation, names: dict[int, str], claim_uuids: dict[int, str]) -> dict:
    return {"id": relation.uuid, "subject": names[relation.subject_id], "kind": relation.kind.value,
            "object": names[relation.object_id], "valid_from": relation.valid_from, "valid_to": relation.valid_to,
            "note": relation.note, "evidence": [claim_uuids[c] for c in relation.evidence]}


def measure_record(measure: Measure, names: dict[int, str], claim_uuids: dict[int, str]) -> dict:
    return {"id": measure.uuid, "name": measure.name, "kind": measure.kind.value, "authority": measure.authority,
            "citation": measure.citation, "announced": measure.announced,
            "effective_from": measure.effective_from, "effective_to": measure.effective_to,
            "note": measure.note, "targets": [names[e] for e in measure.targets],
            "evidence": [claim_uuids[c] for c in measure.evidence]}


def hit_record(hit: SearchHit) -> dict:
    return {"type": hit.kind, "id": hit.uuid, "source_id": hit.source_uuid, "title": hit.title,
            "snippet": hit.snippet, "snippet_hit": list(hit.snippet_hit) if hit.snippet_hit else None,
            "start": hit.start, "end": hit.end, "score": round(hit.score, 4), **hit.extra}
