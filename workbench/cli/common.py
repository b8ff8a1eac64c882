"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys


def print_json(items: list[dict]) -> None:
    print(json.dumps(items, ensure_ascii=False, indent=2))


def err(message: str) -> None:
    print(f"workbench: {message}", file=sys.stderr)
