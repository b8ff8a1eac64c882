"""The ``workbench`` command line: a thin front over the services, with no Qt.

Each module in this package registers one group of commands.
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..core.errors import WorkbenchError
from ..storage.guard import describe_storage_error
from . import (
    backups,
    claims,
    conflicts,
    corrections,
    exchange,
    lists,
    network,
    reference,
    reports,
    sources,
    suggest,
    tags,
)
from .common import SafeStream, err

GuiLauncher = Callable[[str | None], int]
SelfTest = Callable[[], int]
COMMAND_MODULES = (sources, corrections, claims, suggest, conflicts, reports, network, lists, reference, exchange, tags,
                   backups)


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are errors like any other: one line on standard error, exit status 1."""

    def error(self, message: str):
        self.exit(1, f"workbench: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbench", description="Research Workbench: sources, claims, sanctions and hardware dependency.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offline in a temporary folder (project, imports, search, "
                             "screening, every export, the window offscreen) and exit 0 if all of it works")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("open", help="open the desktop program (the last project if none is given)")
    p.add_argument("project", nargs="?")
    p.set_defaults(func=None)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None, launch_gui: GuiLauncher | None = None,
         self_test: SelfTest | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake already reported
        return exc.code if isinstance(exc.code, int) else 1
    if args.self_test or args.command in (None, "open"):
        try:
            if args.self_test:
                if args.command is not None:
                    raise WorkbenchError("--self-test takes no command")
                if self_test is None:
                    raise WorkbenchError("the self-test is not available from here")
                return self_test()
            if launch_gui is None:
                raise WorkbenchError("the desktop program is not available from here")
            return launch_gui(getattr(args, "project", None))
        except WorkbenchError as exc:
            err(str(exc))
            return 1
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = saved


def _run(args: argparse.Namespace) -> int:
    project = getattr(args, "project", None)
    try:
        return args.func(args)
    except WorkbenchError as exc:
        err(str(exc))
    except BrokenPipeError:
        _silence_stdout()  # the reader (| head) has gone: stop quietly, as other tools do
        return 1
    except sqlite3.DatabaseError as exc:
        err(describe_storage_error(exc, Path(project) if project else None))
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES) and project:
            err(describe_storage_error(exc, Path(project)))
        else:
            err(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 - the user gets one line; developers set WORKBENCH_DEBUG
        from ..services.diagnostics import log_internal_error

        log_file = log_internal_error(f"the {args.command} command")
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        details = f"details in {log_file}" if log_file else "run with WORKBENCH_DEBUG=1 for details"
        err(f"internal error: {type(exc).__name__}: {exc} ({details})")
    return 1


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, AttributeError, ValueError):
        pass
