"""Importing files and folders as sources. Each file succeeds or fails alone; a failure changes nothing.

Parsing runs in a worker process (worker.py); the database is written here, through
the given Project, in one transaction per source. ``import_files`` is what the
command line and the desktop program (from a worker thread) call: it reports each
result and the progress, and stops between files when asked to.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import WorkbenchError
from ...core.model import Source
from ...storage.sources import content_hash
from ..project import Project
from .base import Extracted, ImportOptions
from .registry import supported_suffixes
from .worker import Extractor, read_file


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: str
    status: str  # "imported", "duplicate" or "failed"
    message: str
    source: Source | None = None
    removed: int = 0  # boilerplate blocks kept out of the text
    warnings: tuple[str, ...] = ()  # cleaning held back (over-removal guard) or misjudged: shown loudly


@dataclass(frozen=True, slots=True)
class PlannedFile:
    path: Path
    problem: str = ""  # set when the entry cannot be imported at all (an empty folder)


def plan_files(paths: Iterable[str | os.PathLike]) -> list[PlannedFile]:
    """The files to import: each path as given, and each folder's importable files (recursively, sorted)."""
    suffixes = set(supported_suffixes())
    planned = []
    for entry in map(Path, paths):
        if not entry.is_dir():
            planned.append(PlannedFile(entry))
            continue
        found = sorted(p for p in entry.rglob("*") if p.suffix.lower() in suffixes and p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(entry).parts))
        if not found:
            planned.append(PlannedFile(entry, f"{entry}: the folder holds no files that can be imported "
                                              f"({', '.join(sorted(suffixes))})"))
        planned.extend(PlannedFile(p) for p in found)
    return planned


def _describe(source: Source, extracted: Extracted) -> str:
    """One line: the source, what the cleaning kept out (and its share when large), notes and warnings."""
    removed = len(extracted.removed)
    taken = sum(len(block.text) for block in extracted.removed)
    share = taken / ((len(extracted.text) + taken) or 1)
    extra = [f"{removed} boilerplate block(s) kept out" + (f" ({share:.0%} of the text)" if share > 0.2 else "")
             ] if removed else []
    warnings = (f"WARNING: {w}" for w in extracted.warnings)
    return "; ".join([f"{source.uuid[:8]} {source.title}", *extra, *extracted.notes, *warnings])


def import_file(project: Project, path: str | os.PathLike, options: ImportOptions | None = None,
                extractor: Extractor | None = None) -> ImportResult:
    """Import one file; with no ``extractor`` a worker process is started for it alone."""
    if extractor is None:
        with Extractor() as own:
            return import_file(project, path, options, own)
    options = options or ImportOptions()
    path = Path(path)
    try:
        extracted = extractor.extract(path, options)
        existing = project.sources.find_by_hash(content_hash(extracted.text))
        if existing is not None:
            return ImportResult(str(path), "duplicate",
                                f"same text as source {existing.uuid[:8]} ({existing.title!r}); not imported again",
                                existing)
        original = read_file(path, options.max_bytes)
        source = project.sources.add(extracted.meta, extracted.text, original, extracted.media_type,
                                     filename=path.name, encoding=extracted.encoding,
                                     page_starts=extracted.page_starts, removed=extracted.removed)
    except WorkbenchError as exc:
        return ImportResult(str(path), "failed", str(exc))
    removed = len(extracted.removed)
    return ImportResult(str(path), "imported", _describe(source, extracted),
                        source, removed, extracted.warnings)


def import_files(project: Project, paths: Iterable[str | os.PathLike],
                 on_result: Callable[[ImportResult], None] | None = None, *,
                 options: ImportOptions | None = None,
                 on_progress: Callable[[int, int], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> list[ImportResult]:
    """Import files and folders; ``on_progress(done, total)`` after each file, ``should_cancel()`` before each.

    When cancelled, the files not yet started are left out of the results; the ones
    already imported stay imported.
    """
    planned = plan_files(paths)
    results: list[ImportResult] = []
    with Extractor() as extractor:
        for done, item in enumerate(planned, 1):
            if should_cancel is not None and should_cancel():
                break
            if item.problem:
                result = ImportResult(str(item.path), "failed", item.problem)
            else:
                result = import_file(project, item.path, options, extractor)
            results.append(result)
            if on_result:
                on_result(result)
            if on_progress:
                on_progress(done, len(planned))
    return results


def summarise(results: Iterable[ImportResult]) -> dict[str, int]:
    counts = {"imported": 0, "duplicate": 0, "failed": 0}
    for result in results:
        counts[result.status] += 1
    return counts

