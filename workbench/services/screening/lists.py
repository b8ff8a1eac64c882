"""Importing sanctions lists into a project, and reading them back.

An import is one transaction: it replaces the list's entries with the file's, records
what was added and removed since the last version, and keeps every malformed row's file
and line in the report. Records are written in batches, so memory stays flat however
long the list; ``progress`` is called between batches (from whatever thread runs the
import) with the share of bytes read, and may raise to cancel, which undoes the import.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

from ...core.errors import InvalidInputError, NotFoundError
from ...core.lists import ImportSummary, ListFormat, SanctionsList
from ...core.model import enum_values
from ...storage.lists import ListRepository
from ..project import Project
from .formats import DEFAULT_NAMES, open_reader
from .formats.common import ReadState, Supplement

ProgressCallback = Callable[[float, str], None]
_Item = TypeVar("_Item")
BATCH_SIZE = 5000
_MAX_PROBLEMS_KEPT = 1000


def parse_format(value: str) -> ListFormat:
    try:
        return ListFormat(value)
    except ValueError:
        raise InvalidInputError(f"list format must be one of {', '.join(enum_values(ListFormat))}, "
                                f"not {value!r}") from None


def _check_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    checked = []
    for path in map(Path, paths):
        if not path.is_file():
            raise InvalidInputError(f"{path}: no such file")
        checked.append(path)
    if not checked:
        raise InvalidInputError("give at least one list file")
    return checked


def _check_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInputError(f"list date must be YYYY-MM-DD, not {value!r}") from None


def import_list(project: Project, paths: Iterable[str | os.PathLike], fmt: ListFormat | str,
                name: str | None = None, version_date: str | None = None,
                progress: ProgressCallback | None = None) -> ImportSummary:
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    files = _check_paths(paths)
    name = (name or DEFAULT_NAMES[fmt]).strip()
    reader = open_reader(fmt, files)
    total_bytes = sum(p.stat().st_size for p in files) or 1
    report = progress or (lambda fraction, message: None)
    repo = ListRepository(project.db)
    if repo.find(name) is not None:
        project.db.backup("list-reimport")  # a re-import replaces every entry of the list: keep the old ones
    with project.db.transaction() as conn, repo.bulk_writing(conn):
        repo.refresh_name_keys()  # the other lists' keys, so that every stored key is of the current version after
        list_id, previous = repo.begin_version(conn, name, fmt.value)
        written = 0
        for batch in _batches(reader.records(), BATCH_SIZE):
            written += repo.add_records(conn, list_id, batch)
            report(min(reader.state.bytes_read / total_bytes, 1.0), f"{written:,} entries read")
        if not written:
            raise InvalidInputError(f"{', '.join(p.name for p in files)}: no list entries found"
                                    + (f" ({reader.state.problems[0]})" if reader.state.problems else ""))
        _apply_supplements(repo, conn, list_id, reader.supplements(), reader.state)
        version = _check_date(version_date) if version_date else (
            reader.state.version_date or date.fromtimestamp(files[0].stat().st_mtime).isoformat())
        problems = [str(p) for p in reader.state.problems]
        kept = problems[:_MAX_PROBLEMS_KEPT] + ([f"... and {len(problems) - _MAX_PROBLEMS_KEPT} more"]
                                                if len(problems) > _MAX_PROBLEMS_KEPT else [])
        entries, added, removed, added_sample, removed_sample = repo.finish_version(
            conn, list_id, version, ";".join(p.name for p in files), kept)
    report(1.0, f"{entries:,} entries imported; filing their names for screening")
    _index_for_screening(project)
    return ImportSummary(name, version, entries, added, removed, previous, tuple(reader.state.problems),
                         dict(reader.state.skipped), tuple(added_sample), tuple(removed_sample))


def _index_for_screening(project: Project) -> None:
    """File the lists' names for screening now, while the import is waited for anyway, so the first screening
    starts at once. The index is a cache: the import stands (it is committed) if it cannot be built now.
    Imported here: the index is numpy arrays, which the command line does not load at every start."""
    from .index_cache import forget, screening_index
    try:
        screening_index(project, rebuild=True)
    except MemoryError:
        forget(project)


def _batches(records: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _apply_supplements(repo: ListRepository, conn, list_id: int, supplements: Iterable[Supplement],
                       state: ReadState) -> None:
    """Aliases, addresses and remarks given in side files; a row naming an unknown entry is a problem."""
    for batch in _batches(supplements, BATCH_SIZE):
        ids = repo.entry_ids_by_key(conn, list_id, (s.key for s in batch))
        names, countries, remarks, identifiers = [], [], [], []
        for item in batch:
            entry_id = ids.get(item.key)
            if entry_id is None:
                state.problem(item.file, item.line, f"entry {item.key} is not in the list's main file")
                continue
            if item.kind == "alias":
                names.append((entry_id, item.value, True))
            elif item.kind == "country":
                countries.append((entry_id, item.value))
            elif item.kind == "remarks":
                remarks.append((entry_id, item.value))
            else:
                identifiers.append((entry_id, item.scheme, item.value))
        repo.add_names(conn, names)
        repo.add_countries(conn, countries)
        repo.append_remarks(conn, remarks)
        repo.add_identifiers(conn, identifiers)


def list_lists(project: Project) -> list[SanctionsList]:
    return ListRepository(project.db).list()


def find_list(project: Project, name: str) -> SanctionsList:
    found = ListRepository(project.db).find(name)
    if found is None:
        raise NotFoundError(f"no sanctions list named {name!r} in this project")
    return found


def list_history(project: Project, name: str) -> list[dict]:
    repo = ListRepository(project.db)
    return repo.history(find_list(project, name).id)


def import_changes(project: Project, import_id: int) -> list[tuple[str, str, str]]:
    """(change, entry key, caption) of one import, change being "added" or "removed"; empty for a first import."""
    return ListRepository(project.db).changes(import_id)
