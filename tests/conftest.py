import hashlib
import ipaddress
import os
import socket
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NETWORK_ATTEMPTS: list[tuple] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded(real):
    def connect(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            NETWORK_ATTEMPTS.append((self.family, address))
            raise ConnectionRefusedError(f"tests forbid network connections (to {address!r})")
        return real(self, address, *args)
    return connect


_real_getaddrinfo = socket.getaddrinfo


def _refused_lookup(host, *args, **kwargs):
    try:  # a numeric address needs no look-up (the connect that follows is what the guard stops)
        ipaddress.ip_address(host)
        return _real_getaddrinfo(host, *args, **kwargs)
    except ValueError:
        pass
    NETWORK_ATTEMPTS.append(("getaddrinfo", host))
    raise socket.gaierror(f"tests forbid network look-ups (of {host!r})")


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """The program must work offline: any attempt to reach the network (a connect outside AF_UNIX, a name
    look-up) fails the attempt, and fails the test unless the test itself expected it and cleared the record."""
    NETWORK_ATTEMPTS.clear()
    monkeypatch.setattr(socket.socket, "connect", _guarded(_real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded(_real_connect_ex))
    monkeypatch.setattr(socket, "getaddrinfo", _refused_lookup)
    yield NETWORK_ATTEMPTS
    attempts = list(NETWORK_ATTEMPTS)
    NETWORK_ATTEMPTS.clear()
    if attempts:
        pytest.fail(f"the test tried to reach the network: {attempts[:3]}")


@pytest.fixture(autouse=True)
def workbench_home(tmp_path, monkeypatch):
    home = tmp_path / "wb-home"
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home


@pytest.fixture
def cli(capsys):
    """Run the command line in-process; returns (exit code, stdout, stderr)."""
    from workbench.__main__ import main

    def run(*args):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


_INDEX_TABLES = ("source_words", "source_trigrams", "claim_words", "claim_trigrams")


def project_snapshot(path: Path) -> list:
    """Every row of every table (search indexes aside): equal snapshots mean an unchanged project."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                  if not name.startswith(_INDEX_TABLES)]
        return [(t, sorted(map(repr, conn.execute(f"SELECT * FROM {t}")))) for t in tables]
    finally:
        conn.close()


SAMPLE_TEXTS = {
    "english.txt": "Export controls on AI chips\n\nThe United States restricted exports of advanced AI chips "
                   "in October 2022. Russia's planners want AI to add 11.2 trillion rubles to GDP by 2030.\n",
    "emoji.md": "---\ntitle: Emoji note\npublished: 2024-12-12\n---\n# Emoji note\n\n📌 Pinned: 🇷🇺 teams buy "
                "GPUs through third countries. 🔋 Power is cheap near nuclear plants.\n",
    "russian.txt": "Сбер обучил GigaChat. Ещё один пример: объём рынка растёт.\nЙошкар-Ола и мой дом.\n",
    "chinese.txt": "华为昇腾910B芯片被视为英伟达的替代品。美国出口管制限制了先进芯片的销售。\n",
    "combining.txt": "Cafe\u0301 owner said: the re\u0301sume\u0301 is fine. Rocket: 🚀 launch.\n",
}


@pytest.fixture
def text_files(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    paths = {}
    for name, text in SAMPLE_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths[name] = folder / name
    return paths


@pytest.fixture
def project_path(tmp_path, text_files, cli):
    path = tmp_path / "demo.wbproj"
    assert cli("new", path, "--title", "Demo")[0] == 0
    code, out, err = cli("import", path, *text_files.values())
    assert code == 0, err
    return path


@pytest.fixture
def pane(qtbot, tmp_path):
    """The sanctions and dependency pane on a fresh copy of the sample project."""
    from workbench.services.project import open_project
    from workbench.services.sample import build_sample
    from workbench.ui.dependency.pane import DependencyPane

    project = open_project(build_sample(tmp_path / "sample.wbproj"))
    widget = DependencyPane(project)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    yield widget
    widget.stop_work()  # background list imports and screening runs
    widget.project.close()
