"""Tags from the command line: tag list, rename, move, merge, delete, color (the tag manager's edits)."""

from __future__ import annotations

import argparse

from ..services import tags
from ..services.project import open_project
from .common import print_json


def cmd_list(args: argparse.Namespace) -> int:
    with open_project(args.project, writable=False) as project:
        counts = tags.tag_counts(project)
    if args.json:
        print_json([{"uuid": c.tag.uuid, "path": c.tag.path, "color": c.tag.color, "claims": c.own,
                     "claims_with_subtags": c.with_subtags} for c in counts])
        return 0
    if not counts:
        print("no tags")
    for c in counts:
        below = f" ({c.with_subtags} with sub-tags)" if c.with_subtags != c.own else ""
        colour = f"  {c.tag.color}" if c.tag.color else ""
        print(f"{'  ' * c.depth}{c.tag.path}  {c.own} claim{'s' if c.own != 1 else ''}{below}{colour}")
    return 0


def _edit(args: argparse.Namespace, edit) -> int:
    with open_project(args.project) as project:
        result = edit(project)
    print(result.message)
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    return _edit(args, lambda p: tags.rename_tag(p, args.tag, args.name))


def cmd_move(args: argparse.Namespace) -> int:
    return _edit(args, lambda p: tags.move_tag(p, args.tag, None if args.top else args.parent))


def cmd_merge(args: argparse.Namespace) -> int:
    return _edit(args, lambda p: tags.merge_tags(p, args.tag, args.into))


def cmd_delete(args: argparse.Namespace) -> int:
    return _edit(args, lambda p: tags.delete_tag(p, args.tag))


def cmd_color(args: argparse.Namespace) -> int:
    return _edit(args, lambda p: tags.set_tag_colour(p, args.tag, args.color))


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("tag", help="list, rename, move, merge, delete and colour tags").add_subparsers(
        dest="tag_command", metavar="ACTION", required=True)
    p = group.add_parser("list", help="the tag tree with claim counts")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = group.add_parser("rename", help="give a tag a new name (its sub-tags follow)")
    p.add_argument("project")
    p.add_argument("tag", metavar="TAG", help="tag path, such as region/russia")
    p.add_argument("name", metavar="NEW_NAME")
    p.set_defaults(func=cmd_rename)
    p = group.add_parser("move", help="put a tag (with its sub-tags) under another, or at the top level")
    p.add_argument("project")
    p.add_argument("tag", metavar="TAG")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("parent", metavar="NEW_PARENT", nargs="?")
    where.add_argument("--top", action="store_true", help="to the top level")
    p.set_defaults(func=cmd_move)
    p = group.add_parser("merge", help="fold TAG into INTO: its claims and sub-tags go there, TAG goes")
    p.add_argument("project")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("into", metavar="INTO")
    p.set_defaults(func=cmd_merge)
    p = group.add_parser("delete", help="delete a tag and its sub-tags (the claims stay)")
    p.add_argument("project")
    p.add_argument("tag", metavar="TAG")
    p.set_defaults(func=cmd_delete)
    p = group.add_parser("color", help="the colour (#RRGGBB, or none) that paints the tag's claims in the reader")
    p.add_argument("project")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("color", metavar="COLOUR")
    p.set_defaults(func=cmd_color)
