"""Sanctions lists and screening: lists import, lists, screen, screen decide."""

from __future__ import annotations

import argparse
import sys

from ..core.errors import InvalidInputError
from ..core.lists import ListFormat
from ..core.model import enum_values
from ..core.text import one_line
from ..services import screening
from ..services.project import open_project
from ..services.screening import lists as list_service
from ..services.screening import names_file
from ..services.screening.formats.detect import detect_format, with_ofac_companions
from .common import print_json


def cmd_lists_import(args: argparse.Namespace) -> int:
    if args.format:
        fmt = list_service.parse_format(args.format)
    else:  # as the desktop's Import list…: the format read from the files, an sdn.csv's companions brought along
        args.files = [str(path) for path in with_ofac_companions(args.files)]
        found = detect_format(args.files)
        if found is None:
            raise InvalidInputError(f"cannot tell which list format {args.files[0]} is in; give --format F "
                                    f"({' | '.join(enum_values(ListFormat))})")
        fmt = found
        print(f"format: {fmt.value} (read from the file; --format F to choose another)", file=sys.stderr)

    with open_project(args.project) as project:
        summary = list_service.import_list(project, args.files, fmt, args.name, args.date, _progress_on_terminal)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for problem in summary.problems:
        print(f"skipped   {problem}", file=sys.stderr)
    print(f"{summary.list_name} ({summary.version_date}): {summary.entries:,} entries")
    for reason, count in sorted(summary.skipped.items()):
        print(f"  left out {count:,} {reason}")
    if summary.previous_version is not None:
        print(f"  since the version of {summary.previous_version or 'unknown date'}: {summary.added:,} added, "
              f"{summary.removed:,} removed")
        for caption in summary.added_sample:
            print(f"  + {caption}")
        for caption in summary.removed_sample:
            print(f"  - {caption}")
    if summary.problems:
        print(f"  {len(summary.problems):,} malformed row(s) skipped (listed on standard error)")
    return 0


