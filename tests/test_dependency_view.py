"""The dependency pane over the real sample project, driven through its widgets."""

import numpy as np
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableView

from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.ui.dependency.graph_view import MARKED_PEN, NODE_BRUSHES, NODE_PEN


def _names(pane):
    return {pane.graph.nodes[n]["name"] for n in pane.graph_view.layout_.nodes}


def _pen_of(pane, name):
    return pane.graph_view.drawn_pen(pane.entity_id(name))


def test_graph_draws_every_entity_with_shared_styles(pane):
    view = pane.graph_view
    assert view.drawn_node_count() == len(pane.data.entities) == 33
    assert len(view.node_items) <= 2 * len(NODE_BRUSHES)  # one item per style, never one per node
    assert sum(len(item.xData) for item in view.edge_items.values()) == 2 * len(pane.data.relations)
    brushes = {id(b) for b in view.drawn_brushes()}
    assert brushes <= {id(b) for b in NODE_BRUSHES.values()}  # shared, never one per node
    assert _pen_of(pane, "Huawei") is MARKED_PEN and _pen_of(pane, "Brazil") is NODE_PEN
    assert "Russia" in view.visible_labels()


def test_as_of_date_and_filters_change_the_graph(pane):
    pane.as_of.setDate(QDate(2021, 6, 1))
    pane.as_of_enabled.setChecked(True)
    before = pane.graph.number_of_edges()
    assert _pen_of(pane, "Russia") is NODE_PEN  # no Russia measure yet
    pane.as_of.setDate(QDate(2024, 6, 1))
    assert pane.graph.number_of_edges() != before and _pen_of(pane, "Russia") is MARKED_PEN
    pane.kind_filter.setCurrentText("chip")
    assert {pane.graph.nodes[n]["kind"].value for n in pane.graph} == {"chip"}
    pane.kind_filter.setCurrentText("(all)")
    pane.country_filter.setCurrentText("RU")
    assert "Nvidia" not in _names(pane) and "Sber" in _names(pane)
    pane.country_filter.setCurrentText("(all)")
    pane.measure_filter.setCurrentText("Huawei added to the Entity List (May 2019)")
    assert _names(pane) == {"Huawei", "SMIC", "Huawei Ascend 910B"}


def test_click_node_shows_evidence_and_exposure_and_opens_quotes(pane, qtbot):
    node = pane.entity_id("Huawei Ascend 910B")
    x, y = pane.graph_view.node_position(node)
    assert pane.graph_view.item_at(x, y) == ("node", node)
    pane.select_node(node)
    assert "Huawei Ascend 910B" in pane.inspector.details.text()
    assert pane.inspector.evidence_model.rowCount() >= 1
    assert pane.exposure_model.rowCount() == 2
    assert "Entity List" in pane.exposure_model.data(pane.exposure_model.index(0, 4))
    claim = pane.inspector.evidence_model.record(0)
    with qtbot.waitSignal(pane.claim_activated) as signal:
        pane.inspector.activate_claim(0)
    assert signal.args == [claim.id]


def test_click_on_a_link_selects_its_relation(pane):
    view = pane.graph_view
    rel = next(r for r in pane.data.relations if pane._name(r.subject_id) == "Russia"
               and pane._name(r.object_id) == "Nvidia")
    a = np.array(view.node_position(rel.subject_id))
    b = np.array(view.node_position(rel.object_id))
    mid = a + (b - a) * 0.45
    assert view.item_at(*mid) == ("relation", rel.id)
    pane.select_relation(rel.id)
    assert "depends on" in pane.inspector.details.text()
    assert pane.inspector.evidence_model.rowCount() == len(rel.evidence) == 2


def test_focus_on_an_entity_neighbourhood(pane):
    pane.hops.setValue(1)
    pane.set_focus(pane.entity_id("BRICS"))
    assert "Sber" not in _names(pane) and len(_names(pane)) == 11
    pane.set_focus(None)
    assert len(_names(pane)) == 33


def test_confirmed_sanctions_matches_are_marked(pane):
    assert _pen_of(pane, "Yandex") is NODE_PEN
    pane.set_confirmed_matches({pane.entity_id("Yandex")})
    assert _pen_of(pane, "Yandex") is MARKED_PEN
    assert pane.graph.nodes[pane.entity_id("Yandex")]["listed"]


def test_layered_layout_and_timeline(pane):
    pane.layout_choice.setCurrentText("layered")
    xy = dict(zip(pane.graph_view.layout_.nodes, pane.graph_view.layout_.xy[:, 0], strict=True))
    assert xy[pane.entity_id("SMIC")] < xy[pane.entity_id("Huawei Ascend 910B")] < xy[pane.entity_id("Russia")]
    assert len(pane.timeline.measure_ids_in_order()) == len(pane.data.measures)
    assert len(pane.timeline.events.data) > 10


def test_edit_dialog_adds_entity_and_reports_bad_input(pane, qtbot):
    from workbench.ui.dependency import dialogs

    dialog = dialogs.entity_dialog(pane.project, None, pane)
    dialog.fields["name"].setText("Cerebras")
    dialog.fields["country"].setText("USA")
    dialog.accept()
    assert "bad country" in dialog.error.text() and pane.project.entities.find("Cerebras") is None
    dialog.fields["country"].setText("US")
    dialog.accept()
    assert dialog.result() and pane.project.entities.find("Cerebras").country == "US"
    relation = pane.data.relations[0]
    edit = dialogs.relation_dialog(pane.project, relation, pane)
    edit.fields["valid_to"].setText("2001")
    edit.accept()
    assert "after it ends" in edit.error.text()
    assert pane.project.relations.get(relation.id) == relation
    pane.reload()
    assert pane.findChild(QTableView, "entityTable").model().rowCount() == 34


def test_main_window_hosts_the_pane_and_opens_evidence_quotes(qtbot, tmp_path):
    from PySide6.QtWidgets import QDockWidget

    from workbench.ui.main_window import MainWindow

    win = MainWindow(open_project(build_sample(tmp_path / "s.wbproj")))
    qtbot.addWidget(win)
    dock = win.findChild(QDockWidget, "dependencyView")
    pane = win.dependency_pane
    assert dock is not None and dock.widget() is pane
    pane.select_node(pane.entity_id("Huawei Ascend 910B"))
    claim = pane.inspector.evidence_model.record(0)
    pane.inspector.activate_claim(0)
    cursor = win.reader.textCursor()
    assert win.reader.toPlainText() == win.project.sources.text(claim.source_id)
    assert cursor.position() == win.reader_view.offsets.to_utf16(claim.anchor.start)
    assert win.current_claim is not None and win.current_claim.id == claim.id


def test_main_window_builds_the_pane_when_its_tab_is_first_shown(qtbot, tmp_path):
    """The pane's libraries cost about a second; a window that never shows the tab never loads them."""
    from PySide6.QtWidgets import QDockWidget

    from workbench.ui.main_window import MainWindow

    win = MainWindow(open_project(build_sample(tmp_path / "s.wbproj")))
    qtbot.addWidget(win)
    win.show()
    assert win._dependency_pane is None
    dock = win.findChild(QDockWidget, "dependencyView")
    dock.raise_()
    qtbot.waitUntil(lambda: win._dependency_pane is not None)
    assert dock.widget() is win._dependency_pane
    assert win._dependency_pane.project is win.project
