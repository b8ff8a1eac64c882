"""Contradictions between sources: ``conflicts PROJECT [--json]`` and ``conflicts PROJECT judge A B``."""

from __future__ import annotations

import argparse

from ..core.errors import InvalidInputError
from ..core.text import one_line
from ..services import commands
from ..services.intelligence import analysis as intelligence
from ..services.intelligence.conflicts import KINDS
from ..services.intelligence.judging import VERDICT_CHOICES, JudgeConflict
from ..services.intelligence.records import conflict_record
from ..services.project import open_project
from .common import print_json


def cmd_conflicts(args: argparse.Namespace) -> int:
    if args.action == "judge":
        return _judge(args)
    with open_project(args.project, writable=False) as project:
        analysis = intelligence.analyse(project)
    found = [conflict_record(analysis, judged) for judged in analysis.conflicts
             if args.kind is None or judged.conflict.kind == args.kind]
    if args.json:
        print_json(found)
        return 0
    if not found:
        print("no conflicts found")
    for record in found:
        first, second = record["claims"]
        judged = record["judgement"]
        print(f"{record['kind']:10} {record['detail']}")
        for side in (first, second):
            print(f"  {side['id'][:8]}  {side['date'] or 'undated':10}  {one_line(side['source_title'], 30)!r}: "
                  f"\"{one_line(side['quote'], 70)}\"")
        if record["assessment"]:
            print(f"  reference: {record['assessment']}")
        print("  judgement: " + (f"{judged['verdict']}" + (f" ({one_line(judged['note'], 60)})" if judged["note"] else "")
                                 if judged else "none"))
    return 0


def _judge(args: argparse.Namespace) -> int:
    if len(args.claims) != 2 or args.verdict is None:
        raise InvalidInputError("judge takes two claim ids and --verdict")
    with open_project(args.project) as project:
        first, second = (project.claims.resolve(ref) for ref in args.claims)
        commands.perform(project, JudgeConflict(first.id, second.id, args.verdict, args.note or ""))
    print(f"judged {first.uuid[:8]} and {second.uuid[:8]}: {args.verdict}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("conflicts", help="claims from different sources that disagree; judge them",
                       description="List contradictions (different values, dates, or membership statements judged "
                                   "against the dated reference data), or record a judgement: "
                                   "conflicts PROJECT judge A B --verdict first|second|both|unresolved|clear --note TEXT")
    p.add_argument("project")
    p.add_argument("action", nargs="?", choices=("list", "judge"), default="list")
    p.add_argument("claims", nargs="*", metavar="CLAIM", help="with judge: the two claims' ids (or id prefixes)")
    p.add_argument("--kind", choices=KINDS, help="only conflicts of this kind")
    p.add_argument("--verdict", choices=VERDICT_CHOICES,
                   help="with judge: which claim is right (first, second), both right at their dates, unresolved, "
                        "or clear the judgement")
    p.add_argument("--note", help="with judge: why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_conflicts)
