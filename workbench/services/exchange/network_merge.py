"""Relations and measures in a merge: matched by UUID, the newer version wins, nothing doubled.

They carry less of the analyst's own words than claims do, so a difference is settled by
their change times (the newer wins) and each overwrite is listed; a relation whose
entities did not come in is skipped and listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...core.model import MeasureKind, RelationKind, enum_values
from ...storage import exchange_network as net


@dataclass(frozen=True)
class _Kind:
    """How one kind of record is read, checked, compared and written."""

    name: str  # "relations" or "measures", as counted in the report
    table: str
    fields: tuple[str, ...]
    refs: tuple[str, ...]  # fields holding UUIDs of other objects
    kinds: frozenset[str]
    read: Callable
    # (merger, record, row id or None) -> the row id written, or None when the record cannot be placed
    write: Callable


def _claims(merger, record: dict) -> list[int]:
    return [merger.claim_ids[c] for c in record.get("evidence", ()) if c in merger.claim_ids]


def _write_relation(merger, record: dict, row_id: int | None) -> int | None:
    subject, object_ = merger.entity_ids.get(record.get("subject")), merger.entity_ids.get(record.get("object"))
    if subject is None or object_ is None or subject == object_:
        return None
    return net.write_relation(merger.conn, record, subject, object_, _claims(merger, record), row_id)


def _write_measure(merger, record: dict, row_id: int | None) -> int | None:
    if not str(record.get("name") or "").strip():
        return None
    targets = [merger.entity_ids[e] for e in record.get("targets", ()) if e in merger.entity_ids]
    return net.write_measure(merger.conn, record, targets, _claims(merger, record), row_id)


RELATIONS = _Kind("relations", "relation", net.RELATION_FIELDS, ("subject", "object", "evidence"),
                  frozenset(enum_values(RelationKind)), net.read_relations, _write_relation)
MEASURES = _Kind("measures", "measure", net.MEASURE_FIELDS, ("targets", "evidence"),
                 frozenset(enum_values(MeasureKind)), net.read_measures, _write_measure)


def _content(record: dict, kind: _Kind) -> tuple:
    def ref(value):
        return tuple(sorted(value)) if isinstance(value, list) else value
    return tuple(record.get(f) or "" for f in kind.fields) + tuple(ref(record.get(r)) for r in kind.refs)


def merge_records(merger, kind: _Kind, incoming: list[dict]) -> None:
    conn, report = merger.conn, merger.report
    local = {r["uuid"]: r for r in kind.read(conn)}
    ids = {uuid: id_ for id_, uuid in conn.execute(f"SELECT id, uuid FROM {kind.table}")}
    added = getattr(merger.undo, kind.name)
    for record in incoming:
        label = f"{kind.table} {record.get('name') or record.get('uuid', '')[:8]!r} ({record.get('kind', '')})"
        record = {**record, **{f: record.get(f) or "" for f in kind.fields}}
        mine = local.get(record["uuid"])
        if record["kind"] not in kind.kinds:
            report.skipped.append(f"{label}: not a kind this program knows")
        elif mine is None:
            row_id = kind.write(merger, record, None)
            if row_id is None:
                report.skipped.append(f"{label}: what it refers to is not in the file or the project")
                continue
            added.append(row_id)
            report.added[kind.name] += 1
        elif _content(mine, kind) == _content(record, kind) or \
                (record.get("modified_at") or "") <= (mine.get("modified_at") or ""):
            report.unchanged[kind.name] += 1
        else:
            snapshot = net.snapshot_row(conn, kind.table, ids[mine["uuid"]])
            if kind.write(merger, record, ids[mine["uuid"]]) is None:
                report.skipped.append(f"{label}: what it refers to is not in the file or the project")
                continue
            merger.undo.rows.append(snapshot)
            report.updated[kind.name] += 1
            report.notes.append(f"{label}: the newer version from {merger.bundle.origin} replaced this one")
