"""Parsing files in a worker process with a time and memory cap.

A file that crashes the parser, loops forever or eats memory fails alone: the worker
is stopped (or dies) and the next file gets a fresh one. The worker is started with
"spawn", not "fork", so it is safe to use from a program with threads (the desktop
program calls this from a QThread). Its address space is capped with
``setrlimit(RLIMIT_AS)`` and it cannot open network connections: a parser that
tried to fetch a remote reference would fail instead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import threading
import time
from pathlib import Path

from ...core.errors import InvalidInputError, WorkbenchError
from .base import MB, Extracted, ImportOptions, finish
from .registry import format_for, reader


def check_file(path: Path, max_bytes: int) -> int:
    """Refuse what is not a readable regular file of acceptable size; returns the size."""
    if not path.exists():
        raise InvalidInputError(f"{path}: no such file")
    if path.is_dir():
        raise InvalidInputError(f"{path}: is a folder; give the files inside it")
    if not path.is_file():
        raise InvalidInputError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InvalidInputError(f"{path}: empty file")
    if size > max_bytes:
        raise InvalidInputError(f"{path}: too large ({size / MB:.0f} MB; the limit is {max_bytes / MB:.0f} MB)")
    return size


def read_file(path: Path, max_bytes: int) -> bytes:
    check_file(path, max_bytes)
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InvalidInputError(f"{path}: too large (it grew while being read; the limit is {max_bytes // MB} MB)")
    return data


def extract_path(path: Path, options: ImportOptions) -> Extracted:
    """Read and parse one file in this process; every failure is an InvalidInputError of one line."""
    fmt = format_for(path)
    data = read_file(path, options.max_bytes)
    try:
        draft = reader(fmt)(data, path.name, options, fmt.media_type)
        return finish(draft, path.name, options.keep_boilerplate, options.clean_anyway)
    except WorkbenchError:
        raise
    except MemoryError:
        raise InvalidInputError(f"{path.name}: needs more memory than the limit of {options.memory_mb} MB; "
                                "not imported") from None
    except RecursionError:
        raise InvalidInputError(f"{path.name}: nested too deeply to read (damaged or hostile file?)") from None
    except Exception as exc:  # a parser's own error on a damaged file: report it, never crash the batch
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise InvalidInputError(f"{path.name}: damaged or unreadable {fmt.name.upper()} file "
                                f"({type(exc).__name__}: {detail})") from None


def _refuse_network(*_args, **_kwargs):
    raise OSError("network access is disabled while importing")


def _confine(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still applies
    socket.socket.connect = _refuse_network  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse_network  # type: ignore[method-assign]
    socket.create_connection = _refuse_network
    socket.getaddrinfo = _refuse_network


_GRACE_SECONDS = 2.0  # the parent stops an overdue reader first; this is the reader's own backstop


class _Watchdog:
    """Ends the worker when its parent is gone or a request runs past its time limit.

    The parent normally enforces the limit, but a parent that was killed (or is
    stopped) cannot: without this the worker would parse on, orphaned, and later
    fail to send its result into a closed pipe.
    """

    def __init__(self, parent_pid: int):
        self.parent_pid = parent_pid
        self.deadline = 0.0
        threading.Thread(target=self._watch, name="workbench-import-watchdog", daemon=True).start()

    def _watch(self) -> None:
        while True:
            time.sleep(0.2)
            if os.getppid() != self.parent_pid:
                os._exit(0)
            if self.deadline and time.monotonic() > self.deadline:
                os._exit(3)


def _reply(conn, message) -> bool:
    try:
        conn.send(message)
        return True
    except (OSError, EOFError):  # the parent has gone: nobody to tell
        return False


def _serve(conn, memory_mb: int, parent_pid: int | None = None) -> None:
    """The worker's loop: a (path, options) request in, ("ok", Extracted) or ("failed", message) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _confine(memory_mb)
    watchdog = _Watchdog(parent_pid or os.getppid())
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        path, options = request
        watchdog.deadline = time.monotonic() + options.timeout + _GRACE_SECONDS
        reply: tuple[str, object]
        try:
            reply = ("ok", extract_path(Path(path), options))
        except WorkbenchError as exc:
            reply = ("failed", str(exc))
        except MemoryError:
            reply = ("failed", f"{Path(path).name}: needs more memory than the limit of {memory_mb} MB")
        try:
            sent = _reply(conn, reply)
        except MemoryError:  # while sending a result too large for the limit
            sent = _reply(conn, ("failed", f"{Path(path).name}: needs more memory than the limit of {memory_mb} MB"))
            return
        watchdog.deadline = 0.0
        if not sent:
            return


class Extractor:
    """Parses files one at a time in a worker process (or in this one, if ``isolate`` is off)."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: multiprocessing.connection.Connection | None = None
        self._memory_mb = 0

    def extract(self, path: Path, options: ImportOptions) -> Extracted:
        if not options.isolate:
            return extract_path(path, options)
        format_for(path)
        check_file(path, options.max_bytes)
        conn = self._worker(options.memory_mb)
        conn.send((str(path), options))
        if not conn.poll(options.timeout):
            self.close(kill=True)
            raise InvalidInputError(f"{path.name}: reading took longer than {options.timeout:g} s and was stopped "
                                    "(damaged or hostile file?)")
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            raise InvalidInputError(f"{path.name}: the reader crashed on this file ({self._death()})") from None
        if status == "ok":
            return payload
        if self._process is not None and not self._process.is_alive():
            self.close()
        raise InvalidInputError(payload)

    def start(self, memory_mb: int) -> None:
        """Start the worker now rather than on the first file (it takes a moment to start)."""
        self._worker(memory_mb)

    def _worker(self, memory_mb: int):
        if self._process is not None and (not self._process.is_alive() or self._memory_mb != memory_mb):
            self.close(kill=True)
        if self._process is None:
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            self._process = context.Process(target=_serve, args=(child, memory_mb, os.getpid()), daemon=True,
                                            name="workbench-import")
            self._process.start()
            child.close()
            self._conn, self._memory_mb = parent, memory_mb
        return self._conn

    def _death(self) -> str:
        code = None
        if self._process is not None:
            self._process.join(5)
            code = self._process.exitcode
        self.close(kill=True)
        if code is not None and code < 0:
            try:
                return f"killed by signal {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def close(self, kill: bool = False) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is None or conn is None:  # set together by _worker
            return
        if not kill and process.is_alive():
            try:
                conn.send(None)
            except OSError:
                pass
            process.join(2)
        if process.is_alive():
            process.kill()
        process.join(5)
        conn.close()
        if hasattr(process, "close"):
            process.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if self._process is not None:
            self.close(kill=True)
