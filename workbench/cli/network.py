"""Entities, relations and measures: entity|relation|measure add, list, edit, delete."""

from __future__ import annotations

import argparse

from ..core.model import EntityKind, MeasureKind, RelationKind, enum_values
from ..core.text import one_line
from ..services import identifiers, network, records
from ..services.project import open_project
from .common import print_json


def _given(args: argparse.Namespace, **fields: str) -> dict:
    """The options the user gave, as keyword arguments named for the service."""
    return {name: getattr(args, attr) for name, attr in fields.items() if getattr(args, attr) is not None}


def _period(start: str, end: str) -> str:
    return f"{start or '…'} – {end or '…'}" if start or end else "always"


# -- entities -----------------------------------------------------------------------

def cmd_entity_add(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        entity = identifiers.add_entity(project, args.name, args.kind, args.country or "", args.alias or (),
                                        args.note or "", args.id or ())
    print(f"{entity.uuid}  {entity.kind.value}  {entity.name}")
    return 0


def cmd_entity_edit(args: argparse.Namespace) -> int:
    changes = _given(args, name="name", kind="kind", country="country", aliases="alias", note="note",
                     identifiers="id")
    with open_project(args.project) as project:
        entity = identifiers.edit_entity(project, args.entity, **changes)
    print(f"{entity.uuid}  {entity.kind.value}  {entity.name}")
    return 0


def cmd_entity_delete(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        entity = network.delete_entity(project, args.entity)
    print(f"deleted {entity.uuid}  {entity.name}")
    return 0


def cmd_entity_list(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        entities = project.entities.list()
        ids = identifiers.identifiers_by_entity(project)
    if args.kind:
        kind = network.parse_kind(EntityKind, args.kind, "entity")
        entities = [e for e in entities if e.kind == kind]
    if args.json:
        print_json([{**records.entity_record(e),
                     "identifiers": [{"scheme": s, "value": v} for s, v in ids.get(e.id, [])]} for e in entities])
        return 0
    for e in entities:
        aliases = f"  ({one_line(', '.join(e.aliases), 60)})" if e.aliases else ""
        own_ids = f"  [{', '.join(identifiers.identifier_texts(ids[e.id]))}]" if e.id in ids else ""
        print(f"{e.uuid[:8]}  {e.kind.value:12} {e.country or '--':2}  {e.name}{aliases}{own_ids}")
    return 0


# -- relations ----------------------------------------------------------------------

def cmd_relation_add(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        relation = network.add_relation(project, args.subject, args.kind, args.object, args.valid_from or "",
                                        args.valid_to or "", args.evidence or (), args.note or "")
    print(f"{relation.uuid}  {args.subject} {relation.kind.value} {args.object}")
    return 0


def cmd_relation_edit(args: argparse.Namespace) -> int:
    changes = _given(args, subject="subject", kind="kind", obj="object", valid_from="valid_from",
                     valid_to="valid_to", evidence="evidence", note="note")
    with open_project(args.project) as project:
        relation = network.edit_relation(project, args.relation, **changes)
    print(f"{relation.uuid}  {relation.kind.value}  {_period(relation.valid_from, relation.valid_to)}")
    return 0


def cmd_relation_delete(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        relation = network.delete_relation(project, args.relation)
    print(f"deleted {relation.uuid}")
    return 0


def _listing(args: argparse.Namespace, kind: str) -> tuple[list, dict[int, str], dict[int, str]]:
    """Relations or measures, with the entity names and claim ids their records show."""
    with open_project(args.project, writable=False) as project:
        items = getattr(project, kind).list()
        uuids = network.claim_uuids(project, (c for item in items for c in item.evidence))
        return items, network.entity_names(project), uuids


def cmd_relation_list(args: argparse.Namespace) -> int:
    relations, names, uuids = _listing(args, "relations")
    if args.json:
        print_json([records.relation_record(r, names, uuids) for r in relations])
        return 0
    for r in relations:
        print(f"{r.uuid[:8]}  {names[r.subject_id]} —{r.kind.value}→ {names[r.object_id]}  "
              f"[{_period(r.valid_from, r.valid_to)}]  {len(r.evidence)} evidence")
    return 0


# -- measures -----------------------------------------------------------------------

def cmd_measure_add(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        measure = network.add_measure(
            project, args.name, args.kind, args.authority or "", args.citation or "", args.valid_from or "",
            args.valid_to or "", args.target or (), args.evidence or (), args.announced or "", args.note or "")
    print(f"{measure.uuid}  {measure.kind.value}  {measure.name}")
    return 0


def cmd_measure_edit(args: argparse.Namespace) -> int:
    changes = _given(args, name="name", kind="kind", authority="authority", citation="citation",
                     effective_from="valid_from", effective_to="valid_to", targets="target", evidence="evidence",
                     announced="announced", note="note")
    with open_project(args.project) as project:
        measure = network.edit_measure(project, args.measure, **changes)
    print(f"{measure.uuid}  {measure.kind.value}  {measure.name}")
    return 0


def cmd_measure_delete(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        measure = network.delete_measure(project, args.measure)
    print(f"deleted {measure.uuid}  {measure.name}")
    return 0


def cmd_measure_list(args: argparse.Namespace) -> int:
    measures, names, uuids = _listing(args, "measures")
    if args.json:
        print_json([records.measure_record(m, names, uuids) for m in measures])
        return 0
    for m in measures:
        targets = ", ".join(names[t] for t in m.targets) or "-"
        print(f"{m.uuid[:8]}  {m.kind.value:17} [{_period(m.effective_from, m.effective_to)}]  {m.name}"
              f"  → {one_line(targets, 50)}")
    return 0


# -- argument parsing -----------------------------------------------------------------

def _group(sub: argparse._SubParsersAction, name: str, help_: str) -> argparse._SubParsersAction:
    return sub.add_parser(name, help=help_).add_subparsers(dest=f"{name}_command", metavar="ACTION",
                                                           required=True)


def _action(group: argparse._SubParsersAction, name: str, help_: str, func, ref: str | None = None):
    p = group.add_parser(name, help=help_)
    p.add_argument("project")
    if ref:
        p.add_argument(ref.lower(), metavar=ref)
    p.set_defaults(func=func)
    return p


def _list_action(group: argparse._SubParsersAction, help_: str, func):
    p = _action(group, "list", help_, func)
    p.add_argument("--json", action="store_true")
    return p


def _dates_and_evidence(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="valid_from", metavar="DATE", help="valid from: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--to", dest="valid_to", metavar="DATE", help="valid to (inclusive); '' clears")
    p.add_argument("--evidence", action="append", metavar="CLAIM_ID", help="claim backing it (repeatable)")
    p.add_argument("--note")


def _register_entities(sub: argparse._SubParsersAction) -> None:
    kinds = " | ".join(enum_values(EntityKind))
    group = _group(sub, "entity", "add, list, edit and delete entities")
    for name, func in (("add", cmd_entity_add), ("edit", cmd_entity_edit)):
        p = _action(group, name, f"{name} an entity", func)
        if name == "add":
            p.add_argument("name")
            p.add_argument("--kind", required=True, metavar="K", help=kinds)
        else:
            p.add_argument("entity", metavar="ENTITY", help="name, alias or id")
            p.add_argument("--name")
            p.add_argument("--kind", metavar="K", help=kinds)
        p.add_argument("--country", metavar="CC", help="two-letter ISO code")
        p.add_argument("--alias", action="append", metavar="A", help="another name (repeatable; edit replaces all)")
        p.add_argument("--id", action="append", metavar="SCHEME=VALUE",
                       help="identifier screening compares first: INN=..., OGRN=..., IMO=... (repeatable; edit "
                            "replaces all; --id '' clears them)")
        p.add_argument("--note")
    _action(group, "delete", "delete an entity and its relations", cmd_entity_delete, "ENTITY")
    _list_action(group, "list entities", cmd_entity_list).add_argument("--kind", metavar="K", help=kinds)


def _register_relations(sub: argparse._SubParsersAction) -> None:
    kinds = " | ".join(enum_values(RelationKind))
    group = _group(sub, "relation", "add, list, edit and delete relations between entities")
    p = _action(group, "add", "add a relation: SUBJECT KIND OBJECT", cmd_relation_add)
    p.add_argument("subject")
    p.add_argument("kind", help=kinds)
    p.add_argument("object")
    _dates_and_evidence(p)
    p = _action(group, "edit", "change a relation (evidence replaces all)", cmd_relation_edit, "RELATION")
    p.add_argument("--subject")
    p.add_argument("--kind", metavar="K", help=kinds)
    p.add_argument("--object")
    _dates_and_evidence(p)
    _action(group, "delete", "delete a relation", cmd_relation_delete, "RELATION")
    _list_action(group, "list relations", cmd_relation_list)


def _register_measures(sub: argparse._SubParsersAction) -> None:
    kinds = " | ".join(enum_values(MeasureKind))
    group = _group(sub, "measure", "add, list, edit and delete sanctions and export-control measures")
    for name, func in (("add", cmd_measure_add), ("edit", cmd_measure_edit)):
        p = _action(group, name, f"{name} a measure", func)
        if name == "add":
            p.add_argument("name")
            p.add_argument("--kind", required=True, metavar="K", help=kinds)
        else:
            p.add_argument("measure", metavar="MEASURE", help="name or id")
            p.add_argument("--name")
            p.add_argument("--kind", metavar="K", help=kinds)
        p.add_argument("--authority", metavar="A", help="such as US BIS, EU Council, UK OFSI")
        p.add_argument("--citation", metavar="C", help="such as 87 FR 62186")
        p.add_argument("--announced", metavar="DATE")
        p.add_argument("--target", action="append", metavar="ENTITY", help="entity it hits (repeatable)")
        _dates_and_evidence(p)
    _action(group, "delete", "delete a measure", cmd_measure_delete, "MEASURE")
    _list_action(group, "list measures", cmd_measure_list)


def register(sub: argparse._SubParsersAction) -> None:
    _register_entities(sub)
    _register_relations(sub)
    _register_measures(sub)
