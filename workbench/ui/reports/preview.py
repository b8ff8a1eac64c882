"""The report preview: the HTML report shown in a QTextBrowser that loads nothing.

Report text comes from sources written by strangers. QTextBrowser would load images and
style sheets that the HTML names (local ``file:`` paths included) and follow links, so
resource loading is overridden to return nothing, and only links inside the document
(``#note-3``) are followed; everything else is ignored.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser


class ReportPreview(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self.refused: list[str] = []  # what the document asked for and did not get (tests read it)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt API
        self.refused.append(url.toString())
        return None

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "" and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())

    def show_report_html(self, html: str) -> None:
        # The inline SVG graph means nothing to QTextBrowser; the exported file carries it.
        self.setHtml(html)
