"""Dispatch ``python -m workbench.bench NAME [ARGS...]``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import workbench.bench as bench_package


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(bench_package.__path__) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in available():
        print(f"usage: python -m workbench.bench NAME [ARGS...]; NAME is one of: {', '.join(available()) or '-'}",
              file=sys.stderr)
        return 2
    module = importlib.import_module(f"workbench.bench.{argv[0]}")
    return module.main(argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
