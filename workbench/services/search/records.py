"""The project's records found from the search box: entities (name, aliases, identifiers),
the bundled reference data's entities, and imported sanctions-list entries (names, aliases,
identifiers), each marked as such among the occurrences in the sources' text.

The query means what it means for text: each name, alias or identifier is a small text of
its own, matched by the same matcher (word forms, phrases, NOT, NEAR), so "rosatom NOT
overseas" finds the entity "Rosatom" but not "Rosatom Overseas". Storage narrows the rows by
a few folded word beginnings first (storage.record_search). Records are listed only when the
query has no field filters (those narrow sources and claims) and at most MAX_RECORDS of them.
"""

from __future__ import annotations

from ...core.names import identifier_key
from ...storage import record_search
from ...storage.record_search import RecordRow
from ..project import Project
from . import matching, wordforms
from .occurrence import Occurrence
from .query import Phrase, Query, Word, positive_leaves

MAX_RECORDS = 500
_KIND_ORDER = {"entity": 0, "reference": 1, "list": 2}


def _beginnings(leaf: Word | Phrase) -> set[str]:
    if isinstance(leaf, Phrase):
        return {leaf.words[0].rstrip("*")}
    if leaf.mode == "stem" and not leaf.cjk:
        return set(wordforms.candidate_beginnings(leaf.text, set()))
    return {leaf.text}


def _identifier_keys(leaf: Word | Phrase) -> set[str]:
    """Identifiers hold digits (INN 7707049388, IMO 9339301, CHE-267.936.404)."""
    raw = "".join(w.rstrip("*") for w in leaf.words) if isinstance(leaf, Phrase) else leaf.text
    key = identifier_key(raw)
    return {key} if len(key) >= 4 and any(ch.isdigit() for ch in key) else set()


def record_occurrences(project: Project, query: Query, context: int, lists: bool) -> list[Occurrence]:
    """Every match of the query in an entity's name, alias or identifier (``lists``: in an
    imported list entry's instead; list names have no index, so a million of them take about
    half a second to scan, and occurrences.py asks for them after the sources' text)."""
    assert query.tree is not None
    leaves = list(positive_leaves(query.tree))
    beginnings = sorted(set().union(*(_beginnings(leaf) for leaf in leaves)))
    keys = sorted(set().union(*(_identifier_keys(leaf) for leaf in leaves)))
    conn = project.db.conn
    rows = (record_search.list_rows(conn, beginnings, keys, MAX_RECORDS) if lists
            else record_search.entity_rows(conn, beginnings, keys, MAX_RECORDS))
    found = []
    for row in sorted(set(rows), key=lambda r: (_KIND_ORDER[r.kind], r.label.casefold(), r.field, r.text)):
        for start, end in _spans(query, row, keys):
            found.append(Occurrence(0, row.uuid, row.label, start, end, row.text[max(0, start - context):start],
                                    row.text[start:end], row.text[end:end + context], None, None,
                                    where=row.kind, field=row.field, record_id=row.record_id))
            if len(found) >= MAX_RECORDS:
                return found
    return found


def _spans(query: Query, row: RecordRow, keys: list[str]) -> list[tuple[int, int]]:
    if row.field not in ("name", "alias") and identifier_key(row.text) in keys:
        return [(0, len(row.text))]  # identifiers compare on their keys: 7707-049388 is 7707049388
    doc = matching.Document(row.text)
    assert query.tree is not None
    result = matching.evaluate(query.tree, doc)
    return [doc.original(s, e) for s, e in matching.merged(result.spans)] if result.matched else []


def prepare_list_search(project: Project) -> bool:
    """One step of indexing the imported lists' names for search (a few milliseconds); True once done.
    For idle moments: a search that comes first finishes the index itself."""
    return record_search.list_name_index_step(project.db.conn)
