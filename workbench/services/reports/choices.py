"""The last report choices, kept in the project (project_info), so the next export starts from them.

The analyst's summary lives here too: it is part of the work, not a user preference,
so it travels with the project file. Stored as JSON; anything unreadable or from a
newer version falls back to the defaults instead of failing the export.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from ..project import Project
from .model import GROUP_BY, PAGE_SIZES, SECTIONS, ReportLayout
from .scope import ReportScope

INFO_KEY = "report_choices"


@dataclass(frozen=True, slots=True)
class ReportChoices:
    fmt: str = "html"
    layout: ReportLayout = ReportLayout()
    scope: ReportScope = ReportScope()
    open_when_done: bool = True


def _clean_layout(data: dict) -> ReportLayout:
    layout = ReportLayout()
    values = {}
    for name in ("title", "author", "handling", "summary"):
        if isinstance(data.get(name), str):
            values[name] = data[name]
    if data.get("group_by") in GROUP_BY:
        values["group_by"] = data["group_by"]
    if data.get("page_size") in PAGE_SIZES:
        values["page_size"] = data["page_size"]
    if isinstance(data.get("sections"), list):
        values["sections"] = tuple(s for s in SECTIONS if s in data["sections"])
    return dataclasses.replace(layout, **values)


def _clean_scope(data: dict) -> ReportScope:
    values: dict[str, Any] = {}
    for item in dataclasses.fields(ReportScope):
        value = data.get(item.name)
        if isinstance(value, list):
            values[item.name] = tuple(value)
        elif isinstance(value, str) and item.type == "str":
            values[item.name] = value
    try:
        return ReportScope(**values)
    except TypeError:
        return ReportScope()


def load_choices(project: Project) -> ReportChoices:
    try:
        data = json.loads(project.db.info(INFO_KEY, "{}"))
    except ValueError:
        return ReportChoices()
    if not isinstance(data, dict):
        return ReportChoices()
    fmt = data.get("fmt") if isinstance(data.get("fmt"), str) else "html"
    from .export import EXPORT_FORMATS  # here: export.py loads first
    return ReportChoices(fmt if fmt in EXPORT_FORMATS else "html", _clean_layout(data.get("layout") or {}),
                         _clean_scope(data.get("scope") or {}), bool(data.get("open_when_done", True)))


def save_choices(project: Project, choices: ReportChoices) -> None:
    data = {"fmt": choices.fmt, "layout": dataclasses.asdict(choices.layout),
            "scope": dataclasses.asdict(choices.scope), "open_when_done": choices.open_when_done}
    project.db.set_info(INFO_KEY, json.dumps(data, ensure_ascii=False))
