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
