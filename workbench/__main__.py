"""Entry point: the desktop program for ``workbench`` and ``workbench open``, the CLI otherwise.

This module sits above both ``workbench.ui`` and ``workbench.cli`` so that the CLI never
imports Qt, and commands that need no window start without loading it.
"""

from __future__ import annotations

import multiprocessing
import sys


def _self_test() -> int:
    from .selftest import self_test

    return self_test()


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
    if "--self-test" not in (sys.argv[1:] if argv is None else argv):  # it promises to leave the user's folders alone
        _start_log()
    from .cli import main as cli_main

    return cli_main(argv, launch_gui=_launch_gui, self_test=_self_test)


def gui_main() -> int:
    args = sys.argv[1:]
    return _launch_gui(args[0] if args else None)


def frozen_main() -> int:
    """The standalone app's entry: a worker process when the import sandbox starts one, else the program.

    The frozen executable is its own Python: the ingestion worker (multiprocessing
    "spawn") re-runs it with multiprocessing's arguments, which ``freeze_support``
    recognises (PyInstaller extends it to Linux and macOS) and turns into the worker.
    """
    multiprocessing.freeze_support()
    return main()


if __name__ == "__main__":
    sys.exit(main())
