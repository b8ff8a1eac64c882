"""Source texts held in memory per connection, checked against the file on every use.

Every claim edit needs a little of its source's text: the quote checked against its
offsets, the context around it, the text's length. SQLite reads a TEXT value whole (and
counts its characters for ``length`` and ``substr``), so each of those cost 1-3 ms on a
source of a million characters, several times per edit. Here the text is read once and
sliced in Python after that.

A cached text is used only while the file still holds it: the source's ``content_hash``
(the SHA-256 of its text, kept by every writer, undo's journal included, and UNIQUE, so
indexed) is looked up in that index, which answers without reading the row. A text
changed in any way, on this connection or another, no longer matches and is read again.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict

TEXTS_KEPT = 4  # a few open sources; a million characters is a few megabytes


class TextCache:
    def __init__(self) -> None:
        self._entries: OrderedDict[int, tuple[str, str]] = OrderedDict()  # source id -> (hash, text)

    def text(self, conn: sqlite3.Connection, source_id: int) -> str | None:
        """The source's text (None when there is no such source), read from the file only if needed."""
        cached = self.cached(conn, source_id)
        if cached is not None:
            return cached
        row = conn.execute("SELECT content_hash, text FROM source WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            self._entries.pop(source_id, None)
            return None
        self._entries[source_id] = (row[0], row[1])
        self._entries.move_to_end(source_id)
        while len(self._entries) > TEXTS_KEPT:
            self._entries.popitem(last=False)
        return row[1]

    def cached(self, conn: sqlite3.Connection, source_id: int) -> str | None:
        """The text if it is held and still the one in the file; never reads the text itself."""
        entry = self._entries.get(source_id)
        if entry is None:
            return None
        digest, text = entry
        row = conn.execute("SELECT id FROM source WHERE content_hash = ?", (digest,)).fetchone()
        if row is None or row[0] != source_id:
            del self._entries[source_id]
            return None
        self._entries.move_to_end(source_id)
        return text
