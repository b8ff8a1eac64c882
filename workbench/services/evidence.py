"""Finding the claims that can back a relation or a measure: the claim picker's search.

An analyst links evidence by choosing claims, never by typing their ids. The picker first
offers the claims that name the relation's subject or object (or the measure's targets):
claims tied to those entities, and claims whose quote, statement or note holds the entity's
name or one of its aliases as words, since a claim is often marked before its entities are
filled in. Words typed in the picker narrow either list, as the claims table's filter does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.model import Claim
from ..storage.claim_queries import ClaimQuery, text_filter_ids
from .project import Project

DEFAULT_LIMIT = 300


@dataclass(frozen=True, slots=True)
class EvidenceChoices:
    """Claims offered, in the order of their sources and places; ``total`` is how many matched in all."""

    claims: tuple[Claim, ...]
    total: int
    naming: tuple[str, ...]  # the entities the list was narrowed to ("" when all claims were searched)


def entities_named(project: Project, names: Iterable[str]) -> list[int]:
    """The ids of the entities these names (or aliases) denote; names not known are passed over."""
    found = (project.entities.find(name) for name in names if name.strip())
    return list(dict.fromkeys(entity.id for entity in found if entity is not None))


def claims_naming(project: Project, entity_ids: Iterable[int]) -> set[int]:
    """Claims tied to any of these entities, or whose words include one of their names or aliases."""
    found: set[int] = set()
    conn = project.db.conn
    for entity_id in entity_ids:
        entity = project.entities.get(entity_id)
        found.update(project.claims.query_ids(ClaimQuery(entity_id=entity_id)))
        for name in (entity.name, *entity.aliases):
            found |= text_filter_ids(conn, '"' + name.replace('"', " ") + '"')  # the name as a phrase
    return found


def find_evidence(project: Project, words: str = "", entity_ids: Iterable[int] | None = None,
                  limit: int = DEFAULT_LIMIT) -> EvidenceChoices:
    """Claims matching ``words`` (all of them, the last one as a prefix), among those naming these
    entities when ``entity_ids`` is given (None: among all claims)."""
    ids = project.claims.query_ids(ClaimQuery(text=words))
    naming: tuple[str, ...] = ()
    if entity_ids is not None:
        entity_ids = list(entity_ids)
        wanted = claims_naming(project, entity_ids)
        ids = [claim_id for claim_id in ids if claim_id in wanted]
        naming = tuple(project.entities.get(entity_id).name for entity_id in entity_ids)
    return EvidenceChoices(tuple(project.claims.get_many(ids[:limit])), len(ids), naming)
