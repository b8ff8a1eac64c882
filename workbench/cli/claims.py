"""Claims and search: claim add, claims, search. (Reports: cli/reports.py.)"""

from __future__ import annotations

import argparse

from ..core.errors import InvalidInputError
from ..core.model import ClaimDraft, ClaimKind, Grading, enum_values
from ..core.text import one_line
from ..services import annotate, records
from ..services import search as search_service
from ..services.project import open_project
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
    if args.json:
        print_json([records.claim_record(c) for c in claims])
        return 0
    for c in claims:
        grade = f" [{c.grading.code}]" if c.grading.code else ""
        print(f"{c.uuid[:8]}  {c.source_uuid[:8]}  {c.kind.value:9} {c.anchor.start}-{c.anchor.end}{grade}  "
              f"\"{one_line(c.anchor.quote, 60)}\"" + (f"  → {one_line(c.statement, 60)}" if c.statement else ""))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        hits = search_service.search(project, args.query, args.limit)
    if args.json:
        print_json([records.hit_record(h) for h in hits])
        return 0
    if not hits:
        print("no matches")
    for h in hits:
        print(f"{h.kind:6} {h.uuid[:8]}  {one_line(h.title, 50)}\n       {h.marked_snippet()}")
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

    p = sub.add_parser("search", help="full-text search over sources and claims")
    p.add_argument("project")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)
