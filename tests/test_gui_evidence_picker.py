"""Linking by picking: evidence chosen in a claim picker (words, claims naming the subject or object, the
quote and source shown), double-click to edit an entity, and Enter in a completer taking the completion
instead of submitting the dialog."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from workbench.ui.dependency import dialogs


def _type_and_pick(qtbot, combo, typed: str, down: int):
    combo.lineEdit().setFocus()
    combo.setCurrentText("")
    qtbot.keyClicks(combo.lineEdit(), typed)
    popup = combo.completer().popup() if combo.completer().completionMode().name == "PopupCompletion" else None
    target = popup if popup is not None and popup.isVisible() else combo.lineEdit()
    for _ in range(down):
        qtbot.keyClick(target, Qt.Key.Key_Down)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_enter_in_the_subject_completer_takes_the_completion_and_keeps_the_dialog_open(pane, qtbot):
    dialog = dialogs.relation_dialog(pane.project, None, pane, run=pane.undo.run_edit)
    qtbot.addWidget(dialog)
    dialog.show()
    before = len(pane.project.relations.list())
    subject = dialog.fields["subject"]
    _type_and_pick(qtbot, subject, "Hua", down=2)  # the second suggestion: not the first entity named so
    assert dialog.isVisible() and dialog.result() == 0, "Enter on a completion submitted the dialog"
    assert subject.currentText() == "Huawei Ascend 910B"
    assert len(pane.project.relations.list()) == before
    qtbot.keyClick(subject.lineEdit(), Qt.Key.Key_Return)  # with no popup open, Enter is the dialog's OK again
    assert not dialog.isVisible()


def _relation_with_evidence(pane):
    return next(r for r in pane.data.relations if r.evidence)


def _names_entity(claim, names) -> bool:
    words = " ".join((claim.anchor.quote, claim.statement, claim.note)).lower()
    return any(name in claim.entities for name in names) or any(name.lower() in words for name in names)


def test_relation_evidence_is_shown_by_quote_and_source_not_ids(pane, qtbot):
    relation = _relation_with_evidence(pane)
    dialog = dialogs.relation_dialog(pane.project, relation, pane, run=pane.undo.run_edit)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = dialog.fields["evidence"]
    claims = pane.project.claims.get_many(list(relation.evidence))
    texts = [shown.list.item(row).text() for row in range(shown.list.count())]
    assert len(texts) == len(claims)
    for claim, text in zip(claims, texts, strict=True):
        assert claim.anchor.quote[:30] in text and claim.source_title[:20] in text and claim.uuid[:8] not in text


def test_picker_offers_claims_naming_subject_or_object_then_all_and_adds_the_chosen(pane, qtbot):
    project = pane.project
    dialog = dialogs.relation_dialog(project, None, pane, run=pane.undo.run_edit)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["subject"].setCurrentText("Huawei")
    dialog.fields["kind"].setCurrentText("supplies")
    dialog.fields["object"].setCurrentText("Russia")
    evidence = dialog.fields["evidence"]
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    picker = evidence.picker
    assert picker.isVisible() and picker.only_naming.isChecked() and "Huawei, Russia" in picker.only_naming.text()
    narrowed = project.claims.get_many(picker.shown_ids())
    assert narrowed and all(_names_entity(c, ["Huawei", "Russia"]) for c in narrowed)
    assert narrowed[0].anchor.quote.split()[0] in picker.results.item(0, 0).text()
    assert picker.results.item(0, 1).text() == narrowed[0].source_title
    picker.only_naming.setChecked(False)
    everything = picker.shown_ids()
    assert len(everything) == project.claims.count() > len(narrowed)
    picker.only_naming.setChecked(True)
    word = next(w for w in narrowed[0].anchor.quote.split() if len(w) > 6 and w.isalpha())
    qtbot.keyClicks(picker.search, word)
    assert narrowed[0].id in picker.shown_ids() and len(picker.shown_ids()) <= len(narrowed)
    picker.search.clear()
    picker.results.selectRow(0)
    picker.results.selectionModel().select(picker.results.model().index(1, 0),
                                           picker.results.selectionModel().SelectionFlag.Select
                                           | picker.results.selectionModel().SelectionFlag.Rows)
    chosen = picker.chosen_ids()
    assert len(chosen) == 2
    picker.accept()
    assert evidence.claim_ids() == chosen
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)  # the ones chosen are not offered again
    assert not set(chosen) & set(evidence.picker.shown_ids()) and "2 already evidence" in evidence.picker.count.text()
    evidence.picker.reject()
    dialog.accept()
    added = max(project.relations.list(), key=lambda r: r.id)
    assert set(added.evidence) == set(chosen)
    assert pane.relation_model.rowCount() == len(project.relations.list())
    pane.undo.undo_last()
    assert added.id not in {r.id for r in project.relations.list()}


def test_remove_takes_evidence_out_and_the_edit_is_one_undo_step(pane, qtbot):
    relation = _relation_with_evidence(pane)
    dialog = dialogs.relation_dialog(pane.project, relation, pane, run=pane.undo.run_edit)
    qtbot.addWidget(dialog)
    dialog.show()
    evidence = dialog.fields["evidence"]
    assert not evidence.remove_button.isEnabled()
    evidence.list.setCurrentRow(0)
    qtbot.mouseClick(evidence.remove_button, Qt.MouseButton.LeftButton)
    assert evidence.claim_ids() == list(relation.evidence[1:])
    dialog.accept()
    assert pane.project.relations.get(relation.id).evidence == relation.evidence[1:]
    pane.undo.undo_last()
    assert pane.project.relations.get(relation.id).evidence == relation.evidence


def test_measure_picker_narrows_to_the_targets(pane, qtbot):
    measure = next(m for m in pane.data.measures if m.targets)
    dialog = dialogs.measure_dialog(pane.project, measure, pane, run=pane.undo.run_edit)
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.fields["evidence"].open_picker()
    names = [pane.project.entities.get(t).name for t in measure.targets]
    assert all(name in picker.only_naming.text() for name in names[:2])
    assert all(_names_entity(c, names) for c in pane.project.claims.get_many(picker.shown_ids()))
    picker.reject()


def test_a_relation_without_ends_yet_searches_all_claims(pane, qtbot):
    dialog = dialogs.relation_dialog(pane.project, None, pane)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["subject"].setCurrentText("")
    dialog.fields["object"].setCurrentText("")
    picker = dialog.fields["evidence"].open_picker()
    assert not picker.only_naming.isEnabled() and len(picker.shown_ids()) == pane.project.claims.count()
    picker.reject()


def test_double_click_on_an_entity_row_or_graph_node_opens_its_edit_dialog(pane, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(dialogs.FormDialog, "exec", lambda self: opened.append(self) or 0)
    pane.show_tab("Entities")
    table = pane.edit_tables["Entities"]
    row = next(r for r in range(pane.entity_model.rowCount()) if pane.entity_model.record(r).name == "SMIC")
    rect = table.visualRect(pane.entity_model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened and opened[-1].windowTitle() == "Edit entity" and opened[-1].fields["name"].text() == "SMIC"
    view = pane.graph_view
    node = pane.entity_id("Huawei")
    x, y = view.node_position(node)
    point = view.mapFromScene(view.getViewBox().mapViewToScene(QPointF(x, y)))
    # what a person's double-click sends: press, release, double-click, release (pyqtgraph acts on the last)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened[-1].fields["name"].text() == "Huawei"


def _send_drag(view, point, mime):
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    copy = Qt.DropAction.CopyAction
    events = (QDragEnterEvent(point, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
              QDragMoveEvent(point, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
              QDropEvent(QPointF(point), copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    for event in events:
        QApplication.sendEvent(view.viewport(), event)
    return events[-1].isAccepted()


def _link_point(pane, relation):
    view = pane.graph_view
    (ax, ay), (bx, by) = view.node_position(relation.subject_id), view.node_position(relation.object_id)
    return view.mapFromScene(view.getViewBox().mapViewToScene(QPointF((ax + bx) / 2, (ay + by) / 2)))


def test_claims_dropped_on_a_graph_link_become_its_evidence_in_one_undo_step(pane, qtbot):
    from workbench.ui.claims.drag import claims_mime

    project = pane.project
    view = pane.graph_view
    relation = next(r for r in pane.data.relations
                    if view.item_at(*(sum(c) / 2 for c in zip(view.node_position(r.subject_id),
                                                              view.node_position(r.object_id), strict=True)))
                    == ("relation", r.id))
    new = [c.id for c in project.claims.list() if c.id not in relation.evidence][:2]
    assert _send_drag(view, _link_point(pane, relation), claims_mime(new))
    assert set(project.relations.get(relation.id).evidence) == {*relation.evidence, *new}
    assert pane.undo.stack.count() == 1 and "as evidence of" in pane.undo.stack.undoText()
    assert pane.inspector.evidence_model.rowCount() == len(relation.evidence) + 2  # the link is shown with them
    pane.undo.undo_last()
    assert set(project.relations.get(relation.id).evidence) == set(relation.evidence)
    empty_corner = view.mapFromScene(view.getViewBox().mapViewToScene(QPointF(*view.getViewBox().viewRange()[0][:1],
                                                                              view.getViewBox().viewRange()[1][0])))
    assert not _send_drag(view, empty_corner, claims_mime(new))  # off any link: refused, nothing changes
    assert set(project.relations.get(relation.id).evidence) == set(relation.evidence)
    assert pane.undo.stack.index() == 0


def test_claims_table_drags_the_claims_of_the_selected_rows(qtbot, tmp_path):
    from workbench.services.project import open_project
    from workbench.services.sample import build_sample
    from workbench.services.settings import Settings
    from workbench.ui.claims.drag import _DragStarter, claim_ids_of
    from workbench.ui.main_window import MainWindow

    win = MainWindow(open_project(build_sample(tmp_path / "s.wbproj")), Settings())
    qtbot.addWidget(win)
    win.show()
    table = win.claims_view
    starter = table.findChild(_DragStarter)
    table.selectRow(1)
    second = table.visualRect(win.claims_pane.model.index(1, 0)).center()
    first = table.visualRect(win.claims_pane.model.index(0, 0)).center()
    assert starter.dragged_rows(second) == [1]
    assert starter.dragged_rows(first) == [0]  # pressed off the selection: the row pressed
    from workbench.ui.claims.drag import claims_mime

    ids = [win.claims_pane.model.claim_id(r) for r in starter.dragged_rows(second)]
    assert claim_ids_of(claims_mime(ids)) == ids and not claims_mime(ids).hasUrls()
    win.close()


def test_enter_on_a_suggestion_in_the_add_tag_choice_takes_it_and_keeps_the_dialog(qtbot):
    from PySide6.QtWidgets import QComboBox

    from workbench.ui.completion import item_dialog

    dialog = item_dialog(None, "Add tag", "Tag:", ["region", "region/china", "region/russia", "compute/gpu"])
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.findChild(QComboBox)
    _type_and_pick(qtbot, combo, "rus", down=1)
    assert dialog.isVisible() and dialog.textValue() == "region/russia"
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == 1 and dialog.textValue() == "region/russia"
