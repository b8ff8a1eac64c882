"""The network graph on screen: one scatter item per node style, one line item per relation style.

Drawing 10,000 nodes stays fast because every item draws points of one look (a kind,
marked or not) and edges are drawn as a few ``connect='pairs'`` curves, never one item
per node or edge. A single item with a pen and brush per point cost pyqtgraph 100 ms of
UI-thread work per picture; an item of one style takes its fast path. The selected node is
one more point drawn on top. Labels are a small pool of text items, given
to the most important nodes in view whenever the view moves.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPen

from ...core.model import EntityKind, RelationKind
from ...services.graph.layout import Layout
from ...services.graph.picture import PreparedGraph, prepare
from ...services.graph.style import EDGE_STYLES, MARK_COLOUR, NODE_STYLES
from ..plain_text import plain_tooltip

MAX_LABELS = 40
DASH_LIMIT = 3000  # above this many links, dashes cost more than they tell; colour still does
_QT_DASHES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine,
              "dashdot": Qt.PenStyle.DashDotLine}
NODE_BRUSHES = {kind: QBrush(QColor(style.colour)) for kind, style in NODE_STYLES.items()}
NODE_PEN = QPen(QColor("#333333"), 0.8)
MARKED_PEN = QPen(QColor(MARK_COLOUR), 2.6)
SELECTED_PEN = QPen(QColor("#000000"), 3.0)
for _pen in (NODE_PEN, MARKED_PEN, SELECTED_PEN):
    _pen.setCosmetic(True)


def edge_pen(kind: RelationKind, marked: bool, dashed: bool) -> QPen:
    style = EDGE_STYLES[kind]
    pen = QPen(QColor(MARK_COLOUR if marked else style.colour), style.width + (0.6 if marked else 0))
    pen.setCosmetic(True)
    pen.setStyle(_QT_DASHES[style.dash] if dashed else Qt.PenStyle.SolidLine)
    return pen


DARK_BACKGROUND = "#1e1f22"


def _palette_is_dark() -> bool:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app is not None and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


class GraphView(pg.PlotWidget):
    node_clicked = Signal(int)  # entity id
    relation_clicked = Signal(int)  # relation id
    node_double_clicked = Signal(int)  # entity id: open its edit dialog
    background_clicked = Signal()

    def __init__(self, parent=None):
        dark = _palette_is_dark()
        super().__init__(parent, background=DARK_BACKGROUND if dark else "w")
        self.dark = dark
        self.setObjectName("dependencyGraph")
        self.hideAxis("left")
        self.hideAxis("bottom")
        self.setAspectLocked(True)
        self.setMenuEnabled(False)
        self.graph = nx.MultiDiGraph()
        self.layout_ = Layout([], np.zeros((0, 2)))
        self.node_items: dict[tuple[EntityKind, bool], pg.ScatterPlotItem] = {}
        self._prepared: PreparedGraph | None = None
        self._index: dict[int, int] = {}  # node -> row of the layout
        self._selection_mark = pg.ScatterPlotItem(pxMode=True, pen=SELECTED_PEN)
        self._selection_mark.setZValue(12)
        self.addItem(self._selection_mark)
        self.edge_items: dict[tuple[RelationKind, bool], pg.PlotCurveItem] = {}
        self._segments = np.zeros((0, 4))  # x1 y1 x2 y2 per relation, for click tests
        self._segment_relations = np.zeros(0, dtype=np.int64)
        self._labels: list[pg.TextItem] = []
        self._importance_order = np.zeros(0, dtype=np.int64)
        self._selected: int | None = None
        self.getViewBox().sigRangeChanged.connect(self._update_labels)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.legend = self._build_legend()

    def _build_legend(self) -> pg.LegendItem:
        """What the shapes, colours and line styles mean, in the graph's corner (View: toggle with L)."""
        legend = pg.LegendItem(offset=(8, 8), colCount=2, labelTextColor="#dddddd" if self.dark else "#222222",
                               brush=pg.mkBrush(40, 40, 40, 215) if self.dark else pg.mkBrush(255, 255, 255, 215),
                               pen=pg.mkPen("#777777"))
        legend.setParentItem(self.getPlotItem().getViewBox())
        legend.setZValue(30)
        for kind, style in NODE_STYLES.items():
            sample = pg.ScatterPlotItem(symbol=style.shape, size=style.size, brush=NODE_BRUSHES[kind], pen=NODE_PEN)
            legend.addItem(sample, kind.value)
        for kind in RelationKind:
            legend.addItem(pg.PlotDataItem(pen=edge_pen(kind, False, True)), kind.value.replace("_", " "))
        marked = pg.ScatterPlotItem(symbol="o", size=10, brush=pg.mkBrush("#cccccc"), pen=MARKED_PEN)
        legend.addItem(marked, "hit by a measure in effect")
        return legend

    def legend_labels(self) -> list[str]:
        return [label.text for _sample, label in self.legend.items]

    def set_legend_visible(self, visible: bool) -> None:
        self.legend.setVisible(visible)

    # -- content ----------------------------------------------------------------------

    def show_graph(self, graph: nx.MultiDiGraph, layout: Layout, prepared: PreparedGraph | None = None) -> None:
        """Draw a laid-out graph at once; ``prepared`` (from ``prepare``, which may run off the UI thread)
        saves the Python work of turning the graph into arrays."""
        for step in self.drawing_steps(graph, layout, prepared):
            step()

    def drawing_steps(self, graph: nx.MultiDiGraph, layout: Layout,
                      prepared: PreparedGraph | None = None) -> list[Callable[[], None]]:
        """The drawing in parts of a few milliseconds each (links, each style of node, labels), for
        ui.background.Steps to run one per turn of the event loop."""
        prepared = prepared or prepare(graph, layout)

        def begin() -> None:
            for item in [*self.node_items.values(), *self.edge_items.values()]:
                self.removeItem(item)
            self.node_items.clear()
            self.edge_items.clear()
            self.graph, self.layout_, self._index, self._prepared = graph, layout, prepared.index, prepared
            self._importance_order = prepared.importance_order
            self._selection_mark.setData([])

        def finish() -> None:
            self._draw_selection()
            self.autoRange(padding=0.08)
            self._update_labels()

        steps = [begin, lambda: self._draw_edges(prepared)]
        steps += [lambda key=key: self._draw_node_group(key) for key in prepared.node_groups]
        return [*steps, finish]

    def _draw_node_group(self, key: tuple[EntityKind, bool]) -> None:
        """One scatter item for the nodes of one kind, marked or not: one symbol, size, pen and brush."""
        kind, marked = key
        prepared = self._prepared
        rows = prepared.node_groups[key]
        item = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip, symbol=NODE_STYLES[kind].shape,
                                  size=prepared.sizes[rows[0]], brush=NODE_BRUSHES[kind],
                                  pen=MARKED_PEN if marked else NODE_PEN)
        item.setData(pos=self.layout_.xy[rows], data=np.array(self.layout_.nodes, dtype=np.int64)[rows])
        item.setZValue(11 if marked else 10)
        self.addItem(item)
        self.node_items[key] = item

    def _draw_selection(self) -> None:
        row = self._index.get(self._selected) if self._selected is not None else None
        if row is None or self._prepared is None:
            self._selection_mark.setData([])
            return
        p = self._prepared
        self._selection_mark.setData(pos=self.layout_.xy[[row]], symbol=p.symbols[row], size=p.sizes[row],
                                     brush=NODE_BRUSHES[p.kinds[row]], pen=SELECTED_PEN)

    def drawn_pen(self, node: int) -> QPen:
        """The outline a node is drawn with: selected, marked (hit by a measure or listed) or plain."""
        if node == self._selected:
            return SELECTED_PEN
        return MARKED_PEN if self._prepared.marked[self._index[node]] else NODE_PEN

    def drawn_brushes(self) -> list[QBrush]:
        return [item.opts["brush"] for item in self.node_items.values()]

    def drawn_node_count(self) -> int:
        return sum(len(item.data) for item in self.node_items.values())

    def _draw_edges(self, prepared: PreparedGraph) -> None:
        self._segments, self._segment_relations = prepared.segments, prepared.segment_relations
        dashed = len(prepared.segments) <= DASH_LIMIT
        for (kind, marked), rows in prepared.edge_groups.items():
            seg = self._segments[rows]
            x = seg[:, [0, 2]].ravel()
            y = seg[:, [1, 3]].ravel()
            item = pg.PlotCurveItem(x, y, connect="pairs", pen=edge_pen(kind, marked, dashed))
            item.setZValue(5 if marked else 1)
            self.addItem(item)
            self.edge_items[(kind, marked)] = item

    @property
    def selected_node(self) -> int | None:
        return self._selected

    def select_node(self, node: int | None) -> None:
        self._selected = node
        self._draw_selection()

    # -- labels ------------------------------------------------------------------------

    def _update_labels(self, *_args) -> None:
        """Name the most important nodes in view; all of them once few enough are in view."""
        if not len(self.layout_.nodes):
            chosen = []
        else:
            (x0, x1), (y0, y1) = self.getViewBox().viewRange()
            xy = self.layout_.xy[self._importance_order]
            visible = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
            chosen = self._importance_order[visible][:MAX_LABELS]
        while len(self._labels) < len(chosen):
            label = pg.TextItem(color="#eeeeee" if self.dark else "#111111", anchor=(0, 0.5),
                                fill=pg.mkBrush(30, 31, 34, 190) if self.dark else pg.mkBrush(255, 255, 255, 190))
            label.setFont(QFont(self.font().family(), 8))
            label.setZValue(20)
            self.addItem(label)
            self._labels.append(label)
        shift = 8 * self._pixel_size()  # clear of the symbol, whatever the zoom
        for label, i in zip(self._labels, chosen, strict=False):
            node = self.layout_.nodes[i]
            label.setText(self.graph.nodes[node]["name"])
            label.setPos(QPointF(self.layout_.xy[i][0] + shift, self.layout_.xy[i][1]))
            label.setVisible(True)
        for label in self._labels[len(chosen):]:
            label.setVisible(False)

    def visible_labels(self) -> list[str]:
        return [label.toPlainText() for label in self._labels if label.isVisible()]

    # -- interaction ---------------------------------------------------------------------

    def _tip(self, x: float, y: float, data: int) -> str:
        attrs = self.graph.nodes[data]
        measures = self.graph.graph.get("measures", {})
        lines = [attrs["name"], f"{attrs['kind'].value}" + (f", {attrs['country']}" if attrs["country"] else ""),
                 f"{self.graph.degree(data)} links"]
        lines += [f"⚠ {measures[m].name}" for m in attrs["measures"]]
        if attrs["listed"]:
            lines.append("⚠ confirmed on a sanctions list")
        return plain_tooltip("\n".join(lines))

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view_pos = self.getViewBox().mapSceneToView(event.scenePos())
        hit = self.item_at(view_pos.x(), view_pos.y())
        if hit is None:
            self.background_clicked.emit()
        elif hit[0] == "node" and event.double():
            self.node_double_clicked.emit(hit[1])
        elif hit[0] == "node":
            self.node_clicked.emit(hit[1])
        else:
            self.relation_clicked.emit(hit[1])

    def _pixel_size(self) -> float:
        """Layout units per screen pixel at the current zoom."""
        (x0, x1), _ = self.getViewBox().viewRange()
        return (x1 - x0) / max(self.getViewBox().width(), 1.0)

    def item_at(self, x: float, y: float, tolerance_px: float = 7.0) -> tuple[str, int] | None:
        """The node under a point (within its symbol), else the nearest link within a few pixels."""
        px = self._pixel_size()
        if len(self.layout_.nodes):
            distance = np.hypot(self.layout_.xy[:, 0] - x, self.layout_.xy[:, 1] - y)
            nearest = int(distance.argmin())
            if distance[nearest] <= tolerance_px * px * 1.3:
                return "node", self.layout_.nodes[nearest]
        if len(self._segments):
            p1, p2 = self._segments[:, :2], self._segments[:, 2:]
            d = p2 - p1
            length2 = np.maximum((d ** 2).sum(axis=1), 1e-12)
            t = np.clip(((np.array([x, y]) - p1) * d).sum(axis=1) / length2, 0, 1)
            closest = p1 + d * t[:, None]
            gap = np.hypot(closest[:, 0] - x, closest[:, 1] - y)
            best = int(gap.argmin())
            if gap[best] <= tolerance_px * px:
                return "relation", int(self._segment_relations[best])
        return None

    def node_position(self, node: int) -> tuple[float, float]:
        return self.layout_.position(node)

    def kinds_shown(self) -> set[EntityKind]:
        return {self.graph.nodes[n]["kind"] for n in self.layout_.nodes}
