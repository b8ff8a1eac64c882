"""Claim intelligence in the desktop program: the Conflicts pane, the claim's corroboration row and the
claims table's Confidence column follow every edit, undo and redo."""

import pytest

from workbench.services.settings import Settings
from workbench.ui.claims.table_model import CONFIDENCE_COLUMN
from workbench.ui.main_window import MainWindow

from .intel_project import build_intel_project


@pytest.fixture
def window(qtbot, tmp_path):
    project, claims, _ = build_intel_project(tmp_path / "planted.wbproj")
    win = MainWindow(project, Settings())
    qtbot.addWidget(win)
    win.show()
    win.claims_pane.scope.setCurrentText("All sources")
    yield win, claims
    win.close()


def _confidence_cell(win, claim_id):
    model = win.claims_pane.model
    return model.index(model.row_of(claim_id), CONFIDENCE_COLUMN).data()


def test_conflicts_pane_lists_pairs_side_by_side_and_records_a_judgement(window, qtbot):
    win, claims = window
    pane = win.conflicts_pane
    kinds = {pane.model.record(row).kind for row in range(pane.model.rowCount())}
    assert kinds == {"value", "date", "membership"}
    row = next(r for r in range(pane.model.rowCount())
               if {pane.model.record(r).first.claim_id, pane.model.record(r).second.claim_id}
               == {claims["budget_en"], claims["budget_high"]})
    pane.table.selectRow(row)
    assert "10.8 trillion rubles" in pane.first.text() + pane.second.text()
    assert "Budget figures disputed" in pane.first.text() + pane.second.text()
    assert _confidence_cell(win, claims["budget_high"]).startswith("Low · contested")
    right = "first" if pane.current_row().first.claim_id == claims["budget_en"] else "second"
    pane.verdict.setCurrentIndex(pane.verdict.findData(right))
    pane.note.setText("The law as passed")
    pane.record.click()
    assert pane.current_row().note == "The law as passed"
    assert "right" in pane.current_row().judgement_text()
    assert not _confidence_cell(win, claims["budget_en"]).endswith("contested")
    win.undo.stack.undo()
    assert pane.current_row().verdict == ""
    assert _confidence_cell(win, claims["budget_en"]).endswith("contested")


def test_editor_shows_corroboration_and_breaking_the_group_is_undoable(window):
    win, claims = window
    win.select_claim(claims["budget_ru"])
    row = win.standing_row
    assert row.label.text().startswith("Corroborated by 2 independent sources")
    assert "Rule (ICD 203)" in row.toolTip()
    assert _confidence_cell(win, claims["budget_ru"]) == "High · corroborated (2 sources)"
    row.split.click()
    assert win.standing_row.label.text().startswith("Single source")
    win.undo.stack.undo()
    assert win.standing_row.label.text().startswith("Corroborated by 2")


def test_claims_is_the_tab_shown_first_in_the_bottom_area(window):
    win, _ = window
    assert not win.docks["claims"].visibleRegion().isEmpty()
    for name in ("suggestions", "search", "dependencies", "conflicts"):
        assert win.docks[name].visibleRegion().isEmpty(), name
