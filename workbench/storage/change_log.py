"""Records which rows an edit touched, so every operation can return a typed change set.

TEMP triggers on this connection write (kind, id, op) rows into a TEMP table as the
edit runs; ``collect`` folds and clears them. Because the triggers sit under every
repository and service, an edit cannot forget to report what it changed, and a
rolled-back edit reports nothing (the TEMP table is part of the transaction). They
live in the connection's temporary schema only: nothing is added to the project file,
and other programs opening the file never see them. Bulk rows that no pane shows one by
one (list entries and their names, search indexes) are not logged.
"""

from __future__ import annotations

import sqlite3

from ..core.changes import ChangeSet, ChangeSetBuilder

_LOG = "temp.wb_change_log"
_LOG_IN_TRIGGER = "wb_change_log"  # triggers may not name a schema in INSERT

# table -> what a row of it says changed: (kind, column of the object's id). A table's own
# kind is marked added/changed/removed by the row's insert/update/delete; every further
# (kind, column) pair is marked "changed" (a claim's tags change the claim, not its existence).
_OWN: dict[str, str] = {
    "source": "sources", "claim": "claims", "claim_link": "claim_links", "tag": "tags", "entity": "entities",
    "relation": "relations", "measure": "measures", "sanctions_list": "lists", "screening_candidate": "candidates",
    "saved_search": "saved_searches",
}
_ALSO: dict[str, tuple[tuple[str, str], ...]] = {
    "claim": (("source_counts", "source_id"),),
    "claim_quantity": (("claims", "claim_id"),),
    "claim_tag": (("claims", "claim_id"), ("tags", "tag_id")),
    "claim_entity": (("claims", "claim_id"), ("entities", "entity_id")),
    "claim_link": (("claims", "from_claim"), ("claims", "to_claim")),
    "claim_judgement": (("claims", "claim_a"), ("claims", "claim_b")),  # a judged pair changes both claims' standing
    "entity_alias": (("entities", "entity_id"),),
    "entity_identifier": (("entities", "entity_id"),),
    "entity_attribute": (("entities", "entity_id"),),
    "relation_evidence": (("relations", "relation_id"),),
    "measure_target": (("measures", "measure_id"), ("entities", "entity_id")),
    "measure_evidence": (("measures", "measure_id"),),
    "source_page": (("sources", "source_id"),),
    "source_removed": (("sources", "source_id"),),
    "list_import": (("lists", "list_id"),),
    "screening_decision": (("decisions", "entity_id"),),
    "screening_candidate": (("entities", "entity_id"),),
}
_EVENTS = (("INSERT", "NEW", "added"), ("UPDATE", "NEW", "changed"), ("DELETE", "OLD", "removed"))


def _trigger_sql(table: str, event: str, row: str, op: str) -> str:
    inserts = []
    if table in _OWN:
        inserts.append(f"INSERT INTO {_LOG_IN_TRIGGER} VALUES ('{_OWN[table]}', {row}.id, '{op}');")
    for kind, column in _ALSO.get(table, ()):
        if kind == "source_counts" and event == "UPDATE":
            continue  # an edited claim leaves its source's count as it was; a moved one: below
        inserts.append(f"INSERT INTO {_LOG_IN_TRIGGER} VALUES ('{kind}', {row}.{column}, 'changed');")
    if event == "UPDATE" and table == "claim":  # a claim moved to another source changes both counts
        inserts.append(f"INSERT INTO {_LOG_IN_TRIGGER} SELECT 'source_counts', id, 'changed' FROM main.source "
                       "WHERE id IN (OLD.source_id, NEW.source_id) AND OLD.source_id IS NOT NEW.source_id;")
    if event == "UPDATE" and table == "entity":  # a renamed entity is shown by name in its claims
        inserts.append(f"INSERT INTO {_LOG_IN_TRIGGER} SELECT 'claims', claim_id, 'changed' FROM claim_entity "
                       "WHERE entity_id = NEW.id;")
    if event == "UPDATE" and table == "tag":  # likewise a renamed tag (its sub-tags: see services.tags)
        inserts.append(f"INSERT INTO {_LOG_IN_TRIGGER} SELECT 'claims', claim_id, 'changed' FROM claim_tag "
                       "WHERE tag_id = NEW.id;")
    name = f"wb_log_{table}_{event.lower()}"
    return (f"CREATE TEMP TRIGGER IF NOT EXISTS {name} AFTER {event} ON main.{table} "
            f"BEGIN {' '.join(inserts)} END")


class ChangeLog:
    """The change recorder of one connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._installed = False

    def install(self) -> None:
        if self._installed:
            return
        conn = self.conn
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_LOG.split('.')[1]} (kind TEXT NOT NULL, "
                     "object_id INTEGER NOT NULL, op TEXT NOT NULL)")
        for table in sorted(set(_OWN) | set(_ALSO)):
            for event, row, op in _EVENTS:
                conn.execute(_trigger_sql(table, event, row, op))
        conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS wb_log_source_text AFTER UPDATE OF text ON main.source "
                     f"BEGIN INSERT INTO {_LOG_IN_TRIGGER} VALUES ('source_texts', NEW.id, 'changed'); END")
        for event, _row, _op in _EVENTS:
            conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS wb_log_info_{event.lower()} AFTER {event} "
                         f"ON main.project_info BEGIN INSERT INTO {_LOG_IN_TRIGGER} VALUES ('project_info', 0, 'changed'); END")
        self._installed = True

    @property
    def installed(self) -> bool:
        return self._installed

    def collect(self) -> ChangeSet:
        """Everything committed or rolled back since the last collect, as one change set; clears the log."""
        if not self._installed:
            return ChangeSet()
        rows = self.conn.execute(f"SELECT kind, object_id, op FROM {_LOG} ORDER BY rowid").fetchall()
        if not rows:
            return ChangeSet()
        # Outside a transaction of the caller's, the delete is its own tiny one on the TEMP database.
        self.conn.execute(f"DELETE FROM {_LOG}")
        return ChangeSetBuilder().add_rows(rows).build()

    def discard(self) -> None:
        if self._installed:
            self.conn.execute(f"DELETE FROM {_LOG}")
