"""The sanctions and hardware-dependency pane: filters, graph, inspector, and below them the timeline,
the exposure table and the editable lists of entities, relations and measures."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import ChangeSet
from ...core.errors import WorkbenchError
from ...core.model import EntityKind, enum_values
from ...services import network, screening
from ...services.graph import dependency
from ...services.graph.layout import LAYOUTS
from ...services.graph.picture import PictureProcess, graph_picture
from ...services.project import Project
from ..background import Steps, Task
from ..item_models import Column, RecordTableModel, record_table
from ..plain_text import escaped, warn
from ..screening.lists_view import ListsView
from ..screening.screening_view import ScreeningView
from ..undo import UndoController
from . import dialogs
from .evidence_drop import EvidenceDrop
from .graph_view import GraphView
from .inspector import Inspector
from .models import DataFrameModel
from .timeline_view import TimelineView

ALL = "(all)"
BACKGROUND_FROM_ENTITIES = 400  # smaller networks lay out within a frame or two: no thread needed
EXPOSURE_COLUMNS = {"path": "Dependency path", "relation": "Last link", "valid_from": "From", "valid_to": "To",
                    "measures": "Measures bearing on the link", "evidence": "Claims"}


class DependencyPane(QWidget):
    claim_activated = Signal(int)  # claim id; the main window opens its source at the quote

    def __init__(self, project: Project | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("dependencyPane")
        self.project: Project | None = None
        self._graph_task: Task | None = None
        self._graph_wanted = None  # (data, filter, layout name) of a layout still to be worked out
        self._picture_process = PictureProcess()  # large layouts are made in a child process (the GIL)
        self._drawing = Steps(self)  # a large picture is drawn a part per turn of the event loop
        self.undo = UndoController(self)  # its own history when shown alone; the main window gives its own
        self.undo.changed.connect(self.apply_changes)
        self.data: dependency.NetworkData | None = None
        self.confirmed_matches: frozenset[int] = frozenset()
        self.graph = None
        self.focus_entity: int | None = None
        self._build()
        self.lists_view.undo = self.undo
        self.set_project(project)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.graph_view = GraphView()
        self.inspector = Inspector()
        self.inspector.claim_activated.connect(self.claim_activated)
        self.timeline = TimelineView()
        self.exposure_model = DataFrameModel(EXPOSURE_COLUMNS, self)
        self.exposure_view = record_table("exposureTable", self.exposure_model, stretch_last=True)
        for column, width in enumerate((380, 90, 80, 80, 520)):
            self.exposure_view.setColumnWidth(column, width)
        self.exposure_view.activated.connect(self._exposure_row_activated)
        self.exposure_title = QLabel("Click a node to list its dependency paths.")
        self.graph_view.node_clicked.connect(self.select_node)
        self.graph_view.relation_clicked.connect(self.select_relation)
        self.graph_view.node_double_clicked.connect(self.edit_entity)
        self.evidence_drop = EvidenceDrop(self.graph_view, self.add_evidence, self._show_drop_target)
        self.graph_view.background_clicked.connect(lambda: (self.graph_view.select_node(None), self.inspector.clear()))
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.graph_view)
        top.addWidget(self.inspector)
        top.setSizes([900, 340])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dependencyTabs")
        exposure = QWidget()
        box = QVBoxLayout(exposure)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.exposure_title)
        box.addWidget(self.exposure_view)
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(exposure, "Exposure")
        self._build_edit_tabs()
        self._build_screening_tabs()
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.tabs)
        body.setSizes([620, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_controls())
        layout.addWidget(body, 1)

    def _combo(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItems(items)
        combo.currentTextChanged.connect(self.refresh_graph)
        return combo

    def _build_controls(self) -> QHBoxLayout:
        self.layout_choice = self._combo("layoutChoice", list(LAYOUTS))
        self.kind_filter = self._combo("kindFilter", [ALL, *enum_values(EntityKind)])
        self.country_filter = self._combo("countryFilter", [ALL])
        self.measure_filter = self._combo("measureFilter", [ALL])
        self.measure_filter.setMaximumWidth(260)
        self.as_of_enabled = QCheckBox("As of")
        self.as_of_enabled.setObjectName("asOfEnabled")
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setObjectName("asOfDate")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of_enabled.toggled.connect(self.refresh_graph)
        self.as_of.dateChanged.connect(lambda _: self.as_of_enabled.isChecked() and self.refresh_graph())
        self.hops = QSpinBox()
        self.hops.setObjectName("focusHops")
        self.hops.setRange(1, 6)
        self.hops.valueChanged.connect(lambda _: self.focus_entity is not None and self.refresh_graph())
        focus = QPushButton("Focus on selected")
        focus.clicked.connect(self._focus_selected)
        unfocus = QPushButton("Show all")
        unfocus.clicked.connect(lambda: self.set_focus(None))
        row = QHBoxLayout()
        for label, widget in (("Layout", self.layout_choice), ("Kind", self.kind_filter),
                              ("Country", self.country_filter), ("Measure", self.measure_filter)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.as_of_enabled)
        row.addWidget(self.as_of)
        row.addWidget(QLabel("hops"))
        row.addWidget(self.hops)
        row.addWidget(focus)
        row.addWidget(unfocus)
        self.legend_toggle = QCheckBox("Legend", objectName="legendToggle", checked=True)
        self.legend_toggle.setToolTip("What the shapes, colours and line styles of the graph mean")
        self.legend_toggle.toggled.connect(self.graph_view.set_legend_visible)
        row.addWidget(self.legend_toggle)
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("graphSummary")
        row.addWidget(self.summary)
        return row

    def _build_edit_tabs(self) -> None:
        self.entity_model = RecordTableModel([Column("Name", lambda e: e.name), Column("Kind", lambda e: e.kind.value),
                                              Column("Country", lambda e: e.country),
                                              Column("Aliases", lambda e: ", ".join(e.aliases))], parent=self)
        self.relation_model = RecordTableModel([
            Column("Subject", lambda r: self._name(r.subject_id)), Column("Relation", lambda r: r.kind.value),
            Column("Object", lambda r: self._name(r.object_id)), Column("From", lambda r: r.valid_from),
            Column("To", lambda r: r.valid_to), Column("Claims", lambda r: len(r.evidence))], parent=self)
        self.measure_model = RecordTableModel([
            Column("Name", lambda m: m.name), Column("Kind", lambda m: m.kind.value),
            Column("Authority", lambda m: m.authority), Column("From", lambda m: m.effective_from),
            Column("To", lambda m: m.effective_to),
            Column("Targets", lambda m: ", ".join(self._name(t) for t in m.targets))], parent=self)
        specs = (("Entities", "entityTable", self.entity_model, dialogs.entity_dialog, network.delete_entity),
                 ("Relations", "relationTable", self.relation_model, dialogs.relation_dialog, network.delete_relation),
                 ("Measures", "measureTable", self.measure_model, dialogs.measure_dialog, network.delete_measure))
        self.edit_tables: dict[str, QTableView] = {}
        for title, name, model, make_dialog, delete in specs:
            page = QWidget()
            table = record_table(name, model, stretch_last=True)
            self.edit_tables[title] = table
            table.doubleClicked.connect(lambda _index, t=table, d=make_dialog: self.edit_record(d, self._row(t)))
            buttons = QHBoxLayout()
            for text, action in (("Add…", lambda _=False, d=make_dialog: self.edit_record(d, None)),
                                 ("Edit…", lambda _=False, t=table, d=make_dialog: self.edit_record(d, self._row(t))),
                                 ("Delete", lambda _=False, t=table, f=delete: self.delete_record(f, self._row(t)))):
                button = QPushButton(text)
                button.setObjectName(f"{name}{text.strip('…')}")
                button.clicked.connect(action)
                buttons.addWidget(button)
            buttons.addStretch(1)
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            box.addLayout(buttons)
            box.addWidget(table)
            self.tabs.addTab(page, title)

    def _build_screening_tabs(self) -> None:
        self.lists_view = ListsView()
        self.screening_view = ScreeningView()
        self.tabs.addTab(self.lists_view, "Sanctions lists")
        self.tabs.addTab(self.screening_view, "Screening")
        self.lists_view.lists_changed.connect(self._lists_changed)
        self.lists_view.reference_loaded.connect(self._reference_loaded)
        self.screening_view.decisions_changed.connect(self.refresh_confirmed_matches)

    def show_tab(self, title: str) -> None:
        self.tabs.setCurrentIndex(next(i for i in range(self.tabs.count()) if self.tabs.tabText(i) == title))

    def _lists_changed(self) -> None:
        # Captions and the still-listed state come from the lists: show them as they now are.
        self.screening_view.reload()
        self.screening_view.status.setText("The lists changed: run the screening again to find new candidates "
                                           "(decisions taken are kept)")
        self.refresh_confirmed_matches()

    def _reference_loaded(self, _report) -> None:
        self.reload()
        self.screening_view.reload()

    def set_undo(self, undo: UndoController) -> None:
        """Edits and decisions go on the main window's undo history (Ctrl+Z), not a history of the pane's own;
        the pane follows every step's change set, wherever it was made."""
        self.undo.changed.disconnect(self.apply_changes)
        self.undo = undo
        self.screening_view.set_undo(undo)
        self.lists_view.undo = undo
        undo.changed.connect(self.apply_changes)

    def apply_changes(self, _command, changes: ChangeSet) -> None:
        """Follow an edit: the network's tables row by row, the graph drawn again only when what it shows changed."""
        if self.project is None or not (changes.network or changes.claims):
            return
        if changes.network or changes.claims.removed or changes.entities:
            self.data = dependency.load_network(self.project).with_listed(self.confirmed_matches)
            self._update_tables(changes)
            if changes.decisions:
                self.refresh_confirmed_matches()
                return
            self.refresh_graph()

    def stop_work(self) -> None:
        """Cancel a list import, screening run or layout and wait for its thread (before the window closes)."""
        self.lists_view.wait()
        self.screening_view.wait()
        self._graph_wanted = None
        if self._graph_task is not None:
            self._graph_task.wait()
        self._drawing.start([])  # a half-drawn picture is of no use to a closing window
        self._picture_process.close()

    def refresh_confirmed_matches(self) -> None:
        self.set_confirmed_matches(screening.confirmed_matches(self.project) if self.project is not None else ())

    # -- project and data ------------------------------------------------------------------

    def _name(self, entity_id: int) -> str:
        return self.data.entities[entity_id].name if self.data and entity_id in self.data.entities else "?"

    @staticmethod
    def _row(table: QTableView):
        index = table.currentIndex()
        return table.model().record(index.row()) if index.isValid() else None

    def set_project(self, project: Project | None) -> None:
        self.project = project
        if self.undo.parent() is self:
            self.undo.set_project(project)
        self.lists_view.set_project(project)
        self.screening_view.set_project(project)
        self.confirmed_matches = frozenset(screening.confirmed_matches(project) if project is not None else ())
        self.reload()

    def set_confirmed_matches(self, entity_ids) -> None:
        """Hook for screening: entities the analyst confirmed on a sanctions list are marked like targets."""
        self.confirmed_matches = frozenset(entity_ids)
        self.reload()

    def reload(self) -> None:
        """Read the project again (after an edit) and redraw everything."""
        if self.project is None:
            self.data = dependency.NetworkData({}, [], [])
        else:
            self.data = dependency.load_network(self.project).with_listed(self.confirmed_matches)
        self._fill_filter(self.country_filter, sorted({e.country for e in self.data.entities.values() if e.country}))
        self._fill_filter(self.measure_filter, [m.name for m in self.data.measures])
        self.entity_model.set_records(sorted(self.data.entities.values(), key=lambda e: e.name.lower()))
        self.relation_model.set_records(self.data.relations)
        self.measure_model.set_records(self.data.measures)
        self.refresh_graph()

    def _update_tables(self, changes: ChangeSet) -> None:
        """Row-level updates of the entity, relation and measure tables from what the edit named."""
        self._fill_filter(self.country_filter, sorted({e.country for e in self.data.entities.values() if e.country}))
        self._fill_filter(self.measure_filter, [m.name for m in self.data.measures])
        relations = {r.id: r for r in self.data.relations}
        measures = {m.id: m for m in self.data.measures}
        # A renamed entity shows in the relation and measure rows that name it.
        renamed = changes.entities.changed
        touched_relations = changes.relations.present | {r.id for r in relations.values()
                                                          if r.subject_id in renamed or r.object_id in renamed}
        touched_measures = changes.measures.present | {m.id for m in measures.values() if renamed & set(m.targets)}
        self.entity_model.apply_records([self.data.entities[i] for i in changes.entities.present
                                         if i in self.data.entities], changes.entities.removed)
        gone_relations = changes.relations.removed | {r.id for r in self.relation_model.records()
                                                      if r.id not in relations}
        self.relation_model.apply_records([relations[i] for i in touched_relations if i in relations], gone_relations)
        self.measure_model.apply_records([measures[i] for i in touched_measures if i in measures],
                                         changes.measures.removed)

    def _fill_filter(self, combo: QComboBox, items: list[str]) -> None:
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([ALL, *items])
        combo.setCurrentText(current if current in items else ALL)
        combo.blockSignals(False)

    def current_filter(self) -> dependency.GraphFilter:
        as_of = self.as_of.date().toPython() if self.as_of_enabled.isChecked() else None
        kind, country, measure = (c.currentText() for c in (self.kind_filter, self.country_filter,
                                                            self.measure_filter))
        measure_ids = None
        if measure != ALL and self.data:
            measure_ids = frozenset(m.id for m in self.data.measures if m.name == measure)
        return dependency.GraphFilter(
            as_of=as_of, kinds=None if kind == ALL else frozenset({EntityKind(kind)}),
            countries=None if country == ALL else frozenset({country}), measures=measure_ids,
            focus=self.focus_entity, hops=self.hops.value())

    def refresh_graph(self, *_args) -> None:
        """Build and lay out the graph for the current filter. A large network is worked out in the
        background (ui.background), so filtering 10,000 entities never holds the window up; requests
        made meanwhile are folded into one run with the latest filter."""
        if self.data is None:
            return
        flt = self.current_filter()
        layout_name = self.layout_choice.currentText()
        if len(self.data.entities) < BACKGROUND_FROM_ENTITIES:
            self._show_picture(graph_picture(self.data, flt, layout_name))
            self._drawing.finish_now()
            return
        self._graph_wanted = (self.data, flt, layout_name)
        if self._graph_task is None:
            self._start_graph_task()

    def _start_graph_task(self) -> None:
        data, flt, layout_name = self._graph_wanted
        self._graph_wanted = None

        def work(_project, report):
            report(0.1, "building and laying out the graph")
            return self._picture_process.make(data, flt, layout_name)

        self._graph_task = Task(None, work, self)
        self._graph_task.worker.succeeded.connect(self._graph_ready)
        self._graph_task.worker.failed.connect(lambda message: warn(self, "Graph", message))
        self._graph_task.worker.done.connect(self._graph_task_done)
        self.summary.setText("Laying out the graph…")
        self._graph_task.start()

    def _graph_ready(self, picture) -> None:
        if self._graph_wanted is None:  # a newer request would replace this picture at once: skip drawing it
            self._show_picture(picture)

    def _graph_task_done(self) -> None:
        task, self._graph_task = self._graph_task, None
        task.thread.wait()
        task.deleteLater()
        if self._graph_wanted is not None:
            self._start_graph_task()

    def graph_busy(self) -> bool:
        """A picture is being worked out, waits to be, or is still being drawn."""
        return self._graph_task is not None or self._graph_wanted is not None or self._drawing.running

    def wait_for_graph(self, timeout_ms: int = 60000) -> None:
        """Block until a background layout has been shown (tests, benchmarks, closing)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self.graph_busy() and not deadline.hasExpired():
            QCoreApplication.processEvents()
            if self._graph_task is not None:
                self._graph_task.thread.wait(10)
        QCoreApplication.processEvents()  # the last part's paint: until then the picture is not on screen

    def _show_picture(self, picture) -> None:
        """Start drawing a picture, in parts (ui.background.Steps); the pane's own parts come last."""
        self.graph = picture.graph
        steps = self.graph_view.drawing_steps(self.graph, picture.layout, picture.prepared)
        self._drawing.start([*steps, lambda: self._show_summary(picture), lambda: self._show_timeline(picture)])

    def _show_summary(self, picture) -> None:
        flt = picture.filter
        entities, links, marked, listed = picture.prepared.counts
        self.summary.setText(f"{entities} entities, {links} links, {marked} marked"
                             + (f" ({listed} confirmed on a sanctions list)" if listed else "")
                             + (f" · as of {flt.as_of}" if flt.as_of else ""))
        self.inspector.clear()

    def _show_timeline(self, picture) -> None:
        flt = picture.filter
        as_of = datetime(flt.as_of.year, flt.as_of.month, flt.as_of.day, tzinfo=UTC) if flt.as_of else None
        self.timeline.show_timeline(picture.timeline, as_of)

    # -- selection ---------------------------------------------------------------------------

    def entity_id(self, name: str) -> int:
        return next(e.id for e in self.data.entities.values() if e.name == name)

    def select_node(self, node: int) -> None:
        self.graph_view.select_node(node)
        self.inspector.show_node(self.project, self.graph, node)
        self.exposure_model.set_frame(dependency.exposure_table(self.graph, node))
        count = self.exposure_model.rowCount()
        self.exposure_title.setText(f"<b>{escaped(self.graph.nodes[node]['name'])}</b>: {count} dependency path(s)"
                                    + (" as of " + str(self.graph.graph['as_of']) if self.graph.graph['as_of'] else ""))

    def select_relation(self, relation_id: int) -> None:
        self.inspector.show_relation(self.project, self.graph, relation_id)

    def set_focus(self, entity_id: int | None) -> None:
        self.focus_entity = entity_id
        self.refresh_graph()

    def _focus_selected(self) -> None:
        if self.graph_view.selected_node is not None:
            self.set_focus(self.graph_view.selected_node)

    def _exposure_row_activated(self, index) -> None:
        self.select_relation(int(self.exposure_model.row_record(index.row())["relation_id"]))

    # -- editing -------------------------------------------------------------------------------

    def edit_record(self, make_dialog, record) -> None:
        """Add (no record) or edit one entity, relation or measure in its dialog; one undoable step."""
        if self.project is None:
            return
        dialog = make_dialog(self.project, record, self, run=self.undo.run_edit)
        if dialog.exec():
            self.screening_view.reload()

    def edit_entity(self, entity_id: int) -> None:
        """A node double-clicked in the graph opens its entity's dialog."""
        if self.project is not None and self.data is not None and entity_id in self.data.entities:
            self.edit_record(dialogs.entity_dialog, self.project.entities.get(entity_id))

    def add_evidence(self, relation_id: int, claim_ids: list[int]) -> None:
        """Claims dropped on a link: they back that relation from now on (one undoable step)."""
        if self.project is None or not self.project.writable:
            return
        relation = self.project.relations.get(relation_id)
        new = [c for c in dict.fromkeys(claim_ids) if c not in relation.evidence]
        if new:
            uuids = network.claim_uuids(self.project, [*relation.evidence, *new])
            refs = [uuids[c] for c in [*relation.evidence, *new] if c in uuids]
            label = f"{self._name(relation.subject_id)} {relation.kind.value} {self._name(relation.object_id)}"
            try:
                self.undo.run_edit(f"Add {len(new)} claim{'s' if len(new) != 1 else ''} as evidence of {label}",
                                   lambda p: network.edit_relation(p, relation.uuid, evidence=refs))
            except WorkbenchError as exc:
                warn(self, "Add evidence", str(exc))
                return
        if self.graph is not None and any(key == relation_id for _, _, key in self.graph.edges(keys=True)):
            self.select_relation(relation_id)

    def _show_drop_target(self, relation_id: int | None) -> None:
        if relation_id is None or self.data is None:
            QToolTip.hideText()
            return
        relation = next((r for r in self.data.relations if r.id == relation_id), None)
        if relation is not None:
            QToolTip.showText(QCursor.pos(), f"Add as evidence of {self._name(relation.subject_id)} "
                              f"{relation.kind.value} {self._name(relation.object_id)}", self.graph_view)

    def delete_record(self, delete, record) -> None:
        if self.project is None or record is None:
            return
        label = getattr(record, "name", None) or type(record).__name__.lower()
        try:
            self.undo.run_edit(f"Delete {type(record).__name__.lower()} “{label}”", lambda p: delete(p, record.uuid))
        except WorkbenchError as exc:
            warn(self, "Delete", str(exc))
        self.screening_view.reload()
