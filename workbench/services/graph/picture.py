"""Everything the graph view draws, worked out in a separate process.

Laying out 10,000 entities takes igraph seconds of C code that holds Python's GIL, so a
worker *thread* would still freeze the window for as long. The picture is therefore made
in a child process (spawned once and kept), and the window only hands the finished arrays
to the drawing library. The picture holds plain values: the networkx graph, the layout,
numpy arrays of what each node and link looks like, and the timeline table.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from ...core.model import EntityKind, RelationKind
from .. import dependency
from ..graph_layout import LAYOUTS, Layout
from ..graph_style import NODE_STYLES


@dataclass(frozen=True)
class PreparedGraph:
    """A laid-out graph as the arrays the view draws."""

    index: dict[int, int]
    kinds: list[EntityKind]
    symbols: list[str]
    sizes: list[float]
    marked: list[bool]
    segments: np.ndarray  # x1 y1 x2 y2 per relation
    segment_relations: np.ndarray
    edge_groups: dict[tuple[RelationKind, bool], list[int]]
    importance_order: np.ndarray


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
    rank = dependency.importance(graph)
    return PreparedGraph(
        index=index, kinds=[a["kind"] for a in attrs], symbols=[NODE_STYLES[a["kind"]].shape for a in attrs],
        sizes=[NODE_STYLES[a["kind"]].size * scale for a in attrs], marked=[bool(a["marked"]) for a in attrs],
        segments=segments, segment_relations=np.array([key for _, _, key, _ in edges], dtype=np.int64),
        edge_groups=groups, importance_order=np.argsort([-rank[n] for n in layout.nodes], kind="stable"))


def graph_picture(data: dependency.NetworkData, flt: dependency.GraphFilter, layout_name: str) -> GraphPicture:
    graph = dependency.build_graph(data, flt)
    layout = LAYOUTS[layout_name](graph)
    return GraphPicture(graph, layout, flt, prepare(graph, layout), dependency.timeline_table(data))


class PictureProcess:
    """One child process that makes pictures, started on first use and kept until ``close``."""

    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None

    def make(self, data: dependency.NetworkData, flt: dependency.GraphFilter, layout_name: str) -> GraphPicture:
        """Blocks the calling (worker) thread, never holding the GIL while the child works."""
        if self._pool is None:
            # spawn, not fork: forking a process that runs Qt threads is unsafe; the frozen app's entry
            # point calls multiprocessing.freeze_support() so the child starts from the executable.
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool.submit(graph_picture, data, flt, layout_name).result()

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
