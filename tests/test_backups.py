"""Backups: taken online, verified, rotated, listed, restored; a damaged project points at its newest good one."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import file_digest, project_snapshot
from workbench.core.errors import ProjectLockedError, WorkbenchError
from workbench.services import network
from workbench.services.project import open_project, restore_project
from workbench.storage import backups


def _entities(path):
    with open_project(path, writable=False) as project:
        return sorted(e.name for e in project.entities.list())


def test_backup_list_and_restore_from_the_command_line(project_path, cli):
    assert cli("entity", "add", project_path, "Alpha", "--kind", "company")[0] == 0
    code, out, err = cli("backup", project_path)
    assert code == 0, err
    backup = backups.backups_folder(project_path) / out.strip().rsplit("/", 1)[-1]
    assert backup.is_file() and backups.verify_backup(backup) == ""
    assert project_snapshot(backup) == project_snapshot(project_path)

    code, out, err = cli("backups", project_path)
    assert code == 0 and str(backup) in out and "manual" in out

    assert cli("entity", "add", project_path, "Beta", "--kind", "company")[0] == 0
    code, out, err = cli("restore", project_path, backup)
    assert code == 0, err
    assert _entities(project_path) == ["Alpha"]
    aside = next(project_path.parent.glob("demo.before-restore-*.wbproj"))
    assert _entities(aside) == ["Alpha", "Beta"]  # the replaced file was kept, nothing lost
    assert cli("check", project_path)[0] == 0


def test_backup_to_a_chosen_file_and_rotation(project_path, cli, tmp_path):
    target = tmp_path / "elsewhere.wbproj"
    assert cli("backup", project_path, "-o", target)[0] == 0
    assert backups.verify_backup(target) == ""
    assert cli("backups", project_path, "--keep", "3")[0] == 0
    made = [cli("backup", project_path)[1].strip() for _ in range(5)]
    kept = [str(b.path) for b in backups.list_backups(project_path)]
    assert kept == made[::-1][:3]  # the newest three, newest first


def test_a_backup_includes_edits_still_in_the_wal_of_an_open_project(project_path, cli):
    with open_project(project_path) as project:  # the desktop program has it open
        network.add_entity(project, "Gamma", "company")
        assert project_path.with_name(project_path.name + "-wal").stat().st_size > 0
        code, out, err = cli("backup", project_path)
        assert code == 0, err
        assert "Gamma" in _entities(out.strip())
        with pytest.raises(ProjectLockedError):
            restore_project(project_path, out.strip())  # never under an open project


def test_no_backup_while_a_write_is_open(project_path):
    with open_project(project_path) as project:
        with project.db.transaction():
            with pytest.raises(WorkbenchError, match="while an edit"):
                project.db.backup()


def test_daily_backup_on_open_only_when_due(project_path):
    with open_project(project_path) as project:
        assert backups.list_backups(project_path) == []  # a project younger than a day needs none yet
        old = (datetime.now(UTC) - timedelta(days=3)).isoformat()
        project.db.set_info("created_at", old)
    open_project(project_path).close()
    assert [b.reason for b in backups.list_backups(project_path)] == ["daily"]
    open_project(project_path).close()
    assert len(backups.list_backups(project_path)) == 1  # the last one is less than a day old


def test_a_list_reimport_is_backed_up_first(project_path, tmp_path):
    from workbench.services.screening.lists import import_list

    listed = tmp_path / "list.ftm.json"
    listed.write_text('{"id": "a", "schema": "Company", "caption": "Alpha LLC", "properties": {}}\n')
    with open_project(project_path) as project:
        import_list(project, [listed], "ftm", name="Test list")
        assert backups.list_backups(project_path) == []
        import_list(project, [listed], "ftm", name="Test list")
    assert [b.reason for b in backups.list_backups(project_path)] == ["list-reimport"]


def test_a_damaged_project_points_at_its_newest_good_backup(project_path, cli):
    assert cli("entity", "add", project_path, "Alpha", "--kind", "company")[0] == 0
    good = cli("backup", project_path)[1].strip()
    with project_path.open("r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xde\xad" * 6000)
    damaged = file_digest(project_path)
    code, out, err = cli("entity", "list", project_path)
    assert code == 1 and err.count("\n") == 1
    assert "damaged" in err and f"workbench restore {project_path} {good}" in err and "would be lost" in err
    assert cli("restore", project_path, good)[0] == 0
    assert _entities(project_path) == ["Alpha"]
    aside = next(project_path.parent.glob("demo.before-restore-*.wbproj"))
    assert file_digest(aside) == damaged  # the damaged file is kept as it was


def test_a_damaged_backup_is_never_restored(project_path, cli, tmp_path):
    bad = tmp_path / "bad.wbproj"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before = file_digest(project_path)
    code, out, err = cli("restore", project_path, bad)
    assert code == 1 and "cannot restore" in err
    assert file_digest(project_path) == before
