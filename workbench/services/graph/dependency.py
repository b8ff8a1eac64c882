"""The dependency analysis as plain data: a networkx graph as of a date, exposure paths and a timeline.

No Qt here: the on-screen view, the exported reports and the command line all use these.
A measure "bears on" a link when it is in effect and targets either end of it. A node is
marked when a measure in effect targets it, or when the analyst confirmed it as a match on
an imported sanctions list (``NetworkData.listed``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
import pandas as pd

from ...core.dates import in_effect, period_end, period_start
from ...core.model import Entity, EntityKind, Measure, Relation, RelationKind
from ..project import Project

# Links along which hardware and services flow; membership and partnership are not dependencies.
TRADE_KINDS = frozenset({RelationKind.SUPPLIES, RelationKind.DEPENDS_ON, RelationKind.PRODUCES})


@dataclass(frozen=True)
class NetworkData:
    """Everything the analysis reads from a project, loaded once."""

    entities: dict[int, Entity]
    relations: list[Relation]
    measures: list[Measure]
    listed: frozenset[int] = frozenset()  # entity ids confirmed on a sanctions list

    def with_listed(self, entity_ids: Iterable[int]) -> NetworkData:
        """The hook for screening: these entities are drawn and counted as sanctioned."""
        return dataclasses.replace(self, listed=frozenset(entity_ids))


@dataclass(frozen=True)
class GraphFilter:
    as_of: date | None = None
    kinds: frozenset[EntityKind] | None = None  # None: all
    countries: frozenset[str] | None = None
    measures: frozenset[int] | None = None  # only what these measures target, and its neighbours
    relation_kinds: frozenset[RelationKind] | None = None
    focus: int | None = None  # an entity id: only its neighbourhood
    hops: int = 1
    extra: dict = field(default_factory=dict, compare=False)


def load_network(project: Project) -> NetworkData:
    return NetworkData({e.id: e for e in project.entities.list()}, project.relations.list(),
                       project.measures.list())


def measures_in_effect(data: NetworkData, as_of: date | None) -> list[Measure]:
    return [m for m in data.measures if in_effect(m.effective_from, m.effective_to, as_of)]


def build_graph(data: NetworkData, flt: GraphFilter = GraphFilter()) -> nx.MultiDiGraph:
    """Entities as nodes and relations as edges (keyed by relation id), as they stood on ``flt.as_of``."""
    active = measures_in_effect(data, flt.as_of)
    targeted: dict[int, list[int]] = {}
    for measure in active:
        for entity_id in measure.targets:
            targeted.setdefault(entity_id, []).append(measure.id)
    graph = nx.MultiDiGraph(as_of=flt.as_of, measures={m.id: m for m in active})
    for entity in data.entities.values():
        if flt.kinds is not None and entity.kind not in flt.kinds:
            continue
        if flt.countries is not None and entity.country not in flt.countries:
            continue
        measures = tuple(targeted.get(entity.id, ()))
        listed = entity.id in data.listed
        graph.add_node(entity.id, name=entity.name, kind=entity.kind, country=entity.country,
                       aliases=entity.aliases, measures=measures, listed=listed, marked=bool(measures) or listed)
    for relation in data.relations:
        if relation.subject_id not in graph or relation.object_id not in graph:
            continue
        if flt.relation_kinds is not None and relation.kind not in flt.relation_kinds:
            continue
        if not in_effect(relation.valid_from, relation.valid_to, flt.as_of):
            continue
        bearing: tuple[int, ...] = ()
        if relation.kind in TRADE_KINDS:
            bearing = tuple(dict.fromkeys(targeted.get(relation.subject_id, []) + targeted.get(relation.object_id, [])))
        graph.add_edge(relation.subject_id, relation.object_id, key=relation.id, kind=relation.kind,
                       valid_from=relation.valid_from, valid_to=relation.valid_to, evidence=relation.evidence,
                       note=relation.note, measures=bearing, marked=bool(bearing))
    if flt.measures is not None:
        graph = _measure_neighbourhood(graph, data, flt.measures)
    if flt.focus is not None:
        graph = neighbourhood(graph, flt.focus, flt.hops)
    return graph


def _measure_neighbourhood(graph: nx.MultiDiGraph, data: NetworkData, measure_ids: frozenset[int]) -> nx.MultiDiGraph:
    targets = {t for m in data.measures if m.id in measure_ids for t in m.targets if t in graph}
    keep = set(targets)
    for node in targets:
        keep.update(graph.predecessors(node))
        keep.update(graph.successors(node))
    return graph.subgraph(keep).copy()


def neighbourhood(graph: nx.MultiDiGraph, entity_id: int, hops: int) -> nx.MultiDiGraph:
    """The entity and everything within ``hops`` links of it, whichever way the links point."""
    if entity_id not in graph:
        return graph.subgraph([]).copy()
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), entity_id, cutoff=max(hops, 0))
    return graph.subgraph(reach).copy()


def importance(graph: nx.MultiDiGraph) -> dict[int, float]:
    """Which labels to show first: well-connected and marked nodes."""
    return {n: graph.degree(n) + (4 if attrs["marked"] else 0) + (2 if attrs["kind"] == EntityKind.COUNTRY else 0)
            for n, attrs in graph.nodes(data=True)}


# -- exposure ---------------------------------------------------------------------------

def _providers(graph: nx.MultiDiGraph) -> dict[int, list[tuple[int, int]]]:
    """For each entity, who it depends on, with the relation that says so.

    "A depends_on B": A needs B. "B supplies A" and "B produces A": A needs B.
    """
    upstream: dict[int, list[tuple[int, int]]] = {}
    for subject, obj, relation_id, kind in graph.edges(keys=True, data="kind"):
        if kind == RelationKind.DEPENDS_ON:
            upstream.setdefault(subject, []).append((obj, relation_id))
        elif kind in (RelationKind.SUPPLIES, RelationKind.PRODUCES):
            upstream.setdefault(obj, []).append((subject, relation_id))
    return upstream


EXPOSURE_COLUMNS = ["path", "depth", "dependent", "provider", "relation", "valid_from", "valid_to", "measures",
                    "marked", "evidence", "relation_id", "measure_ids", "evidence_ids"]


def exposure_table(graph: nx.MultiDiGraph, entity_id: int, max_depth: int = 4,
                   max_rows: int = 5000) -> pd.DataFrame:
    """One row per dependency path from ``entity_id`` upstream; the row describes the path's last link."""
    upstream = _providers(graph)
    measures = graph.graph.get("measures", {})
    rows: list[dict] = []
    start: tuple[str, ...] = (graph.nodes[entity_id]["name"],) if entity_id in graph else ()
    stack = [(entity_id, start, frozenset([entity_id]))]
    while stack and len(rows) < max_rows:
        node, names, seen = stack.pop()
        if len(names) > max_depth:
            continue
        for provider, relation_id in sorted(upstream.get(node, ()), key=lambda p: graph.nodes[p[0]]["name"],
                                            reverse=True):
            if provider in seen:
                continue
            link = _link_for(graph, node, provider, relation_id)
            path = names + (graph.nodes[provider]["name"],)
            rows.append({
                "path": " → ".join(path), "depth": len(path) - 1, "dependent": names[-1],
                "provider": path[-1], "relation": link["kind"].value, "valid_from": link["valid_from"],
                "valid_to": link["valid_to"], "measures": "; ".join(measures[m].name for m in link["measures"]),
                "marked": link["marked"], "evidence": len(link["evidence"]), "relation_id": relation_id,
                "measure_ids": list(link["measures"]), "evidence_ids": list(link["evidence"]),
            })
            stack.append((provider, path, seen | {provider}))
    frame = pd.DataFrame(rows, columns=EXPOSURE_COLUMNS)
    return frame.sort_values(["path"], kind="stable").reset_index(drop=True)


