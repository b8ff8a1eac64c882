"""The dependency analysis as plain data: graph as of a date, filters, focus, exposure, timeline, layouts, image."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from workbench.core.dates import parse_as_of
from workbench.core.model import EntityKind, RelationKind
from workbench.services.graph import dependency
from workbench.services.graph import layout as graph_layout
from workbench.services.graph.image import graph_svg
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.synthetic import synthetic_network


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = build_sample(tmp_path_factory.mktemp("dep") / "sample.wbproj")
    with open_project(path, writable=False) as project:
        return dependency.load_network(project)


def _id(data, name):
    return next(e.id for e in data.entities.values() if e.name == name)


def _names(graph, marked_only=False):
    return {a["name"] for _, a in graph.nodes(data=True) if a["marked"] or not marked_only}


def test_graph_as_of_a_date_keeps_only_what_held_then(data):
    before = dependency.build_graph(data, dependency.GraphFilter(as_of=parse_as_of("2021-06-01")))
    after = dependency.build_graph(data, dependency.GraphFilter(as_of=parse_as_of("2024-06-01")))
    tsmc, baikal, egypt, brics = (_id(data, n) for n in ("TSMC", "Baikal Electronics", "Egypt", "BRICS"))
    assert before.has_edge(tsmc, baikal) and not after.has_edge(tsmc, baikal)  # ended in 2022
    assert not before.has_edge(egypt, brics) and after.has_edge(egypt, brics)  # joined 1 Jan 2024
    assert _names(before, marked_only=True) == {"Huawei"}
    assert _names(after, marked_only=True) == {"Huawei", "Russia", "Belarus", "China"}
    everything = dependency.build_graph(data)
    assert everything.number_of_edges() == len(data.relations)


def test_marked_links_carry_the_measures_that_bear_on_them(data):
    graph = dependency.build_graph(data, dependency.GraphFilter(as_of=parse_as_of("2023")))
    russia, nvidia, brics = _id(data, "Russia"), _id(data, "Nvidia"), _id(data, "BRICS")
    link = next(iter(graph.get_edge_data(russia, nvidia).values()))
    names = {graph.graph["measures"][m].name for m in link["measures"]}
    assert link["marked"] and names == {"US Russia export controls (Feb 2022)",
                                        "US Russia and Belarus expansion (Apr 2022)"}
    membership = next(iter(graph.get_edge_data(russia, brics).values()))
    assert not membership["marked"]  # membership is not a trade link


def test_confirmed_list_matches_mark_nodes(data):
    yandex = _id(data, "Yandex")
    graph = dependency.build_graph(data.with_listed({yandex}), dependency.GraphFilter(as_of=parse_as_of("2015")))
    assert graph.nodes[yandex]["marked"] and graph.nodes[yandex]["listed"]
    assert _names(graph, marked_only=True) == {"Yandex"}


def test_filters_by_kind_country_measure_and_focus(data):
    chips = dependency.build_graph(data, dependency.GraphFilter(kinds=frozenset({EntityKind.CHIP})))
    assert {a["kind"] for _, a in chips.nodes(data=True)} == {EntityKind.CHIP} and chips.number_of_edges() == 0
    russian = dependency.build_graph(data, dependency.GraphFilter(countries=frozenset({"RU"})))
    assert "Sber" in _names(russian) and "Nvidia" not in _names(russian)
    huawei_rule = next(m.id for m in data.measures if m.name.startswith("Huawei added"))
    by_measure = dependency.build_graph(data, dependency.GraphFilter(measures=frozenset({huawei_rule})))
    assert _names(by_measure) == {"Huawei", "SMIC", "Huawei Ascend 910B"}
    focus = dependency.build_graph(data, dependency.GraphFilter(focus=_id(data, "SMIC"), hops=2))
    assert _names(focus) == {"SMIC", "Huawei", "Huawei Ascend 910B"}
    one_hop = dependency.build_graph(data, dependency.GraphFilter(focus=_id(data, "BRICS"), hops=1))
    assert len(one_hop) == 11 and "Sber" not in _names(one_hop)


def test_exposure_lists_paths_and_measures_per_link(data):
    graph = dependency.build_graph(data, dependency.GraphFilter(as_of=parse_as_of("2024-06")))
    table = dependency.exposure_table(graph, _id(data, "Huawei Ascend 910B"))
    assert list(table["path"]) == ["Huawei Ascend 910B → Huawei", "Huawei Ascend 910B → Huawei → SMIC"]
    assert list(table["relation"]) == ["produces", "supplies"] and list(table["depth"]) == [1, 2]
    assert all("Entity List" in m for m in table["measures"]) and table["marked"].all()
    assert all(len(ids) == 1 for ids in table["evidence_ids"])
    assert dependency.exposure_table(graph, _id(data, "Brazil")).empty


def test_timeline_has_measures_as_spans_and_relation_events(data):
    frame = dependency.timeline_table(data)
    measures = frame[frame["category"] == "measure"]
    assert len(measures) == len(data.measures)
    assert frame["start"].is_monotonic_increasing
    diffusion = measures[measures["label"].str.contains("diffusion")].iloc[0]
    assert str(diffusion["end"].date()) == "2025-05-13"
    assert "Egypt member of BRICS (begins)" in set(frame["label"])


def test_layered_layout_puts_stages_left_to_right(data):
    graph = dependency.build_graph(data)
    layout = graph_layout.layered_layout(graph)
    x = {graph.nodes[n]["name"]: layout.xy[i][0] for i, n in enumerate(layout.nodes)}
    assert x["SMIC"] < x["Huawei"] < x["Huawei Ascend 910B"] < x["GigaChat"] < x["Russia"]
    assert x["Sber"] < x["GigaChat"]


def test_force_layout_is_finite_and_spreads_nodes(data):
    graph = dependency.build_graph(data)
    layout = graph_layout.force_layout(graph)
    assert layout.xy.shape == (len(graph), 2) and np.isfinite(layout.xy).all()
    distances = np.linalg.norm(layout.xy[:, None] - layout.xy[None], axis=-1)[np.triu_indices(len(graph), 1)]
    assert distances.min() > 1.0  # no two nodes on top of each other


def test_large_synthetic_graph_lays_out(data):
    big = synthetic_network(2000, 4000, seed=3)
    graph = dependency.build_graph(big)
    assert graph.number_of_nodes() == 2000 and graph.number_of_edges() >= 3900
    layout = graph_layout.force_layout(graph)
    assert np.isfinite(layout.xy).all()
    assert graph_layout.layered_layout(graph).xy.shape == (2000, 2)


def test_graph_image_is_valid_svg_with_labels_and_marks(data):
    graph = dependency.build_graph(data, dependency.GraphFilter(as_of=parse_as_of("2024-06")))
    svg = graph_svg(graph, graph_layout.layered_layout(graph), title="Sample")
    root = ET.fromstring(svg)
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Russia", "Huawei", "chips", "Sample"} <= texts
    lines = list(root.iter("{http://www.w3.org/2000/svg}line"))
    assert sum(1 for ln in lines if ln.get("stroke") == "#d62728") >= 2  # Russia→Nvidia, SMIC→Huawei...
    assert RelationKind.SUPPLIES.value in svg


def test_packed_lone_nodes_stay_close_to_a_large_main_part():
    """Room for labels must not stretch the rows of lone nodes far beyond a big graph's main part."""
    import networkx as nx

    from workbench.services.graph import dependency
    from workbench.services.graph import layout as graph_layout
    from workbench.services.synthetic import synthetic_network

    graph = dependency.build_graph(synthetic_network(3000, 6000, seed=11))
    main = max(nx.weakly_connected_components(graph), key=len)
    layout = graph_layout.force_layout(graph)
    index = layout.index()
    main_xy = layout.xy[[index[n] for n in main]]
    main_height = main_xy[:, 1].max() - main_xy[:, 1].min()
    total_height = layout.xy[:, 1].max() - layout.xy[:, 1].min()
    assert total_height < 1.5 * main_height
