"""Whole-project exports, kept for existing callers: every format now comes from services.reports.

``export_project(project, fmt, out)`` writes the report of all claims with the default
layout; for scope and layout options use ``reports.export_report``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .atomic import write_atomically
from .project import Project
from .reports import EXPORT_FORMATS, build_report, export_report
from .reports.markdown import escape_markdown, render_markdown_report
from .reports.tables import CSV_COLUMNS, render_csv_report

__all__ = ["CSV_COLUMNS", "EXPORT_FORMATS", "escape_markdown", "export_project", "render_csv", "render_markdown",
           "write_atomically"]


def render_markdown(project: Project) -> str:
    return render_markdown_report(build_report(project))


def render_csv(project: Project) -> str:
    return render_csv_report(build_report(project))


def export_project(project: Project, fmt: str, out: str | os.PathLike) -> Path:
    return export_report(project, fmt, out)
