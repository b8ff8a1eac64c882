"""Everything the graph view draws, worked out off the UI thread; the layout in a child process.

Laying out 10,000 entities takes igraph seconds of C code that holds Python's GIL, so a
worker *thread* alone would freeze the window for as long: the layout is made in a child
process (spawned once and kept). What crosses to the child and back is kept small and flat
(ids, names and kind values out; node ids and a position array back), because pickling is
also one C call under the GIL: pickling the whole network took 170 ms and unpickling a
finished picture with its networkx graph 140 ms, each a freeze of the window that long. The
graph itself, the arrays the view draws and the timeline table are made in the worker
thread in pure Python, which hands the GIL back to the window every few milliseconds.
"""

from __future__ import annotations

import atexit
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ...core.model import EntityKind, RelationKind
from . import dependency
from .layout import LAYOUTS, Layout
from .style import NODE_STYLES


@dataclass(frozen=True)
class PreparedGraph:
    """A laid-out graph as the arrays the view draws, grouped by style so each group is one item."""

    index: dict[int, int]
    kinds: list[EntityKind]
    symbols: list[str]
    sizes: list[float]
    marked: list[bool]
    node_groups: dict[tuple[EntityKind, bool], np.ndarray]  # rows of the layout drawn alike
    segments: np.ndarray  # x1 y1 x2 y2 per relation
    segment_relations: np.ndarray
    edge_groups: dict[tuple[RelationKind, bool], list[int]]
    importance_order: np.ndarray
    counts: tuple[int, int, int, int]  # entities, links, marked, confirmed on a list


@dataclass(frozen=True)
class GraphPicture:
    graph: nx.MultiDiGraph
    layout: Layout
    filter: dependency.GraphFilter
    prepared: PreparedGraph
    timeline: pd.DataFrame


def prepare(graph: nx.MultiDiGraph, layout: Layout) -> PreparedGraph:
    index, xy = layout.index(), layout.xy
    attrs = [graph.nodes[n] for n in layout.nodes]
    scale = 0.6 if len(attrs) > 2000 else 1.0
    edges = [(index[a], index[b], key, d) for a, b, key, d in graph.edges(keys=True, data=True)]
    segments = np.array([(*xy[i], *xy[j]) for i, j, _, _ in edges], dtype=float).reshape(-1, 4)
    groups: dict[tuple[RelationKind, bool], list[int]] = {}
    for row, (_, _, _, d) in enumerate(edges):
        groups.setdefault((d["kind"], d["marked"]), []).append(row)
    node_rows: dict[tuple[EntityKind, bool], list[int]] = {}
    for row, a in enumerate(attrs):
        node_rows.setdefault((a["kind"], bool(a["marked"])), []).append(row)
    rank = dependency.importance(graph)
    counts = (len(attrs), len(edges), sum(1 for a in attrs if a["marked"]), sum(1 for a in attrs if a["listed"]))
    return PreparedGraph(
        index=index, kinds=[a["kind"] for a in attrs], symbols=[NODE_STYLES[a["kind"]].shape for a in attrs],
        sizes=[NODE_STYLES[a["kind"]].size * scale for a in attrs], marked=[bool(a["marked"]) for a in attrs],
        node_groups={key: np.array(rows, dtype=np.int64) for key, rows in node_rows.items()},
        segments=segments, segment_relations=np.array([key for _, _, key, _ in edges], dtype=np.int64),
        edge_groups=groups, importance_order=np.argsort([-rank[n] for n in layout.nodes], kind="stable"),
        counts=counts)


# What a layout needs of a graph, as plain values: (id, name, kind value) per node, (subject,
# object, relation id, kind value) per link. Cheap to pickle, unlike the graph with its records.
Skeleton = tuple[list[tuple[int, str, str]], list[tuple[int, int, int, str]]]


def skeleton(graph: nx.MultiDiGraph) -> Skeleton:
    nodes = [(n, a["name"], a["kind"].value) for n, a in graph.nodes(data=True)]
    links = [(a, b, key, kind.value) for a, b, key, kind in graph.edges(keys=True, data="kind")]
    return nodes, links


def layout_skeleton(bones: Skeleton, layout_name: str) -> Layout:
    """Run in the child process: the layout of a graph rebuilt from its skeleton."""
    nodes, links = bones
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n, {"name": name, "kind": EntityKind(kind)}) for n, name, kind in nodes)
    graph.add_edges_from((a, b, key, {"kind": RelationKind(kind)}) for a, b, key, kind in links)
    return LAYOUTS[layout_name](graph)


def graph_picture(data: dependency.NetworkData, flt: dependency.GraphFilter, layout_name: str) -> GraphPicture:
    graph = dependency.build_graph(data, flt)
    layout = LAYOUTS[layout_name](graph)
    return GraphPicture(graph, layout, flt, prepare(graph, layout), dependency.timeline_table(data))


class PictureProcess:
    """Makes pictures from a worker thread, with one child process for layouts, started on first use
    and kept until ``close``."""

    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None
        self._timeline: tuple[dependency.NetworkData, pd.DataFrame] | None = None  # per network, not per filter

    def make(self, data: dependency.NetworkData, flt: dependency.GraphFilter, layout_name: str) -> GraphPicture:
        """Blocks the calling (worker) thread, never holding the GIL while the child works."""
        graph = dependency.build_graph(data, flt)
        layout = self.lay_out(graph, layout_name)
        return GraphPicture(graph, layout, flt, prepare(graph, layout), self._timeline_of(data))

    def lay_out(self, graph: nx.MultiDiGraph, layout_name: str = "force") -> Layout:
        """A layout made in the child process (for a worker thread: it waits without the GIL)."""
        if self._pool is None:
            # spawn, not fork: forking a process that runs Qt threads is unsafe; the frozen app's entry
            # point calls multiprocessing.freeze_support() so the child starts from the executable.
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool.submit(layout_skeleton, skeleton(graph), layout_name).result()

    def _timeline_of(self, data: dependency.NetworkData) -> pd.DataFrame:
        if self._timeline is None or self._timeline[0] is not data:
            self._timeline = (data, dependency.timeline_table(data))
        return self._timeline[1]

    def child_pids(self) -> list[int]:
        """The child's process id once started (the self-test checks the frozen app really spawned one).

        ProcessPoolExecutor keeps its processes by pid in ``_processes`` and has no public accessor."""
        if self._pool is None:
            return []
        return sorted(getattr(self._pool, "_processes", None) or {})

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_shared: PictureProcess | None = None


def shared_process() -> PictureProcess:
    """One child for layouts that no pane owns (a report's picture), kept for the session."""
    global _shared
    if _shared is None:
        _shared = PictureProcess()
        atexit.register(_shared.close)
    return _shared


def force_layout_in_child(graph: nx.MultiDiGraph) -> Layout:
    """``force_layout`` made in the shared child process, for reports exported from the desktop."""
    return shared_process().lay_out(graph, "force")
