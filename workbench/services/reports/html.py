"""The HTML report: one self-contained file from a Jinja2 template with autoescaping.

Everything from a source or an analyst reaches the page as escaped text, never as
markup; URLs are shown as text, not followed, so the file references nothing outside
itself (no fonts, styles, images or links to fetch) and a Content-Security-Policy
meta tag forbids scripts and remote loads even if a browser met one. (The PDF is drawn
from the same report model by pdf.py, not from this HTML.)
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from .model import Report
from .progress import Progress


def _template_dir() -> Path:
    return Path(str(resources.files("workbench.resources").joinpath("reports")))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # autoescape=True for every template, whatever its name: the template is HTML whatever it is called.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_template_dir())), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)


def stylesheet() -> str:
    return (_template_dir() / "report.css").read_text(encoding="utf-8")


def _first_seen(report: Report) -> dict[tuple[str, int], bool]:
    """Which appearance of a claim carries its anchor: with grouping by tag a claim can appear twice."""
    seen: set[int] = set()
    first = {}
    for group in report.groups:
        for entry in group.entries:
            first[(group.key, entry.number)] = entry.number not in seen
            seen.add(entry.number)
    return first


def render_html(report: Report, progress: Progress | None = None) -> str:
    """The report as one HTML document."""
    progress = progress or Progress(total=len(report.claims))
    template = _environment().get_template("report.html.j2")
    languages = {s.source.id: s.source.meta.language for s in report.sources if s.source.meta.language}
    html = template.render(
        report=report, css=Markup(stylesheet()),
        # Our own drawing; graph.image escapes every name it writes into it.
        graph=Markup(report.graph_svg), first_seen=_first_seen(report), languages=languages)
    progress.step(len(report.claims))
    return html
