"""Which claims a report covers: the scope options, combined, turned into claim ids and into words.

Each option lists alternatives (any of them matches); options combine with AND, so
"tag sanctions, source 3" means claims of source 3 tagged sanctions or below. The
scope is resolved once, in SQL, and the claims come back in text order (source by
source as imported, then by position), which every layout starts from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.errors import InvalidInputError
from ...core.model import ClaimKind, enum_values
from ..annotate import parse_credibility, parse_reliability
from ..network import resolve_entity
from ..project import Project

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class ReportScope:
    """What to include; an empty option means no restriction by it."""

    tags: tuple[str, ...] = ()  # tag paths; each includes its sub-tags
    sources: tuple[str, ...] = ()  # source ids (uuid or a unique prefix)
    entities: tuple[str, ...] = ()  # entity names, aliases or ids
    kinds: tuple[str, ...] = ()  # fact, statistic, ...
    reliability: tuple[str, ...] = ()  # grades A-F
    credibility: tuple[int, ...] = ()  # grades 1-6
    created_from: str = ""  # YYYY-MM-DD, inclusive
    created_to: str = ""
    modified_from: str = ""
    modified_to: str = ""
    claim_ids: tuple[str, ...] = ()  # explicit claims (uuid or prefix), e.g. the table's selection

    @property
    def is_everything(self) -> bool:
        return self == ReportScope()


@dataclass(frozen=True, slots=True)
class ResolvedScope:
    """The scope after its references were looked up: claim ids in text order, and the scope in words."""

    claim_ids: tuple[int, ...]
    description: str


def _check_day(value: str, what: str) -> str:
    if value and not _DAY.match(value):
        raise InvalidInputError(f"{what} must be a date written YYYY-MM-DD, not {value!r}")
    return value


def _in_clause(column: str, values: list) -> tuple[str, list]:
    return f"{column} IN ({','.join('?' * len(values))})", list(values)


def _tag_condition(project: Project, tags: tuple[str, ...]) -> tuple[str, list]:
    tag_ids: list[int] = []
    for path in tags:
        found = project.tags.subtree_ids(path)
        if not found:
            raise InvalidInputError(f"no tag {path!r} in this project")
        tag_ids += found
    inner, params = _in_clause("tag_id", tag_ids)
    return f"c.id IN (SELECT claim_id FROM claim_tag WHERE {inner})", params


def _entity_condition(project: Project, refs: tuple[str, ...]) -> tuple[str, list]:
    ids = [resolve_entity(project, ref).id for ref in refs]
    inner, params = _in_clause("entity_id", ids)
    return f"c.id IN (SELECT claim_id FROM claim_entity WHERE {inner})", params


def _date_conditions(scope: ReportScope) -> list[tuple[str, list]]:
    conditions = []
    for column, low, high in (("c.created_at", scope.created_from, scope.created_to),
                              ("c.modified_at", scope.modified_from, scope.modified_to)):
        # Stored as ISO 8601 in UTC, so the first ten characters are the day.
        what = column[2:].removesuffix("_at")
        if _check_day(low, f"the '{what} from' date"):
            conditions.append((f"substr({column}, 1, 10) >= ?", [low]))
        if _check_day(high, f"the '{what} to' date"):
            conditions.append((f"substr({column}, 1, 10) <= ?", [high]))
    return conditions


def _conditions(project: Project, scope: ReportScope) -> list[tuple[str, list]]:
    conditions: list[tuple[str, list]] = []
    if scope.tags:
        conditions.append(_tag_condition(project, scope.tags))
    if scope.sources:
        conditions.append(_in_clause("c.source_id", [project.sources.resolve(ref).id for ref in scope.sources]))
    if scope.entities:
        conditions.append(_entity_condition(project, scope.entities))
    if scope.kinds:
        bad = [k for k in scope.kinds if k not in enum_values(ClaimKind)]
        if bad:
            raise InvalidInputError(f"kind must be one of {', '.join(enum_values(ClaimKind))}, not {bad[0]!r}")
        conditions.append(_in_clause("c.kind", list(scope.kinds)))
    if scope.reliability:
        conditions.append(_in_clause("c.reliability", [parse_reliability(g) for g in scope.reliability]))
    if scope.credibility:
        conditions.append(_in_clause("c.credibility", [parse_credibility(str(g)) for g in scope.credibility]))
    conditions += _date_conditions(scope)
    if scope.claim_ids:
        conditions.append(_in_clause("c.id", [project.claims.resolve(ref).id for ref in scope.claim_ids]))
    return conditions


def resolve_scope(project: Project, scope: ReportScope) -> ResolvedScope:
    """The claims in scope, in text order; unknown tags, sources, entities or claims are one-line errors."""
    conditions = _conditions(project, scope)
    sql = "SELECT c.id FROM claim c JOIN source s ON s.id = c.source_id"
    params: list = []
    if conditions:
        sql += " WHERE " + " AND ".join(f"({text})" for text, _ in conditions)
        params = [value for _, values in conditions for value in values]
    rows = project.db.conn.execute(sql + " ORDER BY s.imported_at, s.id, c.start, c.end, c.id", params)
    return ResolvedScope(tuple(row[0] for row in rows), describe_scope(project, scope))


def _names(values: tuple, quote: bool = True) -> str:
    shown = [f"“{v}”" if quote else str(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def describe_scope(project: Project, scope: ReportScope) -> str:
    """The scope as a sentence for the title page: a reader must know what was left out."""
    if scope.is_everything:
        return "All claims in the project."
    parts = []
    if scope.claim_ids:
        parts.append(f"{len(scope.claim_ids)} claim(s) chosen by the analyst")
    if scope.tags:
        parts.append(f"tagged {_names(scope.tags)} (with sub-tags)")
    if scope.sources:
        titles = tuple(project.sources.resolve(ref).title for ref in scope.sources)
        parts.append(f"from {_names(titles)}")
    if scope.entities:
        parts.append(f"naming {_names(tuple(resolve_entity(project, ref).name for ref in scope.entities))}")
    if scope.kinds:
        parts.append(f"of kind {_names(scope.kinds, quote=False)}")
    if scope.reliability or scope.credibility:
        grades = [f"reliability {_names(scope.reliability, quote=False)}"] if scope.reliability else []
        grades += [f"credibility {_names(scope.credibility, quote=False)}"] if scope.credibility else []
        parts.append("graded " + " and ".join(grades))
    for what, low, high in (("created", scope.created_from, scope.created_to),
                            ("modified", scope.modified_from, scope.modified_to)):
        if low or high:
            span = f"from {low} " if low else ""
            span += f"to {high}" if high else ""
            parts.append(f"{what} {span.strip()}")
    return "Claims " + "; ".join(parts) + "."
