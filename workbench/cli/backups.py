"""Backups from the command line: backup, backups, restore."""

from __future__ import annotations

import argparse

from ..services.project import backup_project, keep_backups, project_backups, restore_project


def cmd_backup(args: argparse.Namespace) -> int:
    print(backup_project(args.project, args.output))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    if args.keep is not None:
        removed = keep_backups(args.project, args.keep)
        print(f"{args.project}: keeps its newest {args.keep} backup(s) from now on; {len(removed)} older removed")
    found = project_backups(args.project)
    if not found:
        print(f"{args.project}: no backups yet ('workbench backup {args.project}' takes one)")
    for backup in found:
        print(f"{backup.taken_at:%Y-%m-%d %H:%M:%S} UTC  {backup.reason:13} {backup.size / 2**20:8.1f} MB  "
              f"{backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    aside = restore_project(args.project, args.backup)
    print(f"restored {args.project} from {args.backup}; the file it replaced was kept as {aside}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="take a verified backup of a project (into NAME.backups/ unless -o)")
    p.add_argument("project")
    p.add_argument("-o", "--output", metavar="FILE", help="write the backup to this new file instead")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help="list a project's backups, newest first")
    p.add_argument("project")
    p.add_argument("--keep", type=int, metavar="N", help="keep the newest N backups (default 10), remove the rest")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", help="replace a project with one of its backups (the current file is kept aside)")
    p.add_argument("project")
    p.add_argument("backup")
    p.set_defaults(func=cmd_restore)
