"""Automatic layouts: force-directed (igraph's Fruchterman-Reingold, grid variant for large graphs)
and layered by supply-chain stage.

A layout is an (n, 2) array of positions in the order of ``Layout.nodes``; the view and the
image renderer read it as arrays, which is what makes 10,000 nodes cheap to draw.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import igraph
import networkx as nx
import numpy as np

from ...core.model import EntityKind, RelationKind
from .style import ACTOR_STAGE, KIND_STAGE, STAGES

EDGE_LENGTH = 60.0  # layout units per typical link; the view scales labels and symbols in pixels
# Labels are drawn in pixels beside their node, and the view first fits the drawing to a window
# roughly 1,000 pixels wide, so a character takes about this share of the drawing's width.
LABEL_CHAR_SHARE = 0.0095


@dataclass(frozen=True)
class Layout:
    nodes: list[int]
    xy: np.ndarray  # shape (n, 2)
    columns: tuple[tuple[float, str], ...] = ()  # headings of a layered layout: (x, name)

    def index(self) -> dict[int, int]:
        return {node: i for i, node in enumerate(self.nodes)}

    def position(self, node: int) -> tuple[float, float]:
        x, y = self.xy[self.nodes.index(node)]
        return float(x), float(y)


def force_layout(graph: nx.MultiDiGraph, seed: int = 7) -> Layout:
    """The largest connected part by Fruchterman-Reingold; smaller parts (and lone nodes) laid out
    on their own and packed in rows beneath it, so they neither drift off nor squash the main part."""
    parts = sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), min(c))) if len(graph) else []
    if not parts:
        return Layout([], np.zeros((0, 2)))
    nodes = list(parts[0])
    xy = _fruchterman_reingold(graph, nodes, seed)
    left, right = (xy[:, 0].min(), xy[:, 0].max()) if len(nodes) > 1 else (0.0, EDGE_LENGTH * 8)
    cursor_x, cursor_y, row_height = left, xy[:, 1].min() - EDGE_LENGTH, 0.0
    # Capped: in a large drawing the view labels only its most important nodes, and room for
    # every lone node's label would stretch the packed rows far beyond the main part.
    char_width = min(max(right - left, EDGE_LENGTH * 8) * LABEL_CHAR_SHARE, EDGE_LENGTH * 0.12)
    blocks = [xy]
    for part in parts[1:]:
        members = sorted(part)
        label_room = char_width * max(len(str(graph.nodes[m].get("name", ""))) for m in members)
        small = _fruchterman_reingold(graph, members, seed) * 0.5 if len(members) > 1 else np.zeros((1, 2))
        small = _spread_for_labels(small, label_room + EDGE_LENGTH / 4)
        small = small - small.min(axis=0)
        width, height = small.max(axis=0) + EDGE_LENGTH / 2
        # Room for the longest label to the right of the part, so neighbours' labels do not overlap.
        width += label_room + EDGE_LENGTH / 4
        height = max(height, char_width * 3)
        if cursor_x + width > max(right, left + EDGE_LENGTH * 8):
            cursor_x, cursor_y, row_height = left, cursor_y - row_height, 0.0
        blocks.append(small + [cursor_x, cursor_y - height])
        nodes += members
        cursor_x += width
        row_height = max(row_height, height)
    return Layout(nodes, np.vstack(blocks).reshape(len(nodes), 2))


def _spread_for_labels(xy: np.ndarray, room: float, largest: int = 200) -> np.ndarray:
    """Scale a small part until its closest two nodes are a label's width apart."""
    n = len(xy)
    if n < 2 or n > largest:
        return xy
    gaps = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=-1)
    closest = float(gaps[~np.eye(n, dtype=bool)].min())
    return xy * (room / closest) if 0 < closest < room else xy


def _fruchterman_reingold(graph: nx.MultiDiGraph, nodes: list[int], seed: int) -> np.ndarray:
    n = len(nodes)
    if n == 0:
        return np.zeros((0, 2))
    index = {node: i for i, node in enumerate(nodes)}
    edges = {(index[a], index[b]) for a, b in graph.subgraph(nodes).edges() if a != b}
    ig = igraph.Graph(n=n, edges=sorted(edges))
    start = np.random.default_rng(seed).uniform(-1, 1, size=(n, 2)) * np.sqrt(n)
    # The grid variant only compares nearby nodes: about linear time, where the full one is quadratic.
    coords = ig.layout_fruchterman_reingold(seed=start.tolist(), niter=500, grid="grid" if n > 1000 else "nogrid")
    return _scaled(np.asarray(coords.coords, dtype=float).reshape(n, 2), n)


