"""Entities with their identifiers (INN, OGRN, IMO...): added and changed together, in one transaction.

The identifiers are checked (core.identifiers) before anything is written, so a bad one
leaves the project as it was, entity included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..core.identifiers import parse_identifier
from ..core.model import Entity
from ..storage.entity_details import EntityDetailRepository
from . import network
from .project import Project

_UNSET = object()


def parse_identifiers(texts: Iterable[str]) -> list[tuple[str, str]]:
    """``SCHEME=VALUE`` texts as checked (scheme, value) pairs, duplicates dropped; blank lines ignored."""
    return list(dict.fromkeys(parse_identifier(t) for t in texts if t.strip()))


def identifier_texts(pairs: Iterable[tuple[str, str]]) -> list[str]:
    return [f"{scheme}={value}" for scheme, value in pairs]


def entity_identifiers(project: Project, entity_id: int) -> list[tuple[str, str]]:
    return EntityDetailRepository(project.db).identifiers(entity_id)


def identifiers_by_entity(project: Project) -> dict[int, list[tuple[str, str]]]:
    return {entity_id: sorted((scheme, value) for scheme, value, _key in rows)
            for entity_id, rows in EntityDetailRepository(project.db).all_identifiers().items()}


def add_entity(project: Project, name: str, kind: str, country: str = "", aliases: Sequence[str] = (),
               note: str = "", identifiers: Iterable[str] = ()) -> Entity:
    pairs = parse_identifiers(identifiers)
    with project.db.transaction():
        entity = network.add_entity(project, name, kind, country, aliases, note)
        if pairs:
            EntityDetailRepository(project.db).replace_identifiers(entity.id, pairs)
    return entity


def edit_entity(project: Project, ref: str, identifiers=_UNSET, **changes) -> Entity:
    """network.edit_entity's changes, and ``identifiers`` (SCHEME=VALUE texts) replacing the entity's own."""
    pairs = None if identifiers is _UNSET else parse_identifiers(identifiers)
    with project.db.transaction():
        entity = network.edit_entity(project, ref, **changes)
        if pairs is not None:
            EntityDetailRepository(project.db).replace_identifiers(entity.id, pairs)
    return entity
