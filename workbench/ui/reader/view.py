"""The reader pane: plain text, claim highlights, a find bar and the page at the cursor.

The source's own footnote markers (numbers glued to a word that name a note at the end)
are drawn raised, and hovering one shows its note: the text itself is never changed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPainter, QPen, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..offsets import OffsetMap
from .highlighter import ClaimHighlighter
from .spans import Span, SpanIndex

READING_WIDTH_CHARS = 86  # a comfortable measure for long reading


class ReaderText(QPlainTextEdit):
    """Read-only plain text (never HTML), centred in a column of readable width."""

    clicked = Signal(int)  # UTF-16 position of a plain click

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() * 1.2))
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self._press_pos = None
        self.note_at = lambda _position: None  # UTF-16 position -> the note shown on hover, or None
        self.page_breaks: list[int] = []  # UTF-16 positions where pages 2, 3, ... begin (PDF-derived text)
        self.gutter = QWidget(self)  # right of the text: "p. N" beside the rule where each page begins
        self.gutter.setObjectName("pageGutter")
        self.gutter.paintEvent = self._paint_gutter
        self.gutter.hide()
        self.updateRequest.connect(lambda *_: self.gutter.update())
        self.setAccessibleName("Source text")

    def set_page_breaks(self, page_breaks: list[int]) -> None:
        self.page_breaks = page_breaks
        self.gutter.setVisible(bool(page_breaks))
        self._place_margins()

    def _gutter_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("p. 9999") + 8 if self.page_breaks else 0

    def _place_margins(self) -> None:
        column = self.fontMetrics().horizontalAdvance("n") * READING_WIDTH_CHARS
        side = max(0, (self.width() - column) // 2)
        right = max(side, self._gutter_width())
        self.setViewportMargins(side, 0, right, 0)
        text_area = self.viewport().geometry()  # the margins are beside it, inside the scroll bar
        self.gutter.setGeometry(text_area.right() + 1, text_area.top(), right, text_area.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._place_margins()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.page_breaks:
            painter = QPainter(self.viewport())
            painter.setPen(QPen(self.palette().placeholderText().color(), 1, Qt.PenStyle.DashLine))
            for _, top in self._visible_breaks():
                painter.drawLine(0, top, self.viewport().width(), top)
            painter.end()

    def _visible_breaks(self) -> list[tuple[int, int]]:
        """(page number, y in the viewport) of each page start in view."""
        viewport = self.viewport()
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        lo, hi = bisect_left(self.page_breaks, first), bisect_right(self.page_breaks, last)
        cursor = QTextCursor(self.document())
        found = []
        for index in range(lo, hi):
            cursor.setPosition(self.page_breaks[index])
            found.append((index + 2, self.cursorRect(cursor).top() - 1))
        return found

    def _paint_gutter(self, _event) -> None:
        painter = QPainter(self.gutter)
        painter.fillRect(self.gutter.rect(), self.palette().base())  # one sheet with the text beside it
        painter.setPen(self.palette().placeholderText().color())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        ascent = painter.fontMetrics().ascent()
        for page, top in self._visible_breaks():
            painter.drawLine(0, top, 6, top)
            painter.drawText(8, top + ascent, f"p. {page}")
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            note = self.note_at(self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos())).position())
            if note:
                QToolTip.showText(event.globalPos(), note, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        moved = self._press_pos is not None and (event.position().toPoint() - self._press_pos).manhattanLength() > 3
        if event.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())


class ReaderView(QWidget):
    """Shows one source. Offsets in and out are code points; Qt's UTF-16 stays inside."""

    claimClicked = Signal(int)  # noqa: N815 - Qt signal naming
    createClaimRequested = Signal(int, int)  # noqa: N815

    def __init__(self, colours: dict[str, str], selected_colour: str, parent=None):
        super().__init__(parent)
        self.text_view = ReaderText(self)
        self.highlighter = ClaimHighlighter(self.text_view.document(), colours, selected_colour)
        self.offsets = OffsetMap("")
        self._pages: list[int] = []
        self._notes: list[tuple[int, int, str]] = []  # (start, end, tooltip) of footnote markers, UTF-16
        self.text_view.note_at = self.note_at
        self.header = QLabel(self)
        self.header.setObjectName("readerHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # a source's title is never HTML
        self.position_label = QLabel(self)
        self._build_find_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.position_label)
        self.text_view.clicked.connect(self._on_click)
        self.text_view.cursorPositionChanged.connect(self._show_position)
        self.text_view.selectionChanged.connect(self._show_position)
        self.text_view.verticalScrollBar().valueChanged.connect(lambda _: self._show_position())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._show_position()  # more or fewer pages may be in view

    def _build_find_bar(self) -> None:
        self.find_bar = QWidget(self)
        self.find_bar.setObjectName("findBar")
        self.find_edit = QLineEdit(self.find_bar)
        self.find_edit.setObjectName("findInSource")
        self.find_edit.setPlaceholderText("Find in this source")
        self.find_edit.setClearButtonEnabled(True)
        self.find_status = QLabel(self.find_bar)
        buttons = []
        for text, tip, slot in (("▲", "Previous match (Shift+F3)", lambda: self.find_next(backward=True)),
                                ("▼", "Next match (F3 or Enter)", self.find_next), ("✕", "Close (Esc)", self.close_find)):
            button = QToolButton(self.find_bar)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        row = QHBoxLayout(self.find_bar)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel("Find:", self.find_bar))
        row.addWidget(self.find_edit, 1)
        row.addWidget(self.find_status)
        for button in buttons:
            row.addWidget(button)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(lambda _: self.find_next(from_start=True))
        self.find_edit.installEventFilter(self)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, lambda: self.find_next(backward=True))
        self.find_bar.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.find_edit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.close_find()
            return True
        return super().eventFilter(watched, event)

    # -- content ----------------------------------------------------------------

    def show_text(self, header: str, text: str, spans: list[tuple[int, int, int, str]],
                  pages: list[int] | None = None, selected_claim: int | None = None,
                  notes: list | None = None) -> None:
        """Show ``text`` with claim spans given as (claim id, start, end, style) in code points.

        ``notes`` are the source's footnote markers (objects with start, end, number and note,
        in code points), drawn raised with their note as the tooltip.
        """
        self.header.setText(header)
        self.offsets = OffsetMap(text)
        self._set_notes(notes or [])
        self._pages = sorted(pages or [])
        self.text_view.set_page_breaks([self.offsets.to_utf16(start) for start in self._pages[1:]])
        index = self._index(spans)
        # Detach the highlighter while the text is replaced, so the new text is painted once.
        self.highlighter.setDocument(None)
        self.highlighter.forget_suggestions()  # they belonged to the old text
        self.text_view.setPlainText(text)
        self.highlighter.index = index
        self.highlighter.selected_claim = selected_claim
        self.highlighter.setDocument(self.text_view.document())
        self._show_position()

    def _set_notes(self, notes: list) -> None:
        to16 = self.offsets.to_utf16
        self._notes = sorted((to16(n.start), to16(n.end), f"Note {n.number} of the source: {n.note}") for n in notes)
        self.highlighter.set_note_marks([(start, end) for start, end, _ in self._notes])

    def note_at(self, position: int) -> str | None:
        """The tooltip of the footnote marker at (or just before) a UTF-16 position."""
        index = bisect_right(self._notes, (position, float("inf"), "")) - 1
        if index >= 0:
            start, end, tip = self._notes[index]
            if start <= position <= end:
                return tip
        return None

    def note_marks(self) -> list[tuple[int, int]]:
        """The footnote markers shown raised, in code points."""
        to_cp = self.offsets.to_code_point
        return [(to_cp(start), to_cp(end)) for start, end, _ in self._notes]

    def set_spans(self, spans: list[tuple[int, int, int, str]], selected_claim: int | None = None) -> None:
        self.highlighter.set_index(self._index(spans), selected_claim)

    def update_spans(self, spans: list[tuple[int, int, int, str]], removed, selected_claim: int | None) -> None:
        """Put in or replace these claims' spans and take others out; only their blocks are painted again."""
        to16 = self.offsets.to_utf16
        upserts = [Span(claim_id, to16(start), to16(end), style) for claim_id, start, end, style in spans]
        index, (lo, hi) = self.highlighter.index.with_changes(upserts, removed)
        self.highlighter.replace_index(index, lo, hi, selected_claim)

    def set_suggestions(self, spans: list[tuple[int, int]], colour: str) -> None:
        """Suggested claims as (start, end) code points: a faint dotted underline, apart from the claims."""
        to16 = self.offsets.to_utf16
        self.highlighter.set_suggestions([(to16(start), to16(end)) for start, end in spans], colour)

    def _index(self, spans) -> SpanIndex:
        to16 = self.offsets.to_utf16
        return SpanIndex([Span(claim_id, to16(start), to16(end), style) for claim_id, start, end, style in spans])

    def clear(self) -> None:
        self.show_text("", "", [])

    def select_claim(self, claim_id: int | None, scroll: bool = True) -> None:
        self.highlighter.select(claim_id)
        span = self.highlighter.index.spans.get(claim_id) if claim_id is not None else None
        if span is not None and scroll:
            self.reveal_utf16(span.start, span.end)

    def reveal(self, start: int, end: int | None = None, select: bool = False) -> None:
        """Scroll to a code-point span (and select it when asked)."""
        to16 = self.offsets.to_utf16
        self.reveal_utf16(to16(start), to16(end if end is not None else start), select)

    def reveal_utf16(self, start: int, end: int, select: bool = False) -> None:
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(end)
        self.text_view.setTextCursor(cursor)  # first the end, then the start: the whole span comes into view
        cursor.setPosition(start)
        if select:
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)
        self.text_view.centerCursor()

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code points into the source text, or None."""
        cursor = self.text_view.textCursor()
        if not cursor.hasSelection():
            return None
        to_cp = self.offsets.to_code_point
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        self.reveal(start, end, select=True)

    def request_claim(self) -> bool:
        span = self.selected_span()
        if span is None or span[0] == span[1]:
            return False
        self.createClaimRequested.emit(*span)
        return True

    def _on_click(self, position: int) -> None:
        claim_id = self.highlighter.index.claim_at(position)
        if claim_id is not None:
            self.claimClicked.emit(claim_id)

    # -- pages and position -------------------------------------------------------

    def page_at(self, offset: int) -> int | None:
        """1-based page for a code-point offset, when the source has page starts (PDF-derived text)."""
        return bisect_right(self._pages, offset) if self._pages else None

    def _show_position(self) -> None:
        parts = self._page_parts() if self._pages else []
        count = len(self.highlighter.index)
        parts.append(f"{count} claim{'s' if count != 1 else ''} highlighted")
        self.position_label.setText(" · ".join(parts))

    def _page_parts(self) -> list[str]:
        """The pages in view, and the page of the cursor (where a claim made now would cite)."""
        view, to_cp = self.text_view, self.offsets.to_code_point
        rect = view.viewport().rect()
        top = self.page_at(to_cp(view.cursorForPosition(rect.topLeft()).position()))
        bottom = self.page_at(to_cp(view.cursorForPosition(rect.bottomRight()).position()))
        shown = f"page {top} of {len(self._pages)}" if top == bottom else f"pages {top}–{bottom} of {len(self._pages)}"
        cursor = view.textCursor()
        at = self.page_at(to_cp(cursor.selectionStart()))
        return [shown, f"{'selection' if cursor.hasSelection() else 'cursor'} on page {at}"]

    # -- find -------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.show()
        selected = self.text_view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.text_view.setFocus()

    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        needle = self.find_edit.text()
        if not needle:
            self.find_status.setText("")
            return False
        document = self.text_view.document()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        cursor = self.text_view.textCursor()
        if from_start:
            cursor.setPosition(cursor.selectionStart())
        found = document.find(needle, cursor, flags)
        if found.isNull():  # wrap around
            wrap = QTextCursor(document)
            if backward:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, wrap, flags)
        if found.isNull():
            self.find_status.setText("not found")
            return False
        self.find_status.setText("")
        self.text_view.setTextCursor(found)
        self.text_view.centerCursor()
        return True
