"""Editing entities, relations and measures: names resolved, kinds and dates checked, one transaction each.

Every function checks all of its input before it writes, and writes inside one
transaction, so a bad name, kind or date leaves the project as it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from ..core.dates import check_date, check_period
from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import Entity, EntityKind, Measure, MeasureKind, Relation, RelationKind, enum_values
from .project import Project

_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
K = TypeVar("K", bound=StrEnum)
_UNSET = object()  # "leave as it is", distinct from "" which clears a field


def parse_kind(enum: type[K], text: str, what: str) -> K:
    try:
        return enum(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise InvalidInputError(f"bad {what} kind {text!r}: use one of {', '.join(enum_values(enum))}") from None


def check_country(code: str | None) -> str:
    code = (code or "").strip()
    if code and not _COUNTRY_CODE.match(code):
        raise InvalidInputError(f"bad country {code!r}: use a two-letter ISO 3166 code such as RU or CN")
    return code.upper()


# -- resolving references -------------------------------------------------------

def resolve_entity(project: Project, ref: str) -> Entity:
    """An entity by name or alias (case and diacritics ignored), or by a unique prefix of its id."""
    found = project.entities.find(ref) or project.entities.resolve_uuid(ref)
    if found is None:
        raise NotFoundError(f"no entity named {ref!r} in this project")
    return found


def resolve_measure(project: Project, ref: str) -> Measure:
    """A measure by its exact name (any case) or a unique prefix of its id."""
    found = project.measures.find(ref)
    return found if found is not None else project.measures.resolve(ref)


def resolve_claims(project: Project, refs: Iterable[str]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(project.claims.resolve(ref).id for ref in refs))


def claim_uuids(project: Project, ids: Iterable[int]) -> dict[int, str]:
    return {claim.id: claim.uuid for claim in project.claims.get_many(sorted(set(ids)))}


def entity_names(project: Project) -> dict[int, str]:
    return {e.id: e.name for e in project.entities.list()}


# -- entities -----------------------------------------------------------------------

def _check_entity_name_free(project: Project, name: str, own_id: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise InvalidInputError("an entity needs a name")
    clash = project.entities.find(name)
    if clash is not None and clash.id != own_id:
        raise InvalidInputError(f"the entity {clash.name!r} already has the name or alias {name!r}")
    return name


def add_entity(project: Project, name: str, kind: str, country: str = "", aliases: Sequence[str] = (),
               note: str = "") -> Entity:
    entity_kind = parse_kind(EntityKind, kind, "entity")
    name = _check_entity_name_free(project, name)
    return project.entities.add(name, entity_kind, check_country(country), tuple(aliases), note)


def edit_entity(project: Project, ref: str, name=_UNSET, kind=_UNSET, country=_UNSET, aliases=_UNSET,
                note=_UNSET) -> Entity:
    """Change the fields given; ``aliases`` replaces the whole list."""
    entity = resolve_entity(project, ref)
    changes: dict[str, Any] = {}
    if name is not _UNSET:
        changes["name"] = _check_entity_name_free(project, name, entity.id)
    if kind is not _UNSET:
        changes["kind"] = parse_kind(EntityKind, kind, "entity")
    if country is not _UNSET:
        changes["country"] = check_country(country)
    if aliases is not _UNSET:
        changes["aliases"] = tuple(a.strip() for a in aliases if a.strip())
    if note is not _UNSET:
        changes["note"] = note
    return project.entities.update(dataclasses.replace(entity, **changes))


def delete_entity(project: Project, ref: str) -> Entity:
    """Deletes the entity and the relations it takes part in; measures lose it as a target."""
    entity = resolve_entity(project, ref)
    project.entities.delete(entity.id)
    return entity


# -- relations ----------------------------------------------------------------------

def add_relation(project: Project, subject: str, kind: str, obj: str, valid_from: str = "", valid_to: str = "",
                 evidence: Sequence[str] = (), note: str = "") -> Relation:
    relation_kind = parse_kind(RelationKind, kind, "relation")
    subject_id, object_id = resolve_entity(project, subject).id, resolve_entity(project, obj).id
    start, end = check_period(valid_from, valid_to)
    claims = resolve_claims(project, evidence)
    return project.relations.add(subject_id, relation_kind, object_id, start, end, note, claims)


def edit_relation(project: Project, ref: str, subject=_UNSET, kind=_UNSET, obj=_UNSET, valid_from=_UNSET,
                  valid_to=_UNSET, evidence=_UNSET, note=_UNSET) -> Relation:
    """Change the fields given; ``evidence`` replaces the whole list."""
    relation = project.relations.resolve(ref)
    changes: dict[str, Any] = {}
    if subject is not _UNSET:
        changes["subject_id"] = resolve_entity(project, subject).id
    if kind is not _UNSET:
        changes["kind"] = parse_kind(RelationKind, kind, "relation")
    if obj is not _UNSET:
        changes["object_id"] = resolve_entity(project, obj).id
    start = relation.valid_from if valid_from is _UNSET else valid_from
    end = relation.valid_to if valid_to is _UNSET else valid_to
    changes["valid_from"], changes["valid_to"] = check_period(start, end)
    if evidence is not _UNSET:
        changes["evidence"] = resolve_claims(project, evidence)
    if note is not _UNSET:
        changes["note"] = note
    return project.relations.update(dataclasses.replace(relation, **changes))


def delete_relation(project: Project, ref: str) -> Relation:
    relation = project.relations.resolve(ref)
    project.relations.delete(relation.id)
    return relation


# -- measures -----------------------------------------------------------------------

def add_measure(project: Project, name: str, kind: str, authority: str = "", citation: str = "",
                effective_from: str = "", effective_to: str = "", targets: Sequence[str] = (),
                evidence: Sequence[str] = (), announced: str = "", note: str = "") -> Measure:
    measure_kind = parse_kind(MeasureKind, kind, "measure")
    if not name.strip():
        raise InvalidInputError("a measure needs a name")
    start, end = check_period(effective_from, effective_to)
    target_ids = tuple(dict.fromkeys(resolve_entity(project, t).id for t in targets))
    claims = resolve_claims(project, evidence)
    return project.measures.add(name.strip(), measure_kind, authority.strip(), citation.strip(),
                                check_date(announced), start, end, note, target_ids, claims)


def edit_measure(project: Project, ref: str, name=_UNSET, kind=_UNSET, authority=_UNSET, citation=_UNSET,
                 effective_from=_UNSET, effective_to=_UNSET, targets=_UNSET, evidence=_UNSET, announced=_UNSET,
                 note=_UNSET) -> Measure:
    """Change the fields given; ``targets`` and ``evidence`` replace their whole lists."""
    measure = resolve_measure(project, ref)
    changes = {}
    if name is not _UNSET:
        if not name.strip():
            raise InvalidInputError("a measure needs a name")
        changes["name"] = name.strip()
    if kind is not _UNSET:
        changes["kind"] = parse_kind(MeasureKind, kind, "measure")
    for field, value in (("authority", authority), ("citation", citation), ("note", note)):
        if value is not _UNSET:
            changes[field] = value.strip()
    if announced is not _UNSET:
        changes["announced"] = check_date(announced)
    start = measure.effective_from if effective_from is _UNSET else effective_from
    end = measure.effective_to if effective_to is _UNSET else effective_to
    changes["effective_from"], changes["effective_to"] = check_period(start, end)
    if targets is not _UNSET:
        changes["targets"] = tuple(dict.fromkeys(resolve_entity(project, t).id for t in targets))
    if evidence is not _UNSET:
        changes["evidence"] = resolve_claims(project, evidence)
    return project.measures.update(dataclasses.replace(measure, **changes))


def delete_measure(project: Project, ref: str) -> Measure:
    measure = resolve_measure(project, ref)
    project.measures.delete(measure.id)
    return measure
