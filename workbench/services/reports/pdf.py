"""The PDF report: WeasyPrint lays out the same HTML as the HTML report, with a paged stylesheet.

Why WeasyPrint (BSD-3-Clause): one template serves screen and paper, so the PDF cannot
drift from the HTML; it embeds subsetted fonts found through fontconfig (Noto for Latin
and Cyrillic, Noto CJK for Chinese) with ToUnicode maps, so ``pdftotext`` gets every
quote back; it draws the inline SVG graph as vectors; and CSS Paged Media gives us
running headers, "Page n of m" and page numbers in the contents (target-counter).
It runs without Qt, so the command line and the services layer can use it. For the
standalone build it is pure Python over cffi: the hook for weasyprint in
pyinstaller-hooks-contrib collects its data files and the gobject/pango/harfbuzz
libraries it opens by name, so it freezes like any cffi package. Fonts still come from
fontconfig: a frozen build for a machine without Noto must bundle the Noto files and
point fontconfig at them. The alternatives freeze more simply but cost more: fpdf2
(pure Python) has no HTML layout, so we would keep a second layout by hand, without
page references in the contents; Qt's QTextDocument/QPdfWriter has no running headers
or page references either, and Qt is not allowed below the ui layer.

Its price is speed: about a minute and 1 GiB per 1,000 claims (benchmarks/export.md),
so the dialog runs it in the background with Cancel.

Nothing is fetched: a URL fetcher that refuses every URL stands in for WeasyPrint's
own, so a stray reference in the document can never reach the network or a local file.
"""

from __future__ import annotations

import logging

from ...core.errors import WorkbenchError
from .html import render_html
from .model import Report
from .progress import Progress


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"reports load nothing from outside the document (refused {url[:60]!r})")


def render_pdf(report: Report, progress: Progress | None = None) -> bytes:
    progress = progress or Progress(total=len(report.claims))
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the pango library is missing
        raise WorkbenchError(f"PDF export needs WeasyPrint and the pango library: {exc}") from None
    # The HTML renderer does the per-claim steps; layout is one step WeasyPrint does not report on.
    html = render_html(report, progress, paged=True)
    progress.check()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its warnings about unknown CSS are not the user's
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch, base_url=None)
    return document.write_pdf(pdf_variant=None, uncompressed_pdf=False)
