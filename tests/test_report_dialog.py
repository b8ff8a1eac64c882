"""File ▸ Export report…: the dialog's preview, background export, Cancel, remembered choices, table scope."""

from __future__ import annotations

import pytest

from workbench.services.project import open_project
from workbench.services.reports.choices import load_choices
from workbench.services.sample import build_sample
from workbench.ui.reports.dialog import ExportReportDialog
from workbench.ui.reports.preview import ReportPreview


@pytest.fixture
def sample(tmp_path):
    project = open_project(build_sample(tmp_path / "sample.wbproj"))
    yield project
    project.close()


def _dialog(qtbot, project, scope=None) -> ExportReportDialog:
    dialog = ExportReportDialog(project, scope)
    qtbot.addWidget(dialog)
    dialog.open_when_done.setChecked(False)  # a test must not start the desktop's viewer
    return dialog


def test_export_runs_in_the_background_and_choices_are_remembered(qtbot, sample, tmp_path):
    dialog = _dialog(qtbot, sample)
    first_quote = sample.claims.list()[0].anchor.quote
    assert first_quote in dialog.preview.toPlainText()
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    assert dialog.path.text().endswith("-report.md")
    dialog.path.setText(str(tmp_path / "out.md"))
    dialog.title.setText("Compute under controls")
    dialog.handling.setText("Internal — not for distribution")
    dialog.summary.setPlainText("My summary.")
    dialog.group_by.setCurrentIndex(dialog.group_by.findData("tag"))
    dialog.scope_fields["tags"].setText("region")
    dialog.refresh_preview()
    assert "with sub-tags" in dialog.scope_words.text()
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=20000)
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "# Compute under controls" in text and "My summary." in text and "region › russia" in text
    choices = load_choices(sample)
    assert (choices.fmt, choices.layout.title, choices.layout.group_by, choices.scope.tags) == (
        "md", "Compute under controls", "tag", ("region",))
    again = _dialog(qtbot, sample)
    assert again.summary.toPlainText() == "My summary." and again.current_format() == "md"
    assert again.scope_fields["tags"].text() == "region"
    again.reject()


def test_cancel_writes_nothing(qtbot, sample, tmp_path):
    dialog = _dialog(qtbot, sample)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    target = tmp_path / "never.pdf"
    dialog.path.setText(str(target))
    dialog.start_export()
    assert dialog.runner.task is not None and dialog.cancel_button.isVisibleTo(dialog)
    dialog.runner.cancel()
    qtbot.waitUntil(lambda: dialog.runner.task is None, timeout=30000)
    assert "cancelled" in dialog.status.text() and not target.exists()
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".never*")) == []
    dialog.reject()


def test_a_bad_scope_is_said_and_blocks_export(qtbot, sample):
    dialog = _dialog(qtbot, sample)
    dialog.scope_fields["tags"].setText("no-such-tag")
    dialog.refresh_preview()
    assert "no tag" in dialog.scope_words.text() and not dialog.export_button.isEnabled()
    dialog.reject()


def test_preview_loads_no_resource(qtbot):
    preview = ReportPreview()
    qtbot.addWidget(preview)
    preview.setHtml('<p>x</p><img src="file:///etc/passwd"><img src="http://example.com/a.png">'
                    '<link rel="stylesheet" href="file:///tmp/evil.css">')
    preview.toPlainText()
    assert preview.loadResource(2, __import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("file:///etc/passwd")) is None
    assert any("passwd" in url for url in preview.refused)


def test_table_selection_and_filters_prefill_the_scope(qtbot, sample):
    from workbench.ui.claims.pane import ALL_SOURCES, ClaimsPane
    from workbench.ui.reports.table_scope import scope_from_table

    pane = ClaimsPane()
    qtbot.addWidget(pane)
    pane.set_project(sample)
    pane.scope.setCurrentText(ALL_SOURCES)
    assert scope_from_table(pane) is None
    pane.kind_filter.setCurrentIndex(pane.kind_filter.findData("statistic"))
    assert scope_from_table(pane).kinds == ("statistic",)
    pane.kind_filter.setCurrentIndex(0)
    pane.table.selectRow(0)
    from PySide6.QtCore import QItemSelectionModel
    selection = pane.table.selectionModel()
    selection.select(pane.model.index(2, 0), QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
    scope = scope_from_table(pane)
    assert len(scope.claim_ids) == 2
    dialog = _dialog(qtbot, sample, scope)
    assert "2 claim(s) chosen by the analyst" in dialog.scope_words.text()
    dialog.reject()
