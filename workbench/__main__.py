"""Entry point: the desktop program for ``workbench`` and ``workbench open``, the CLI otherwise.

This module sits above both ``workbench.ui`` and ``workbench.cli`` so that the CLI never
imports Qt, and commands that need no window start without loading it.
"""

from __future__ import annotations

import sys


def _launch_gui(project: str | None) -> int:
    try:
        from .ui.app import run
    except ImportError as exc:
        print(f"workbench: the desktop program cannot start: {exc}", file=sys.stderr)
        return 1
    return run(project)


def _start_log() -> None:
    """Every command's steps and internal errors go to the per-user log file (services.diagnostics)."""
    from .services.diagnostics import configure_logging

    configure_logging()


def main(argv: list[str] | None = None) -> int:
    _start_log()
    from .cli import main as cli_main

    return cli_main(argv, launch_gui=_launch_gui)


def gui_main() -> int:
    args = sys.argv[1:]
    return _launch_gui(args[0] if args else None)


if __name__ == "__main__":
    sys.exit(main())
