"""``workbench source edit|clean-anyway``: the analyst's corrections of a source's text, for scripting.

``workbench show PROJECT SOURCE --remove START:END`` (in sources.py) takes a stretch out
as boilerplate; these replace the text from a file, or apply the cleaning that the
over-removal guard held back at import.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import InvalidInputError
from ..services.ingest.corrections import clean_anyway, edit_source_text, remove_as_boilerplate
from ..services.ingest.footnotes import footnote_refs
from ..services.project import open_project
from .common import print_json


def parse_span(value: str) -> tuple[int, int]:
    start, sep, end = value.partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise InvalidInputError(f"--remove takes START:END in characters (e.g. 120:245), not {value!r}")
    return int(start), int(end)


def remove_span(project_path: str, source_ref: str, span: str) -> int:
    start, end = parse_span(span)
    with open_project(project_path) as project:
        source = project.sources.resolve(source_ref)
        correction = remove_as_boilerplate(project, source.id, start, end)
    print(f"removed {end - start} characters from {source.uuid[:8]} as boilerplate "
          f"(block #{_new_seq(correction)}; restore with --restore); {correction.summary()}")
    return 0


def print_footnotes(text: str, as_json: bool = False) -> None:
    refs = footnote_refs(text)
    if as_json:
        print_json([{"start": r.start, "end": r.end, "number": r.number, "marker": text[r.start:r.end], "note": r.note}
                    for r in refs])
        return
    if not refs:
        print("no footnote markers found (they need a numbered list of notes at the end of the text)")
    for ref in refs:
        before = " ".join(text[max(0, ref.start - 30):ref.start].split())
        print(f"{ref.start}:{ref.end} [{ref.number}] after “…{before}”: {ref.note}")


def _new_seq(correction) -> int:
    return next(b.seq for b in correction.after.removed if b not in correction.before.removed)


def cmd_edit(args: argparse.Namespace) -> int:
    path = Path(args.text_file)
    try:
        new_text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path}: not UTF-8 text") from None
    with open_project(args.project) as project:
        source = project.sources.resolve(args.source)
        correction = edit_source_text(project, source.id, new_text)
    print(f"text of {source.uuid[:8]} replaced; {correction.summary()}")
    return 0


def cmd_clean_anyway(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        source = project.sources.resolve(args.source)
        correction = clean_anyway(project, source.id)
    taken = len(correction.before.text) - len(correction.after.text)
    print(f"cleaned {source.uuid[:8]} anyway: {taken} characters removed "
          f"({len(correction.after.removed) - len(correction.before.removed)} block(s)); {correction.summary()}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("source", help="correct a source's text (edit it, clean it anyway)")
    actions = group.add_subparsers(dest="source_command", metavar="ACTION", required=True)
    p = actions.add_parser("edit", help="replace a source's text; claims keep their place or are re-anchored")
    p.add_argument("project")
    p.add_argument("source", metavar="SOURCE_ID")
    p.add_argument("--text-file", required=True, metavar="FILE", help="the corrected text (UTF-8)")
    p.set_defaults(func=cmd_edit)
    p = actions.add_parser("clean-anyway", help="apply the cleaning the over-removal guard held back")
    p.add_argument("project")
    p.add_argument("source", metavar="SOURCE_ID")
    p.set_defaults(func=cmd_clean_anyway)
