"""Backups of a project file: taken with SQLite's online backup API, verified, rotated, restorable.

A file copy of a live database can catch it half-written; the backup API copies a
consistent snapshot (the -wal included). A backup only counts once it has been
opened again and passed ``quick_check``. Backups live in a folder beside the project
(``NAME.backups/``), so they travel with it and the analyst can see them; the newest
``keep`` are kept. Restoring first moves the current file (and any -wal) aside, so a
restore loses nothing either.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..core.errors import ProjectFileError, WorkbenchError
from .schema import APPLICATION_ID

DEFAULT_KEEP = 10
DAILY = timedelta(days=1)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}(?:\.\d{6})?Z)-(?P<reason>[a-z-]+)\.wbproj$")
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC
    reason: str  # manual, daily, upgrade, list-reimport, merge
    size: int


def backups_folder(project_path: Path) -> Path:
    return project_path.with_name(project_path.stem + ".backups")


def list_backups(project_path: Path) -> list[BackupInfo]:
    """The project's backups, newest first."""
    folder = backups_folder(project_path)
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match and entry.is_file():
                stamp = match["stamp"] if "." in match["stamp"] else match["stamp"][:-1] + ".000000Z"
                taken = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
                found.append(BackupInfo(entry, taken, match["reason"], entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def verify_backup(path: Path) -> str:
    """Empty when the backup opens, is one of our projects and passes quick_check; else what is wrong."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"cannot open ({exc})"
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return "not a Research Workbench project"
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        return "" if result == "ok" else f"damaged ({result})"
    except sqlite3.DatabaseError as exc:
        return f"damaged ({exc})"
    finally:
        conn.close()


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``source`` at ``target`` (a new file), verified; removed again if it fails."""
    if source.in_transaction:
        # Python's backup() waits for ever on a source connection that holds an open write.
        raise WorkbenchError("a backup cannot be taken while an edit is being written")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
        problem = verify_backup(tmp)
        if problem:
            raise ProjectFileError(f"{target}: the backup did not read back ({problem}); it was not kept")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def take_backup(conn: sqlite3.Connection, project_path: Path, reason: str = "manual",
                target: Path | None = None, keep: int = DEFAULT_KEEP) -> Path:
    """Back up the open project (``conn``) into its backups folder, or to ``target``; rotates the folder."""
    if target is None:
        stamp = datetime.now(UTC).strftime(_STAMP)
        target = backups_folder(project_path) / f"{project_path.stem}-{stamp}-{reason}.wbproj"
    copy_database(conn, target)
    if target.parent == backups_folder(project_path):
        rotate(project_path, keep)
    return target


def rotate(project_path: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups; returns the removed ones."""
    removed = []
    for old in list_backups(project_path)[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def daily_backup_due(project_path: Path, created_at: str, now: datetime | None = None) -> bool:
    """A project more than a day old whose newest backup is more than a day old (or missing)."""
    now = now or datetime.now(UTC)
    try:
        created = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        created = now - 2 * DAILY
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    if now - created < DAILY:
        return False
    newest = list_backups(project_path)
    return not newest or now - newest[0].taken_at >= DAILY


def set_aside_name(project_path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return project_path.with_name(f"{project_path.stem}.before-restore-{stamp}{project_path.suffix}")


def restore_backup(project_path: Path, backup: Path) -> Path:
    """Replace the project with ``backup``; the current file (and its -wal/-shm) is moved aside first.

    The caller holds the project's writer lock. Returns where the current file went.
    """
    problem = verify_backup(backup)
    if problem:
        raise ProjectFileError(f"{backup}: cannot restore from it: {problem}; nothing was changed")
    aside = set_aside_name(project_path)
    if project_path.exists():
        os.replace(project_path, aside)
        for suffix in ("-wal", "-shm"):
            journal = project_path.with_name(project_path.name + suffix)
            if journal.exists():
                os.replace(journal, aside.with_name(aside.name + suffix))
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy_database(source, project_path)
    except BaseException:
        if aside.exists() and not project_path.exists():
            os.replace(aside, project_path)  # put the current file back: a failed restore changes nothing
        raise
    finally:
        source.close()
    return aside
