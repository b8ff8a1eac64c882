"""Reference data: reference load."""

from __future__ import annotations

import argparse

from ..services.project import open_project
from ..services.reference import load_reference


def cmd_reference_load(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        report = load_reference(project)
    print(report.summary())
    for ref in report.overridden:
        print(f"  kept the analyst's version of {ref}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    reference = sub.add_parser("reference", help="reference data: countries, BRICS, chips, companies, measures")
    actions = reference.add_subparsers(dest="reference_command", metavar="ACTION", required=True)
    p = actions.add_parser("load", help="load or reload the reference data into a project (keeps the analyst's edits)")
    p.add_argument("project")
    p.set_defaults(func=cmd_reference_load)
