"""Whole-project exports: the reports (services.reports) and the exchange files (services.exchange).

``export_project(project, fmt, out)`` writes the report of all claims with the default
layout, or a REFI-QDA / W3C file; for scope and layout options use ``reports.export_report``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .atomic import write_atomically
from .exchange.formats import EXCHANGE_EXPORT_FORMATS, export_bytes
from .project import Project
from .reports import EXPORT_FORMATS as REPORT_FORMATS
from .reports import build_report, export_report
from .reports.markdown import escape_markdown, render_markdown_report
from .reports.tables import CSV_COLUMNS, render_csv_report

EXPORT_FORMATS = (*REPORT_FORMATS, *EXCHANGE_EXPORT_FORMATS)
__all__ = ["REPORT_FORMATS", "EXCHANGE_EXPORT_FORMATS", "CSV_COLUMNS", "EXPORT_FORMATS", "escape_markdown", "export_project", "render_csv", "render_markdown",
           "write_atomically"]


def render_markdown(project: Project) -> str:
    return render_markdown_report(build_report(project))


def render_csv(project: Project) -> str:
    return render_csv_report(build_report(project))


def export_project(project: Project, fmt: str, out: str | os.PathLike) -> Path:
    if fmt in EXCHANGE_EXPORT_FORMATS:
        return write_atomically(out, export_bytes(project, fmt))
    return export_report(project, fmt, out)
