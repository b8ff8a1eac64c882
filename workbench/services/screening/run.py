"""Screening the project's entities against the imported sanctions lists.

For each entity, identifiers come first: the same INN, OGRN, IMO or registration number
makes a match whatever the names say, and a different number of the same kind rules a
name match down. Then every name and alias of the entity is compared with the listed
names that the blocking index offers. Each candidate keeps its score and the reasons;
the analyst's decision is stored against the list's name and the entry's own id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...core.errors import InvalidInputError
from ...core.lists import Candidate, ConfirmedMatch
from ...core.matching import PARTIAL_CAP, STRONG_SCORE, NameComparison, compare_names
from ...core.model import Entity, EntityKind
from ...core.names import PreparedName, identifier_key, prepare_name
from ...storage.entity_details import EntityDetailRepository
from ...storage.lists import ListRepository, split_values
from ...storage.screening import ScreeningRepository
from ...storage.taxonomy import name_key as label_key
from ..project import Project
from .summary import ScreeningSummary, summarise

if TYPE_CHECKING:  # the index is numpy arrays: loaded when screening first runs, not at every start
    from .index import ScreeningIndex

DEFAULT_MIN_SCORE = 60.0
SCREENED_KINDS = (EntityKind.COMPANY, EntityKind.ORGANISATION, EntityKind.PERSON, EntityKind.FACILITY,
                  EntityKind.OTHER)
_KIND_FAMILY = {"person": "person", "company": "party", "organisation": "party", "facility": "party",
                "vessel": "vessel", "aircraft": "aircraft"}
_CROSS_KIND_FACTOR = 0.8
_CONFLICT_CAP = 50.0
# Schemes that name the same register, so that differing values mean different parties.
_SCHEME_FAMILY = {"inn": "inn", "tax id": "inn", "ogrn": "ogrn", "registration": "ogrn",
                  "public registration number": "ogrn", "imo": "imo"}


@dataclass(frozen=True, slots=True)
class ScreeningRun:
    """The candidates a run stored, and what it checked to find them."""

    candidates: list[Candidate]
    summary: ScreeningSummary


@dataclass(frozen=True, slots=True)
class Found:
    entity_id: int
    list_id: int
    entry_key: str
    score: float
    method: str
    entity_name: str
    listed_name: str
    reason: str


def candidate_code(entity_uuid: str, list_name: str, entry_key: str) -> str:
    return hashlib.sha1(f"{entity_uuid}|{label_key(list_name)}|{entry_key}".encode()).hexdigest()[:10]


def build_index(project: Project) -> ScreeningIndex:
    """The index of every listed name: kept between runs while the lists stay the same (see index_cache)."""
    from .index_cache import screening_index
    return screening_index(project)


def screen_entities(project: Project, entities: Iterable[Entity], index: ScreeningIndex | None = None,
                    min_score: float = DEFAULT_MIN_SCORE,
                    progress: Callable[[float, str], None] | None = None,
                    identifiers: dict[int, list] | None = None) -> list[Found]:
    """Candidates for the given entities, best first per entity; nothing is stored. ``identifiers``
    (entity id -> [(scheme, value, key)]) replaces the project's own, for entities not in the project."""
    entities = list(entities)
    lists_repo = ListRepository(project.db)
    index = index if index is not None else build_index(project)
    if identifiers is None:
        identifiers = EntityDetailRepository(project.db).all_identifiers()
    found: list[Found] = []
    for number, entity in enumerate(entities, start=1):
        own_ids = identifiers.get(entity.id, [])
        by_id = _identifier_matches(lists_repo, entity, own_ids)
        by_name = _name_matches(lists_repo, index, entity, own_ids, min_score, skip={(f.list_id, f.entry_key)
                                                                                     for f in by_id})
        found.extend(by_id + sorted(by_name, key=lambda f: -f.score))
        if progress and number % 50 == 0:
            progress(number / len(entities), f"{number:,} of {len(entities):,} entities screened")
    return found


def _identifier_matches(repo: ListRepository, entity: Entity, own_ids: list) -> list[Found]:
    usable = _usable_identifiers(own_ids)
    keys = {key: (scheme, value) for scheme, value, key in own_ids if key in usable}
    if not keys:
        return []
    results = {}
    for _, list_id, entry_key, scheme, value in repo.entries_by_identifier(keys):
        own_scheme, own_value = keys[identifier_key(value)]
        results[(list_id, entry_key)] = Found(entity.id, list_id, entry_key, 100.0, "identifier", own_value, value,
                                              f"same identifier: {own_scheme} {own_value} is listed as {scheme} {value}")
    return list(results.values())


