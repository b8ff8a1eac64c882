"""Opening, creating and guarding a project file.

A project is opened in three steps, and nothing in the file is changed until all
of them pass: the path is a regular file with an SQLite header; the file carries
our application id and a schema we know; ``PRAGMA quick_check`` passes. Only then
is WAL switched on and a migration (with a backup first) applied.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..core.errors import ProjectFileError, ProjectLockedError, WorkbenchError
from ..core.model import new_uuid, utc_now
from . import backups, search_index
from .guard import QueryClock, describe_storage_error, query_seconds, schema_difference, strip_unexpected
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from .text_cache import TextCache

PROJECT_SUFFIX = ".wbproj"
_SQLITE_HEADER = b"SQLite format 3\x00"


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class ProjectDatabase:
    """One open project file. Writable instances hold the project's single writer lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: FileLock | None):
        self.path = path
        self.conn = conn
        self._lock = lock
        self._lock_holder: ProjectDatabase | None = None
        self._depth = 0
        self._created_journal: tuple[Path, ...] = ()  # -wal/-shm a reader made, removed again on close
        self.texts = TextCache()  # source texts, for the slices claim edits need (storage.text_cache)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, title: str = "") -> ProjectDatabase:
        """Make a new project file; refuse to touch an existing one."""
        path = Path(path)
        if path.exists():
            raise ProjectFileError(f"{path}: already exists; choose another name")
        if not path.parent.is_dir():
            raise ProjectFileError(f"{path.parent}: folder does not exist")
        # SQLite would replay a journal left by an earlier file of this name into the new one.
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = path.with_name(path.name + suffix)
            if leftover.exists():
                raise ProjectFileError(f"{path}: a leftover {leftover.name} from an earlier project of this name "
                                       "is in the folder; move it away or choose another name")
        # Built beside the target and linked into place, so a failure never leaves
        # a half-made project under the user's chosen name.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                _apply_migrations(conn, 0)
                now = utc_now()
                conn.executemany(
                    "INSERT INTO project_info(key, value) VALUES (?, ?)",
                    [("uuid", new_uuid()), ("title", title or path.stem), ("created_at", now)],
                )
            finally:
                conn.close()
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ProjectFileError(f"{path}: already exists; choose another name") from None
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(path, writable=True)

    @classmethod
    def open(cls, path: str | os.PathLike, writable: bool = True) -> ProjectDatabase:
        """Open a project; nothing in the file (or beside it) is changed unless every check passes.

        The checks run over a read-only connection first: a connection that may write
        would replay a stray ``-wal`` into the file when it closes, even on refusal.
        """
        path = Path(path)
        _check_is_project_file(path)
        lock = acquire_writer_lock(path) if writable else None
        created = _journal_files_absent(path)
        try:
            conn, version = _probe(path, created, locked=lock is not None)
            try:
                if writable:
                    conn.close()
                    conn = _connect(path, True)
                if version < SCHEMA_VERSION:
                    if not writable:
                        # Reading must not change the file: upgrade a copy in memory instead.
                        conn = _upgraded_copy_in_memory(conn, version)
                    else:
                        _backup_before_migration(conn, path, version)
                        _apply_migrations(conn, version)
                if writable:
                    _enter_wal_mode(conn)
                    conn.execute("PRAGMA synchronous = FULL")
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        database = cls(path, conn, lock)
        database._created_journal = created if not writable else ()
        if writable:
            database._daily_backup()
        return database

    def _daily_backup(self) -> None:
        """The automatic backup on open, before any edit is written; a failure (full disk) never blocks work."""
        if not backups.daily_backup_due(self.path, self.info("created_at")):
            return
        try:
            self.backup("daily")
        except (WorkbenchError, OSError, sqlite3.Error):
            pass

    def backup(self, reason: str = "manual", target: Path | None = None) -> Path:
        """A verified online backup of this project (into its backups folder unless ``target`` is given)."""
        keep = int(self.info("backup_keep", str(backups.DEFAULT_KEEP)) or backups.DEFAULT_KEEP)
        return backups.take_backup(self.conn, self.path, reason, target, keep)

    def sibling(self) -> ProjectDatabase:
        """A second connection to this project, for another thread of this same program.

        SQLite connections belong to the thread that made them, so a worker thread
        opens its own here. It writes under this instance's writer lock (WAL and the
        busy timeout serialise the two connections) and never takes or frees the lock.
        """
        sibling = ProjectDatabase(self.path, _connect(self.path, self.writable), None)
        if self.writable:
            sibling.conn.execute("PRAGMA synchronous = FULL")
        sibling._lock_holder = self
        return sibling

    def close(self) -> None:
        try:
            if self._lock is not None:
                _leave_wal_mode(self.conn)
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
            elif self._lock_holder is None and self._created_journal:
                _remove_reader_leftovers(self.path, self._created_journal)

    def __enter__(self) -> ProjectDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------

    @property
    def writable(self) -> bool:
        if self._lock_holder is not None:
            return self._lock_holder.writable
        return self._lock is not None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One edit, committed as a whole or not at all. Nested calls join the outer one."""
        if not self.writable:
            raise WorkbenchError(f"{self.path.name} is open read-only")
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if not self.path.exists():
            # SQLite would write on into the unlinked file, and the edit would vanish when it is closed.
            raise ProjectFileError(f"{self.path}: the project file or its folder was removed or moved while open; "
                                   "the edit was not saved (earlier work is in the file wherever it went)")
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            # Also when COMMIT itself fails (disk full, a deferred constraint): a transaction
            # left open would make every later edit fail with "within a transaction".
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if _is_storage_failure(exc):
                # A full disk or a read-only folder: one line for the desktop program and the command line.
                raise ProjectFileError(describe_storage_error(exc, self.path)) from exc
            raise
        finally:
            self._depth = 0

    # -- project info ----------------------------------------------------------

    def info(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM project_info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_info(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO project_info(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def integrity_problems(self) -> list[str]:
        """Full check: page structure, foreign keys, anchors that no longer match, search indexes."""
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent}")
        for claim_uuid, in self.conn.execute(
            "SELECT c.uuid FROM claim c JOIN source s ON s.id = c.source_id "
            "WHERE c.anchor_status <> 'orphaned' AND substr(s.text, c.start + 1, c.end - c.start) <> c.quote"
        ):
            problems.append(f"claim {claim_uuid}: quote no longer matches the source text")
        return problems or search_index.index_problems(self.conn)


_STORAGE_FAILURES = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN")


def _is_storage_failure(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return isinstance(exc, sqlite3.OperationalError) and name.startswith(_STORAGE_FAILURES)


def _check_is_project_file(path: Path) -> None:
    if not path.exists():
        raise ProjectFileError(f"{path}: no such project file")
    if path.is_dir():
        raise ProjectFileError(f"{path}: is a folder, not a project file")
    if not path.is_file():
        raise ProjectFileError(f"{path}: not a regular file")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot read ({exc.strerror})") from None
    if header != _SQLITE_HEADER:
        raise ProjectFileError(f"{path}: not a Research Workbench project (not an SQLite database)")


def acquire_writer_lock(path: Path) -> FileLock:
    lock = FileLock(lock_path_for(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ProjectLockedError(
            f"{path}: is open in another Research Workbench window or program; close it there first"
        ) from None
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise ProjectFileError(f"{path}: the project's folder is read-only, so the project can be read but "
                                   "not edited here (copy it to a folder you can write to)") from None
        raise ProjectFileError(f"{path}: cannot take the project lock ({exc.strerror})") from None
    if not os.access(path, os.W_OK):
        lock.release()
        raise ProjectFileError(f"{path}: the file is read-only")
    return lock


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    mode = "rw" if writable else "ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{path}: cannot open ({exc})") from None
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA trusted_schema = OFF")  # no functions with side effects from views or triggers
    QueryClock(query_seconds()).install(conn)
    return conn


def _validate(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version after checking it is ours, exactly our schema, and sound."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ProjectFileError(f"{path}: not a Research Workbench project (an SQLite file of another program)")
        if version > SCHEMA_VERSION:
            raise ProjectFileError(
                f"{path}: made by a newer Research Workbench (schema {version}; this version reads up to "
                f"{SCHEMA_VERSION}); update the program. The file was not changed."
            )
        if version < 1:
            raise ProjectFileError(f"{path}: schema version {version} was never written by Research Workbench "
                                   "(damaged or edited by another program); nothing was changed")
        difference = schema_difference(conn, version)
        if difference is not None:
            hint = (" 'workbench check --strip-unknown' removes them (after a backup)."
                    if difference.strippable else "")
            raise ProjectFileError(f"{path}: refused: the file holds {difference.describe()}; they could change "
                                   f"or hide your data. Nothing was changed.{hint}")
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"{path}: the project file is damaged ({exc}); nothing was changed") from None
    if result != ["ok"]:
        problems = [" ".join(line.split()) for row in result for line in row.splitlines()
                    if line.strip() and not line.startswith("***")]
        more = f" and {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
        raise ProjectFileError(f"{path}: the project file is damaged ({problems[0][:120]}{more}); nothing was changed")
    return version


def _journal_files_absent(path: Path) -> tuple[Path, ...]:
    return tuple(p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
                 if not p.exists())


def _probe(path: Path, absent: tuple[Path, ...], locked: bool = False) -> tuple[sqlite3.Connection, int]:
    """A read-only connection and the schema version, once the file (with any -wal) passes every check."""
    conn = _connect(path, False)
    try:
        return conn, _validate(conn, path)
    except BaseException as exc:
        conn.close()
        _remove_reader_leftovers(path, absent, locked)
        wal = path.with_name(path.name + "-wal")
        if (isinstance(exc, ProjectFileError) and wal.exists() and wal.stat().st_size
                and _main_file_alone_is_sound(path)):
            raise ProjectFileError(
                f"{path}: the {wal.name} file beside it does not belong to this project or is damaged; the project "
                f"file alone is intact. Move {wal.name} out of the folder and open again. Nothing was changed"
            ) from None
        if isinstance(exc, ProjectFileError) and "damaged" in str(exc):
            raise ProjectFileError(str(exc) + _recovery_hint(path)) from None
        raise


def _recovery_hint(path: Path) -> str:
    for backup in backups.list_backups(path):
        if not backups.verify_backup(backup.path):
            when = backup.taken_at.strftime("%Y-%m-%d %H:%M UTC")
            return (f". The newest good backup is from {when}: 'workbench restore {path} {backup.path}' puts it "
                    f"back (edits made after {when} would be lost; the damaged file is kept aside)")
    return ". No backup of it was found"


def strip_unknown_objects(path: Path) -> tuple[list[str], Path]:
    """Drop the triggers, views and indexes we did not create, after a verified backup; returns (dropped, backup).

    Only for a file that is otherwise exactly ours: a changed or missing table is refused.
    """
    path = Path(path)
    _check_is_project_file(path)
    lock = acquire_writer_lock(path)
    try:
        probe = _connect(path, False)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID or not 0 < version <= SCHEMA_VERSION:
                _validate(probe, path)  # raises the usual one-line refusal
            difference = schema_difference(probe, version)
            if difference is None:
                return [], Path()
            if not difference.strippable:
                raise ProjectFileError(f"{path}: cannot be repaired by stripping: the file holds "
                                       f"{difference.describe()}; nothing was changed")
            backup = backups.take_backup(probe, path, "before-strip")
        finally:
            probe.close()
        conn = _connect(path, True)
        try:
            dropped = strip_unexpected(conn, difference)
            _validate(conn, path)
            _leave_wal_mode(conn)
        finally:
            conn.close()
        return dropped, backup
    finally:
        lock.release()


def _main_file_alone_is_sound(path: Path) -> bool:
    """The main file, read as if no -wal were beside it (``immutable``: SQLite neither reads nor writes one)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        _validate(conn, path)
        return True
    except ProjectFileError:
        return False
    finally:
        conn.close()


