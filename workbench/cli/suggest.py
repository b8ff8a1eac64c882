"""Suggested claims: suggest (list them, or accept them all as claims for scripting)."""

from __future__ import annotations

import argparse

from ..core.errors import InvalidInputError
from ..core.model import ClaimKind, enum_values
from ..core.text import one_line
from ..services import commands, records
from ..services.intelligence.review import (
    AcceptSuggestions,
    actor_index,
    suggestion_record,
    suggestions_for_source,
)
from ..services.project import open_project
from .common import print_json


def cmd_suggest(args: argparse.Namespace) -> int:
    if args.accept_all:
        return _accept_all(args)
    with open_project(args.project, writable=False) as project:
        sources = [project.sources.resolve(args.source)] if args.source else project.sources.list()
        index = actor_index(project)
        found = [(source, s) for source in sources
                 for s in suggestions_for_source(project, source.id, index, kind=args.kind)]
    if args.json:
        print_json([suggestion_record(s, source.uuid) for source, s in found])
        return 0
    if not found:
        print("no suggestions")
    for source, s in found:
        figures = ", ".join(_figure(q.value, q.unit, q.year) for q in s.quantities)
        print(f"{source.uuid[:8]} {s.start:>7}-{s.end:<7} {s.kind.value:9} \"{one_line(s.quote, 70)}\""
              + (f"  [{figures}]" if figures else "") + (f"  {{{', '.join(s.entities)}}}" if s.entities else ""))
    return 0


def _figure(value: float, unit: str, year: int | None) -> str:
    return f"{value:,.15g}{' ' + unit if unit else ''}{f' ({year})' if year else ''}"


def _accept_all(args: argparse.Namespace) -> int:
    if not args.source:
        raise InvalidInputError("--accept-all needs --source ID: accept a source's suggestions one source at a time")
    with open_project(args.project) as project:
        source = project.sources.resolve(args.source)
        found = suggestions_for_source(project, source.id, kind=args.kind)
        if not found:
            print("no suggestions; no claims made")
            return 0
        command = AcceptSuggestions(found)
        commands.perform(project, command)
        made = project.claims.get_many(command.claim_ids)
    if args.json:
        print_json([records.claim_record(c) for c in made])
    else:
        print(f"{len(made)} claim{'s' if len(made) != 1 else ''} made of suggestions in {source.title!r}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="suggested claims: sentences with figures, dated events and named actors")
    p.add_argument("project")
    p.add_argument("--source", metavar="ID", help="one source (default: every source)")
    p.add_argument("--kind", choices=enum_values(ClaimKind), help="only suggestions of this kind")
    p.add_argument("--accept-all", action="store_true",
                   help="make a claim of every suggestion of --source (one undoable step)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_suggest)
