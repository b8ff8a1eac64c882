"""Files written whole or not at all: every report and export goes through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.errors import InvalidInputError


def write_atomically(path: str | os.PathLike, data: bytes) -> Path:
    """Write the whole file or nothing: a failure leaves no half-written report behind."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInputError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise InvalidInputError(f"{path.parent}: folder does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
