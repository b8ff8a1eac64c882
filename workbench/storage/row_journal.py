"""Undo for edits of many rows at once, by the method of SQLite's own "Automatic Undo/Redo" note.

While the journal is on, TEMP triggers write, for every row an edit inserts, updates or
deletes in the journalled tables, the SQL statement that reverses it. Running those
statements in reverse order undoes the edit; as they run the triggers write the
statements that reverse *them*, which is the redo. So an entity deleted with its
relations, measure targets, identifiers and decisions comes back whole, with the same
ids and uuids, without one hand-written snapshot per kind of edit. Values are written
with SQLite's ``quote()``, so text from the project never becomes SQL of its own.

Only tables without a search index are journalled: sources and claims keep their own
snapshots (storage.snapshots), which also maintain the full-text index.
"""

from __future__ import annotations

import sqlite3

JOURNALLED_TABLES = (
    "entity", "entity_alias", "entity_identifier", "entity_attribute", "claim_entity",
    "relation", "relation_evidence", "measure", "measure_target", "measure_evidence",
    "screening_candidate", "screening_decision", "reference_item", "tag", "claim_tag", "saved_search",
)
_STATE = "temp.wb_journal_state"
_LOG = "temp.wb_journal"
_LOG_IN_TRIGGER = "wb_journal"  # triggers may not name a schema in INSERT


def _columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """All columns, and the ones that pick out one row (the primary key, or every column)."""
    info = conn.execute(f"PRAGMA main.table_info({table})").fetchall()
    columns = [row[1] for row in info]
    key = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5] > 0]
    return columns, key or columns


def _match(columns: list[str], row: str) -> str:
    """SQL text, built inside the trigger, that matches one row by these columns' values."""
    return "||' AND '||".join(f"'{c} IS '||quote({row}.{c})" for c in columns)


def _trigger_sql(table: str, columns: list[str], key: list[str]) -> list[str]:
    values = "||','||".join(f"quote(OLD.{c})" for c in columns)
    sets = "||','||".join(f"'{c}='||quote(OLD.{c})" for c in columns)
    when = "WHEN (SELECT active FROM wb_journal_state)"
    col_list = ", ".join(columns)
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS wb_journal_{table}_insert AFTER INSERT ON main.{table} {when} BEGIN "
        f"INSERT INTO {_LOG_IN_TRIGGER} (statement) VALUES ('DELETE FROM main.{table} WHERE '||{_match(key, 'NEW')}); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS wb_journal_{table}_delete BEFORE DELETE ON main.{table} {when} BEGIN "
        f"INSERT INTO {_LOG_IN_TRIGGER} (statement) VALUES ('INSERT INTO main.{table} ({col_list}) VALUES ('||{values}||')'); "
        "END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS wb_journal_{table}_update BEFORE UPDATE ON main.{table} {when} BEGIN "
        f"INSERT INTO {_LOG_IN_TRIGGER} (statement) VALUES ('UPDATE main.{table} SET '||{sets}||' WHERE '||"
        f"{_match(key, 'NEW')}); END",
    ]


class RowJournal:
    """The undo journal of one connection; ``record`` and ``replay`` are used inside one transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._installed = False

    def install(self) -> None:
        # Installed inside the first journalled edit's transaction: if that edit was refused and rolled back,
        # the TEMP table and triggers went with it, so their presence is checked, not only remembered.
        if self._installed and self.conn.execute(
                "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?", (_LOG.split('.')[1],)).fetchone():
            return
        conn = self.conn
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_STATE.split('.')[1]} (active INTEGER NOT NULL)")
        if conn.execute(f"SELECT count(*) FROM {_STATE}").fetchone()[0] == 0:
            conn.execute(f"INSERT INTO {_STATE} VALUES (0)")
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_LOG.split('.')[1]} "
                     "(seq INTEGER PRIMARY KEY, statement TEXT NOT NULL)")
        for table in JOURNALLED_TABLES:
            columns, key = _columns(conn, table)
            for sql in _trigger_sql(table, columns, key):
                conn.execute(sql)
        self._installed = True

    def start(self) -> None:
        self.install()
        self.conn.execute(f"DELETE FROM {_LOG}")
        self.conn.execute(f"UPDATE {_STATE} SET active = 1")

    def stop(self) -> list[str]:
        """The statements that reverse what happened since ``start``, in the order they must run."""
        self.conn.execute(f"UPDATE {_STATE} SET active = 0")
        statements = [row[0] for row in self.conn.execute(f"SELECT statement FROM {_LOG} ORDER BY seq DESC")]
        self.conn.execute(f"DELETE FROM {_LOG}")
        return statements

    def replay(self, statements: list[str]) -> list[str]:
        """Run reversing statements (the caller holds the transaction); returns what reverses them in turn."""
        self.start()
        try:
            for statement in statements:
                self.conn.execute(statement)
        finally:
            again = self.stop()
        return again
