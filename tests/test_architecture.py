"""Guards on how the program is built: layering, no network, a Qt that does not crash."""

import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_network_is_blocked_in_tests(offline):
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    offline.clear()


def test_whole_workflow_opens_no_connection(offline, cli, tmp_path, text_files):
    offline.clear()
    path = tmp_path / "net.wbproj"
    cli("new", path)
    cli("import", path, *text_files.values())
    cli("search", path, "chips")
    cli("export", path, "--format", "md", "-o", tmp_path / "r.md")
    assert cli("sample", tmp_path / "sample.wbproj")[0] == 0
    cli("check", path)
    assert offline == []


QT_VOID_CALLS = textwrap.dedent("""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    doc = QTextDocument("x" * 1000)
    cursor = QTextCursor(doc)
    for i in range(100_000):
        cursor.setPosition(i % 1000)
    print("survived")
""")


def test_pinned_pyside_survives_100k_void_calls():
    """PySide6 6.12.0 on CPython 3.11 aborts after ~10k such calls (ARCHITECTURE.md)."""
    result = subprocess.run([sys.executable, "-c", QT_VOID_CALLS], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", "workbench", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_subpackage_is_listed_for_installation():
    """pyproject lists packages by hand (data/ maps to workbench.data); a missing one breaks installed copies."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "workbench").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
