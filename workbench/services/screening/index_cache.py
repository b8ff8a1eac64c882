"""The screening index kept between runs: in memory for the project last screened, and on disk in the
user's cache folder, so that screening a million-entry list does not start by filing every name.

The index is rebuilt whenever its signature differs: the lists' import times and the count and
highest id of their entries and names (a re-import, a new or deleted list, an undone import all
change them), the index format, and a fingerprint of how names are keyed (so a changed matcher
never uses keys filed by an older one). A list import builds it at once. The file holds numeric
arrays and text only and is read without unpickling; a file that cannot be read is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from functools import partial
from pathlib import Path

import numpy as np

from ...core.collector import collector_paused
from ...core.names import NAME_KEY_VERSION, blocking_keys, name_key, phonetic
from ...storage.lists import ListRepository
from ..project import Project
from ..settings import user_dirs
from .index import NameSource, ScreeningIndex

INDEX_FORMAT = 1
# Names whose keys fingerprint the matcher's tokenising: a change there changes the fingerprint.
_PROBES = ("ООО «Байкал Электроникс»", "Deripaska Oleg Vladimirovich", "Tschemesow", "Евросибэнерго",
           "UNITED COMPANY RUSAL PLC", "Πούτιν", "Banque Saderat Iran", "Kovačević, Vladimir 1100")
_memory: dict[str, tuple[str, ScreeningIndex]] = {}
_lock = threading.Lock()


def _fingerprint() -> str:
    keys = [(name_key(n), [blocking_keys(phonetic(t)) for t in name_key(n).split()]) for n in _PROBES]
    return hashlib.sha1(repr((INDEX_FORMAT, NAME_KEY_VERSION, keys)).encode()).hexdigest()[:16]


def cache_file(project: Project) -> Path:
    where = str(project.path.resolve())
    return user_dirs().cache / "screening-index" / (hashlib.sha1(where.encode()).hexdigest()[:20] + ".npz")


def screening_index(project: Project, rebuild: bool = False) -> ScreeningIndex:
    """The index of every listed name in the project, from memory, the cache file, or built anew."""
    repo = ListRepository(project.db)
    stored_keys_current = repo.refresh_name_keys()  # keys an older matcher stored are made again (once)
    names_of = repo.names_of_entry if stored_keys_current else partial(repo.names_of_entry, fresh_keys=True)
    signature = (f"{project.db.info('uuid')}|{_fingerprint()}|{repo.names_signature()}|"
                 f"{'stored' if stored_keys_current else 'fresh'}")
    where = str(project.path.resolve())
    with _lock:
        held = _memory.get(where)
        index = held[1] if held and held[0] == signature and not rebuild else None
        if index is None:
            path = cache_file(project)
            index = None if rebuild else _load(path, signature, names_of)
            if index is None:
                with collector_paused():
                    index = ScreeningIndex.build(repo.index_rows(fresh_keys=not stored_keys_current), names_of)
                _save(path, signature, index)
            _memory.clear()  # one project's index at a time: it can be a few hundred MB
            _memory[where] = (signature, index)
    index.use_names_from(names_of)  # this thread's connection
    return index


def _load(path: Path, signature: str, names_of: NameSource) -> ScreeningIndex | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            if bytes(data["signature"]).decode() != signature:
                return None
            arrays = {name: data[name] for name in ScreeningIndex.ARRAYS}
            text = bytes(data["block_keys"]).decode()
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    return ScreeningIndex(arrays, text.split("\n") if text else [], names_of)


def _save(path: Path, signature: str, index: ScreeningIndex) -> None:
    """Written beside and moved into place, so a reader never sees half a file; a cache that cannot be
    written (read-only home, full disk) only means the next run builds the index again."""
    arrays = {name: np.asarray(getattr(index, name)) for name in ScreeningIndex.ARRAYS}
    arrays["signature"] = np.frombuffer(signature.encode(), np.uint8)
    arrays["block_keys"] = np.frombuffer("\n".join(index.block_keys).encode(), np.uint8)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as fh:
            np.savez(fh, allow_pickle=False, **arrays)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)


def forget(project: Project) -> None:
    """Drop the index held in memory for this project (the file stays until its signature goes stale)."""
    with _lock:
        _memory.pop(str(project.path.resolve()), None)


def forget_all() -> None:
    with _lock:
        _memory.clear()
