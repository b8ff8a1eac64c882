"""The ``workbench`` command line: a thin front over the services, with no Qt."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .core.errors import InvalidInputError, WorkbenchError
from .core.model import ClaimDraft, ClaimKind, Grading, enum_values
from .core.text import one_line
from .services import annotate, export, ingest, records
from .services import search as search_service
from .services.project import check_project, create_project, open_project
from .services.sample import build_sample
from .services.settings import user_dirs

GuiLauncher = Callable[[str | None], int]


def _print_json(items: list[dict]) -> None:
    print(json.dumps(items, ensure_ascii=False, indent=2))


def _err(message: str) -> None:
    print(f"workbench: {message}", file=sys.stderr)


# -- commands -------------------------------------------------------------------

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
        _print_json([records.source_record(s) for s in sources])
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
        _print_json([records.claim_record(claim)])
    else:
        print(f"{claim.uuid}  characters {claim.anchor.start}-{claim.anchor.end} of {claim.source_title!r}")
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        claims = annotate.list_claims(project, args.source, args.tag, args.entity)
    if args.json:
        _print_json([records.claim_record(c) for c in claims])
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
        _print_json([records.hit_record(h) for h in hits])
        return 0
    if not hits:
        print("no matches")
    for h in hits:
        print(f"{h.kind:6} {h.uuid[:8]}  {one_line(h.title, 50)}\n       {h.snippet}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        path = export.export_project(project, args.format, args.output)
    print(path)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    if args.path:
        path = Path(args.path)
    else:
        path = user_dirs().data / "sample.wbproj"
        if path.exists():  # the analyst may have worked in it: keep it
            print(path)
            return 0
        path.parent.mkdir(parents=True, exist_ok=True)
    print(build_sample(path))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = check_project(args.project)
    if problems:
        for problem in problems[:20]:
            _err(f"{args.project}: {problem}")
        return 1
    print(f"{args.project}: ok")
    return 0


# -- parser ---------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench", description="Research Workbench: sources, claims, sanctions and hardware dependency.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open the desktop program (the last project if none is given)")
    p.add_argument("project", nargs="?")
    p.set_defaults(func=None)

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

    p = sub.add_parser("export", help="write a report of the project's claims")
    p.add_argument("project")
    p.add_argument("--format", required=True, choices=export.EXPORT_FORMATS)
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("sample", help="write the sample project and print its path")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("check", help="check a project file's integrity (exit 1 if damaged)")
    p.add_argument("project")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None, launch_gui: GuiLauncher | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    try:
        if args.command in (None, "open"):
            if launch_gui is None:
                raise WorkbenchError("the desktop program is not available from here")
            return launch_gui(getattr(args, "project", None))
        return args.func(args)
    except WorkbenchError as exc:
        _err(str(exc))
    except sqlite3.DatabaseError as exc:
        _err(f"the project file is damaged or unreadable ({exc})")
    except OSError as exc:
        _err(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 - the user gets one line; developers set WORKBENCH_DEBUG
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with WORKBENCH_DEBUG=1 for details)")
    return 1
