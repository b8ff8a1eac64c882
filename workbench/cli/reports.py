"""``workbench export``: reports in every format, with scope and layout options.

Without --title, --author, --handling or --summary-file the choices last made for this
project in the export dialog apply (the summary is kept in the project).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from ..core.errors import InvalidInputError, ProjectFileError
from ..services import export
from ..services.project import open_project
from ..services.reports import GROUP_BY, PAGE_SIZES, ReportScope, export_report
from ..services.reports.choices import load_choices


def _claim_refs(values: list[str] | None) -> tuple[str, ...]:
    return tuple(ref.strip() for value in values or () for ref in value.split(",") if ref.strip())


def _summary(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"cannot read the summary file {path}: {exc}") from None


def scope_from_args(args: argparse.Namespace) -> ReportScope:
    return ReportScope(
        tags=tuple(args.tag or ()), sources=tuple(args.source or ()), entities=tuple(args.entity or ()),
        kinds=tuple(args.kind or ()), reliability=tuple(args.reliability or ()),
        credibility=tuple(args.credibility or ()), created_from=args.created_from or "",
        created_to=args.created_to or "", modified_from=args.modified_from or "", modified_to=args.modified_to or "",
        claim_ids=_claim_refs(args.claims))


def _export_exchange(args: argparse.Namespace) -> int:
    # A .qdpx export records what was shared (for a later merge) when the project is free to write.
    try:
        project = open_project(args.project, writable=args.format == "qdpx")
    except ProjectFileError:  # open elsewhere, or a read-only file: export without the record
        project = open_project(args.project, writable=False)
    with project:
        path = export.export_project(project, args.format, args.output)
    print(path)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format in export.EXCHANGE_EXPORT_FORMATS:
        return _export_exchange(args)
    with open_project(args.project, writable=False) as project:
        stored = load_choices(project).layout
        given = {"title": args.title, "author": args.author, "handling": args.handling,
                 "summary": _summary(args.summary_file), "group_by": args.group_by, "page_size": args.page_size}
        layout = dataclasses.replace(stored, **{k: v for k, v in given.items() if v is not None})
        path = export_report(project, args.format, args.output, scope_from_args(args), layout)
    print(path)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a report (HTML, PDF, Word, Excel, Markdown, CSV) or a REFI-QDA "
                                      "(qdpx, qdc) or W3C Web Annotation (w3c) file",
                       description="Write an annotated report. Scope options of the same name add alternatives; "
                                   "different options narrow the report together.")
    p.add_argument("project")
    p.add_argument("--format", required=True, choices=export.EXPORT_FORMATS)
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    scope = p.add_argument_group("scope")
    scope.add_argument("--tag", action="append", metavar="T", help="claims with this tag or a sub-tag (repeatable)")
    scope.add_argument("--source", action="append", metavar="ID", help="claims of this source (repeatable)")
    scope.add_argument("--entity", action="append", metavar="E", help="claims naming this entity (repeatable)")
    scope.add_argument("--kind", action="append", metavar="K", help="fact, statistic, forecast, opinion, event")
    scope.add_argument("--reliability", action="append", metavar="A-F", help="claims graded so (repeatable)")
    scope.add_argument("--credibility", action="append", type=int, metavar="1-6", help="claims graded so")
    scope.add_argument("--claims", action="append", metavar="ID,...", help="these claims (ids or prefixes)")
    for what in ("created", "modified"):
        scope.add_argument(f"--{what}-from", metavar="YYYY-MM-DD", help=f"claims {what} on or after this day")
        scope.add_argument(f"--{what}-to", metavar="YYYY-MM-DD", help=f"claims {what} on or before this day")
    layout = p.add_argument_group("layout")
    layout.add_argument("--group-by", choices=GROUP_BY)
    layout.add_argument("--title", metavar="T")
    layout.add_argument("--author", metavar="A")
    layout.add_argument("--handling", metavar="H", help='e.g. "Internal — not for distribution"')
    layout.add_argument("--summary-file", metavar="F", help="the analyst's summary, UTF-8 text")
    layout.add_argument("--page-size", choices=PAGE_SIZES, help="PDF page size (default a4)")
    p.set_defaults(func=cmd_export)