def _link_for(graph: nx.MultiDiGraph, dependent: int, provider: int, relation_id: int) -> dict:
    if graph.has_edge(dependent, provider, relation_id):
        return graph.edges[dependent, provider, relation_id]
    return graph.edges[provider, dependent, relation_id]


# -- timeline ---------------------------------------------------------------------------

TIMELINE_COLUMNS = ["start", "end", "category", "kind", "label", "authority", "citation", "targets", "item_id",
                    "evidence_ids"]


def timeline_table(data: NetworkData) -> pd.DataFrame:
    """Measures as spans and dated relation changes as events, in time order; undated items are left out."""
    names = {e.id: e.name for e in data.entities.values()}
    rows = []
    for m in data.measures:
        start = period_start(m.effective_from or m.announced)
        if start is None:
            continue
        rows.append({"start": start, "end": period_end(m.effective_to), "category": "measure", "kind": m.kind.value,
                     "label": m.name, "authority": m.authority, "citation": m.citation,
                     "targets": ", ".join(names[t] for t in m.targets), "item_id": m.id,
                     "evidence_ids": list(m.evidence)})
    for r in data.relations:
        text = f"{names[r.subject_id]} {r.kind.value.replace('_', ' ')} {names[r.object_id]}"
        for when, verb in ((period_start(r.valid_from), "begins"), (period_end(r.valid_to), "ends")):
            if when is not None:
                rows.append({"start": when, "end": None, "category": "event", "kind": r.kind.value,
                             "label": f"{text} ({verb})", "authority": "", "citation": "",
                             "targets": f"{names[r.subject_id]}, {names[r.object_id]}", "item_id": r.id,
                             "evidence_ids": list(r.evidence)})
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    return frame.sort_values(["start", "category", "label"], kind="stable").reset_index(drop=True)
