"""One program per user: opening a project while the program runs brings it up in the running one.

The first program listens on a local socket (QLocalServer: a Unix domain socket or a
Windows named pipe, never a network port) named after the user's settings folder, so a
second ``WORKBENCH_HOME`` (tests, the self-test) is a separate instance. A later launch
connects, sends the project path as one JSON line, waits for "ok" and exits; the
running program opens the project and raises its window. A stale socket left by a
crashed program is removed when nothing answers on it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ..services.settings import user_dirs

CONNECT_MS = 500
REPLY_MS = 3000


def server_name() -> str:
    """A name per user and settings folder (Qt puts the socket in the temporary folder)."""
    key = f"{os.getuid() if hasattr(os, 'getuid') else os.environ.get('USERNAME', '')}:{user_dirs().config}"
    return "ResearchWorkbench-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _message(project: str | None) -> bytes:
    path = str(Path(project).expanduser().resolve()) if project else None
    return (json.dumps({"open": path}) + "\n").encode("utf-8")


def hand_over(project: str | None, name: str | None = None) -> bool:
    """Give the project to a running program; True if one took it (this launch should then exit)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(_message(project))
    socket.waitForBytesWritten(REPLY_MS)  # False when flushed at once: not a failure
    reply = b""
    while b"\n" not in reply and socket.waitForReadyRead(REPLY_MS):
        reply += bytes(socket.readAll())
    reply = reply.strip()
    socket.disconnectFromServer()
    return reply == b"ok"


class InstanceServer(QObject):
    """Listens for later launches and passes each project path (or None: just show) to ``on_open``."""

    def __init__(self, on_open: Callable[[str | None], None], name: str | None = None, parent=None):
        super().__init__(parent)
        self.on_open = on_open
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.name = name or server_name()

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # left by a program that crashed: nothing answered on it
        return self.server.listen(self.name)

    def _accept(self) -> None:
        # Each launch sends its one line right after connecting: read it here, answer and hang
        # up, so no connection outlives this call (no per-connection slots to outlive it either).
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            path, understood = self._request(connection)
            if understood:
                connection.write(b"ok\n")
                connection.waitForBytesWritten(REPLY_MS)
            connection.disconnectFromServer()
            connection.deleteLater()
            if understood:
                self.on_open(path)

    @staticmethod
    def _request(connection: QLocalSocket) -> tuple[str | None, bool]:
        buffer = b""
        while b"\n" not in buffer and len(buffer) <= 65536:
            if not connection.bytesAvailable() and not connection.waitForReadyRead(REPLY_MS):
                return None, False
            buffer += bytes(connection.readAll())
        try:
            request = json.loads(buffer.split(b"\n", 1)[0].decode("utf-8"))
        except ValueError:
            return None, False
        path = request.get("open") if isinstance(request, dict) else None
        return (path if isinstance(path, str) else None), isinstance(request, dict)

    def close(self) -> None:
        self.server.close()
