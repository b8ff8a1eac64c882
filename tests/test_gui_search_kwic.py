"""The lazy keyword-in-context table of every occurrence."""

from workbench.core.model import SourceMeta
from workbench.services.project import create_project
from workbench.services.search.occurrences import find
from workbench.ui.search.kwic import BATCH, KwicModel


def test_kwic_model_is_lazy_and_sorts_by_word_before(qtbot, tmp_path):
    with create_project(tmp_path / "k") as project:
        for i in range(3):
            text = " ".join(f"w{j % 7}x chips" for j in range(300))
            project.sources.add(SourceMeta(f"s{i}", language="en"), f"{i} {text}", f"{i} {text}".encode(),
                                "text/plain")
        model = KwicModel()
        model.set_search(find(project, "chip", context=10))
        assert model.rowCount() == BATCH and model.canFetchMore()
        model.fetchMore()
        assert model.rowCount() == 2 * BATCH
        first = model.record(0)
        assert project.sources.text(first.source_id)[first.start:first.end] == "chips"
        assert model.data(model.index(0, 3)) == "chips"
        model.sort(2)
        assert model.rowCount() == 900 and not model.canFetchMore()
        befores = [model.data(model.index(r, 2)).split()[-1] for r in range(model.rowCount())]
        assert befores == sorted(befores)


def test_search_pane_lists_every_occurrence_and_makes_claims_in_one_undo(qtbot, tmp_path):
    from workbench.services import commands
    from workbench.ui.search_pane import SearchPane

    text = "Sanctions bite. The sanctioned firms evade sanctions. Nothing else."
    with create_project(tmp_path / "pane") as project:
        project.sources.add(SourceMeta("en", language="en"), text, text.encode(), "text/plain")
        pane = SearchPane()
        qtbot.addWidget(pane)
        pane.set_project(project)
        pane.every.setChecked(True)
        pane.run_search("sanctions")
        assert pane.kwic_model.rowCount() == 3
        opened = []
        pane.hitActivated.connect(lambda *a: opened.append(a))
        pane._open_occurrence(1)
        assert text[opened[0][1]:opened[0][2]] == "sanctioned"
        pane.kwic.selectAll()
        requested = []
        pane.makeClaimsRequested.connect(lambda hits, sentence: requested.append((hits, sentence)))
        pane.make_claims.click()
        hits, sentence = requested[0]
        from workbench.services.search.hits_to_claims import CreateClaimsFromHits
        command = CreateClaimsFromHits(hits, sentence=sentence)
        commands.perform(project, command)
        assert [c.anchor.quote for c in project.claims.list()] == ["Sanctions bite.",
                                                                  "The sanctioned firms evade sanctions."]
        commands.perform(project, command, undo=True)
        assert project.claims.list() == []
        pane.run_search("(sanctions")
        assert "not closed" in pane.status.text()


def test_every_query_term_is_emphasised_in_contexts_and_snippets(qtbot, tmp_path):
    from workbench.core.model import SearchHit
    from workbench.services.search.occurrences import all_occurrences
    from workbench.ui.search.kwic import cell_html
    from workbench.ui.search_pane import snippet_html

    text = "Huawei <b>buys</b> chips; Nvidia sells chips to Huawei & others."
    with create_project(tmp_path / "e") as project:
        project.sources.add(SourceMeta("en", language="en"), text, text.encode(), "text/plain")
        first = all_occurrences(project, "huawei OR chip", context=38)[0]
    assert first.match == "Huawei"
    assert cell_html(first, 3) == "<b>Huawei</b>"
    assert cell_html(first, 4) == " &lt;b&gt;buys&lt;/b&gt; <b>chips</b>; Nvidia sells <b>chips</b>"
    hit = SearchHit("source", 1, "u", 1, "u", "en", "Nvidia sells chips to Huawei", 0, 6, 1.0, {}, (0, 6))
    assert snippet_html(hit, "nvidia huawei") == "<b>Nvidia</b> sells chips to <b>Huawei</b>"
    assert snippet_html(hit, "chip* NOT huawei") == "<b>Nvidia</b> sells <b>chips</b> to Huawei"
    assert snippet_html(hit, "(unclosed") == "<b>Nvidia</b> sells chips to Huawei"


