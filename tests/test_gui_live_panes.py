"""No pane is ever stale: after every kind of edit, from every place it can be made, and after its
undo and redo, each pane of the window shows what a window freshly opened on the project shows.

The panes follow typed change sets (row inserts and updates, the highlights of changed claims
only); this test is what proves that no edit forgets to tell them.
"""

from dataclasses import replace

import pytest

from workbench.core.model import LinkKind
from workbench.services import commands, identifiers, network, text_commands
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(open_project(build_sample(tmp_path / "sample.wbproj")), Settings())
    qtbot.addWidget(win)
    win.show()
    win.claims_pane.scope.setCurrentText("All sources")
    win.dependency_pane  # noqa: B018 - built on first use; the test needs it live from the start
    yield win
    win.close()


def _table_rows(model) -> list[tuple[str, ...]]:
    return [tuple(model.index(row, column).data() or "" for column in range(model.columnCount()))
            for row in range(model.rowCount())]


def pane_state(win: MainWindow) -> dict:
    """What each pane shows, as plain values (tables in the order a person sees them)."""
    highlighter = win.reader_view.highlighter
    dependency = win.dependency_pane
    editor = win.editor
    return {
        "library": sorted(_table_rows(win.library.model)),
        "reader text": win.reader.toPlainText(),
        "reader header": win.reader_view.header.text(),
        "highlights": sorted((s.claim_id, s.start, s.end, s.style) for s in highlighter.index.spans.values()),
        "painted": _coverage(highlighter.index, len(win.reader.toPlainText())),
        "claims table": _table_rows(win.claims_pane.model),
        "editor": (win.current_claim.id if win.current_claim else None, editor.statement.toPlainText(),
                   editor.tags.text(), editor.entities.text(), editor.kind.currentText()),
        "entities": sorted(_table_rows(dependency.entity_model)),
        "relations": sorted(_table_rows(dependency.relation_model)),
        "measures": sorted(_table_rows(dependency.measure_model)),
        "graph": dependency.summary.text(),
        "lists": sorted(_table_rows(dependency.lists_view.list_model)),
        "screening": sorted(_table_rows(dependency.screening_view.model)),
        "entity completions": sorted(win.editor.entities.completer().model().stringList())
        if win.editor.entities.completer() else [],
    }


def _coverage(index, length: int) -> list:
    """Which claim paints each stretch of text, however the segments happen to be cut."""
    cover, last = [], None
    for position in range(0, length + 1, 7):
        hits = index.overlapping(position, position + 1)
        now = (hits[0].claim_id, hits[0].depth) if hits else None
        if now != last:
            cover.append((position, now))
            last = now
    return cover


def fresh_state(win: MainWindow, qtbot) -> dict:
    """The same view (source, claim, filters) in a window that reads the project from scratch."""
    fresh = MainWindow(open_project(win.project.path, writable=False), Settings())
    qtbot.addWidget(fresh)
    fresh.show()
    fresh.claims_pane.scope.setCurrentText("All sources")
    fresh.dependency_pane  # noqa: B018
    if win.current_source_id is not None:
        fresh.open_source(win.current_source_id)
    else:
        fresh.reader_view.clear()
        fresh.current_source_id = None
    fresh.select_claim(win.current_claim.id if win.current_claim else None)
    state = pane_state(fresh)
    fresh.close()
    return state


def check_in_step(win, qtbot, what: str) -> None:
    live, fresh = pane_state(win), fresh_state(win, qtbot)
    for pane in live:
        assert live[pane] == fresh[pane], f"after {what}: the {pane} pane is stale"


def _claim_source(win) -> int:
    return next(s.id for s in win.project.sources.list() if s.claim_count)


def test_every_kind_of_edit_from_every_place_leaves_no_pane_stale(window, qtbot):
    win = window
    win.open_source(_claim_source(win))
    undo = win.undo
    check_in_step(win, qtbot, "opening")
    text = win.reader.toPlainText()
    free = next(i for i in range(len(text) - 12) if not win.reader_view.highlighter.index.overlapping(i, i + 12)
                and text[i:i + 12].strip() == text[i:i + 12])

    steps = []

    def step(what, action):
        action()
        steps.append(what)
        check_in_step(win, qtbot, what)

    # claims, from the reader and the editor (a new tag and a new entity typed in the editor)
    step("a claim made from the reader", lambda: win.create_claim(free, free + 12))
    claim_id = win.current_claim.id

    def edit_in_editor():
        win.editor.statement.setPlainText("A figure worth checking")
        win.editor.tags.setText("review/check")
        win.editor.entities.setText("Brand-new Foundry LLC")
        win.editor.kind.setCurrentText("statistic")  # a choice commits at once, with the typed fields
    step("fields typed in the claim editor", edit_in_editor)
    assert "Brand-new Foundry LLC" in {e.name for e in win.dependency_pane.data.entities.values()}
    other = next(c.id for c in win.project.claims.list() if c.id != claim_id)
    step("a link between claims", lambda: undo.run(commands.LinkClaims(claim_id, other, LinkKind.CORROBORATES)))
    source = win.project.sources.get(win.current_source_id)
    step("source details", lambda: undo.run(commands.EditSource(
        source.id, (source.meta, source.reliability), (replace(source.meta, title="Renamed note"), "B"))))

    # entities, relations and measures, through the dependency pane's services as its dialogs run them
    step("an entity added", lambda: undo.run_edit("Add entity", lambda p: identifiers.add_entity(
        p, name="Test Fab", kind="facility", country="RU", aliases=["TF"], note="", identifiers=[])))
    step("an entity renamed", lambda: undo.run_edit("Edit entity", lambda p: network.edit_entity(
        p, "Brand-new Foundry LLC", name="Renamed Foundry", kind="company")))
    step("a relation", lambda: undo.run_edit("Add relation", lambda p: network.add_relation(
        p, "Test Fab", "supplies", "Renamed Foundry", evidence=[win.project.claims.get(claim_id).uuid])))
    step("a measure", lambda: undo.run_edit("Add measure", lambda p: network.add_measure(
        p, "Test listing", "entity_listing", targets=["Test Fab"], effective_from="2024-05")))
    busy = max(win.project.entities.list(), key=lambda e: len([r for r in win.project.relations.list()
                                                               if e.id in (r.subject_id, r.object_id)]))
    step("an entity deleted with its relations", lambda: undo.run_edit(
        "Delete entity", lambda p: network.delete_entity(p, busy.uuid)))
    win.select_claim(claim_id)
    step("the claim deleted", lambda: win.delete_claim())

    # the source's text corrected by the analyst: claims after the change move with it
    text = win.project.sources.text(win.current_source_id)
    spans = win.project.claims.spans(win.current_source_id)
    gap = next(i for i in range(len(text) - 20) if text[i:i + 20].strip() == text[i:i + 20]
               and not any(s < i + 20 and e > i for _, s, e, _ in spans))
    step("text removed as boilerplate", lambda: undo.run(
        text_commands.remove_as_boilerplate_command(win.current_source_id, gap, gap + 20)))
    edited = win.project.sources.text(win.current_source_id).replace("\n\n", "\n\nNote. ", 1)
    step("the source text edited", lambda: undo.run(text_commands.edit_text_command(win.current_source_id, edited)))

    # and back: every step undone, then every step redone
    for what in reversed(steps):
        step(f"undo of {what}", win.actions_by_name["undo"].trigger)
    for what in steps[:len(steps)]:
        step(f"redo of {what}", win.actions_by_name["redo"].trigger)
    assert not undo.stack.canRedo()