def _name_matches(repo: ListRepository, index: ScreeningIndex, entity: Entity, own_ids: list, min_score: float,
                  skip: set) -> list[Found]:
    best: dict[int, tuple] = {}  # entry id -> (score, comparison, query name, listed name)
    for query_name in dict.fromkeys((entity.name, *entity.aliases)):
        query = prepare_name(query_name)
        if not query.tokens:
            continue
        seen: set[int] = set()
        for position in index.candidates(query):
            entry_id = index.entry_ids[position]
            if entry_id in seen:
                continue
            seen.add(entry_id)
            score, comparison, listed_name = compare_with_entry(index, query, index.entry_positions(position))
            if score > best.get(entry_id, (-1,))[0]:
                best[entry_id] = (score, comparison, query_name, listed_name)
    _cap_shared_family_names(best)
    heads = repo.entry_heads(entry_id for entry_id, item in best.items() if item[0] >= min_score * 0.7)
    kinds = _entry_kinds(repo, heads)
    conflicts = _identifier_conflicts(repo, heads, own_ids)
    results = []
    for entry_id, (score, comparison, query_name, listed_name) in best.items():
        if entry_id not in heads:
            continue
        list_id, entry_key, _ = heads[entry_id]
        if (list_id, entry_key) in skip:
            continue
        reasons = [comparison.explain()]
        entity_family = _KIND_FAMILY.get(entity.kind.value)
        entry_family = _KIND_FAMILY.get(kinds.get(entry_id, ""), "party")
        if entity_family and entity_family != entry_family:
            score = round(score * _CROSS_KIND_FACTOR, 1)
            reasons.append(f"kinds differ ({entity.kind.value} and listed {kinds.get(entry_id)})")
        if entry_id in conflicts:
            score = min(score, _CONFLICT_CAP)
            reasons.append(conflicts[entry_id])
        if score >= min_score:
            results.append(Found(entity.id, list_id, entry_key, score, "name", query_name, listed_name,
                                 "; ".join(r for r in reasons if r)))
    return results


def _cap_shared_family_names(best: dict[int, tuple]) -> None:
    """"President Ivanov" names one person only if one listed person is called Ivanov: where several are,
    none of them is a strong match on the title and family name alone."""
    by_title = [entry_id for entry_id, item in best.items() if item[1].by_title and item[0] > PARTIAL_CAP]
    if len(by_title) < 2:
        return
    for entry_id in by_title:
        _, comparison, query_name, listed_name = best[entry_id]
        best[entry_id] = (PARTIAL_CAP, replace(comparison, score=PARTIAL_CAP, cap=PARTIAL_CAP, conflict=(
            f"{len(by_title)} listed persons have this family name")), query_name, listed_name)


def compare_with_entry(index: ScreeningIndex, query: PreparedName, positions: range) -> tuple[float, NameComparison, str]:
    """The best comparison of a query with any of one entry's names, its names taken together: a short
    name contained in a longer one of the same entry ("Mariya ZAKHAROVA" in "ZAKHAROVA, Mariya
    Aleksandrovna") does not match alone a query that says more than it, so a different patronymic
    in the query is compared with the one the entry gives."""
    names = [index.prepared(p) for p in positions]
    results = [compare_names(query, listed) for listed in names]
    scores = [r.score for r in results]
    for k, short in enumerate(names):
        if len(query.tokens) <= len(short.tokens) or not results[k].unmatched_query:
            continue
        fuller = [m for m, longer in enumerate(names)
                  if len(longer.tokens) > len(short.tokens) and set(short.phonetic) <= set(longer.phonetic)]
        if fuller:
            scores[k] = min(scores[k], max(scores[m] for m in fuller))
    k = max(range(len(names)), key=scores.__getitem__)
    comparison = results[k]
    if scores[k] < comparison.score:
        comparison = replace(comparison, score=scores[k], cap=scores[k], conflict=comparison.conflict or
                             "the entry's fuller name differs from the query")
    return scores[k], comparison, index.names[positions[k]]


def _entry_kinds(repo: ListRepository, heads: dict) -> dict[int, str]:
    return repo.entry_kinds(heads) if heads else {}


def _identifier_conflicts(repo: ListRepository, heads: dict, own_ids: list) -> dict[int, str]:
    """Entries that carry a different number in a register where the entity has one."""
    own: dict[str, set[str]] = {}
    for scheme, _value, key in own_ids:
        family = _SCHEME_FAMILY.get(scheme.lower())
        if family:
            own.setdefault(family, set()).add(key)
    if not own or not heads:
        return {}
    conflicts = {}
    for entry_id, scheme, value in repo.identifiers_of(heads):
        family = _SCHEME_FAMILY.get(scheme.lower())
        if family is not None and family in own and identifier_key(value) not in own[family]:
            conflicts[entry_id] = f"different {family.upper()}: listed {value}"
    return conflicts


def add_entity_identifier(project: Project, entity_id: int, scheme: str, value: str) -> None:
    """Give an entity an identifier (INN, OGRN, IMO...) that screening compares before names."""
    project.entities.get(entity_id)  # fails clearly for an unknown entity
    EntityDetailRepository(project.db).add_identifier(entity_id, scheme, value)


def screenable_entities(project: Project) -> list[Entity]:
    return [e for e in project.entities.list() if e.kind in SCREENED_KINDS]