def _enter_wal_mode(conn: sqlite3.Connection) -> None:
    """WAL for a session; on a full disk the file stays in its rollback-journal mode (as safe, only slower),
    so the project still opens and each edit fails alone, saying the disk is full."""
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_FULL":
            raise


def _leave_wal_mode(conn: sqlite3.Connection) -> None:
    """Fold the WAL back into the file on a clean close, so readers later find nothing to replay or create."""
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error:
        pass  # another connection still reads: the WAL stays, and is folded in on a later close


def _remove_reader_leftovers(path: Path, created: tuple[Path, ...], locked: bool = False) -> None:
    """Remove the empty -wal / -shm a read-only connection made, unless another writer has the project open."""
    created = tuple(p for p in created if p.exists())
    if not created:
        return  # the usual case: a file closed cleanly is in rollback mode, and readers make nothing
    lock = None if locked else FileLock(lock_path_for(path), timeout=0)
    try:
        if lock is not None:
            lock.acquire()
    except (Timeout, OSError):
        return
    try:
        for leftover in created:
            wal_with_frames = leftover.name.endswith("-wal") and leftover.exists() and leftover.stat().st_size
            if not wal_with_frames:
                leftover.unlink(missing_ok=True)
    finally:
        if lock is not None:
            lock.release()


