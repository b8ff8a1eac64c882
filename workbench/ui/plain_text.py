"""Text from sources, lists and users, shown where Qt would take it for HTML.

A QLabel left on automatic format, and every tooltip, renders text as HTML when it
looks like HTML: a source titled "<img src=file:///…>" would load a local file, and a
company named "<b>X</b>" would turn bold. Such text goes through here first.
"""

from __future__ import annotations

import html


def escaped(text: object) -> str:
    """For interpolating into a label or document that is HTML on purpose."""
    return html.escape(str(text), quote=False)


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that shows ``text`` as written, line breaks kept."""
    if not text or "<" not in text:  # Qt only takes text with a tag in it for HTML
        return text
    return f"<p style='white-space:pre-wrap'>{escaped(text)}</p>"


def warn(parent, title: str, text: str) -> None:
    """A warning box that shows ``text`` as written (errors quote names and paths from sources)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
