"""What the program says about itself: version, build date and how it was installed.

The standalone build writes ``build.json`` (version, UTC build time, platform) into
the bundle's resources; an installed copy has none and says it runs from source, so
Help > About tells an analyst (and whoever answers their bug report) which build it is.
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass
from importlib import resources

from .. import __version__

BUILD_INFO_NAME = "build.json"


@dataclass(frozen=True, slots=True)
class BuildInfo:
    version: str
    build_date: str  # "2026-12-01 22:10 UTC", or "" when not a built bundle
    platform: str
    frozen: bool

    def describe(self) -> str:
        kind = f"standalone build of {self.build_date}" if self.build_date else "installed from source"
        return f"version {self.version}, {kind} ({self.platform}, Python {platform.python_version()})"


def build_info() -> BuildInfo:
    frozen = bool(getattr(sys, "frozen", False))
    fallback = BuildInfo(__version__, "", f"{platform.system().lower()}-{platform.machine()}", frozen)
    try:
        raw = resources.files("workbench.resources").joinpath(BUILD_INFO_NAME).read_text(encoding="utf-8")
        values = json.loads(raw)
    except (OSError, ValueError):
        return fallback
    if not isinstance(values, dict):
        return fallback
    return BuildInfo(str(values.get("version") or __version__), str(values.get("build_date") or ""),
                     str(values.get("platform") or fallback.platform), frozen)
