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