def run_screening(project: Project, min_score: float = DEFAULT_MIN_SCORE,
                  progress: Callable[[float, str], None] | None = None) -> list[Candidate]:
    """Screen every screenable entity, store the candidates (replacing the last run's) and return them."""
    return screen_project(project, min_score, progress).candidates


def screen_project(project: Project, min_score: float = DEFAULT_MIN_SCORE,
                   progress: Callable[[float, str], None] | None = None) -> ScreeningRun:
    """run_screening, with the record of what was checked and what was left out (see summary)."""
    if not 0 <= min_score <= 100:
        raise InvalidInputError("the minimum score is between 0 and 100")
    everyone = project.entities.list()
    not_screened = [e for e in everyone if e.kind not in SCREENED_KINDS]
    identifiers = EntityDetailRepository(project.db).all_identifiers()
    entities, no_usable_name, names, unusable = [], 0, 0, 0
    for entity in (e for e in everyone if e.kind in SCREENED_KINDS):
        usable, folded_away = _usable_names(entity)
        if not usable and not _usable_identifiers(identifiers.get(entity.id, [])):
            no_usable_name += 1
            continue
        entities.append(entity)
        names, unusable = names + usable, unusable + folded_away
    # Every entity's last candidates go, so one renamed to nothing or made a country keeps none.
    uuids = {e.id: e.uuid for e in everyone}
    lists = ListRepository(project.db).list()
    list_names = {sl.id: sl.name for sl in lists}
    index = build_index(project)
    found = screen_entities(project, entities, index, min_score=min_score, progress=progress)
    ScreeningRepository(project.db).replace_candidates(uuids, [
        (candidate_code(uuids[f.entity_id], list_names[f.list_id], f.entry_key), f.entity_id, f.list_id, f.entry_key,
         f.score, f.method, f.entity_name, f.listed_name, f.reason) for f in found])
    candidates = list_candidates(project, min_score)
    id_count = sum(len(_usable_identifiers(identifiers.get(e.id, []))) for e in entities)
    summary = summarise(entities, names, unusable, id_count, no_usable_name, not_screened, lists,
                        Counter(index.names_per_list()), candidates, min_score)
    return ScreeningRun(candidates, summary)


def _usable_names(entity: Entity) -> tuple[int, int]:
    """(names that keep a token after folding, names that fold to nothing) among the name and aliases."""
    usable = unusable = 0
    for name in dict.fromkeys((entity.name, *entity.aliases)):
        if prepare_name(name).tokens:
            usable += 1
        else:
            unusable += 1
    return usable, unusable


def _usable_identifiers(own_ids: list) -> set[str]:
    """The identifier keys long enough to be compared (as _identifier_matches uses them)."""
    return {key for _scheme, _value, key in own_ids if len(key) >= 5}


def _candidate(row: tuple) -> Candidate:
    code, entity_id, label, list_name, entry_key, caption, score, method, entity_name, listed, reason, decision, note \
        = row
    return Candidate(code, entity_id, label, list_name, entry_key, caption, score, method, entity_name, listed, reason,
                     method == "identifier" or score >= STRONG_SCORE, decision, note)


def list_candidates(project: Project, min_score: float = 0.0) -> list[Candidate]:
    """The last screening's candidates with the decisions taken on them."""
    return [_candidate(row) for row in ScreeningRepository(project.db).candidates(min_score)]


def decide(project: Project, code: str, decision: str, note: str = "") -> Candidate:
    repo = ScreeningRepository(project.db)
    row = repo.resolve(code)
    candidate = _candidate(row)
    repo.decide(candidate.entity_id, label_key(candidate.list_name), candidate.entry_key, decision,
                candidate.score, candidate.reason, candidate.entry_caption, note)
    return _candidate(repo.resolve(candidate.code))


def confirmed_matches(project: Project) -> dict[int, list[ConfirmedMatch]]:
    """entity id -> the list entries the analyst confirmed for it (for marking sanctioned nodes)."""
    matches: dict[int, list[ConfirmedMatch]] = {}
    for entity_id, list_name, entry_key, caption, programmes, note, decided_at in \
            ScreeningRepository(project.db).confirmed():
        matches.setdefault(entity_id, []).append(ConfirmedMatch(
            entity_id, list_name, entry_key, caption, split_values(programmes or ""), programmes is not None, note,
            decided_at))
    return matches


def candidate_record(c: Candidate) -> dict:
    return {"code": c.code, "entity_id": c.entity_id, "entity": c.entity_label, "list": c.list_name,
            "entry_key": c.entry_key, "entry": c.entry_caption, "score": c.score, "strong": c.strong,
            "method": c.method, "entity_name": c.entity_name, "listed_name": c.listed_name, "reason": c.reason,
            "decision": c.decision, "note": c.decision_note}


def find_candidate(project: Project, code: str) -> Candidate:
    """One candidate of the last screening by its code (or a unique prefix of 4 or more characters)."""
    return _candidate(ScreeningRepository(project.db).resolve(code))
