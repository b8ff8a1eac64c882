"""A large network is laid out off the UI thread (in a child process), and requests made meanwhile
fold into one run with the latest filter."""

from workbench.core.model import EntityKind
from workbench.services.graph import dependency
from workbench.services.synthetic import synthetic_network
from workbench.ui.dependency.pane import BACKGROUND_FROM_ENTITIES, DependencyPane


def test_a_large_network_is_laid_out_in_the_background(qtbot):
    pane = DependencyPane()
    qtbot.addWidget(pane)
    pane.show()
    data = synthetic_network(BACKGROUND_FROM_ENTITIES * 2, BACKGROUND_FROM_ENTITIES * 4, seed=3)
    pane.data = data.with_listed(frozenset())
    try:
        pane.refresh_graph()
        assert pane._graph_task is not None and pane.summary.text() == "Laying out the graph…"
        pane.wait_for_graph()
        assert pane.graph.number_of_nodes() == len(data.entities)
        # two changes in a row while a layout runs: the picture shown is the last one asked for
        pane.kind_filter.setCurrentText(EntityKind.COMPANY.value)
        pane.kind_filter.setCurrentText(EntityKind.CHIP.value)
        pane.wait_for_graph()
        expected = dependency.build_graph(pane.data, pane.current_filter())
        assert set(pane.graph.nodes) == set(expected.nodes) and expected.number_of_nodes() > 0
        assert {pane.graph.nodes[n]["kind"] for n in pane.graph} == {EntityKind.CHIP}
        assert len(pane.graph_view.layout_.nodes) == expected.number_of_nodes()
    finally:
        pane.stop_work()
