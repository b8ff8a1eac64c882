"""Build the report model from a project, a scope and a layout: the only place reports read the project.

Claims are numbered in text order (source by source, by position); each claim's
citation carries the same number, so "[12]" means the same quote in every format.
A citation names the page for paged sources (PDF: the ingest stored where each page
starts) and the paragraph otherwise (blocks separated by a blank line, from 1).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ... import __version__
from ...core.errors import InvalidInputError
from ...core.model import Claim, Entity, utc_now
from ...core.text import paragraph_starts, place_of
from ..ingest.footnotes import FootnoteRef, footnote_refs
from ..intelligence.analysis import Standing, analyse
from ..project import Project
from .model import (
    GROUP_BY,
    PAGE_SIZES,
    SECTIONS,
    Citation,
    ClaimEntry,
    ClaimGroup,
    ClaimLinkEntry,
    EntityEntry,
    Evidence,
    MeasureEntry,
    RelationEntry,
    Report,
    ReportLayout,
    SourceEntry,
)
from .progress import Progress
from .scope import ReportScope, resolve_scope

if TYPE_CHECKING:
    import networkx as nx

    from ..graph.layout import Layout

PlaceNodes = Callable[["nx.MultiDiGraph"], "Layout"]
_GRAPH_NODE_LIMIT = 400  # past this a picture on one page says nothing; the tables carry the facts


@dataclass(frozen=True, slots=True)
class _Place:
    """How to find a page or paragraph number for an offset in one source, and the source's own notes."""

    page_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]
    notes: tuple[FootnoteRef, ...] = ()

    def notes_of(self, start: int, end: int) -> tuple[FootnoteRef, ...]:
        """The notes whose marker lies in the quote [start, end) or right after it ("Network."1)."""
        return tuple(note for note in self.notes if start <= note.start <= end)

    def locate(self, offset: int) -> tuple[int | None, int | None]:
        return place_of(offset, self.page_starts, self.paragraph_starts)


def check_layout(layout: ReportLayout) -> None:
    if layout.group_by not in GROUP_BY:
        raise InvalidInputError(f"group by must be one of {', '.join(GROUP_BY)}, not {layout.group_by!r}")
    if layout.page_size not in PAGE_SIZES:
        raise InvalidInputError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {layout.page_size!r}")
    unknown = [s for s in layout.sections if s not in SECTIONS]
    if unknown:
        raise InvalidInputError(f"unknown report section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")


def _number_sources(project: Project, claims: list[Claim], progress: Progress) -> tuple[list[SourceEntry], dict]:
    counts: dict[int, int] = defaultdict(int)
    for claim in claims:
        counts[claim.source_id] += 1
    entries, places = [], {}
    for number, source_id in enumerate(counts, 1):  # dicts keep first-seen order: text order
        progress.check()
        source = project.sources.get(source_id)
        pages = tuple(project.sources.page_starts(source_id))
        text = project.sources.text(source_id)
        paragraphs = () if pages else paragraph_starts(text)
        places[source_id] = (number, _Place(pages, paragraphs, tuple(footnote_refs(text))))
        entries.append(SourceEntry(number, source, counts[source_id],
                                   hashlib.sha256(project.sources.original(source_id)).hexdigest()))
    return entries, places


def _citations(claims: list[Claim], places: dict, progress: Progress) -> list[Citation]:
    citations = []
    for number, claim in enumerate(claims, 1):
        source_number, place = places[claim.source_id]
        page, paragraph = place.locate(claim.anchor.start)
        citations.append(Citation(number, source_number, claim.source_uuid, claim.source_title, page, paragraph,
                                  claim.anchor.start, claim.anchor.end))
        progress.step()
    return citations


def _links(project: Project, claims: list[Claim], numbers: dict[int, int]) -> dict[int, list[ClaimLinkEntry]]:
    by_claim: dict[int, list[ClaimLinkEntry]] = defaultdict(list)
    relevant = [link for link in project.claims.links() if link.from_claim in numbers or link.to_claim in numbers]
    others = {c.id: c for c in project.claims.get_many(sorted({link.from_claim for link in relevant}
                                                               | {link.to_claim for link in relevant}))}
    for link in relevant:
        for own, other, outgoing in ((link.from_claim, link.to_claim, True), (link.to_claim, link.from_claim, False)):
            if own in numbers and other in others:
                target = others[other]
                label = " ".join((target.statement or target.anchor.quote).split())
                by_claim[own].append(ClaimLinkEntry(link.kind, outgoing, numbers.get(other), target.uuid, label,
                                                    link.note))
    return by_claim


def _groups(entries: list[ClaimEntry], sources: list[SourceEntry], group_by: str) -> list[ClaimGroup]:
    if group_by == "source":
        by_source = defaultdict(list)
        for entry in entries:
            by_source[entry.claim.source_id].append(entry)
        return [ClaimGroup(f"src-{s.number}", f"{s.number}. {s.source.title}",
                           ", ".join(p for p in (s.source.meta.author, s.source.meta.published) if p),
                           tuple(by_source[s.source.id])) for s in sources]
    keyed: dict[str, list[ClaimEntry]] = defaultdict(list)
    missing: list[ClaimEntry] = []
    for entry in entries:
        keys = entry.claim.tags if group_by == "tag" else entry.claim.entities
        for key in keys:
            keyed[key].append(entry)
        if not keys:
            missing.append(entry)
    groups = [ClaimGroup(f"grp-{i}", key.replace("/", " › ") if group_by == "tag" else key,
                         f"{len(keyed[key])} claim(s)", tuple(keyed[key]))
              for i, key in enumerate(sorted(keyed, key=str.casefold), 1)]
    if missing:
        label = "Untagged claims" if group_by == "tag" else "Claims that name no entity"
        groups.append(ClaimGroup("grp-none", label, f"{len(missing)} claim(s)", tuple(missing)))
    return groups


