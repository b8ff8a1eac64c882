"""Project files of every released schema must keep opening, and upgrades must be safe."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.services.project import open_project
from workbench.storage import database, schema

FIXTURES = Path(__file__).parent / "fixtures" / "projects"


@pytest.fixture
def schema1_copy(tmp_path):
    target = tmp_path / "old.wbproj"
    shutil.copy(FIXTURES / "schema1.wbproj", target)
    return target


def test_schema1_fixture_still_opens_with_exact_claims(schema1_copy):
    with open_project(schema1_copy) as project:
        claims = project.claims.list()
        assert [c.anchor.quote for c in claims] == ["trained GigaChat", "昇腾910B"]
        text = project.sources.text(claims[0].source_id)
        assert all(text[c.anchor.start:c.anchor.end] == c.anchor.quote for c in claims)
        assert claims[0].tags == ("models/llm",) and claims[0].grading.code == "B2"
        assert project.db.integrity_problems() == []


def test_upgrade_backs_up_first_then_migrates(schema1_copy, monkeypatch):
    extra = "CREATE TABLE upgrade_marker (x INTEGER);"
    monkeypatch.setattr(database, "MIGRATIONS", [*schema.MIGRATIONS, extra])
    monkeypatch.setattr(database, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with open_project(schema1_copy, writable=False) as project:  # a reader upgrades a copy in memory
        assert project.db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION + 1
        assert project.claims.count() == 2
    assert not schema1_copy.with_name("old.wbproj.schema1.bak").exists()
    with open_project(schema1_copy) as project:  # a writer upgrades the file, after a backup
        assert project.db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION + 1
        assert project.claims.count() == 2
    backup = schema1_copy.with_name("old.wbproj.schema1.bak")  # named for the version the file had
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM claim").fetchone()[0] == 2
    conn.close()


def test_failed_migration_leaves_file_at_old_version(schema1_copy, monkeypatch):
    broken = "CREATE TABLE fine (x); CREATE TABLE claim (x);"  # second statement fails
    monkeypatch.setattr(database, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(database, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        open_project(schema1_copy)
    conn = sqlite3.connect(schema1_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'fine'").fetchone()[0] == 0
    conn.close()


def test_reading_an_old_project_never_changes_the_file(cli, tmp_path):
    """check, sources, search: read-only commands upgrade a copy in memory, not the file."""
    import hashlib

    old = tmp_path / "old.wbproj"
    shutil.copy(FIXTURES / "schema1.wbproj", old)
    digest = hashlib.sha256(old.read_bytes()).hexdigest()
    for args in (["check", old], ["sources", old, "--json"], ["search", old, "GigaChat"], ["claims", old]):
        code, out, err = cli(*args)
        assert code == 0, err
    assert "GigaChat" in cli("search", old, "GigaChat")[1]
    assert hashlib.sha256(old.read_bytes()).hexdigest() == digest
    # SQLite keeps empty -wal/-shm files beside any WAL-mode file it reads; no backup, no upgrade.
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_backup_counts_only_when_it_reads_back(schema1_copy, tmp_path):
    assert database.backup_reads_back(schema1_copy, 1)
    assert not database.backup_reads_back(schema1_copy, 2)  # another schema version than taken at
    garbage = tmp_path / "garbage.bak"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert not database.backup_reads_back(garbage, 1)
    assert not database.backup_reads_back(tmp_path / "missing.bak", 1)


def test_schema3_fixture_upgrades_and_keeps_every_claim_exact(tmp_path):
    target = tmp_path / "sample3.wbproj"
    shutil.copy(FIXTURES / "schema3.wbproj", target)
    with open_project(target) as project:
        assert project.db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        claims = project.claims.list()
        assert len(claims) == 35
        for claim in claims:
            text = project.sources.text(claim.source_id)
            assert text[claim.anchor.start:claim.anchor.end] == claim.anchor.quote
        assert project.db.integrity_problems() == []
        tables = {row[0] for row in project.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"suggestion_dismissal", "claim_judgement", "saved_search"} <= tables
