"""Claims and search: claim add, claims, search. (Reports: cli/reports.py.)"""

from __future__ import annotations

import argparse
import json

from ..core.errors import InvalidInputError
from ..core.model import ClaimDraft, ClaimKind, Grading, enum_values
from ..core.text import one_line
from ..services import annotate, commands, records
from ..services import search as search_service
from ..services.intelligence import analysis as intelligence
from ..services.intelligence import records as intelligence_records
from ..services.project import open_project
from ..services.search import occurrences, saved
from ..services.search.hits_to_claims import CreateClaimsFromHits, HitSpan
from ..services.search.query import parse as parse_query
from ..services.search.scopes import SCOPES
from .common import print_json


def _draft_from_args(args: argparse.Namespace) -> ClaimDraft:
    try:
        kind = ClaimKind(args.kind)
    except ValueError:
        raise InvalidInputError(f"kind must be one of {', '.join(enum_values(ClaimKind))}") from None
    grading = Grading(annotate.parse_reliability(args.reliability), annotate.parse_credibility(args.credibility))
    return ClaimDraft(statement=args.statement or "", kind=kind, grading=grading, note=args.note or "",
                      tags=tuple(args.tag or ()), entities=tuple(args.entity or ()))


def cmd_claim_add(args: argparse.Namespace) -> int:
    draft = _draft_from_args(args)
    if args.occurrence is not None and args.occurrence < 1:
        raise InvalidInputError("--occurrence counts from 1")
    with open_project(args.project) as project:
        claim = annotate.add_claim_by_quote(project, args.source, args.quote, draft, args.occurrence)
    if args.json:
        print_json([records.claim_record(claim)])
    else:
        print(f"{claim.uuid}  characters {claim.anchor.start}-{claim.anchor.end} of {claim.source_title!r}")
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        claims = annotate.list_claims(project, args.source, args.tag, args.entity)
        analysis = intelligence.analyse(project)
    if args.json:
        print_json([{**records.claim_record(c), **intelligence_records.claim_intelligence(analysis, c.id)}
                    for c in claims])
        return 0
    for c in claims:
        grade = f" [{c.grading.code}]" if c.grading.code else ""
        standing = analysis.standing(c.id)
        judged = f" {standing.status}, {standing.confidence.level.value}" if standing else ""
        print(f"{c.uuid[:8]}  {c.source_uuid[:8]}  {c.kind.value:9} {c.anchor.start}-{c.anchor.end}{grade}{judged}  "
              f"\"{one_line(c.anchor.quote, 60)}\"" + (f"  → {one_line(c.statement, 60)}" if c.statement else ""))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise InvalidInputError("the limit must be at least 1")
    if args.saved or args.save or args.run_saved or args.delete_saved:
        return _saved_searches(args)
    if args.query is None:
        raise InvalidInputError("give a query (or --saved, --run-saved NAME)")
    if args.make_claims:
        return _make_claims_of_hits(args)
    if args.all_occurrences:
        return _print_occurrences(args)
    if args.sentence or args.tag or args.entity:
        raise InvalidInputError("--sentence, --tag and --entity go with --make-claims")
    parse_query(args.query)  # a malformed query is refused the same way with or without --all-occurrences
    with open_project(args.project, writable=False) as project:
        hits = search_service.search(project, args.query, 20 if args.limit is None else args.limit)
    if args.json:
        print_json([records.hit_record(h) for h in hits])
        return 0
    if not hits:
        print("no matches")
    for h in hits:
        print(f"{h.kind:6} {h.uuid[:8]}  {one_line(h.title, 50)}\n       {h.marked_snippet()}")
    return 0


def occurrence_record(o: occurrences.Occurrence) -> dict:
    record = {"source_id": o.source_uuid, "title": o.title, "start": o.start, "end": o.end, "left": o.left,
              "match": o.match, "right": o.right, "page": o.page, "paragraph": o.paragraph}
    if not o.in_text:  # a removed block (offsets into it) or a record (offsets into its name)
        key = "record_id" if o.where != "list" else "entry_key"
        record.update({"where": o.where, "field": o.field, "block" if o.where == "removed" else key:
                       o.record_id if o.where != "list" else o.source_uuid})
        if o.where != "removed":
            record["source_id"] = None
    return record


def _saved_searches(args: argparse.Namespace) -> int:
    """--saved lists, --save NAME keeps QUERY, --delete-saved NAME forgets, --run-saved NAME runs."""
    if args.save or args.delete_saved:
        if args.save and len(args.save) > 2 or args.save and len(args.save) == 2 and args.query is not None:
            raise InvalidInputError("--save takes a name and one query (quote a query of several words)")
        query = args.save[1] if args.save and len(args.save) == 2 else args.query
        if args.save and query is None:
            raise InvalidInputError("--save NAME needs the query to keep: --save NAME QUERY")
        command = (saved.save_command(args.save[0], query, args.scope) if args.save
                   else saved.delete_command(args.delete_saved))
        with open_project(args.project) as project:
            commands.perform(project, command)
        print(f"saved search {command.result.name!r} {'kept' if args.save else 'deleted'}: {command.result.query}")
        return 0
    if args.run_saved:
        with open_project(args.project, writable=False) as project:
            chosen = saved.get_saved(project, args.run_saved)
        args.query, args.scope = chosen.query, chosen.scope
        return _make_claims_of_hits(args) if args.make_claims else _print_occurrences(args)
    with open_project(args.project, writable=False) as project:
        listed = saved.list_saved(project)
    if args.json:
        print_json([{"name": s.name, "query": s.query, "scope": s.scope, "created_at": s.created_at} for s in listed])
    for s in [] if args.json else listed:
        print(f"{s.name}  [{s.scope}]  {s.query}")
    if not listed and not args.json:
        print("no saved searches")
    return 0


