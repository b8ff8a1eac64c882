"""Projects and sources: new, import, sources, show, sample, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.text import one_line
from ..services import ingest, records
from ..services.project import check_project, create_project, open_project, strip_unknown
from ..services.sample import build_sample, user_sample
from .common import err, print_json
from .corrections import print_footnotes, remove_span
from .exchange import import_exchange, split_exchange_files


def cmd_new(args: argparse.Namespace) -> int:
    with create_project(args.project, args.title or "") as project:
        print(project.path)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    exchange_files, args.files = split_exchange_files(args.files)
    status = import_exchange(args.project, exchange_files) if exchange_files else 0
    if not args.files:
        return status
    return cmd_import_sources(args) or status


def cmd_import_sources(args: argparse.Namespace) -> int:
    options = ingest.ImportOptions(encoding=args.encoding, keep_boilerplate=args.keep_boilerplate,
                                   clean_anyway=args.clean_anyway,
                                   timeout=args.timeout, memory_mb=args.memory_mb, max_bytes=args.max_mb * 2**20)
    progress = _Progress() if sys.stderr.isatty() else None

    def report(result: ingest.ImportResult) -> None:
        if progress:
            progress.clear()
        line = f"{result.status:9} {result.path}: {result.message}"
        print(line, file=sys.stderr if result.status == "failed" else sys.stdout, flush=True)
        for warning in result.warnings:
            print(f"warning: {result.path}: {warning} (workbench source clean-anyway PROJECT "
                  f"{result.source.uuid[:8]}, or import with --clean-anyway)", file=sys.stderr, flush=True)

    with open_project(args.project) as project:
        results = ingest.import_files(project, args.files, report, options=options,
                                      on_progress=progress.show if progress else None)
    if progress:
        progress.clear()
    counts = ingest.summarise(results)
    warned = sum(bool(r.warnings) for r in results)
    print(f"{counts['imported']} imported, {counts['duplicate']} duplicate(s), {counts['failed']} failed"
          + (f", {warned} with a cleaning warning (see above)" if warned else ""))
    return 1 if counts["failed"] else 0


class _Progress:
    """``[done/total]`` on the terminal's last line, overwritten as files are done."""

    def show(self, done: int, total: int) -> None:
        terminal = getattr(sys.stderr, "raw", sys.stderr)  # our own control characters, past the filter
        terminal.write(f"\r[{done}/{total}]")
        terminal.flush()

    def clear(self) -> None:
        getattr(sys.stderr, "raw", sys.stderr).write("\r\033[K")


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
    if args.remove is not None:
        return remove_span(args.project, args.source, args.remove)
    with open_project(args.project, writable=args.restore is not None) as project:
        source = project.sources.resolve(args.source)
        if args.restore is not None:
            source = ingest.restore_removed_blocks(project, source, args.restore)
            print(f"restored {len(args.restore)} block(s) into {source.uuid[:8]}")
            return 0
        if args.removed:
            _print_removed(ingest.removed_blocks(project, source))
            return 0
        text = project.sources.text(source.id)
    if args.footnotes:
        print_footnotes(text, as_json=args.json)
        return 0
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _print_removed(blocks: list) -> None:
    if not blocks:
        print("nothing was removed from this source")
    for block in blocks:
        print(f"#{block.seq} at {block.position} ({block.reason}):")
        for line in block.text.strip("\n").split("\n"):
            print(f"    {line}")


def cmd_sample(args: argparse.Namespace) -> int:
    print(build_sample(Path(args.path)) if args.path else user_sample())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    if args.strip_unknown:
        dropped, backup = strip_unknown(args.project)
        if dropped:
            print(f"removed {', '.join(dropped)}; the file as it was is kept in the backup {backup}")
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

    defaults = ingest.ImportOptions()
    p = sub.add_parser("import", help="import files and folders as sources (text, Markdown, HTML, PDF, DOCX), "
                       "or REFI-QDA (.qdpx, .qde, .qdc), W3C Web Annotation (.jsonld) and Hypothesis (.json) files")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER")
    p.add_argument("--encoding", help="read text files in this encoding instead of guessing (e.g. cp1251, koi8-r)")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="keep teasers, repeated blocks and site chrome in the text")
    p.add_argument("--clean-anyway", action="store_true",
                   help="apply the cleaning even where it would take out over a fifth of a text (first copies stay)")
    p.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds one file may take to read")
    p.add_argument("--memory-mb", type=int, default=defaults.memory_mb, help="memory cap of the reading process")
    p.add_argument("--max-mb", type=int, default=defaults.max_bytes // 2**20, help="larger files are refused")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("sources", help="list the sources")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("show", help="print a source's normalised text")
    p.add_argument("project")
    p.add_argument("source", metavar="SOURCE_ID")
    p.add_argument("--removed", action="store_true", help="print the blocks kept out of the text, and why")
    p.add_argument("--restore", type=int, action="append", metavar="N",
                   help="put removed block N back into the text (only while the source has no claims)")
    p.add_argument("--footnotes", action="store_true",
                   help="list the footnote markers glued to words (\"Network.\"1\") and the notes they point to")
    p.add_argument("--json", action="store_true", help="with --footnotes: one object per marker (start, end, number, note)")
    p.add_argument("--remove", metavar="START:END",
                   help="take text[START:END] out as boilerplate (recorded, restorable; claims shift)")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("sample", help="write the sample project and print its path")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("check", help="check a project file's integrity (exit 1 if damaged)")
    p.add_argument("project")
    p.add_argument("--strip-unknown", action="store_true",
                   help="remove triggers, views and indexes the program did not create (after a backup)")
    p.set_defaults(func=cmd_check)
