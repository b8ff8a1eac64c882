"""Titles, names, list captions and file names are shown as written, never taken for HTML."""

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from workbench.core.lists import Candidate
from workbench.services import commands, network
from workbench.services.ingest import ImportOptions
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.import_ui import ImportOptionsDialog
from workbench.ui.main_window import MainWindow

HOSTILE = "<b>Bold?</b> <img src=file:///etc/passwd> & co"


def shown(label: QLabel) -> str:
    """What the label shows, as an accessibility tool reads it (HTML rendered to its text)."""
    return QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)


def shown_as_tooltip(tip: str) -> str:
    return shown(QLabel(tip))  # a tooltip is a QLabel that guesses its format, as this one does


def test_source_title_shows_literally_in_reader_header_tooltips_and_removed_view(qtbot, tmp_path):
    win = MainWindow(open_project(build_sample(tmp_path / "sample.wbproj")), Settings())
    qtbot.addWidget(win)
    win.show()
    source = win.project.sources.get(win.current_source_id)
    hostile = dataclasses.replace(source.meta, title=HOSTILE)
    assert win.undo.run(commands.EditSource(source.id, (source.meta, source.reliability), (hostile, source.reliability)))
    win.open_source(source.id)
    assert shown(win.reader_view.header).splitlines()[0] == HOSTILE
    row = next(r for r in range(win.library.model.rowCount()) if win.library.model.record(r).id == source.id)
    tip = win.library.model.data(win.library.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert shown_as_tooltip(tip).splitlines()[0] == HOSTILE
    claims = win.claims_pane.model
    assert claims.rowCount() > 0
    assert shown_as_tooltip(claims.data(claims.index(0, 3), Qt.ItemDataRole.ToolTipRole)) == HOSTILE
    win.show_removed_blocks()
    dialog = win.findChild(QLabel, "removedHeader")
    assert shown(dialog).startswith(f"{HOSTILE}: ")


def test_entity_names_and_list_captions_show_literally_in_the_dependency_pane(pane):
    network.add_entity(pane.project, HOSTILE, "company", country="RU")
    pane.reload()
    node = pane.entity_id(HOSTILE)
    pane.select_node(node)
    assert shown(pane.exposure_title).startswith(f"{HOSTILE}: ")
    assert shown_as_tooltip(pane.graph_view._tip(0, 0, node)).splitlines()[0] == HOSTILE
    view = pane.screening_view
    caption = "<i>ACME</i> <img src=x>"
    view.model.set_records([Candidate("c1", node, HOSTILE, "<u>List</u>", "K1", caption, 91.0, "name", HOSTILE,
                                      caption, "tokens <s>alike</s>", False, "rejected", "<a href=x>note</a>")])
    view.table.selectRow(0)
    assert shown(view.reasons).startswith(f"{HOSTILE} ~ {caption} (<u>List</u> K1) · score 91.0 · rejected: "
                                          "<a href=x>note</a>")
    assert "tokens <s>alike</s>" in shown(view.reasons)


def test_import_options_show_file_names_literally(qtbot, tmp_path):
    name = tmp_path / "<img src=x><b>report.txt"
    name.write_text("text", encoding="utf-8")
    dialog = ImportOptionsDialog([str(name)], ImportOptions())
    qtbot.addWidget(dialog)
    label = next(w for w in dialog.findChildren(QLabel) if "report" in w.text())
    assert "<img src=x><b>report.txt" in shown(label)