def _print_occurrences(args: argparse.Namespace) -> int:
    """One line per occurrence (JSON Lines with --json), streamed: 100,000 need not be held first."""
    with open_project(args.project, writable=False) as project:
        found = occurrences.find(project, args.query, args.context, args.scope)
        count = 0
        for o in found.occurrences():
            if args.json:
                print(json.dumps(occurrence_record(o), ensure_ascii=False))
            elif not o.in_text and o.where != "removed":
                print(f"[{o.where}] {one_line(o.title, 60)} ({o.field}): {one_line(o.left)}[{one_line(o.match)}]"
                      f"{one_line(o.right)}")
            else:
                place = f"p.{o.page}" if o.page else f"¶{o.paragraph}"
                place = f"removed {place}" if o.where == "removed" else place
                print(f"{o.source_uuid[:8]} {place:>5} {o.start:>7}-{o.end:<7} "
                      f"{one_line(o.left)[-args.context:]:>{args.context}} [{one_line(o.match)}] "
                      f"{one_line(o.right)[:args.context]}")
            count += 1
            if args.limit is not None and count >= args.limit:
                break
    if not count and not args.json:
        print("no matches")
    return 0


def _make_claims_of_hits(args: argparse.Namespace) -> int:
    draft = ClaimDraft(kind=ClaimKind(args.kind) if args.kind else ClaimKind.FACT, tags=tuple(args.tag or ()),
                       entities=tuple(args.entity or ()))
    with open_project(args.project) as project:
        hits = [HitSpan(o.source_id, o.start, o.end)
                for o in occurrences.all_occurrences(project, args.query, 0, args.limit, args.scope) if o.in_text]
        if not hits:
            print("no matches; no claims made")
            return 0
        command = CreateClaimsFromHits(hits, draft, sentence=args.sentence)
        commands.perform(project, command)
        made = [project.claims.get(claim_id) for claim_id in command.claim_ids]
    if args.json:
        print_json([records.claim_record(c) for c in made])
    else:
        print(f"{len(made)} claim{'s' if len(made) != 1 else ''} made of {len(hits)} hit{'s' if len(hits) != 1 else ''}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    claim = sub.add_parser("claim", help="add claims").add_subparsers(dest="claim_command", metavar="ACTION",
                                                                      required=True)
    p = claim.add_parser("add", help="mark a quote in a source as a claim")
    p.add_argument("project")
    p.add_argument("--source", required=True, metavar="ID")
    p.add_argument("--quote", required=True, metavar="TEXT")
    p.add_argument("--occurrence", type=int, metavar="N", help="which appearance of the quote (1 = first)")
    p.add_argument("--statement", metavar="S")
    p.add_argument("--kind", default="fact", metavar="K", help=" | ".join(enum_values(ClaimKind)))
    p.add_argument("--tag", action="append", metavar="T", help="tag path such as region/russia (repeatable)")
    p.add_argument("--entity", action="append", metavar="NAME", help="entity the claim names (repeatable)")
    p.add_argument("--reliability", metavar="A-F")
    p.add_argument("--credibility", metavar="1-6")
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_claim_add)

    p = sub.add_parser("claims", help="list claims")
    p.add_argument("project")
    p.add_argument("--source", metavar="ID")
    p.add_argument("--tag", metavar="T")
    p.add_argument("--entity", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser("search", help="full-text search over sources and claims; every occurrence in context",
                       description='Query: words (any word form), =exact, prefix*, "phrases", AND OR NOT -word, '
                                   '( ), a NEAR/5 b, tag: entity: kind: in:claims source: lang: date:2024..2025')
    p.add_argument("project")
    p.add_argument("query", nargs="?")
    p.add_argument("--scope", choices=SCOPES, default="all",
                   help="all (sources' text, entities, lists, reference data), sources, claims, or removed "
                        "(the boilerplate kept out at import); with --all-occurrences, --make-claims, --save")
    p.add_argument("--save", nargs="+", metavar=("NAME", "QUERY"),
                   help="keep the query (--save NAME QUERY, or QUERY --save NAME) and --scope as a saved search")
    p.add_argument("--saved", action="store_true", help="list the saved searches")
    p.add_argument("--run-saved", metavar="NAME", help="every occurrence of a saved search (or --make-claims)")
    p.add_argument("--delete-saved", metavar="NAME", help="forget a saved search")
    p.add_argument("--limit", type=int, metavar="N",
                   help="at most N hits (default 20 sources/claims; every occurrence with --all-occurrences)")
    p.add_argument("--all-occurrences", action="store_true",
                   help="every occurrence in every source, with its offsets and context")
    p.add_argument("--context", type=int, default=occurrences.DEFAULT_CONTEXT, metavar="N",
                   help="characters of context either side (default %(default)s)")
    p.add_argument("--make-claims", action="store_true", help="make a claim of every occurrence (one undoable step)")
    p.add_argument("--sentence", action="store_true", help="with --make-claims: each claim is the hit's sentence")
    p.add_argument("--tag", action="append", metavar="T", help="with --make-claims: tag every claim (repeatable)")
    p.add_argument("--entity", action="append", metavar="NAME", help="with --make-claims: entity (repeatable)")
    p.add_argument("--kind", choices=enum_values(ClaimKind), help="with --make-claims: the claims' kind")
    p.add_argument("--json", action="store_true", help="JSON (with --all-occurrences: one object per line)")
    p.set_defaults(func=cmd_search)