def _evidence(claim_ids: tuple[int, ...], numbers: dict[int, int], uuids: dict[int, str]) -> tuple[Evidence, ...]:
    return tuple(Evidence(uuids.get(c, ""), numbers.get(c)) for c in claim_ids)


def _network(project: Project, claims: list[Claim], numbers: dict[int, int]):
    names = {name for claim in claims for name in claim.entities}
    all_entities = {e.id: e for e in project.entities.list()}
    in_scope: dict[int, Entity] = {i: e for i, e in all_entities.items() if e.name in names}
    evidence_ids: set[int] = set()
    relations = [r for r in project.relations.list() if r.subject_id in in_scope or r.object_id in in_scope]
    measures = [m for m in project.measures.list() if any(t in in_scope for t in m.targets)]
    for relation in relations:
        evidence_ids.update(relation.evidence)
    for measure in measures:
        evidence_ids.update(measure.evidence)
    uuids = {c.id: c.uuid for c in project.claims.get_many(sorted(evidence_ids))}
    relation_entries = [RelationEntry(r, all_entities[r.subject_id].name, all_entities[r.object_id].name,
                                      _evidence(r.evidence, numbers, uuids)) for r in relations]
    measure_entries = [MeasureEntry(m, tuple(all_entities[t].name for t in m.targets if t in all_entities),
                                    _evidence(m.evidence, numbers, uuids)) for m in measures]
    claims_of: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        for name in claim.entities:
            claims_of[name].append(numbers[claim.id])
    entities = []
    for entity in sorted(in_scope.values(), key=lambda e: e.name.casefold()):
        entities.append(EntityEntry(
            entity, tuple(claims_of[entity.name]),
            tuple(r for r in relation_entries if entity.id in (r.relation.subject_id, r.relation.object_id)),
            tuple(m for m in measure_entries if entity.id in m.measure.targets)))
    return entities, relation_entries, measure_entries, set(in_scope)


def _graph_picture(project: Project, entity_ids: set[int], place_nodes: PlaceNodes | None) -> str:
    if not entity_ids or len(entity_ids) > _GRAPH_NODE_LIMIT:
        return ""
    # Imported here, not with the module: the command line registers ``export`` at every start,
    # and networkx, pandas and igraph (0.3 s, 70 MB) are needed only when a report draws its graph.
    from ..graph.dependency import build_graph, load_network
    from ..graph.image import graph_svg
    from ..graph.layout import force_layout

    graph = build_graph(load_network(project)).subgraph(entity_ids).copy()
    if graph.number_of_edges() == 0:
        return ""
    return graph_svg(graph, (place_nodes or force_layout)(graph), width=1100, height=720)


def build_report(project: Project, scope: ReportScope = ReportScope(), layout: ReportLayout = ReportLayout(),
                 progress: Progress | None = None, limit: int | None = None,
                 place_nodes: PlaceNodes | None = None) -> Report:
    """The whole report as data; ``progress`` gets one step per claim (its total also counts rendering).

    ``limit`` keeps only the first claims in scope, for a quick preview of a long report.
    ``place_nodes`` lays out the graph picture (force_layout when None): the desktop passes one
    that runs in a child process (services.graph.picture), since igraph holds the GIL while it works.
    """
    check_layout(layout)
    resolved = resolve_scope(project, scope)
    in_scope = len(resolved.claim_ids)
    if limit is not None and in_scope > limit:
        resolved = dataclasses.replace(resolved, claim_ids=resolved.claim_ids[:limit])
    progress = progress or Progress()
    # One step per claim to build, one per claim to render, one to write.
    progress.expect(2 * len(resolved.claim_ids) + 1)
    claims = project.claims.get_many(list(resolved.claim_ids))
    progress.check()
    sources, places = _number_sources(project, claims, progress)
    citations = _citations(claims, places, progress)
    numbers = {claim.id: i for i, claim in enumerate(claims, 1)}
    links = _links(project, claims, numbers)
    standings = analyse(project).standings if claims else {}
    entries = [ClaimEntry(n, claim, citation, tuple(links.get(claim.id, ())),
                          places[claim.source_id][1].notes_of(claim.anchor.start, claim.anchor.end),
                          *_confidence(standings.get(claim.id)))
               for n, (claim, citation) in enumerate(zip(claims, citations, strict=True), 1)]
    entities, relations, measures, entity_ids = _network(project, claims, numbers)
    progress.check()
    picture = _graph_picture(project, entity_ids, place_nodes) if layout.shows("graph") else ""
    depth = max((len(path.split("/")) for claim in claims for path in claim.tags), default=0)
    return Report(project.title, layout, utc_now(), f"Research Workbench {__version__}", resolved.description,
                  tuple(_groups(entries, sources, layout.group_by)), tuple(entries), tuple(sources),
                  tuple(entities), tuple(relations), tuple(measures), picture, depth, {"claims_in_scope": in_scope})


def _confidence(standing: Standing | None) -> tuple[str, tuple[str, ...], str]:
    """(level, reasons, corroboration status) of a claim for the report; empty for an orphaned claim."""
    if standing is None:
        return "", (), ""
    return standing.confidence.level.value, standing.confidence.reasons, standing.status
