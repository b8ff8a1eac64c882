"""Exchange commands: import of REFI-QDA / W3C / Hypothesis files (through ``import``), merge, tags."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.errors import WorkbenchError
from ..services.exchange.formats import import_exchange_file, is_exchange_file, merge_project_file
from ..services.exchange.report import ExchangeReport
from ..services.exchange.tags import tag_tree
from ..services.project import open_project
from .common import print_json


def print_report(report: ExchangeReport, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    for line in report.lines():
        print(line)


def split_exchange_files(files: list[str]) -> tuple[list[str], list[str]]:
    """(exchange files, source files): ``import`` takes both, by suffix."""
    exchange = [f for f in files if is_exchange_file(f)]
    return exchange, [f for f in files if f not in exchange]


def import_exchange(project_path: str, files: list[str]) -> int:
    """Each file in its own transaction: one that fails leaves the project as the others left it."""
    failed = 0
    with open_project(project_path) as project:
        for name in files:
            try:
                report = import_exchange_file(project, name)
            except (WorkbenchError, OSError) as exc:  # reported per file; the others go on
                failed += 1
                message = str(exc) if Path(name).name in str(exc) else f"{name}: {exc}"
                print(f"failed    {message}", file=sys.stderr)
                continue
            print_report(report)
    return 1 if failed else 0


def cmd_merge(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        report = merge_project_file(project, args.other)
    print_report(report, args.json)
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        tree = tag_tree(project)
    if args.json:
        print_json(tree)
        return 0
    for item in tree:
        depth = item["path"].count("/")
        print(f"{'  ' * depth}{item['name']}  ({item['claims']} claim(s))  {item['id']}")
    if not tree:
        print("no tags")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge", help="bring another project's work into this one, by UUID, listing conflicts")
    p.add_argument("project")
    p.add_argument("other", metavar="OTHER.wbproj")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("tags", help="list the tag tree with claim counts and UUIDs")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tags)
