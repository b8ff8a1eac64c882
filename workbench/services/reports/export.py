"""The report formats, and the one use case that builds, renders and writes a report.

Renderers are imported when first used: fpdf2 (PDF) and python-docx take a
moment to load, and a Markdown export should not wait for them.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

from ...core.errors import InvalidInputError
from ..atomic import write_atomically
from ..project import Project
from .build import PlaceNodes, build_report
from .model import Report, ReportLayout
from .progress import CancelCheck, Progress, ProgressCallback
from .scope import ReportScope

# Every format the program writes; the CLI's choices, the dialog's list and the self-test read this.
EXPORT_FORMATS = ("html", "pdf", "docx", "xlsx", "md", "csv")
FORMAT_LABELS = {"html": "HTML report", "pdf": "PDF report", "docx": "Word document", "xlsx": "Excel workbook",
                 "md": "Markdown report", "csv": "CSV of claims"}
FORMAT_SUFFIXES = {fmt: f".{fmt}" for fmt in EXPORT_FORMATS}


def _render_html(report: Report, progress: Progress) -> bytes:
    from .html import render_html
    return render_html(report, progress).encode("utf-8")


def _render_pdf(report: Report, progress: Progress) -> bytes:
    from .pdf import render_pdf
    return render_pdf(report, progress)


def _render_docx(report: Report, progress: Progress) -> bytes:
    from .docx import render_docx
    return render_docx(report, progress)


def _render_xlsx(report: Report, progress: Progress) -> bytes:
    from .xlsx import render_xlsx
    return render_xlsx(report, progress)


def _render_md(report: Report, progress: Progress) -> bytes:
    from .markdown import render_markdown_report
    return render_markdown_report(report, progress).encode("utf-8")


def _render_csv(report: Report, progress: Progress) -> bytes:
    from .tables import render_csv_report
    # A byte-order mark lets spreadsheet programs read UTF-8 names correctly.
    return render_csv_report(report, progress).encode("utf-8-sig")


_RENDERERS: dict[str, Callable[[Report, Progress], bytes]] = {
    "html": _render_html, "pdf": _render_pdf, "docx": _render_docx, "xlsx": _render_xlsx, "md": _render_md,
    "csv": _render_csv,
}


_RENDERER_MODULES = {"html": "html", "pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "md": "markdown", "csv": "tables"}


def import_renderer(fmt: str) -> None:
    """Load a format's renderer (and its library) now, rather than on first use."""
    importlib.import_module(f"{__package__}.{_RENDERER_MODULES[check_format(fmt)]}")


def check_format(fmt: str) -> str:
    if fmt not in _RENDERERS:
        raise InvalidInputError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return fmt


def render_report(report: Report, fmt: str, progress: Progress | None = None) -> bytes:
    return _RENDERERS[check_format(fmt)](report, progress or Progress(total=len(report.claims)))


def export_report(project: Project, fmt: str, out: str | os.PathLike, scope: ReportScope = ReportScope(),
                  layout: ReportLayout = ReportLayout(), on_progress: ProgressCallback | None = None,
                  should_cancel: CancelCheck | None = None, place_nodes: PlaceNodes | None = None) -> Path:
    """Build, render and write one report; cancelled or failed, it leaves no file (nor a partial one)."""
    check_format(fmt)
    progress = Progress(on_progress, should_cancel)
    report = build_report(project, scope, layout, progress, place_nodes=place_nodes)
    data = render_report(report, fmt, progress)
    progress.check()  # the last moment to stop: after this the file is there
    path = write_atomically(out, data)
    progress.finish()
    return path
