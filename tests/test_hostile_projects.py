"""Hostile and stray project files: whatever the program refuses stays byte-identical, its -wal included."""

import shutil
import sqlite3
import time

import pytest

from tests.conftest import file_digest
from workbench.core.errors import ProjectFileError
from workbench.core.model import EntityKind, RelationKind
from workbench.services.project import create_project, open_project
from workbench.storage import guard


def _project_with_relations(path):
    with create_project(path, "Good") as project:
        a = project.entities.add("Alpha", EntityKind.COMPANY)
        b = project.entities.add("Beta", EntityKind.COMPANY)
        for _ in range(3):
            project.relations.add(a.id, RelationKind.SUPPLIES, b.id)
    return path


def _pending_wal(path, statements):
    """Run ``statements`` on ``path`` in WAL mode and return the -wal bytes they left (not checkpointed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for statement in statements:
        conn.execute(statement)
    wal = path.with_name(path.name + "-wal").read_bytes()
    conn.close()
    return wal


def _digests(folder):
    return {p.name: file_digest(p) for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock")}


def test_a_foreign_wal_is_refused_and_nothing_changes(tmp_path, cli):
    good = _project_with_relations(tmp_path / "good.wbproj")
    other = tmp_path / "other" / "other.db"
    other.parent.mkdir()
    wal = _pending_wal(other, ["CREATE TABLE t (x)", *["INSERT INTO t VALUES (randomblob(3000))"] * 20])
    good.with_name("good.wbproj-wal").write_bytes(wal)
    before = _digests(tmp_path)
    for args in (["check", good], ["entity", "add", good, "Gamma", "--kind", "company"], ["sources", good]):
        code, out, err = cli(*args)
        assert code == 1
        assert "does not belong to this project" in err and err.count("\n") == 1, err
        assert _digests(tmp_path) == before
    with pytest.raises(ProjectFileError, match="Move good.wbproj-wal out"):
        open_project(good)
    assert _digests(tmp_path) == before
    good.with_name("good.wbproj-wal").unlink()
    with open_project(good) as project:  # the main file alone was intact all along
        assert len(project.relations.list()) == 3


def test_a_newer_or_foreign_file_with_a_pending_wal_stays_byte_identical(tmp_path, cli):
    newer = _project_with_relations(tmp_path / "newer.wbproj")
    _pending_wal(newer, ["PRAGMA user_version = 99", "INSERT INTO project_info VALUES ('x', 'y')"])
    # _pending_wal closed its connection, which folded the WAL in; make one that stays pending.
    conn = sqlite3.connect(newer, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO project_info VALUES ('z', 'w')")
    saved = newer.with_name("newer.wbproj-wal").read_bytes()
    conn.close()
    newer.with_name("newer.wbproj-wal").write_bytes(saved)
    before = _digests(tmp_path)
    code, out, err = cli("entity", "add", newer, "Gamma", "--kind", "company")
    assert code == 1 and "newer Research Workbench" in err
    assert _digests(tmp_path) == before


def _add_schema_object(path, statement):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(statement)
    conn.close()


HOSTILE_OBJECTS = {
    "wiping trigger": "CREATE TRIGGER wipe AFTER INSERT ON entity BEGIN DELETE FROM relation; DELETE FROM measure; END",
    "infinite view": "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                     "SELECT i FROM n",
    "index": "CREATE INDEX spy ON entity (country)",
}


@pytest.mark.parametrize("statement", HOSTILE_OBJECTS.values(), ids=HOSTILE_OBJECTS.keys())
def test_objects_we_did_not_create_are_refused_and_can_be_stripped(tmp_path, cli, statement):
    path = _project_with_relations(tmp_path / "p.wbproj")
    _add_schema_object(path, statement)
    before = _digests(tmp_path)
    code, out, err = cli("entity", "add", path, "Gamma", "--kind", "company")
    assert code == 1 and "did not create" in err and "--strip-unknown" in err, err
    code, out, err = cli("check", path)
    assert code == 1 and "did not create" in err
    assert _digests(tmp_path) == before
    code, out, err = cli("check", path, "--strip-unknown")
    assert code == 0, err
    assert "removed" in out and "backup" in out
    assert cli("entity", "add", path, "Gamma", "--kind", "company")[0] == 0
    with open_project(path, writable=False) as project:
        assert len(project.relations.list()) == 3


def test_a_view_shadowing_a_table_is_refused_and_not_strippable(tmp_path, cli):
    path = _project_with_relations(tmp_path / "p.wbproj")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE project_info RENAME TO real_info")
    conn.execute("CREATE VIEW project_info AS SELECT 'title' AS key, 'Forged title' AS value")
    conn.close()
    before = _digests(tmp_path)
    code, out, err = cli("check", path, "--strip-unknown")
    assert code == 1 and "changed or missing" in err and "project_info" in err
    assert _digests(tmp_path) == before


@pytest.mark.parametrize("version", [0, -1, 2])
def test_a_wrong_user_version_gets_a_clear_refusal_and_no_backup(tmp_path, cli, version):
    path = _project_with_relations(tmp_path / "p.wbproj")
    _add_schema_object(path, f"PRAGMA user_version = {version}")
    before = _digests(tmp_path)
    code, out, err = cli("entity", "add", path, "Gamma", "--kind", "company")
    assert code == 1 and err.count("\n") == 1
    assert "already exists" not in err and ("never written" in err or "did not create" in err or
                                            "changed or missing" in err), err
    assert _digests(tmp_path) == before


def test_every_query_runs_against_a_clock(tmp_path, monkeypatch):
    monkeypatch.setenv(guard.QUERY_SECONDS_ENV, "0.5")
    path = _project_with_relations(tmp_path / "p.wbproj")
    with open_project(path) as project:
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="interrupted") as stopped:
            project.db.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                    "SELECT count(*) FROM n").fetchone()
        assert time.monotonic() - started < 5
        assert project.db.conn.execute("SELECT count(*) FROM entity").fetchone()[0] == 2  # the next query runs
    message = guard.describe_storage_error(stopped.value, path)
    assert "nothing was changed" in message


def test_reading_commands_leave_nothing_beside_the_project(project_path, cli):
    folder = project_path.parent
    before = sorted(p.name for p in folder.iterdir())
    for args in (["sources", project_path], ["check", project_path], ["claims", project_path],
                 ["search", project_path, "chips"]):
        assert cli(*args)[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not [n for n in before if n.endswith(("-wal", "-shm"))]


def test_an_upgrade_leaves_one_backup_file_and_no_journal_beside_it(tmp_path):
    from tests.test_migrations import FIXTURES

    old = tmp_path / "old.wbproj"
    shutil.copy(FIXTURES / "schema1.wbproj", old)
    open_project(old).close()
    leftovers = sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name)
    assert leftovers == ["old.wbproj.schema1.bak"]


def test_an_edit_after_the_folder_was_removed_is_refused(tmp_path):
    """SQLite would go on writing into the unlinked file, and the edit would vanish on close."""
    from workbench.services import network

    folder = tmp_path / "gone"
    folder.mkdir()
    create_project(folder / "p.wbproj").close()
    with open_project(folder / "p.wbproj") as project:
        network.add_entity(project, "Alpha", "company")
        shutil.rmtree(folder)
        with pytest.raises(ProjectFileError, match="removed"):
            network.add_entity(project, "Beta", "company")
