"""Table cells whose text has some spans in bold: every query term in snippets and contexts.

The text is untrusted (it comes from sources), so every piece is escaped; white space runs are
flattened as in the plain cells. ``HtmlDelegate`` draws a cell's HTML in place of its text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

_SPACE = re.compile(r"\s+")


def emphasised_html(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` escaped, with each span in bold (spans sorted, not overlapping, inside the text)."""
    out, at = [], 0
    for start, end in spans:
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        out.append(html.escape(_SPACE.sub(" ", text[at:start])))
        out.append(f"<b>{html.escape(_SPACE.sub(' ', text[start:end]))}</b>")
        at = end
    out.append(html.escape(_SPACE.sub(" ", text[at:])))
    return "".join(out)


class HtmlDelegate(QStyledItemDelegate):
    """Draws ``html_of(index)`` (no wrapping); right-aligned cells keep their end in view."""

    def __init__(self, html_of: Callable, parent=None):
        super().__init__(parent)
        self.html_of = html_of

    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        doc = QTextDocument()
        doc.setDefaultFont(options.font)
        doc.setDocumentMargin(2)
        right = bool(options.displayAlignment & Qt.AlignmentFlag.AlignRight)
        text_option = QTextOption(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(text_option)
        doc.setHtml(self.html_of(index))
        shift = 0.0
        if right:  # the end of a long "before" context shows, beside the match
            overflow = doc.idealWidth() - options.rect.width()
            if overflow > 0:
                shift = -overflow
            else:
                doc.setTextWidth(options.rect.width())
        options.text = ""
        style = options.widget.style() if options.widget else None
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = options.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(role))
        painter.save()
        top = options.rect.top() + max(0.0, (options.rect.height() - doc.size().height()) / 2)  # centred as plain cells
        painter.translate(options.rect.left() + shift, top)
        painter.setClipRect(options.rect.translated(-options.rect.left() - int(shift), -int(top)))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 4)
