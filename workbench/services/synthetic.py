"""Generated dependency networks of any size, for benchmarks and for trying the view on a big graph.

Shaped like the real thing: a few countries and alliances, many companies, chips and
components, links whose ends follow a heavy-tailed degree (some suppliers serve
hundreds), relation kinds by what the ends are, and measures that target a few percent.
"""

from __future__ import annotations

import numpy as np

from ..core.model import Entity, EntityKind, Measure, MeasureKind, Relation, RelationKind
from .graph.dependency import NetworkData
from .project import Project

_KIND_SHARE = {EntityKind.COMPANY: 0.45, EntityKind.CHIP: 0.15, EntityKind.COMPONENT: 0.15,
               EntityKind.FACILITY: 0.08, EntityKind.MODEL: 0.07, EntityKind.ORGANISATION: 0.05,
               EntityKind.PROGRAMME: 0.03, EntityKind.COUNTRY: 0.015, EntityKind.ALLIANCE: 0.005,
               EntityKind.PERSON: 0.01}
_COUNTRIES = ["RU", "CN", "US", "IN", "BR", "ZA", "AE", "IR", "TW", "KR", "JP", "NL", "DE", "BY", "KZ"]
_RELATION_BY_KINDS = {
    (EntityKind.COMPANY, EntityKind.CHIP): RelationKind.PRODUCES,
    (EntityKind.COMPANY, EntityKind.MODEL): RelationKind.PRODUCES,
    (EntityKind.COMPANY, EntityKind.COMPANY): RelationKind.SUPPLIES,
    (EntityKind.COMPONENT, EntityKind.COMPANY): RelationKind.SUPPLIES,
    (EntityKind.COUNTRY, EntityKind.ALLIANCE): RelationKind.MEMBER_OF,
    (EntityKind.ORGANISATION, EntityKind.COMPANY): RelationKind.OWNS,
    (EntityKind.ORGANISATION, EntityKind.FACILITY): RelationKind.OWNS,
}


def synthetic_network(n_nodes: int, n_edges: int, seed: int = 1, measure_share: float = 0.02) -> NetworkData:
    rng = np.random.default_rng(seed)
    kinds = list(_KIND_SHARE)
    weights = np.array(list(_KIND_SHARE.values()))
    drawn = rng.choice(len(kinds), size=n_nodes, p=weights / weights.sum())
    entities = {}
    for i in range(n_nodes):
        kind = kinds[drawn[i]]
        entities[i + 1] = Entity(i + 1, f"gen-{i + 1}", f"{kind.value.title()} {i + 1}", kind,
                                 _COUNTRIES[int(rng.zipf(1.6)) % len(_COUNTRIES)])
    # Heavy-tailed popularity: a few hubs take many links, as big suppliers do.
    popularity = rng.pareto(1.2, n_nodes) + 1
    popularity /= popularity.sum()
    subjects = rng.choice(n_nodes, size=n_edges * 2, p=popularity) + 1
    objects = rng.integers(1, n_nodes + 1, size=n_edges * 2)
    relations: list[Relation] = []
    seen: set[tuple[int, int]] = set()
    for a, b in zip(subjects.tolist(), objects.tolist(), strict=True):
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        kind = _RELATION_BY_KINDS.get((entities[a].kind, entities[b].kind), RelationKind.DEPENDS_ON)
        start = f"{2005 + int(rng.integers(0, 20))}" if rng.random() < 0.3 else ""
        relations.append(Relation(len(relations) + 1, f"gen-r{len(relations) + 1}", a, kind, b, start, ""))
        if len(relations) == n_edges:
            break
    targets = rng.choice(n_nodes, size=max(1, int(n_nodes * measure_share)), replace=False) + 1
    measures = [Measure(i + 1, f"gen-m{i + 1}", f"Measure {i + 1}", MeasureKind.EXPORT_CONTROL, "US BIS", "",
                        "", f"{2019 + i}", "", "", tuple(int(t) for t in chunk))
                for i, chunk in enumerate(np.array_split(targets, 6))]
    return NetworkData(entities, relations, measures)


def write_network(project: Project, data: NetworkData) -> None:
    """Store a generated network in a project (one transaction), e.g. to open it in the desktop program."""
    with project.db.transaction():
        ids = {e.id: project.entities.add(e.name, e.kind, e.country).id for e in data.entities.values()}
        for r in data.relations:
            project.relations.add(ids[r.subject_id], r.kind, ids[r.object_id], r.valid_from, r.valid_to)
        for m in data.measures:
            project.measures.add(m.name, m.kind, m.authority, effective_from=m.effective_from,
                                 targets=tuple(ids[t] for t in m.targets))
