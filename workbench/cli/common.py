"""Helpers shared by the command modules.

Text from imported files reaches the terminal through these commands; an escape
sequence hidden in a source could retitle the window, hide lines or fake a prompt.
Everything printed passes through ``terminal_safe``, which keeps tabs and newlines
and drops every other control character (C0, DEL, C1) and the sequences they start.
"""

from __future__ import annotations

import json
import re
import sys

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte escapes, then lone control characters.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]"
                      r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    return _ESCAPES.sub("", text)


class SafeStream:
    """A text stream that writes only terminal-safe text; ``raw`` is the stream underneath."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(terminal_safe(text))

    def __getattr__(self, name):
        return getattr(self.raw, name)


def print_json(items: list[dict]) -> None:
    print(json.dumps(items, ensure_ascii=False, indent=2))


def err(message: str) -> None:
    """One line on standard error, whatever the message holds."""
    print(f"workbench: {' '.join(terminal_safe(message).split())}", file=sys.stderr)
