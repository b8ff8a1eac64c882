"""Sources: original bytes, normalised text and metadata."""

from __future__ import annotations

import builtins
import hashlib
import json
import sqlite3
from collections.abc import Sequence

from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import RELIABILITY_GRADES, RemovedBlock, Source, SourceHeading, SourceMeta, new_uuid, utc_now
from . import search_index
from .database import ProjectDatabase
from .ids import id_by_uuid_prefix, inserted_id
from .snapshots import SourceSnapshot, restore_source, snapshot_source

_COLUMNS = (
    "s.id, s.uuid, s.title, s.author, s.publisher, s.published, s.url, s.language, s.media_type, "
    "s.filename, s.encoding, s.content_hash, length(s.text), s.reliability, s.imported_at, "
    "(SELECT count(*) FROM claim c WHERE c.source_id = s.id)"
)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _row_to_source(row: tuple) -> Source:
    (id_, uuid, title, author, publisher, published, url, language, media_type, filename, encoding,
     digest, length, reliability, imported_at, claim_count) = row
    meta = SourceMeta(title, author, publisher, published, url, language)
    return Source(id_, uuid, meta, media_type, filename, encoding, digest, length, reliability, imported_at,
                  claim_count)


def _insert_pages_and_removed(conn: sqlite3.Connection, source_id: int, page_starts: Sequence[int],
                              removed: Sequence[RemovedBlock]) -> None:
    conn.executemany("INSERT INTO source_page (source_id, page_no, start) VALUES (?, ?, ?)",
                     [(source_id, number, start) for number, start in enumerate(page_starts, 1)])
    conn.executemany("INSERT INTO source_removed (source_id, seq, position, text, reason) VALUES (?, ?, ?, ?, ?)",
                     [(source_id, block.seq, block.position, block.text, block.reason) for block in removed])


def _refuse_duplicate_text(conn: sqlite3.Connection, text: str) -> None:
    """Two sources never share a text (its hash is unique): say which source has it, not what SQLite says."""
    row = conn.execute("SELECT uuid, title FROM source WHERE content_hash = ?", (content_hash(text),)).fetchone()
    if row is not None:
        raise InvalidInputError(f"source {row[0][:8]} ({row[1]!r}) already has exactly this text")


class SourceRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def add(self, meta: SourceMeta, text: str, original: bytes, media_type: str, filename: str = "",
            encoding: str = "", reliability: str | None = None, page_starts: Sequence[int] = (),
            removed: Sequence[RemovedBlock] = ()) -> Source:
        """Add a source; ``page_starts[i]`` is where page i + 1 begins in ``text``."""
        if not meta.title.strip():
            raise InvalidInputError("a source needs a title")
        if reliability is not None and reliability not in RELIABILITY_GRADES:
            raise InvalidInputError(f"reliability must be one of {', '.join(RELIABILITY_GRADES)}")
        now = utc_now()
        with self.db.transaction() as conn:
            _refuse_duplicate_text(conn, text)
            cur = conn.execute(
                "INSERT INTO source (uuid, title, author, publisher, published, url, language, media_type, "
                "filename, encoding, original, text, content_hash, reliability, imported_at, modified_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), meta.title, meta.author, meta.publisher, meta.published, meta.url, meta.language,
                 media_type, filename, encoding, original, text, content_hash(text), reliability, now, now),
            )
            source_id = inserted_id(cur)
            search_index.index_source(conn, source_id, meta.title, text)
            _insert_pages_and_removed(conn, source_id, page_starts, removed)
        return self.get(source_id)

    def get(self, source_id: int, known_text_length: int | None = None) -> Source:
        """One source's details; given the length of its text (unchanged since it was last read), the text
        itself is not read, which matters for a source of a million characters after every claim edit."""
        if known_text_length is None:
            held = self.db.texts.cached(self.db.conn, source_id)
            known_text_length = None if held is None else len(held)
        columns = _COLUMNS if known_text_length is None else _COLUMNS.replace("length(s.text)", "?")
        params = (source_id,) if known_text_length is None else (known_text_length, source_id)
        row = self.db.conn.execute(f"SELECT {columns} FROM source s WHERE s.id = ?", params).fetchone()
        if row is None:
            raise NotFoundError(f"no source with id {source_id}")
        return _row_to_source(row)

    def list(self) -> list[Source]:
        rows = self.db.conn.execute(f"SELECT {_COLUMNS} FROM source s ORDER BY s.imported_at, s.id")
        return [_row_to_source(row) for row in rows]

    def headings(self, ids: Sequence[int]) -> builtins.list[SourceHeading]:
        """These sources' ids and metadata, by id, without touching their texts (a scan of the
        table reads every text's first page: 40 ms for 50 MB)."""
        rows = self.db.conn.execute("SELECT id, uuid, title, author, publisher, published, url, language "
                                    "FROM source WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                                    (json.dumps(list(ids)),))
        return [SourceHeading(id_, uuid, SourceMeta(*meta)) for id_, uuid, *meta in rows]

    def paged_ids(self, ids: Sequence[int]) -> set[int]:
        """Which of these sources have pages (one query for a batch, not one per source)."""
        rows = self.db.conn.execute("SELECT DISTINCT source_id FROM source_page "
                                    "WHERE source_id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
        return {source_id for source_id, in rows}

    def ids_with_removed_blocks(self) -> builtins.list[int]:
        return [row[0] for row in self.db.conn.execute("SELECT DISTINCT source_id FROM source_removed ORDER BY 1")]

    def claim_count(self, source_id: int) -> int:
        return self.db.conn.execute("SELECT count(*) FROM claim WHERE source_id = ?", (source_id,)).fetchone()[0]

    def count(self) -> int:
        return self.db.conn.execute("SELECT count(*) FROM source").fetchone()[0]

    def find_by_hash(self, digest: str) -> Source | None:
        row = self.db.conn.execute("SELECT id FROM source WHERE content_hash = ?", (digest,)).fetchone()
        return self.get(row[0]) if row else None

    def resolve(self, ref: str) -> Source:
        """A source by UUID or by a unique prefix of it."""
        return self.get(id_by_uuid_prefix(self.db.conn, "source", ref))

    def excerpt(self, source_id: int, start: int, end: int) -> tuple[str, int]:
        """``text[start:end]`` (code points) and the text's length, from the text held in memory
        (storage.text_cache): after the first, a claim made in a source of a million characters
        does not read the text from the file again."""
        text = self.db.texts.text(self.db.conn, source_id)
        if text is None:
            raise NotFoundError(f"no source with id {source_id}")
        return text[max(0, start):max(0, end)], len(text)

    def text(self, source_id: int) -> str:
        row = self.db.conn.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no source with id {source_id}")
        return row[0]

    def original(self, source_id: int) -> bytes:
        row = self.db.conn.execute("SELECT original FROM source WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no source with id {source_id}")
        return row[0]

    def delete(self, source_id: int) -> None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT title, text FROM source WHERE id = ?", (source_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no source with id {source_id}")
            for claim_id, quote, statement, note in conn.execute(
                "SELECT id, quote, statement, note FROM claim WHERE source_id = ?", (source_id,)
            ).fetchall():
                search_index.index_claim(conn, claim_id, quote, statement, note, delete=True)
            search_index.index_source(conn, source_id, row[0], row[1], delete=True)
            conn.execute("DELETE FROM source WHERE id = ?", (source_id,))

    def page_starts(self, source_id: int) -> builtins.list[int]:
        """Where each page begins in the text (page 1 first); empty for a source without pages."""
        rows = self.db.conn.execute("SELECT start FROM source_page WHERE source_id = ? ORDER BY page_no",
                                    (source_id,))
        return [start for start, in rows]

    def removed_blocks(self, source_id: int) -> builtins.list[RemovedBlock]:
        rows = self.db.conn.execute(
            "SELECT seq, position, text, reason FROM source_removed WHERE source_id = ? ORDER BY seq", (source_id,))
        return [RemovedBlock(*row) for row in rows]

    def replace_text(self, source_id: int, text: str, page_starts: Sequence[int],
                     removed: Sequence[RemovedBlock]) -> Source:
        """Give a source a new text (e.g. with a removed block restored); refused while claims point into it."""
        with self.db.transaction() as conn:
            row = conn.execute("SELECT title, text, (SELECT count(*) FROM claim WHERE source_id = s.id) "
                               "FROM source s WHERE id = ?", (source_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no source with id {source_id}")
            title, old_text, claim_count = row
            if claim_count:
                raise InvalidInputError(f"the source has {claim_count} claim(s) anchored in its text; "
                                        "its text cannot be changed")
            search_index.index_source(conn, source_id, title, old_text, delete=True)
            try:
                conn.execute("UPDATE source SET text = ?, content_hash = ?, modified_at = ? WHERE id = ?",
                             (text, content_hash(text), utc_now(), source_id))
            except sqlite3.IntegrityError:
                raise InvalidInputError("another source already has exactly this text") from None
            search_index.index_source(conn, source_id, title, text)
            conn.execute("DELETE FROM source_page WHERE source_id = ?", (source_id,))
            conn.execute("DELETE FROM source_removed WHERE source_id = ?", (source_id,))
            _insert_pages_and_removed(conn, source_id, page_starts, removed)
        return self.get(source_id)

    def update_meta(self, source_id: int, meta: SourceMeta, reliability: str | None) -> Source:
        """Replace a source's title, author, publisher, date, url, language and reliability."""
        if not meta.title.strip():
            raise InvalidInputError("a source needs a title")
        if reliability is not None and reliability not in RELIABILITY_GRADES:
            raise InvalidInputError(f"reliability must be one of {', '.join(RELIABILITY_GRADES)}")
        with self.db.transaction() as conn:
            row = conn.execute("SELECT title, text FROM source WHERE id = ?", (source_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no source with id {source_id}")
            conn.execute(
                "UPDATE source SET title = ?, author = ?, publisher = ?, published = ?, url = ?, language = ?, "
                "reliability = ?, modified_at = ? WHERE id = ?",
                (meta.title, meta.author, meta.publisher, meta.published, meta.url, meta.language, reliability,
                 utc_now(), source_id))
            if row[0] != meta.title:  # the title is indexed for search
                search_index.index_source(conn, source_id, row[0], row[1], delete=True)
                search_index.index_source(conn, source_id, meta.title, row[1])
        return self.get(source_id)

    def snapshot(self, source_id: int) -> SourceSnapshot:
        return snapshot_source(self.db.conn, source_id)

    def restore(self, snapshot: SourceSnapshot) -> Source:
        """Bring a deleted source back, with its claims, under the same ids."""
        with self.db.transaction() as conn:
            restore_source(conn, snapshot)
        return self.get(snapshot.source_id)
