"""Annotated reports: one model built from the project, one renderer per format.

``export_report`` is the use case shared by the command line and the desktop dialog:
build the model (scope + layout), render it, and write the file atomically.
"""

from .build import build_report
from .export import EXPORT_FORMATS, FORMAT_LABELS, export_report, import_renderer, render_report
from .model import GROUP_BY, PAGE_SIZES, SECTIONS, Report, ReportLayout
from .progress import ExportCancelledError
from .scope import ReportScope, resolve_scope

__all__ = ["EXPORT_FORMATS", "FORMAT_LABELS", "GROUP_BY", "PAGE_SIZES", "SECTIONS", "ExportCancelledError", "Report",
           "ReportLayout", "ReportScope", "build_report", "export_report", "import_renderer", "render_report",
           "resolve_scope"]
