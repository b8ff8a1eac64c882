"""The network graph on screen: one scatter item for all nodes, one line item per relation style.

Drawing 10,000 nodes stays fast because nodes share a handful of pens and brushes
(one per kind, one for marked nodes) and edges are drawn as a few ``connect='pairs'``
curves, never one item per node or edge. Labels are a small pool of text items, given
to the most important nodes in view whenever the view moves.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPen

from ...core.model import EntityKind, RelationKind
from ...services.dependency import importance
from ...services.graph_layout import Layout
from ...services.graph_style import EDGE_STYLES, MARK_COLOUR, NODE_STYLES
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


class GraphView(pg.PlotWidget):
    node_clicked = Signal(int)  # entity id
    relation_clicked = Signal(int)  # relation id
    node_double_clicked = Signal(int)  # entity id: open its edit dialog
    background_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.setObjectName("dependencyGraph")
        self.hideAxis("left")
        self.hideAxis("bottom")
        self.setAspectLocked(True)
        self.setMenuEnabled(False)
        self.graph = nx.MultiDiGraph()
        self.layout_ = Layout([], np.zeros((0, 2)))
        self.nodes = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip)
        self.nodes.setZValue(10)
        self.addItem(self.nodes)
        self.edge_items: dict[tuple[RelationKind, bool], pg.PlotCurveItem] = {}
        self._segments = np.zeros((0, 4))  # x1 y1 x2 y2 per relation, for click tests
        self._segment_relations = np.zeros(0, dtype=np.int64)
        self._labels: list[pg.TextItem] = []
        self._importance_order = np.zeros(0, dtype=np.int64)
        self._selected: int | None = None
        self.getViewBox().sigRangeChanged.connect(self._update_labels)
        self.scene().sigMouseClicked.connect(self._on_click)

    # -- content ----------------------------------------------------------------------

    def show_graph(self, graph: nx.MultiDiGraph, layout: Layout) -> None:
        self.graph, self.layout_ = graph, layout
        self._index = layout.index()
        self._draw_edges()
        self._draw_nodes()
        rank = importance(graph)
        self._importance_order = np.argsort([-rank[n] for n in layout.nodes], kind="stable")
        self.autoRange(padding=0.08)
        self._update_labels()

    def _draw_nodes(self) -> None:
        attrs = [self.graph.nodes[n] for n in self.layout_.nodes]
        scale = 0.6 if len(attrs) > 2000 else 1.0
        self.nodes.setData(
            pos=self.layout_.xy, data=np.array(self.layout_.nodes, dtype=object),
            symbol=[NODE_STYLES[a["kind"]].shape for a in attrs],
            size=[NODE_STYLES[a["kind"]].size * scale for a in attrs],
            brush=[NODE_BRUSHES[a["kind"]] for a in attrs],
            pen=[self._pen_for(n, a) for n, a in zip(self.layout_.nodes, attrs, strict=True)],
        )

    def _pen_for(self, node: int, attrs: dict) -> QPen:
        if node == self._selected:
            return SELECTED_PEN
        return MARKED_PEN if attrs["marked"] else NODE_PEN

    def _draw_edges(self) -> None:
        for item in self.edge_items.values():
            self.removeItem(item)
        self.edge_items.clear()
        index, xy = self._index, self.layout_.xy
        edges = [(index[a], index[b], key, d) for a, b, key, d in self.graph.edges(keys=True, data=True)]
        self._segments = np.array([(*xy[i], *xy[j]) for i, j, _, _ in edges], dtype=float).reshape(-1, 4)
        self._segment_relations = np.array([key for _, _, key, _ in edges], dtype=np.int64)
        dashed = len(edges) <= DASH_LIMIT
        groups: dict[tuple[RelationKind, bool], list[int]] = {}
        for row, (_, _, _, d) in enumerate(edges):
            groups.setdefault((d["kind"], d["marked"]), []).append(row)
        for (kind, marked), rows in groups.items():
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
        if len(self.layout_.nodes):
            self.nodes.setPen([self._pen_for(n, self.graph.nodes[n]) for n in self.layout_.nodes])

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
            label = pg.TextItem(color="#111111", anchor=(0, 0.5), fill=pg.mkBrush(255, 255, 255, 190))
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
