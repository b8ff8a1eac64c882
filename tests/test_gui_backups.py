"""File ▸ Backups… in the desktop program, and recovering a damaged project from its newest good backup."""

import pytest

from workbench.services import network
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.storage import backups
from workbench.ui.backups import dialog as backups_ui
from workbench.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    path = build_sample(tmp_path / "sample.wbproj")
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.project is not None:
        win.project.close()


def _entity_names(project):
    return {e.name for e in project.entities.list()}


def test_back_up_now_and_restore_from_the_backups_dialog(window, qtbot, monkeypatch):
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Backups…" in menu_texts
    dialog = backups_ui.BackupsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "manual"
    assert dialog.restore_button.isEnabled()

    path = window.project.path
    network.add_entity(window.project, "Added after the backup", "company")
    asked = []
    monkeypatch.setattr(backups_ui, "confirm_restore", lambda *args, **kw: asked.append(args[2]) or True)
    dialog.restore_button.click()
    assert asked and asked[0].reason == "manual"
    assert window.project is not None and window.project.writable and window.project.path == path
    assert "Added after the backup" not in _entity_names(window.project)
    aside = next(path.parent.glob("sample.before-restore-*.wbproj"))
    with open_project(aside, writable=False) as kept:
        assert "Added after the backup" in _entity_names(kept)
    assert "Restored from" in window.statusBar().currentMessage()


def test_a_damaged_project_offers_its_newest_good_backup(window, qtbot, monkeypatch):
    path = window.project.path
    window.project.db.backup("manual")
    window.set_project(None)
    with path.open("r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xde\xad" * 6000)
    offered = []
    monkeypatch.setattr(backups_ui, "confirm_restore",
                        lambda parent, p, backup, damaged: offered.append((backup.reason, damaged)) or True)
    assert window.open_path(path)
    assert offered == [("manual", True)]
    assert window.project is not None and window.project.claims.count() > 0
    assert [b.reason for b in backups.list_backups(path)] == ["manual"]


def test_declining_recovery_leaves_the_damaged_file_alone(window, monkeypatch):
    path = window.project.path
    window.project.db.backup("manual")
    window.set_project(None)
    with path.open("r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xde\xad" * 6000)
    damaged = path.read_bytes()
    monkeypatch.setattr(backups_ui, "confirm_restore", lambda *args, **kw: False)
    assert not window.open_path(path)
    assert window.project is None and path.read_bytes() == damaged
    assert "damaged" in window.statusBar().currentMessage()
