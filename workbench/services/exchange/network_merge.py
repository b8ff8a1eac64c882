"""Relations and measures in a merge: matched by UUID, the newer version wins, nothing doubled.

They carry less of the analyst's own words than claims do, so a difference is settled by
their change times (the newer wins) and each overwrite is listed; one whose entities did
not come in is skipped and listed.
"""

from __future__ import annotations

from ...core.model import MeasureKind, RelationKind, enum_values
from ...storage import exchange_network as net

_RELATION_KINDS = set(enum_values(RelationKind))
_MEASURE_KINDS = set(enum_values(MeasureKind))


def _content(record: dict, fields: tuple[str, ...], refs: tuple[str, ...]) -> tuple:
    return tuple(record.get(f, "") for f in fields) + tuple(tuple(sorted(record.get(r) or ())) if
                                                            isinstance(record.get(r), list) else record.get(r)
                                                            for r in refs)


def merge_relations(merger, incoming: list[dict]) -> None:
    conn, report = merger.conn, merger.report
    local = {r["uuid"]: r for r in net.read_relations(conn)}
    ids = {uuid: id_ for id_, uuid in conn.execute("SELECT id, uuid FROM relation")}
    for record in incoming:
        label = f"relation {record.get('uuid', '')[:8]} ({record.get('kind', '')})"
        subject, object_ = merger.entity_ids.get(record.get("subject")), merger.entity_ids.get(record.get("object"))
        if record.get("kind") not in _RELATION_KINDS or subject is None or object_ is None or subject == object_:
            report.skipped.append(f"{label}: its entities are not in the file or the project")
            continue
        record = {**{f: record.get(f) or "" for f in net.RELATION_FIELDS}, **record}
        evidence = [merger.claim_ids[c] for c in record.get("evidence", ()) if c in merger.claim_ids]
        mine = local.get(record["uuid"])
        if mine is None:
            merger.undo.relations.append(net.write_relation(conn, record, subject, object_, evidence))
            report.added["relations"] += 1
        elif _content(mine, net.RELATION_FIELDS, ("subject", "object", "evidence")) == \
                _content(record, net.RELATION_FIELDS, ("subject", "object", "evidence")):
            report.unchanged["relations"] += 1
        elif (record.get("modified_at") or "") > (mine.get("modified_at") or ""):
            merger.undo.rows.append(net.snapshot_row(conn, "relation", ids[mine["uuid"]]))
            net.write_relation(conn, record, subject, object_, evidence, ids[mine["uuid"]])
            report.updated["relations"] += 1
            report.notes.append(f"{label}: the newer version from {merger.bundle.origin} replaced this one")
        else:
            report.unchanged["relations"] += 1


def merge_measures(merger, incoming: list[dict]) -> None:
    conn, report = merger.conn, merger.report
    local = {m["uuid"]: m for m in net.read_measures(conn)}
    ids = {uuid: id_ for id_, uuid in conn.execute("SELECT id, uuid FROM measure")}
    for record in incoming:
        label = f"measure {record.get('name', '')!r}"
        if record.get("kind") not in _MEASURE_KINDS or not str(record.get("name") or "").strip():
            report.skipped.append(f"{label}: not a measure this program knows")
            continue
        record = {**{f: record.get(f) or "" for f in net.MEASURE_FIELDS}, **record}
        targets = [merger.entity_ids[e] for e in record.get("targets", ()) if e in merger.entity_ids]
        evidence = [merger.claim_ids[c] for c in record.get("evidence", ()) if c in merger.claim_ids]
        mine = local.get(record["uuid"])
        if mine is None:
            merger.undo.measures.append(net.write_measure(conn, record, targets, evidence))
            report.added["measures"] += 1
        elif _content(mine, net.MEASURE_FIELDS, ("targets", "evidence")) == \
                _content(record, net.MEASURE_FIELDS, ("targets", "evidence")):
            report.unchanged["measures"] += 1
        elif (record.get("modified_at") or "") > (mine.get("modified_at") or ""):
            merger.undo.rows.append(net.snapshot_row(conn, "measure", ids[mine["uuid"]]))
            net.write_measure(conn, record, targets, evidence, ids[mine["uuid"]])
            report.updated["measures"] += 1
            report.notes.append(f"{label}: the newer version from {merger.bundle.origin} replaced this one")
        else:
            report.unchanged["measures"] += 1
