"""The desktop program's Import takes REFI-QDA and W3C files: background run, summary, one undo step."""

from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.conftest import project_snapshot
from workbench.services.exchange.formats import export_bytes
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui import import_ui
from workbench.ui.exchange_import import ExchangeSummaryDialog
from workbench.ui.main_window import MainWindow

QDA = Path(__file__).parent / "fixtures" / "qda"


def test_import_of_a_qdpx_and_an_atlas_project_then_undo(qtbot, tmp_path):
    with open_project(build_sample(tmp_path / "sample.wbproj")) as sample:
        qdpx = tmp_path / "sample.qdpx"
        qdpx.write_bytes(export_bytes(sample, "qdpx"))
        claims = sample.claims.count()
    path = tmp_path / "gui.wbproj"
    create_project(path, "GUI exchange").close()
    before = project_snapshot(path)
    assert "*.qdpx" in import_ui.import_filter() and "*.jsonld" in import_ui.import_filter()
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    win.show()
    assert win.import_paths([str(qdpx), str(QDA / "atlasti-standard-project.qde")])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    dialog = win.findChild(ExchangeSummaryDialog, "exchangeSummary")
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert f"added 6 sources, 20 tags, 33 entities, {claims} claims" in text
    assert "atlasti-standard-project.qde: added 14 tags" in text and "its text is not in the file" in text
    # The panes show what came in: the library all six sources, the reader the first with its claims.
    assert len(win.library.model.records()) == 6
    shown = win.project.claims.list(source_id=win.current_source_id)
    assert shown and win.claims_pane.model.rowCount() == len(shown)
    win.undo.undo_last()
    win.undo.undo_last()
    QApplication.processEvents()
    assert win.claims_pane.model.rowCount() == 0 and win.library.model.records() == []
    win.undo.redo_next()
    assert len(win.library.model.records()) == 6 and win.project.claims.count() == claims
    win.undo.undo_last()
    win.project.close()
    win.project = None
    assert project_snapshot(path) == before


def test_a_drop_of_an_exchange_file_and_a_text_file_imports_both(qtbot, tmp_path, text_files):
    with open_project(build_sample(tmp_path / "sample.wbproj")) as sample:
        jsonld = tmp_path / "claims.jsonld"
        jsonld.write_bytes(export_bytes(sample, "w3c"))
    path = tmp_path / "drop.wbproj"
    create_project(path, "Drop").close()
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    win.show()
    win.importer.ask_options([str(jsonld), str(text_files["english.txt"])])
    qtbot.waitUntil(lambda: win.findChild(import_ui.ImportOptionsDialog, "importOptions") is not None,
                    timeout=30000)
    summary = win.findChild(ExchangeSummaryDialog, "exchangeSummary")
    # The annotations' sources are not in this project: each is listed, nothing is placed.
    assert "no source in this project" in summary.text.toPlainText() and win.project.claims.count() == 0
    win.findChild(import_ui.ImportOptionsDialog, "importOptions").accept()
    qtbot.waitUntil(lambda: not win.importer.busy and win.project.sources.count() == 1, timeout=30000)


def test_a_colleagues_qdpx_reaches_every_pane_and_its_undo_too(qtbot, tmp_path):
    """Added, updated and conflicting claims, a changed entity and relation: no pane is stale."""
    from dataclasses import replace

    from tests.test_gui_live_panes import check_in_step
    from workbench.services.commands import draft_of

    mine_path = build_sample(tmp_path / "mine.wbproj")
    with open_project(mine_path) as mine, mine.db.transaction() as conn:  # made some time ago
        for table in ("claim", "relation", "measure", "entity"):
            conn.execute(f"UPDATE {table} SET created_at = ?, modified_at = ?", ("2025-06-01T09:00:00+00:00",) * 2)
    theirs_path = tmp_path / "theirs.wbproj"
    theirs_path.write_bytes(Path(mine_path).read_bytes())
    with open_project(theirs_path) as theirs:
        claims = theirs.claims.list()
        theirs.claims.update(claims[0].id, replace(draft_of(claims[0]), statement="Colleague's reading"))
        theirs.claims.delete(claims[1].id)
        entity = theirs.entities.find("Huawei")
        theirs.entities.update(replace(entity, aliases=(*entity.aliases, "HW")))
        relation = theirs.relations.list()[0]
        theirs.relations.update(replace(relation, note="customs data"))
        returned = tmp_path / "theirs.qdpx"
        returned.write_bytes(export_bytes(theirs, "qdpx"))
    win = MainWindow(open_project(mine_path), Settings())
    qtbot.addWidget(win)
    win.show()
    win.claims_pane.scope.setCurrentText("All sources")
    win.dependency_pane  # noqa: B018 - built on first use; the test needs it live
    win.open_source(claims[0].source_id)
    assert win.import_paths([str(returned)])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    assert win.project.claims.get(claims[0].id).statement == "Colleague's reading"
    check_in_step(win, qtbot, "an exchange import")
    win.actions_by_name["undo"].trigger()
    check_in_step(win, qtbot, "undo of an exchange import")
    win.actions_by_name["redo"].trigger()
    check_in_step(win, qtbot, "redo of an exchange import")
    win.close()