def _apply_migrations(conn: sqlite3.Connection, from_version: int, to_version: int | None = None) -> None:
    for version in range(from_version, SCHEMA_VERSION if to_version is None else to_version):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _split_sql(script: str) -> list[str]:
    """Statements of a script, split where SQLite says a statement is complete."""
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))
    statements, buf = [], ""
    for piece in code.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                statements.append(buf.strip())
            buf = ""
    return statements


def _upgraded_copy_in_memory(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA foreign_keys = ON")
        _apply_migrations(copy, version)
    except BaseException:
        copy.close()
        raise
    finally:
        conn.close()
    return copy


def _backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> None:
    target = path.with_name(f"{path.name}.schema{version}.bak")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one file: no -wal/-shm beside it
    finally:
        dest.close()
    # A backup is only a backup once it has been read back: no upgrade without one.
    if not backup_reads_back(target, version):
        raise ProjectFileError(f"{path}: the backup made before upgrading ({target.name}) did not read back; "
                               "the project was not upgraded")


def backup_reads_back(target: Path, version: int) -> bool:
    """The backup opens, passes quick_check and has the schema version it was taken at."""
    try:
        check = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return (check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                and check.execute("PRAGMA user_version").fetchone()[0] == version)
    except sqlite3.DatabaseError:
        return False
    finally:
        check.close()
