"""Unexpected errors in the desktop program: logged, shown, and never at the cost of the edit in progress.

Without this, an exception in a slot is printed to a terminal the analyst never sees
and the action silently does nothing. Here every uncaught exception, from the GUI
thread (``sys.excepthook``, which PySide6 calls for exceptions in slots) or a worker
thread (``threading.excepthook``), is written with its traceback to the log file;
the claim editor is asked to commit the fields the analyst was typing; and a dialog
gives the one-line message and the log file's path. The dialog is shown on the GUI
thread through a queued signal, after the failing slot has returned, so no nested
event loop runs inside the hook, and a burst of errors makes one dialog, not fifty.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME
from ..core.text import one_line

log = logging.getLogger(__name__)
_MESSAGE_LENGTH = 200


def error_line(exc: BaseException) -> str:
    """``KeyError: 'x'`` on one line, cut to a length a dialog can show."""
    text = str(exc)
    return one_line(f"{type(exc).__name__}: {text}" if text else type(exc).__name__, _MESSAGE_LENGTH)


def main_window() -> QWidget | None:
    """The program's main window, if one is open (the error may come before or after it)."""
    from .main_window import MainWindow

    app = QApplication.instance()
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()] if app else []
    active = QApplication.activeWindow()
    return active if active in windows else (windows[0] if windows else None)


class ErrorReporter(QObject):
    # the one-line message, and whether the pending edit was saved (None: still to be saved, on the GUI thread)
    reported = Signal(str, object)

    def __init__(self, log_file: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self.errors = 0  # since the dialog was last dismissed
        self._saving = False
        self._previous = (sys.excepthook, threading.excepthook)
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous[0]
        if threading.excepthook == self.handle_thread:
            threading.excepthook = self._previous[1]
        if self in _installed:
            _installed.remove(self)

    # -- the hooks (any thread) ------------------------------------------------------

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        saved = None
        if threading.current_thread() is threading.main_thread():
            saved = self.save_pending_edit()  # now, before the next event changes what the editor holds
        self.reported.emit(error_line(exc), saved)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        thread = args.thread.name if args.thread is not None else "a thread"
        log.error("unexpected error in %s", thread, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        self.reported.emit(error_line(args.exc_value), None)

    # -- on the GUI thread ------------------------------------------------------------------

    def save_pending_edit(self) -> bool:
        """Ask the claim editor to commit what is typed; False if that failed too (logged, never raised)."""
        if self._saving:  # the commit itself failed and came back through the hook
            return False
        window = main_window()
        editor = getattr(window, "editor", None)
        if editor is None:
            return True
        self._saving = True
        try:
            editor.commit()
            return True
        except Exception:  # noqa: BLE001 - a second failure must not take the first one's dialog away
            log.exception("the edit in progress could not be saved")
            return False
        finally:
            self._saving = False

    def _show(self, message: str, saved: bool | None) -> None:
        if saved is None:
            saved = self.save_pending_edit()
        self.errors += 1
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setInformativeText(self._details(saved) + f"\n\n{self.errors - 1} more error(s) since.")
            return
        self.errors = 1
        self.dialog = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: unexpected error",
                                  f"Something went wrong: {message}", QMessageBox.StandardButton.Ok, main_window())
        self.dialog.setObjectName("unexpectedErrorDialog")
        self.dialog.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote names from sources
        self.dialog.setInformativeText(self._details(saved))
        self.dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dialog.open()

    def _details(self, saved: bool) -> str:
        kept = ("Your edits are kept: each is saved in the project as it is made."
                if saved else "The claim being edited could not be saved; copy what you typed before closing.")
        where = f"The details are in the log file:\n{self.log_file}" if self.log_file else "No log file could be written."
        return f"{kept}\n\n{where}"


_installed: list[ErrorReporter] = []  # the reporter in use, kept alive as long as its hooks are


def install_error_handler(log_file: Path | None) -> ErrorReporter:
    """Route uncaught exceptions (GUI and worker threads) to the log and an error dialog."""
    while _installed:
        _installed.pop().uninstall()
    reporter = ErrorReporter(log_file)
    reporter.install()
    _installed.append(reporter)
    return reporter