def test_an_import_in_the_background_reaches_every_pane(window, qtbot, tmp_path):
    win = window
    page = tmp_path / "note.txt"
    page.write_text("Rostec said its new accelerator plant would open in 2026.\n", encoding="utf-8")
    assert win.import_paths([str(page)])
    qtbot.waitUntil(lambda: not win.importer.busy, timeout=30000)
    check_in_step(win, qtbot, "an import")
    win.actions_by_name["undo"].trigger()
    check_in_step(win, qtbot, "undo of an import")
    win.actions_by_name["redo"].trigger()
    check_in_step(win, qtbot, "redo of an import")


def test_entities_typed_in_a_claim_show_in_the_dependency_pane_at_once(window, qtbot):
    """The defect: "0 entities" until the project was reopened, then adding the entity was refused."""
    win = window
    win.open_source(_claim_source(win))
    claim = win.project.claims.list(source_id=win.current_source_id)[0]
    win.select_claim(claim.id)
    win.editor.entities.setText(", ".join((*claim.entities, "Novel Chips JSC")))
    win.editor.commit()
    names = [win.dependency_pane.entity_model.record(r).name for r in range(win.dependency_pane.entity_model.rowCount())]
    assert "Novel Chips JSC" in names
    graph = win.dependency_pane.graph
    assert "Novel Chips JSC" in {graph.nodes[n]["name"] for n in graph.nodes}
    # and adding it by hand now is refused as what it is: a duplicate of the one shown
    with pytest.raises(Exception, match="already has the name"):
        win.undo.run_edit("Add entity", lambda p: network.add_entity(p, "Novel Chips JSC", "company"))


def test_lists_screening_decisions_and_reference_data_reach_every_pane(window, qtbot, tmp_path):
    """Background list import and screening are announced to the panes; a decision and a reference
    load are steps of the history, undone and redone like any edit."""
    from pathlib import Path

    from workbench.core.lists import ListFormat
    from workbench.ui.screening.import_dialog import ImportRequest

    win = window
    pane = win.dependency_pane
    sample_csl = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "sanctions" / "csl-sample"
    rows = (sample_csl / "consolidated.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    listed = dict.fromkeys(header, "")
    listed.update(_id="planted-1", source="Entity List (EL) - Bureau of Industry and Security",
                  name="Huawei Technologies Co., Ltd.", programs="EAR")
    csl = tmp_path / "consolidated.csv"
    csl.write_text("\n".join([*rows, ",".join(f'"{listed[c]}"' for c in header)]) + "\n", encoding="utf-8")
    pane.lists_view.start_import(ImportRequest((csl,), ListFormat.CSL, "", ""))
    qtbot.waitUntil(lambda: pane.lists_view.task is None, timeout=60000)
    check_in_step(win, qtbot, "a list import")
    pane.screening_view.run_screening()
    qtbot.waitUntil(lambda: pane.screening_view.task is None, timeout=60000)
    check_in_step(win, qtbot, "a screening run")
    candidates = pane.screening_view.candidates()
    assert candidates, "the planted Huawei entry should meet the sample's Huawei"
    if candidates:
        pane.screening_view.select(candidates[0].code)
        assert pane.screening_view.decide("confirmed")
        check_in_step(win, qtbot, "a confirmed match")
    pane.lists_view.load_reference_data()
    check_in_step(win, qtbot, "a reference load")
    assert win.undo.stack.undoText() == "Load reference data"
    entities_before_undo = len(win.project.entities.list())
    win.actions_by_name["undo"].trigger()
    check_in_step(win, qtbot, "undo of a reference load")
    assert len(win.project.entities.list()) < entities_before_undo
    win.actions_by_name["redo"].trigger()
    check_in_step(win, qtbot, "redo of a reference load")
    if candidates:
        win.actions_by_name["undo"].trigger()
        win.actions_by_name["undo"].trigger()
        check_in_step(win, qtbot, "undo of a confirmed match")