def test_search_pane_scopes_records_and_saved_searches(qtbot, tmp_path):
    from workbench.core.model import RemovedBlock
    from workbench.services import commands
    from workbench.services.search import saved
    from workbench.ui.search_pane import SearchPane

    text = "Huawei buys chips. Nvidia sells chips."
    with create_project(tmp_path / "pane2") as project:
        project.sources.add(SourceMeta("news", language="en"), text, text.encode(), "text/plain",
                            removed=[RemovedBlock(1, 0, "Huawei deals today", "promo")])
        project.entities.add("Huawei Cloud")
        pane = SearchPane()
        qtbot.addWidget(pane)
        pane.set_project(project)
        assert pane.saved.count() == 1 and not pane.delete_saved_button.isEnabled()
        pane.every.setChecked(True)
        pane.run_search("huawei")
        rows = [(pane.kwic_model.data(pane.kwic_model.index(r, 0)), pane.kwic_model.data(pane.kwic_model.index(r, 1)))
                for r in range(pane.kwic_model.rowCount())]
        assert rows == [("Entity: Huawei Cloud", "name"), ("news", "¶ 1")]
        pane.kwic.selectAll()
        assert [(h.start, h.end) for h in pane.selected_hits()] == [(0, 6)]  # the entity is not a claim's place
        pane._open_occurrence(0)
        assert "a record of the project" in pane.status.text()

        pane.scope.setCurrentIndex(pane.scope.findData("removed"))  # runs again in the new scope
        assert [pane.kwic_model.data(pane.kwic_model.index(r, 0)) for r in range(pane.kwic_model.rowCount())] == [
            "Removed: news"]
        shown = []
        pane.removedActivated.connect(shown.append)
        pane._open_occurrence(0)
        assert shown == [pane.kwic_model.record(0).source_id] and "block 1 removed" in pane.status.text()
        pane.scope.setCurrentIndex(pane.scope.findData("claims"))
        assert pane.kwic_model.rowCount() == 0

        asked = []
        pane.saveSearchRequested.connect(lambda *a: asked.append(a))
        pane.scope.setCurrentIndex(pane.scope.findData("sources"))
        pane.query_edit.setText("chips NOT nvidia")
        from unittest import mock
        with mock.patch("workbench.ui.search_pane.QInputDialog.getText", return_value=("my chips", True)):
            pane.save_button.click()
        assert asked == [("my chips", "chips NOT nvidia", "sources")]
        pane.apply_changes(commands.perform(project, saved.save_command(*asked[0])))
        assert [pane.saved.itemText(i) for i in range(pane.saved.count())] == ["Saved searches…", "my chips"]

        pane.scope.setCurrentIndex(0)
        pane.query_edit.setText("something else")
        pane.saved.setCurrentIndex(1)
        pane.saved.activated.emit(1)
        assert pane.query_edit.text() == "chips NOT nvidia" and pane.scope.currentData() == "sources"
        assert [pane.kwic_model.record(r).match for r in range(pane.kwic_model.rowCount())] == []  # Nvidia in it
        deleted = []
        pane.deleteSavedRequested.connect(deleted.append)
        pane.delete_saved_button.click()
        assert deleted == ["my chips"]
        pane.apply_changes(commands.perform(project, saved.delete_command("my chips")))
        assert pane.saved.count() == 1


def test_make_claims_dialog_gives_tags_and_entities_once_for_all(qtbot, tmp_path):
    from unittest import mock

    from workbench.services.project import open_project
    from workbench.services.settings import Settings
    from workbench.ui.main_window import MainWindow
    from workbench.ui.search.claims_dialog import MakeClaimsDialog

    text = "Huawei buys chips. Nvidia sells chips."
    path = tmp_path / "mw.wbproj"
    with create_project(path) as project:
        project.sources.add(SourceMeta("news", language="en"), text, text.encode(), "text/plain")
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    pane = win.search_pane
    pane.every.setChecked(True)
    pane.scope.setCurrentIndex(pane.scope.findData("sources"))
    pane.run_search("chips")
    pane.kwic.selectAll()

    def answer(dialog: MakeClaimsDialog) -> int:
        dialog.tags.setText("hardware, region/china, hardware")
        dialog.entities.setText(" Huawei ,Nvidia")
        return 1
    with mock.patch.object(MakeClaimsDialog, "exec", answer):
        pane.make_claims.click()
    claims = win.project.claims.list()
    assert [(c.anchor.quote, c.tags, c.entities) for c in claims] == [
        ("Huawei buys chips.", ("hardware", "region/china"), ("Huawei", "Nvidia")),
        ("Nvidia sells chips.", ("hardware", "region/china"), ("Huawei", "Nvidia"))]
    win.undo.undo_last()
    assert win.project.claims.list() == []
    win.close()


def test_saving_and_deleting_searches_in_the_window_are_undo_steps(qtbot, tmp_path):
    from workbench.services.project import open_project
    from workbench.services.settings import Settings
    from workbench.ui.main_window import MainWindow

    path = tmp_path / "saved.wbproj"
    with create_project(path) as project:
        project.sources.add(SourceMeta("news", language="en"), "Chips.", b"Chips.", "text/plain")
    win = MainWindow(open_project(path), Settings())
    qtbot.addWidget(win)
    pane = win.search_pane
    names = lambda: [pane.saved.itemText(i) for i in range(1, pane.saved.count())]  # noqa: E731
    pane.saveSearchRequested.emit("chips", "chips", "sources")
    assert names() == ["chips"]
    win.undo.undo_last()
    assert names() == []
    win.undo.redo_next()
    assert names() == ["chips"]
    pane.saved.setCurrentIndex(1)
    pane.delete_saved_button.click()
    assert names() == []
    win.undo.undo_last()
    assert names() == ["chips"]
    win.close()


