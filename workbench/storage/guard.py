"""Guards between an untrusted project file and SQLite: the schema check, the query clock, error wording.

A project file may come from a stranger. SQLite runs whatever triggers and views the
file carries, so before any write the file's ``sqlite_schema`` is compared with the
schema our own migrations produce at its version: anything else (a trigger, a view,
a table shadowing one of ours, a changed definition) is refused, and can be stripped
only on the user's request. Every statement also runs against a clock (a progress
handler), so a query the schema check did not foresee cannot hang the program.

SQLite's error codes say more than its messages: a full disk or a read-only folder is
not a damaged project, and the user is told which it is.
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .schema import MIGRATIONS

QUERY_SECONDS_ENV = "WORKBENCH_QUERY_SECONDS"
DEFAULT_QUERY_SECONDS = 120.0
_PROGRESS_STEPS = 20_000  # SQLite virtual-machine steps between two looks at the clock
_SQLITE_INTERNAL = ("sqlite_stat1", "sqlite_stat4")  # made by ANALYZE / PRAGMA optimize, harmless


@dataclass(frozen=True, slots=True)
class SchemaObject:
    kind: str  # table, index, view, trigger
    name: str
    table: str
    sql: str | None


@dataclass(frozen=True, slots=True)
class SchemaDifference:
    unexpected: tuple[SchemaObject, ...]  # in the file, not made by us
    missing: tuple[SchemaObject, ...]  # made by us, not in the file (or changed)

    @property
    def strippable(self) -> bool:
        """Only extra triggers, views and indexes: removing them gives back exactly our schema."""
        return not self.missing and all(o.kind in ("trigger", "view", "index") for o in self.unexpected)

    def describe(self) -> str:
        parts = [f"{o.kind} {o.name!r}" for o in self.unexpected[:4]]
        if len(self.unexpected) > 4:
            parts.append(f"{len(self.unexpected) - 4} more")
        missing = [f"{o.kind} {o.name!r}" for o in self.missing[:3]]
        text = ""
        if parts:
            text = "objects Research Workbench did not create: " + ", ".join(parts)
        if missing:
            text += ("; " if text else "") + "changed or missing: " + ", ".join(missing)
        return text


def schema_objects(conn: sqlite3.Connection, schema: str = "main") -> set[SchemaObject]:
    rows = conn.execute(f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_schema").fetchall()
    return {SchemaObject(*row) for row in rows if row[1] not in _SQLITE_INTERNAL}


@functools.cache
def expected_schema(version: int) -> frozenset[SchemaObject]:
    """The schema our migrations make at ``version``, built once in memory."""
    from .database import _apply_migrations  # the one place migrations are applied

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _apply_migrations(conn, 0, version)
        return frozenset(schema_objects(conn))
    finally:
        conn.close()


def schema_difference(conn: sqlite3.Connection, version: int) -> SchemaDifference | None:
    """How the file's schema differs from ours at its version; None when it is exactly ours."""
    if not 0 < version <= len(MIGRATIONS):
        return None
    have, want = schema_objects(conn), expected_schema(version)
    if have == want:
        return None
    key = lambda o: (o.kind, o.name)  # noqa: E731 - a sort key
    return SchemaDifference(tuple(sorted(have - want, key=key)), tuple(sorted(want - have, key=key)))


def strip_unexpected(conn: sqlite3.Connection, difference: SchemaDifference) -> list[str]:
    """Drop the extra triggers, views and indexes (one transaction); returns what was dropped."""
    dropped = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for obj in difference.unexpected:
            quoted = '"' + obj.name.replace('"', '""') + '"'
            conn.execute(f"DROP {obj.kind.upper()} IF EXISTS {quoted}")
            dropped.append(f"{obj.kind} {obj.name}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return dropped


# -- the query clock ----------------------------------------------------------------


def query_seconds() -> float:
    try:
        return float(os.environ.get(QUERY_SECONDS_ENV, DEFAULT_QUERY_SECONDS))
    except ValueError:
        return DEFAULT_QUERY_SECONDS


class QueryClock:
    """Interrupts any one statement that runs longer than ``limit`` seconds.

    SQLite calls the trace callback when a statement starts (statements run by a
    trigger arrive as ``-- name`` and do not restart the clock, so a chain of
    triggers is timed as the one statement that set it off) and the progress
    handler every few thousand steps; a non-zero return aborts with SQLITE_INTERRUPT.
    """

    def __init__(self, limit: float):
        self.limit = limit
        self.started = time.monotonic()

    def install(self, conn: sqlite3.Connection) -> None:
        conn.set_trace_callback(self._statement_started)
        conn.set_progress_handler(self._too_long, _PROGRESS_STEPS)

    def restart(self) -> None:
        self.started = time.monotonic()

    def _statement_started(self, sql: str) -> None:
        if not sql.startswith("--"):
            self.started = time.monotonic()

    def _too_long(self) -> int:
        return int(time.monotonic() - self.started > self.limit)


@contextmanager
def clock_restarted_by_caller(conn: sqlite3.Connection) -> Iterator[QueryClock]:
    """For a bulk write of millions of small rows (a list import): no Python call as each row's statement
    starts (a few seconds a million rows); the caller restarts the clock before each batch instead, so a
    batch is timed as one statement. The usual clock is back afterwards."""
    clock = QueryClock(query_seconds())
    conn.set_trace_callback(None)
    conn.set_progress_handler(clock._too_long, _PROGRESS_STEPS)
    try:
        yield clock
    finally:
        QueryClock(query_seconds()).install(conn)


# -- telling the user what went wrong --------------------------------------------------


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def describe_storage_error(exc: BaseException, path: Path | None) -> str:
    """One line for an sqlite3 or OS error met while reading or writing the project at ``path``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    errno = getattr(exc, "errno", None)
    where = f"{path}: " if path is not None else ""
    folder = path.parent if path is not None else None
    if name == "SQLITE_INTERRUPT":
        return (f"{where}a query ran longer than {query_seconds():g} s and was stopped (a hostile or damaged "
                "project file?); nothing was changed")
    if folder is not None and not folder.exists():
        return f"{where}the project's folder {folder} is gone (removed or unmounted); the edit was not saved"
    if name == "SQLITE_FULL" or errno == 28 or (folder is not None and (_free_bytes(folder) or 1 << 30) < 1 << 20):
        return f"{where}the disk is full; free some space and try again (the edit was not saved; earlier work is kept)"
    if name.startswith("SQLITE_READONLY") or errno in (13, 30) or (
            folder is not None and not os.access(folder, os.W_OK)):
        return (f"{where}the project's folder or file is read-only, so the edit could not be saved "
                "(earlier work is kept)")
    if name.startswith("SQLITE_IOERR") or name.startswith("SQLITE_CANTOPEN"):
        return f"{where}the disk could not be read or written ({exc}); the edit was not saved"
    if isinstance(exc, OSError):
        return f"{where}{exc.strerror or exc}"
    return f"{where}the project file is damaged or unreadable ({exc})"
