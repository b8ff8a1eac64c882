"""Projects and sources: new, import, sources, show, sample, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.text import one_line
from ..services import ingest, records
from ..services.project import check_project, create_project, open_project
from ..services.sample import build_sample, user_sample
from .common import err
from .common import print_json


def cmd_new(args: argparse.Namespace) -> int:
    with create_project(args.project, args.title or "") as project:
        print(project.path)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    counts = {"imported": 0, "duplicate": 0, "failed": 0}
    with open_project(args.project) as project:
        for result in ingest.import_files(project, args.files):
            counts[result.status] += 1
            line = f"{result.status:9} {result.path}: {result.message}"
            print(line, file=sys.stderr if result.status == "failed" else sys.stdout)
    print(f"{counts['imported']} imported, {counts['duplicate']} duplicate(s), {counts['failed']} failed")
    return 1 if counts["failed"] else 0


def cmd_sources(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        sources = project.sources.list()
    if args.json:
        print_json([records.source_record(s) for s in sources])
        return 0
    for s in sources:
        print(f"{s.uuid[:8]}  {s.claim_count:4d} claims  {s.meta.published or '-':10}  {one_line(s.title, 70)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        source = project.sources.resolve(args.source)
        text = project.sources.text(source.id)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    print(build_sample(Path(args.path)) if args.path else user_sample())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = check_project(args.project)
    if problems:
        for problem in problems[:20]:
            err(f"{args.project}: {problem}")
        return 1
    print(f"{args.project}: ok")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create an empty project")
    p.add_argument("project")
    p.add_argument("--title")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import files as sources (plain text and Markdown)")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("sources", help="list the sources")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("show", help="print a source's normalised text")
    p.add_argument("project")
    p.add_argument("source", metavar="SOURCE_ID")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("sample", help="write the sample project and print its path")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("check", help="check a project file's integrity (exit 1 if damaged)")
    p.add_argument("project")
    p.set_defaults(func=cmd_check)
