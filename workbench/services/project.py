"""An open project: the database and its repositories behind one object."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import InvalidInputError, NotFoundError
from ..storage import backups
from ..storage.change_log import ChangeLog
from ..storage.claims import ClaimRepository
from ..storage.database import PROJECT_SUFFIX, ProjectDatabase, acquire_writer_lock, strip_unknown_objects
from ..storage.network import MeasureRepository, RelationRepository
from ..storage.row_journal import RowJournal
from ..storage.sources import SourceRepository
from ..storage.taxonomy import EntityRepository


class Project:
    def __init__(self, db: ProjectDatabase):
        self.db = db
        self.sources = SourceRepository(db)
        self.claims = ClaimRepository(db)
        self.tags = self.claims.tags
        self.entities: EntityRepository = self.claims.entities
        self.relations = RelationRepository(db)
        self.measures = MeasureRepository(db)
        # What each edit changed (for the panes) and how to reverse edits of many rows (for undo).
        self.changes = ChangeLog(db.conn)
        self.journal = RowJournal(db.conn)
        if db.writable:
            self.changes.install()

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def title(self) -> str:
        return self.db.info("title", self.path.stem)

    @property
    def writable(self) -> bool:
        return self.db.writable

    def for_thread(self) -> Project:
        """The same project over a connection of its own, for a worker thread (see ProjectDatabase.sibling)."""
        return Project(self.db.sibling())

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def with_suffix(path: str | os.PathLike) -> Path:
    """``demo`` becomes ``demo.wbproj``; an explicit other suffix is kept."""
    path = Path(path)
    return path if path.suffix else path.with_suffix(PROJECT_SUFFIX)


def create_project(path: str | os.PathLike, title: str = "") -> Project:
    return Project(ProjectDatabase.create(with_suffix(path), title))


def open_project(path: str | os.PathLike, writable: bool = True) -> Project:
    return Project(ProjectDatabase.open(path, writable=writable))


def check_project(path: str | os.PathLike) -> list[str]:
    """Problems found by a full integrity check; empty when the project is sound."""
    with open_project(path, writable=False) as project:
        return project.db.integrity_problems()


def backup_project(path: str | os.PathLike, target: str | os.PathLike | None = None) -> Path:
    """A verified backup of the project, taken over a read-only connection (it may be open elsewhere)."""
    with open_project(path, writable=False) as project:
        return project.db.backup("manual", Path(target) if target else None)


def project_backups(path: str | os.PathLike) -> list[backups.BackupInfo]:
    return backups.list_backups(Path(path))


def newest_good_backup(path: str | os.PathLike) -> backups.BackupInfo | None:
    """The newest backup that reads back and passes quick_check, for recovering a damaged project."""
    return next((b for b in backups.list_backups(Path(path)) if not backups.verify_backup(b.path)), None)


def keep_backups(path: str | os.PathLike, keep: int) -> list[Path]:
    """Keep the newest ``keep`` backups of this project (stored in the project); returns the ones removed."""
    if keep < 1:
        raise InvalidInputError("keep at least 1 backup")
    with open_project(path) as project:
        project.db.set_info("backup_keep", str(keep))
    return backups.rotate(Path(path), keep)


def restore_project(path: str | os.PathLike, backup: str | os.PathLike) -> Path:
    """Put ``backup`` in place of the project (refused while the project is open); returns where the old file went."""
    path, backup = Path(path), Path(backup)
    if not backup.is_file():
        raise NotFoundError(f"{backup}: no such backup")
    lock = acquire_writer_lock(path) if path.exists() else None
    try:
        return backups.restore_backup(path, backup)
    finally:
        if lock is not None:
            lock.release()


def strip_unknown(path: str | os.PathLike) -> tuple[list[str], Path]:
    return strip_unknown_objects(Path(path))
