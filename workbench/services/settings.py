"""Per-user folders, settings and the recent-projects list.

``WORKBENCH_HOME`` moves every per-user file into one folder (tests use it so they
never touch the real home folder).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "ResearchWorkbench"
MAX_RECENT = 10


@dataclass(frozen=True, slots=True)
class UserDirs:
    config: Path
    data: Path
    cache: Path


def user_dirs() -> UserDirs:
    home = os.environ.get("WORKBENCH_HOME")
    if home:
        base = Path(home).expanduser()
        return UserDirs(base / "config", base / "data", base / "cache")
    return UserDirs(
        Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
    )


class Settings:
    """A small JSON file of user preferences. A damaged file is set aside, never fatal."""

    def __init__(self, path: Path | None = None):
        self.path = path or user_dirs().config / "settings.json"
        self.values: dict = self._load()

    def _load(self) -> dict:
        try:
            values = json.loads(self.path.read_text(encoding="utf-8"))
            return values if isinstance(values, dict) else {}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            self.path.replace(self.path.with_name(self.path.name + ".damaged"))
            return {}

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def set(self, key: str, value) -> None:
        self.values[key] = value
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self.values, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

    # -- recent projects --------------------------------------------------------

    def recent_projects(self) -> list[str]:
        return [p for p in self.get("recent_projects", []) if isinstance(p, str)]

    def add_recent_project(self, path: str | os.PathLike) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_projects() if p != path]
        self.set("recent_projects", [path, *recent][:MAX_RECENT])

    def last_project(self) -> str | None:
        return next((p for p in self.recent_projects() if Path(p).is_file()), None)
