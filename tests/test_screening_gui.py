"""The analyst's path through the desktop program: import the real OFAC and CSL samples through the
Import list… dialog, screen, confirm and reject, see the graph marked, re-import, undo."""

import shutil

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from tests.conftest import project_snapshot
from tests.test_lists import OFAC, SHARED
from workbench.core.lists import ListFormat
from workbench.services import identifiers, screening
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.ui.dependency import dialogs
from workbench.ui.dependency.graph_view import MARKED_PEN, NODE_PEN
from workbench.ui.screening.import_dialog import ImportRequest, ListImportDialog

CSL = SHARED / "csl-sample" / "consolidated.csv"
KHOROSHEV = "Дмитрий Юрьевич Хорошев"




def import_through_dialog(qtbot, monkeypatch, pane, files, name="", version_date=""):
    """Click Import list…, pick the files in the (patched) file chooser, fill the dialog and wait for the import."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *args, **kwargs: ([str(f) for f in files], "")))
    seen = {}

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ListImportDialog)
        dialog.findChild(QPushButton, "chooseListFiles").click()
        dialog.name_edit.setText(name)
        dialog.date_edit.setText(version_date)
        seen.update(format=dialog.format(), detected=dialog.detected.text(), files=sorted(p.name for p in dialog.paths))
        dialog.accept()

    QTimer.singleShot(0, fill_dialog)
    pane.lists_view.import_button.click()
    qtbot.waitUntil(lambda: pane.lists_view.task is None, timeout=20000)
    return seen


def list_rows(pane):
    return {r.list.name: r for r in pane.lists_view.list_model.records()}


def add_entity_through_dialog(pane, name, kind, ids=""):
    dialog = dialogs.entity_dialog(pane.project, None, pane)
    dialog.fields["name"].setText(name)
    dialog.fields["kind"].setCurrentText(kind)
    dialog.fields["identifiers"].setPlainText(ids)
    dialog.accept()
    return dialog


def run_screening(qtbot, pane, min_score):
    view = pane.screening_view
    view.min_score.setValue(min_score)
    view.run_button.click()
    qtbot.waitUntil(lambda: view.task is None, timeout=20000)
    assert view.last_error == ""


def select(view, entity, caption):
    code = next(c.code for c in view.model.records() if c.entity_label == entity and c.entry_caption == caption)
    assert view.select(code)
    return code


def pen_of(pane, entity_id):
    return pane.graph_view.drawn_pen(entity_id)


def test_import_screen_decide_and_mark_the_graph(qtbot, monkeypatch, pane, tmp_path):
    pane.show_tab("Sanctions lists")
    assert pane.lists_view.isVisible()
    seen = import_through_dialog(qtbot, monkeypatch, pane, [OFAC[-1].parent / "sdn.csv"], version_date="2024-06-01")
    assert seen["format"] == ListFormat.OFAC and "OFAC" in seen["detected"]
    assert seen["files"] == sorted(p.name for p in OFAC)  # an sdn.csv brings its alt, add and comments files
    seen = import_through_dialog(qtbot, monkeypatch, pane, [CSL])
    assert seen["format"] == ListFormat.CSL
    rows = list_rows(pane)
    assert {name: (r.list.format, r.list.entry_count) for name, r in rows.items()} == {
        "OFAC SDN": ("ofac", 17), "Consolidated Screening List": ("csl", 13)}
    assert rows["OFAC SDN"].list.version_date == "2024-06-01"
    # the sample's alt and add files name entries its sdn.csv lacks: each shown with file and line
    assert len(rows["OFAC SDN"].problems()) == 6
    pane.lists_view.list_table.selectRow(list(rows).index("OFAC SDN"))
    assert "alt.csv line 6: entry 11935 is not in the list's main file" in pane.lists_view.problems_text.toPlainText()
    assert "13 entries" in pane.lists_view.log.toPlainText()

    # the analyst adds a person who is on the OFAC list, and a tanker known by its IMO number
    assert add_entity_through_dialog(pane, KHOROSHEV, "person").result() == 1
    assert add_entity_through_dialog(pane, "Unnamed tanker", "other", "IMO=9339301").result() == 1
    pane.show_tab("Screening")
    run_screening(qtbot, pane, 30)
    view = pane.screening_view
    found = {(c.entity_label, c.entry_caption): c for c in view.model.records()}
    hit = found[(KHOROSHEV, "KHOROSHEV, Dmitry Yuryevich")]
    assert hit.strong and hit.list_name == "OFAC SDN" and "khoroshev" in hit.reason
    tanker = found[("Unnamed tanker", "NS LEADER")]
    assert tanker.method == "identifier" and "IMO 9339301" in tanker.reason
    look_alike = found[("TSMC", "IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY")]  # a sample entity, weakly alike
    assert not look_alike.strong and "only in the project's name" in look_alike.reason

    # confirm with a note (button), reject with the R key in the table
    khoroshev_id = hit.entity_id
    assert pen_of(pane, khoroshev_id) is NODE_PEN
    select(view, KHOROSHEV, "KHOROSHEV, Dmitry Yuryevich")
    view.note.setText("same name and patronymic; DOB matches the source")
    view.confirm_button.click()
    assert pane.graph.nodes[khoroshev_id]["listed"] and pen_of(pane, khoroshev_id) is MARKED_PEN
    assert "1 confirmed on a sanctions list" in pane.summary.text()
    select(view, "TSMC", "IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY")
    pane.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_R)
    decided = {(c.entity_label, c.decision, c.decision_note) for c in screening.list_candidates(pane.project) if c.decision}
    assert decided == {(KHOROSHEV, "confirmed", "same name and patronymic; DOB matches the source"),
                       ("TSMC", "rejected", "")}
    assert "Why:" in view.reasons.text() and "only in the project's name" in view.reasons.text()

    # filters: by decision and by score
    view.status_filter.setCurrentText("confirmed")
    assert [c.entity_label for c in view.candidates()] == [KHOROSHEV]
    view.status_filter.setCurrentText("rejected")
    assert [c.entry_caption for c in view.candidates()] == ["IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY"]
    view.status_filter.setCurrentText("open")
    assert all(c.decision == "" for c in view.candidates()) and len(view.candidates()) == len(found) - 2
    view.status_filter.setCurrentText("all")
    view.min_score.setValue(90)
    assert {c.entity_label for c in view.candidates()} == {KHOROSHEV, "Unnamed tanker"}
    view.min_score.setValue(30)

    # undo and redo the confirmation: the mark goes and comes back
    view.undo.stack.undo()  # the rejection
    view.undo.stack.undo()  # the confirmation
    assert screening.confirmed_matches(pane.project) == {} and not pane.graph.nodes[khoroshev_id]["listed"]
    view.undo.stack.redo()
    assert set(screening.confirmed_matches(pane.project)) == {khoroshev_id}
    assert pen_of(pane, khoroshev_id) is MARKED_PEN
    view.undo.stack.redo()

    # a newer OFAC version: one entry gone, one new, and one row cut short (a problem with its line)
    newer = tmp_path / "ofac-newer"
    newer.mkdir()
    for path in OFAC:
        shutil.copy(path, newer / path.name)
    sdn = newer / "sdn.csv"
    lines = sdn.read_bytes().split(b"\r\n")
    lines = [line for line in lines if not line.startswith(b"10278,")]
    lines.insert(1, b'99901,"NEW TEST HOLDING LLC",-0- ,"RUSSIA-EO14024",' + b"-0- ," * 7 + b'"Test entry."')
    lines.insert(2, b'99902,"CUT SHORT LLC",-0- ')
    sdn.write_bytes(b"\r\n".join(lines))
    import_through_dialog(qtbot, monkeypatch, pane, [sdn], version_date="2024-07-01")
    row = list_rows(pane)["OFAC SDN"]
    assert (row.list.version_date, row.list.entry_count, row.last["added"], row.last["removed"]) == (
        "2024-07-01", 17, 1, 1)
    lists = pane.lists_view
    assert {(c[0], c[2]) for c in lists.change_model.records()} == {
        ("added", "NEW TEST HOLDING LLC"), ("removed", "LOGAN MOREY, Elvis Angus")}
    problems = lists.problems_text.toPlainText()
    assert "sdn.csv line 3:" in problems and "alt.csv line 6: entry 11935" in problems
    assert "since the version of 2024-06-01: 1 added, 1 removed" in lists.log.toPlainText()

    # decisions survive the re-import and a new screening, and the graph stays marked
    assert pane.graph.nodes[khoroshev_id]["listed"]
    run_screening(qtbot, pane, 30)
    decided_after = {(c.entity_label, c.decision) for c in screening.list_candidates(pane.project) if c.decision}
    assert decided_after == {(KHOROSHEV, "confirmed"), ("TSMC", "rejected")}
    assert pen_of(pane, khoroshev_id) is MARKED_PEN


def test_a_project_opens_with_its_confirmed_matches_marked(qtbot, tmp_path):
    path = build_sample(tmp_path / "marked.wbproj")
    with open_project(path) as project:
        from workbench.services.screening.lists import import_list
        import_list(project, OFAC, "ofac")
        person = identifiers.add_entity(project, KHOROSHEV, "person")
        code = next(c.code for c in screening.run_screening(project) if c.entity_id == person.id)
        screening.decide(project, code, "confirmed")
    from workbench.services.settings import Settings
    from workbench.ui.main_window import MainWindow
    window = MainWindow(settings=Settings())
    qtbot.addWidget(window)
    assert window.open_path(path)
    pane = window.dependency_pane
    assert pane.graph.nodes[person.id]["listed"] and pen_of(pane, person.id) is MARKED_PEN
    view = pane.screening_view
    assert [c.decision for c in view.model.records() if c.entity_id == person.id] == ["confirmed"]
    # the window's undo history (Ctrl+Z) covers decisions made in the pane
    select(view, KHOROSHEV, "KHOROSHEV, Dmitry Yuryevich")
    view.reject_button.click()
    assert not pane.graph.nodes[person.id]["listed"]
    assert window.actions_by_name["undo"].text().startswith("&Undo Reject sanctions match")
    window.actions_by_name["undo"].trigger()
    assert pane.graph.nodes[person.id]["listed"]
    window.close()


def test_cancelled_and_failed_imports_change_nothing(qtbot, pane, tmp_path):
    big = tmp_path / "big" / "sdn.csv"
    big.parent.mkdir()
    big.write_bytes(b"".join(b'%d,"TEST PARTY %d LLC",-0- ,"SDGT",' % (n, n) + b"-0- ," * 7 + b'"-0- "\r\n'
                             for n in range(1, 60001)))
    before = project_snapshot(pane.project.path)
    pane.show_tab("Sanctions lists")
    lists = pane.lists_view
    lists.start_import(ImportRequest((big,), ListFormat.OFAC, "", ""))
    assert lists.cancel_button.isVisible() and lists.progress.isVisible()
    lists.cancel_button.click()
    qtbot.waitUntil(lambda: lists.task is None, timeout=20000)
    assert "cancelled" in lists.status.text() and not lists.cancel_button.isVisible()
    lists.start_import(ImportRequest((SHARED / "names" / "putin_names.txt",), ListFormat.CSL, "", ""))
    qtbot.waitUntil(lambda: lists.task is None, timeout=20000)
    assert "Import failed, nothing was changed" in lists.status.text() and lists.last_error
    assert lists.list_model.rowCount() == 0
    assert project_snapshot(pane.project.path) == before


def test_import_dialog_checks_its_fields(qtbot):
    dialog = ListImportDialog([])
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Choose the list's files" in dialog.error.text() and not dialog.result()
    dialog.set_files([SHARED / "ftm-sample" / "entities.ftm.json"])
    assert dialog.format() == ListFormat.FTM and dialog.name_edit.placeholderText() == "OpenSanctions"
    dialog.date_edit.setText("June 2024")
    dialog.accept()
    assert "YYYY-MM-DD" in dialog.error.text() and not dialog.result()


def test_entity_dialog_identifiers_bad_input_keeps_the_project(pane):
    huawei = next(e for e in pane.project.entities.list() if e.name == "Huawei")
    before = project_snapshot(pane.project.path)
    dialog = dialogs.entity_dialog(pane.project, huawei, pane)
    dialog.fields["name"].setText("Huawei Technologies Co")
    dialog.fields["identifiers"].setPlainText("INN=7707083894")
    dialog.accept()
    assert "check digit is wrong" in dialog.error.text() and not dialog.result()
    dialog.fields["identifiers"].setPlainText("OGRN")
    dialog.accept()
    assert "SCHEME=VALUE" in dialog.error.text()
    assert project_snapshot(pane.project.path) == before
    dialog.fields["identifiers"].setPlainText("INN=7707083893\nOGRN=1027700132195")
    dialog.accept()
    assert dialog.result() == 1
    assert identifiers.entity_identifiers(pane.project, huawei.id) == [("INN", "7707083893"),
                                                                      ("OGRN", "1027700132195")]
    again = dialogs.entity_dialog(pane.project, pane.project.entities.get(huawei.id), pane)
    assert again.fields["identifiers"].toPlainText() == "INN=7707083893\nOGRN=1027700132195"


def test_reference_data_loads_from_the_lists_tab_and_reports_overrides(pane):
    lists = pane.lists_view
    entities_before = len(pane.data.entities)
    lists.reference_button.click()
    assert "Reference data:" in lists.log.toPlainText() and "added" in lists.status.text()
    assert len(pane.data.entities) > entities_before  # the graph shows the new rows at once
    # A row that reference data created (the sample has no H200), then edited by the analyst.
    h200 = pane.project.entities.find("Nvidia H200")
    from workbench.services import network
    network.edit_entity(pane.project, h200.uuid, note="the analyst's own note")
    report = lists.load_reference_data()
    assert "chip:nvidia-h200" in report.overridden
    assert "company:nvidia" in report.linked  # the sample's own Nvidia stays the project's own
    assert "kept as you changed them: " in lists.log.toPlainText().rsplit("Reference data:", 1)[1]