def cmd_lists(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        found = list_service.list_lists(project)
        history = {sl.id: list_service.list_history(project, sl.name) for sl in found}
    if args.json:
        print_json([{"name": sl.name, "format": sl.format, "version_date": sl.version_date, "files": sl.files,
                     "imported_at": sl.imported_at, "entries": sl.entry_count, "history": history[sl.id]}
                    for sl in found])
        return 0
    if not found:
        print("no sanctions lists; add one with: workbench lists import PROJECT FILE... [--format F]")
    for sl in found:
        last = history[sl.id][-1] if history[sl.id] else {}
        change = f"  (+{last['added']} -{last['removed']} at the last import)" if len(history[sl.id]) > 1 else ""
        print(f"{sl.name:32} {sl.format:18} {sl.version_date:10} {sl.entry_count:8,} entries{change}")
    return 0


def cmd_screen_names(args: argparse.Namespace) -> int:
    """Screen every row of a file of names against every list; the project is only read."""
    queries = names_file.read_names(args.names)
    with open_project(args.project, writable=False) as project:
        hits = names_file.screen_names(project, queries, args.min_score, _progress_on_terminal)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print_json([hit.as_record() for hit in hits])
        return 0
    for hit in hits:
        print(f"{hit.score:5.1f} {hit.band:8} {one_line(hit.query, 30):30} ~ {hit.list_name}: "
              f"{one_line(hit.entry_name, 50)} ({hit.entry})\n"
              f"            line {hit.line}, {hit.method}: {one_line(hit.matched_name, 40)!r}: {hit.reasons}")
    strong = sum(hit.band == "strong" for hit in hits)
    print(f"{len(queries):,} names screened from {args.names}: {len(hits):,} candidates ({strong:,} strong) on "
          f"{len({(h.list_name, h.entry) for h in hits}):,} list entries; nothing was added to the project")
    return 0


def _progress_on_terminal(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{fraction:6.1%}  {message}", end="", file=getattr(sys.stderr, "raw", sys.stderr), flush=True)


def cmd_screen(args: argparse.Namespace) -> int:
    if args.names:
        return cmd_screen_names(args)
    with open_project(args.project) as project:
        run = screening.screen_project(project, args.min_score)
    candidates = run.candidates
    if args.json:
        print_json({"checked": run.summary.as_record(), "candidates": [screening.candidate_record(c)
                                                                        for c in candidates]})
        return 0
    for c in candidates:
        band = "STRONG  " if c.strong else "possible"
        decision = f" [{c.decision}]" if c.decision else ""
        print(f"{c.code}  {c.score:5.1f} {band} {one_line(c.entity_label, 30):30} ~ {c.list_name}: "
              f"{one_line(c.entry_caption, 50)} ({c.entry_key}){decision}\n"
              f"            {c.method}: {one_line(c.entity_name, 40)!r} vs {one_line(c.listed_name, 40)!r}: {c.reason}")
    print(screening.checked_text(run.summary))
    skipped = screening.skipped_text(run.summary)
    if skipped:
        print(skipped)
    return 0


def cmd_screen_decide(args: argparse.Namespace) -> int:
    decision = "confirmed" if args.confirm else "rejected"
    with open_project(args.project) as project:
        c = screening.decide(project, args.candidate, decision, args.note or "")
    print(f"{c.decision}: {c.entity_label} ~ {c.list_name}: {c.entry_caption} ({c.entry_key})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    # "lists PROJECT" and "lists import PROJECT FILE..." share one parser: argparse cannot put an
    # optional positional before sub-commands, so the first word decides.
    p = sub.add_parser("lists", help="list the imported sanctions lists, or import one (lists import ...)",
                       usage="workbench lists PROJECT [--json]\n       workbench lists import PROJECT FILE... "
                             "[--format F] [--name N] [--date YYYY-MM-DD]")
    p.add_argument("words", nargs="+", metavar="PROJECT | import PROJECT FILE...")
    p.add_argument("--json", action="store_true")
    p.add_argument("--format", metavar="F", help=" | ".join(enum_values(ListFormat)) +
                   " (default: read from the files)")
    p.add_argument("--name", metavar="N", help="the list's name in the project (default: the format's usual name)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the list version's date (default: from the file)")
    p.set_defaults(func=_lists_dispatch)

    p = sub.add_parser("screen", help="screen the entities against the lists, or decide on a candidate (screen decide)",
                       usage="workbench screen PROJECT [--names FILE] [--json] [--min-score S]\n"
                             "       workbench screen decide PROJECT CANDIDATE --confirm|--reject [--note N]")
    p.add_argument("words", nargs="+", metavar="PROJECT | decide PROJECT CANDIDATE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--min-score", type=float, default=screening.DEFAULT_MIN_SCORE, metavar="S")
    p.add_argument("--names", metavar="FILE", help="screen the names in a CSV, XLSX or text file (one name a line) "
                                                   "instead of the project's entities; nothing is added")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--confirm", action="store_true")
    group.add_argument("--reject", action="store_true")
    p.add_argument("--note")
    p.set_defaults(func=_screen_dispatch)


def _lists_dispatch(args: argparse.Namespace) -> int:
    words = args.words
    if words[0] == "import":
        if len(words) < 3:
            raise InvalidInputError("usage: workbench lists import PROJECT FILE... [--format F]")
        args.project, args.files = words[1], words[2:]
        return cmd_lists_import(args)
    if len(words) != 1:
        raise InvalidInputError("usage: workbench lists PROJECT [--json]")
    args.project = words[0]
    return cmd_lists(args)


def _screen_dispatch(args: argparse.Namespace) -> int:
    words = args.words
    if words[0] == "decide":
        if len(words) != 3 or not (args.confirm or args.reject):
            raise InvalidInputError("usage: workbench screen decide PROJECT CANDIDATE --confirm|--reject [--note N]")
        args.project, args.candidate = words[1], words[2]
        return cmd_screen_decide(args)
    if len(words) != 1:
        raise InvalidInputError("usage: workbench screen PROJECT [--names FILE] [--json] [--min-score S]")
    args.project = words[0]
    return cmd_screen(args)
