"""Imported sanctions lists: one current version per list, with the history of what changed.

A list is replaced as a whole on re-import, inside one transaction: the old entries' keys
are set aside in a temporary table, the new entries are written in batches, and the
difference between the two is recorded before the old keys are dropped. Memory use does
not grow with the list: SQLite keeps the work on disk.
"""

from __future__ import annotations

import builtins
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..core.errors import InvalidInputError, NotFoundError
from ..core.lists import ListEntry, ListRecord, SanctionsList
from ..core.model import new_uuid, utc_now
from ..core.names import NAME_KEY_VERSION, identifier_key, name_key
from .database import ProjectDatabase
from .guard import QueryClock, clock_restarted_by_caller
from .ids import inserted_id
from .taxonomy import name_key as label_key

_LIST_COLUMNS = ("SELECT l.id, l.uuid, l.name, l.format, l.version_date, l.files, l.imported_at, "
                 "(SELECT count(*) FROM list_entry e WHERE e.list_id = l.id) FROM sanctions_list l")
_SAMPLE = 20  # names of added and removed entries kept for the summary
BULK_CACHE_KIB = 256 * 1024


def _chunks(cursor: sqlite3.Cursor, size: int = 10_000) -> Iterator[builtins.list]:
    while chunk := cursor.fetchmany(size):
        yield chunk
_NAME_KEY_INFO = "list_name_key_version"  # project_info: the NAME_KEY_VERSION the stored name keys were made by


def split_values(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split(";") if v)


class ListRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db
        self._batch_clock: QueryClock | None = None

    # -- reading ---------------------------------------------------------------

    def list(self) -> list[SanctionsList]:
        return [SanctionsList(*row) for row in self.db.conn.execute(_LIST_COLUMNS + " ORDER BY l.name_key")]

    def find(self, name: str) -> SanctionsList | None:
        row = self.db.conn.execute(_LIST_COLUMNS + " WHERE l.name_key = ?", (label_key(name),)).fetchone()
        return SanctionsList(*row) if row else None

    def get(self, list_id: int) -> SanctionsList:
        row = self.db.conn.execute(_LIST_COLUMNS + " WHERE l.id = ?", (list_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no sanctions list with id {list_id}")
        return SanctionsList(*row)

    def entry(self, list_id: int, entry_key: str) -> ListEntry | None:
        row = self.db.conn.execute(
            "SELECT id, list_id, entry_key, kind, caption, programmes, countries, listed_on, remarks "
            "FROM list_entry WHERE list_id = ? AND entry_key = ?", (list_id, entry_key)).fetchone()
        if row is None:
            return None
        names = tuple(n for n, in self.db.conn.execute(
            "SELECT name FROM list_entry_name WHERE entry_id = ? ORDER BY is_alias, name", (row[0],)))
        identifiers = tuple(self.db.conn.execute(
            "SELECT scheme, value FROM list_entry_identifier WHERE entry_id = ? ORDER BY scheme, value", (row[0],)))
        return ListEntry(row[0], row[1], row[2], row[3], row[4], split_values(row[5]), split_values(row[6]),
                         row[7], row[8], names, identifiers)

    def entries(self, list_id: int, limit: int = 0) -> builtins.list[ListEntry]:
        sql = "SELECT entry_key FROM list_entry WHERE list_id = ? ORDER BY id" + (" LIMIT ?" if limit else "")
        keys = [k for k, in self.db.conn.execute(sql, (list_id, limit) if limit else (list_id,))]
        entries = (self.entry(list_id, key) for key in keys)
        return [entry for entry in entries if entry is not None]

    def index_rows(self, fresh_keys: bool = False) -> Iterator[tuple[int, int, str]]:
        """(entry id, list id, name key) of every listed name, in (entry id, name) order: the order of the
        table's own key, so SQLite reads it without sorting; read in chunks, so a million-entry list's
        names are never all held at once. ``fresh_keys``: keys worked out from the names, for a read-only
        project whose stored keys an older matcher made (see refresh_name_keys)."""
        entries, lists = array("q"), array("q")  # list_entry's ids ascending, and the list of each
        for chunk in _chunks(self.db.conn.execute("SELECT id, list_id FROM list_entry ORDER BY id")):
            for entry_id, list_id in chunk:
                entries.append(entry_id)
                lists.append(list_id)
        at = 0
        column = "name" if fresh_keys else "name_key"
        for chunk in _chunks(self.db.conn.execute(f"SELECT entry_id, {column} FROM list_entry_name "
                                                  "ORDER BY entry_id, name")):
            for entry_id, key in chunk:
                while entries[at] != entry_id:  # both ascending: walk the entries alongside
                    at += 1
                yield entry_id, lists[at], name_key(key) if fresh_keys else key

    def names_of_entry(self, entry_id: int, fresh_keys: bool = False) -> builtins.list[tuple[str, str]]:
        """(name, name key) of one entry's names, in the order of index_rows."""
        rows = self.db.conn.execute("SELECT name, name_key FROM list_entry_name WHERE entry_id = ? ORDER BY name",
                                    (entry_id,)).fetchall()
        return [(name, name_key(name)) for name, _ in rows] if fresh_keys else rows

    def names_signature(self) -> str:
        """Changes whenever any list's names may have: a re-import, a new or deleted list, an undone import."""
        lists = self.db.conn.execute("SELECT id, imported_at FROM sanctions_list ORDER BY id").fetchall()
        entries = self.db.conn.execute("SELECT count(*), max(id) FROM list_entry").fetchone()
        names = self.db.conn.execute("SELECT count(*) FROM list_entry_name").fetchone()
        return repr((lists, entries, names))

    def refresh_name_keys(self) -> bool:
        """Work the stored name keys out again when they were stored by another version of the matcher
        (a project from before a change to how names are folded). Once per project and version: afterwards
        only the version in project_info is read. False when the keys are stale and the project is open
        read-only, so that the caller works them out as it reads them."""
        if self.db.info(_NAME_KEY_INFO) == NAME_KEY_VERSION:
            return True
        if not self.db.writable:
            return False
        changed = [(key, entry_id, name) for entry_id, name, stored in
                   self.db.conn.execute("SELECT entry_id, name, name_key FROM list_entry_name")
                   if (key := name_key(name)) != stored]
        with self.db.transaction() as conn:
            conn.executemany("UPDATE list_entry_name SET name_key = ? WHERE entry_id = ? AND name = ?", changed)
            conn.execute("INSERT INTO project_info(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (_NAME_KEY_INFO, NAME_KEY_VERSION))
        return True

    def entries_by_identifier(self, value_keys: Iterable[str]) -> builtins.list[tuple[int, int, str, str, str]]:
        """(entry id, list id, entry key, scheme, value) of entries that carry any of these identifiers."""
        keys = sorted(set(value_keys))
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return self.db.conn.execute(
            "SELECT i.entry_id, e.list_id, e.entry_key, i.scheme, i.value FROM list_entry_identifier i "
            f"JOIN list_entry e ON e.id = i.entry_id WHERE i.value_key IN ({marks})", keys).fetchall()

    def entry_heads(self, entry_ids: Iterable[int]) -> dict[int, tuple[int, str, str]]:
        """entry id -> (list id, entry key, caption), fetched in chunks."""
        return {row[0]: row[1:] for row in self._by_ids(
            "SELECT id, list_id, entry_key, caption FROM list_entry WHERE id IN ({})", entry_ids)}

    def entry_kinds(self, entry_ids: Iterable[int]) -> dict[int, str]:
        return dict(self._by_ids("SELECT id, kind FROM list_entry WHERE id IN ({})", entry_ids))

    def identifiers_of(self, entry_ids: Iterable[int]) -> builtins.list[tuple[int, str, str]]:
        """(entry id, scheme, value) for these entries."""
        return self._by_ids("SELECT entry_id, scheme, value FROM list_entry_identifier WHERE entry_id IN ({})",
                            entry_ids)

    def _by_ids(self, sql: str, ids: Iterable[int]) -> builtins.list[tuple]:
        ordered = sorted(set(ids))
        rows: builtins.list[tuple] = []
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            rows.extend(self.db.conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
        return rows

    def history(self, list_id: int) -> builtins.list[dict]:
        rows = self.db.conn.execute(
            "SELECT id, version_date, imported_at, entry_count, added, removed, problems FROM list_import "
            "WHERE list_id = ? ORDER BY id", (list_id,)).fetchall()
        return [dict(zip(("id", "version_date", "imported_at", "entries", "added", "removed", "problems"), row,
                         strict=True)) for row in rows]

    def changes(self, import_id: int) -> builtins.list[tuple[str, str, str]]:
        return self.db.conn.execute("SELECT change, entry_key, caption FROM list_change WHERE import_id = ? "
                                    "ORDER BY change, caption", (import_id,)).fetchall()

    # -- writing (inside the caller's transaction) -----------------------------

    def begin_version(self, conn: sqlite3.Connection, name: str, fmt: str) -> tuple[int, str | None]:
        """Set the current entries aside and return (list id, previous version date or None)."""
        if not name.strip():
            raise InvalidInputError("a sanctions list needs a name")
        row = conn.execute("SELECT id, version_date FROM sanctions_list WHERE name_key = ?",
                           (label_key(name),)).fetchone()
        conn.execute("DROP TABLE IF EXISTS temp.previous_entry")
        conn.execute("CREATE TEMP TABLE previous_entry (entry_key TEXT PRIMARY KEY, caption TEXT) WITHOUT ROWID")
        if row is None:
            list_id = inserted_id(conn.execute(
                "INSERT INTO sanctions_list (uuid, name, name_key, format, imported_at) VALUES (?, ?, ?, ?, ?)",
                (new_uuid(), name.strip(), label_key(name), fmt, utc_now())))
            return list_id, None
        list_id = row[0]
        conn.execute("INSERT INTO temp.previous_entry SELECT entry_key, caption FROM list_entry WHERE list_id = ?",
                     (list_id,))
        conn.execute("DELETE FROM list_entry WHERE list_id = ?", (list_id,))
        return list_id, row[1]

    @contextmanager
    def bulk_writing(self, conn: sqlite3.Connection) -> Iterator[None]:
        """Writing a whole list: a page cache large enough for a million-entry list's indexes (with SQLite's
        default 2 MB the same index pages go out to the journal and back again, half of the import's time),
        and the query clock restarted per batch rather than per row."""
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            with clock_restarted_by_caller(conn) as clock:
                self._batch_clock = clock
                yield
        finally:
            self._batch_clock = None
            conn.execute(f"PRAGMA cache_size = {int(before)}")

    def add_records(self, conn: sqlite3.Connection, list_id: int, records: Iterable[ListRecord]) -> int:
        """Write a batch; a key seen twice merges into one entry (EU files repeat an entity per name)."""
        records = builtins.list(records)
        if self._batch_clock is not None:
            self._batch_clock.restart()
        last_id = conn.execute("SELECT max(id) FROM list_entry").fetchone()[0] or 0
        # One statement for the whole batch, then one lookup of the ids: far cheaper than a statement with
        # RETURNING per entry on a million-entry list.
        conn.executemany(
            "INSERT INTO list_entry (list_id, entry_key, kind, caption, programmes, countries, listed_on, "
            "remarks, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (list_id, entry_key) DO UPDATE SET "
            "programmes = CASE WHEN programmes = '' THEN excluded.programmes ELSE programmes END, "
            "countries = CASE WHEN countries = '' THEN excluded.countries ELSE countries END",
            [(list_id, r.key, r.kind, r.caption, ";".join(dict.fromkeys(r.programmes)),
              ";".join(dict.fromkeys(r.countries)), r.listed_on, r.remarks, r.line) for r in records])
        if conn.execute("SELECT max(id) FROM list_entry").fetchone()[0] == last_id + len(records):
            # Every record made a new row (no key seen before), numbered in order: no lookup needed.
            entry_ids = {r.key: last_id + n for n, r in enumerate(records, start=1)}
        else:
            entry_ids = self.entry_ids_by_key(conn, list_id, (r.key for r in records))
        names: builtins.list[tuple[int, str, str, int]] = []
        identifiers: builtins.list[tuple[int, str, str, str]] = []
        for record in records:
            entry_id = entry_ids[record.key]
            names.extend((entry_id, n, name_key(n), 0) for n in record.names if n.strip())
            names.extend((entry_id, n, name_key(n), 1) for n in record.aliases if n.strip())
            identifiers.extend((entry_id, s, v, k) for s, v in record.identifiers if (k := identifier_key(v)))
        conn.executemany("INSERT OR IGNORE INTO list_entry_name (entry_id, name, name_key, is_alias) "
                         "VALUES (?, ?, ?, ?)", names)
        conn.executemany("INSERT OR IGNORE INTO list_entry_identifier (entry_id, scheme, value, value_key) "
                         "VALUES (?, ?, ?, ?)", identifiers)
        return len(records)

    def entry_ids_by_key(self, conn: sqlite3.Connection, list_id: int, keys: Iterable[str]) -> dict[str, int]:
        ordered = sorted(set(keys))
        found: dict[str, int] = {}
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            found.update(conn.execute(
                f"SELECT entry_key, id FROM list_entry WHERE list_id = ? AND entry_key IN ({','.join('?' * len(chunk))})",
                [list_id, *chunk]))
        return found

    def add_names(self, conn: sqlite3.Connection, rows: Iterable[tuple[int, str, bool]]) -> None:
        conn.executemany("INSERT OR IGNORE INTO list_entry_name (entry_id, name, name_key, is_alias) "
                         "VALUES (?, ?, ?, ?)", [(e, n, name_key(n), int(a)) for e, n, a in rows if n.strip()])

    def add_identifiers(self, conn: sqlite3.Connection, rows: Iterable[tuple[int, str, str]]) -> None:
        conn.executemany("INSERT OR IGNORE INTO list_entry_identifier (entry_id, scheme, value, value_key) "
                         "VALUES (?, ?, ?, ?)", [(e, s, v, identifier_key(v)) for e, s, v in rows if identifier_key(v)])

    def add_countries(self, conn: sqlite3.Connection, rows: Iterable[tuple[int, str]]) -> None:
        for entry_id, country in rows:
            conn.execute("UPDATE list_entry SET countries = CASE WHEN countries = '' THEN ?1 "
                         "WHEN instr(';' || countries || ';', ';' || ?1 || ';') THEN countries "
                         "ELSE countries || ';' || ?1 END WHERE id = ?2", (country, entry_id))

    def append_remarks(self, conn: sqlite3.Connection, rows: Iterable[tuple[int, str]]) -> None:
        conn.executemany("UPDATE list_entry SET remarks = remarks || ? WHERE id = ?", [(r, e) for e, r in rows])

    def finish_version(self, conn: sqlite3.Connection, list_id: int, version_date: str, files: str,
                       problems: builtins.list[str]) -> tuple[int, int, int, builtins.list[str], builtins.list[str]]:
        """Record the new version and its difference from the old; returns (entries, added, removed, samples)."""
        now = utc_now()
        entries = conn.execute("SELECT count(*) FROM list_entry WHERE list_id = ?", (list_id,)).fetchone()[0]
        conn.execute("UPDATE sanctions_list SET version_date = ?, files = ?, imported_at = ? WHERE id = ?",
                     (version_date, files, now, list_id))
        import_id = conn.execute(
            "INSERT INTO list_import (list_id, version_date, files, imported_at, entry_count, added, removed, "
            "problems) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
            (list_id, version_date, files, now, entries, "\n".join(problems))).lastrowid
        first = conn.execute("SELECT count(*) FROM list_import WHERE list_id = ?", (list_id,)).fetchone()[0] == 1
        if not first:
            conn.execute("INSERT INTO list_change (import_id, entry_key, change, caption) "
                         "SELECT ?, e.entry_key, 'added', e.caption FROM list_entry e WHERE e.list_id = ? "
                         "AND e.entry_key NOT IN (SELECT entry_key FROM temp.previous_entry)", (import_id, list_id))
            conn.execute("INSERT INTO list_change (import_id, entry_key, change, caption) "
                         "SELECT ?, p.entry_key, 'removed', p.caption FROM temp.previous_entry p WHERE p.entry_key "
                         "NOT IN (SELECT entry_key FROM list_entry WHERE list_id = ?)", (import_id, list_id))
        counts = dict(conn.execute("SELECT change, count(*) FROM list_change WHERE import_id = ? GROUP BY change",
                                   (import_id,)).fetchall())
        conn.execute("UPDATE list_import SET added = ?, removed = ? WHERE id = ?",
                     (counts.get("added", 0), counts.get("removed", 0), import_id))
        conn.execute("DROP TABLE temp.previous_entry")

        def sample(change: str) -> list[str]:
            return [c for c, in conn.execute("SELECT caption FROM list_change WHERE import_id = ? AND change = ? "
                                             "ORDER BY caption LIMIT ?", (import_id, change, _SAMPLE))]
        return entries, counts.get("added", 0), counts.get("removed", 0), sample("added"), sample("removed")

    def delete(self, list_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM sanctions_list WHERE id = ?", (list_id,))
