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