def _scaled(xy: np.ndarray, n: int) -> np.ndarray:
    xy = xy - xy.mean(axis=0)
    span = float(np.abs(xy).max()) or 1.0
    return xy / span * EDGE_LENGTH * max(np.sqrt(n), 2.0)


def node_stages(graph: nx.MultiDiGraph) -> dict[int, int]:
    """Supply-chain stage of each node: fixed for chips, models, states...; derived for companies.

    A company that supplies or produces something at stage s sits at s - 1, an owner
    with what it owns, one that depends on something at stage s at s + 1; companies at
    the end of a chain with nothing to go by are makers (1), other bodies operators (3).
    """
    stage: dict[int, int] = {n: KIND_STAGE[k] for n, k in graph.nodes(data="kind") if k in KIND_STAGE}
    _propagate_stages(graph, stage)
    sinks = {a for a, _, k in graph.edges(data="kind") if k in (RelationKind.SUPPLIES, RelationKind.PRODUCES)}
    for node, kind in graph.nodes(data="kind"):
        if node not in stage and node not in sinks:
            stage[node] = 1 if kind == EntityKind.COMPANY else 3
    _propagate_stages(graph, stage)
    for node, kind in graph.nodes(data="kind"):
        stage.setdefault(node, 1 if kind == EntityKind.COMPANY else 3)
    return stage


def _propagate_stages(graph: nx.MultiDiGraph, stage: dict[int, int]) -> None:
    for _ in range(8):  # enough rounds to carry stages along chains of companies
        proposals: dict[int, list[int]] = defaultdict(list)
        for a, b, kind in graph.edges(data="kind"):
            if b not in stage or stage[b] >= ACTOR_STAGE:
                continue
            if kind in (RelationKind.SUPPLIES, RelationKind.PRODUCES):
                proposals[a].append(stage[b] - 1)
            elif kind == RelationKind.OWNS:
                proposals[a].append(stage[b])
            elif kind == RelationKind.DEPENDS_ON:
                proposals[a].append(stage[b] + 1)
        new = {n: min(max(min(p), 0), ACTOR_STAGE - 1) for n, p in proposals.items() if n not in stage}
        if not new:
            return
        stage.update(new)


def layered_layout(graph: nx.MultiDiGraph, sweeps: int = 4) -> Layout:
    """Stages as columns, left to right; within a column, nodes ordered to shorten links (barycentres)."""
    stages = node_stages(graph)
    columns: dict[int, list[int]] = defaultdict(list)
    for node in sorted(graph.nodes, key=lambda n: graph.nodes[n]["name"].lower()):
        columns[stages[node]].append(node)
    undirected = graph.to_undirected(as_view=True)
    rank = {node: i - (len(column) - 1) / 2 for column in columns.values() for i, node in enumerate(column)}
    for _ in range(sweeps):
        for stage in sorted(columns):
            column = columns[stage]
            centre = {n: _barycentre(undirected, n, rank, stages, stage) for n in column}
            column.sort(key=lambda n: (centre[n], rank[n]))
            rank.update({node: i - (len(column) - 1) / 2 for i, node in enumerate(column)})
    row_gap = EDGE_LENGTH / 2
    tallest = max((len(c) for c in columns.values()), default=1)
    column_gap = max(EDGE_LENGTH * 4, tallest * row_gap / 3)
    nodes = [n for s in sorted(columns) for n in columns[s]]
    xy = np.array([(stages[n] * column_gap, -rank[n] * row_gap) for n in nodes], dtype=float).reshape(len(nodes), 2)
    return Layout(nodes, xy, tuple((s * column_gap, STAGES[s]) for s in sorted(columns)))


def _barycentre(graph: nx.Graph, node: int, rank: dict[int, float], stages: dict[int, int], own: int) -> float:
    others = [rank[m] for m in graph.neighbors(node) if stages[m] != own]
    return sum(others) / len(others) if others else float(rank[node])


LAYOUTS = {"force": force_layout, "layered": layered_layout}
