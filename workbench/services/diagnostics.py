"""The program's log: one rotating file in the per-user log folder, for the desktop program and the CLI.

When something goes wrong on an analyst's machine, offline and far from us, the log is
what they can send: the steps that led up to it (each command done, undone and redone,
by name and with the ids it changed) and the traceback. It never holds the text of
sources, claims or notes: modules under ``workbench`` log ids, counts and command names
only, and a traceback holds code, not project data.

``WORKBENCH_HOME`` moves the folder as it moves every per-user file (see settings).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
from pathlib import Path

import platformdirs

from .. import __version__
from .settings import APP_DIR_NAME

LOG_FILE_NAME = "workbench.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # workbench.log.1 ... .5: a few days of ordinary use
_FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"
_ROOT_LOGGER = "workbench"


def log_dir() -> Path:
    home = os.environ.get("WORKBENCH_HOME")
    if home:
        return Path(home).expanduser() / "logs"
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_FILE_NAME


class _WorkbenchFileHandler(logging.handlers.RotatingFileHandler):
    """Ours, so that configuring again (a second window, a test with another home) replaces it."""


def configure_logging(level: int = logging.DEBUG) -> Path | None:
    """Send the ``workbench.*`` loggers to the rotating file; returns its path, or None if it cannot be written.

    A log that cannot be opened (a read-only home, a full disk) must not stop the
    program: it then logs nowhere, as before.
    """
    path = log_path()
    logger = logging.getLogger(_ROOT_LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _WorkbenchFileHandler)]:
        if Path(handler.baseFilename) == path.absolute():
            return path
        logger.removeHandler(handler)
        handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _WorkbenchFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.info("Research Workbench %s, Python %s on %s: logging to %s", __version__, platform.python_version(),
                platform.platform(terse=True), path)
    return path


def configured_log_path() -> Path | None:
    """The file the ``workbench`` loggers write to now, if any."""
    for handler in logging.getLogger(_ROOT_LOGGER).handlers:
        if isinstance(handler, _WorkbenchFileHandler):
            return Path(handler.baseFilename)
    return None


def log_internal_error(where: str) -> Path | None:
    """Log the exception being handled, with its traceback; returns the log file to name to the user."""
    logging.getLogger(_ROOT_LOGGER).exception("internal error in %s", where)
    return configured_log_path()