def test_the_lists_names_are_indexed_for_search_while_the_window_is_idle(qtbot, tmp_path, monkeypatch):
    import json

    from workbench.services.screening.lists import import_list
    from workbench.storage.record_search import list_name_index_step
    from workbench.ui import background
    from workbench.ui.search import list_index
    from workbench.ui.search_pane import SearchPane

    monkeypatch.setattr(background, "QUIET_S", 0.2)
    listed = tmp_path / "list.ftm.json"
    listed.write_text("\n".join(json.dumps({"id": f"e-{n}", "schema": "Company", "caption": f"Orlan {n}",
                                            "properties": {"name": [f"Orlan {n}"]}}) for n in range(30)) + "\n")
    with create_project(tmp_path / "idle.wbproj") as project:
        import_list(project, [listed], "ftm", name="L")
        pane = SearchPane()
        qtbot.addWidget(pane)
        steps = []

        def seven_entries_a_step(project):
            steps.append(project)
            return list_name_index_step(project.db.conn, 7)
        monkeypatch.setattr(list_index, "prepare_list_search", seven_entries_a_step)
        background.note_activity()  # in use: no step yet
        pane.set_project(project)
        assert pane.list_index.running
        qtbot.waitUntil(lambda: not pane.list_index.running, timeout=5000)
        assert len(steps) == 5  # 30 entries, seven a step: a step at a time, not all at once
        assert project.db.conn.execute("SELECT count(*) FROM temp.wb_list_names").fetchone()[0] == 30


def test_every_occurrence_is_the_default_remembered_and_enter_opens_the_chosen_one(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from workbench.services.settings import Settings
    from workbench.ui.search_pane import SearchPane

    text = "Sanctions bite. The sanctioned firms evade sanctions."
    settings = Settings(tmp_path / "settings.json")
    with create_project(tmp_path / "default") as project:
        project.sources.add(SourceMeta("en", language="en"), text, text.encode(), "text/plain")
        pane = SearchPane(settings=settings)
        qtbot.addWidget(pane)
        pane.set_project(project)
        assert pane.every.isChecked()
        opened = []
        pane.hitActivated.connect(lambda *a: opened.append(a))
        pane.query_edit.setText("sanctions")
        qtbot.keyClick(pane.query_edit, Qt.Key.Key_Return)  # searches
        assert pane.kwic_model.rowCount() == 3 and opened == []
        pane.kwic.selectRow(2)
        qtbot.keyClick(pane.query_edit, Qt.Key.Key_Return)  # the same query again: opens the chosen occurrence
        assert [text[start:end] for _, start, end in opened] == ["sanctions"] and opened[0][1] > 40

        pane.every.setChecked(False)  # the best hits, one per source; the choice is kept for next time
        assert Settings(tmp_path / "settings.json").get("search_every_occurrence") is False
        pane.run_search("sanctions OR nothing")
        assert "operators and filters work with Every occurrence ticked" in pane.status.text()
        again = SearchPane(settings=Settings(tmp_path / "settings.json"))
        qtbot.addWidget(again)
        assert not again.every.isChecked()


def test_closing_the_window_stops_indexing_list_names(qtbot, tmp_path, monkeypatch, caplog, workbench_home):
    """The idle indexing of list names stepped on after the window had closed its project and logged
    'Cannot operate on a closed database'."""
    import json
    import logging

    from workbench.services.project import open_project
    from workbench.services.screening.lists import import_list
    from workbench.services.settings import Settings
    from workbench.ui import background
    from workbench.ui.main_window import MainWindow

    monkeypatch.setattr(background, "QUIET_S", 0.05)
    listed = tmp_path / "list.ftm.json"
    listed.write_text("\n".join(json.dumps({"id": f"e-{n}", "schema": "Company", "caption": f"Orlan {n}",
                                            "properties": {"name": [f"Orlan {n}"]}}) for n in range(30)) + "\n")
    path = tmp_path / "close.wbproj"
    with create_project(path) as project:
        import_list(project, [listed], "ftm", name="L")
    window = MainWindow(open_project(path), Settings())
    qtbot.addWidget(window)
    background.note_activity()  # in use: the indexing waits
    assert window.search_pane.list_index.running
    window.close()
    caplog.set_level(logging.ERROR)
    qtbot.wait(300)  # several ticks after the window became quiet
    assert not window.search_pane.list_index.running
    assert "indexing list names for search failed" not in caplog.text
