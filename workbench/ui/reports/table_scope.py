"""The report scope that matches what the claims table shows: its selection, else its filters."""

from __future__ import annotations

from ...services.reports import ReportScope
from ..claims.pane import THIS_SOURCE, ClaimsPane


def scope_from_table(pane: ClaimsPane) -> ReportScope | None:
    """Two or more selected rows: those claims. Otherwise the table's filters; None when it shows everything."""
    project = pane.project
    if project is None:
        return None
    model = pane.model
    rows = sorted({index.row() for index in pane.table.selectionModel().selectedRows()})
    if len(rows) >= 2:
        return ReportScope(claim_ids=tuple(project.claims.get(model.claim_id(row)).uuid for row in rows))
    if pane.text_filter.text().strip():
        # Word filters have no scope option of their own: take the claims they match, as listed.
        ids = project.claims.query_ids(model.query)
        return ReportScope(claim_ids=tuple(c.uuid for c in project.claims.get_many(ids)))
    source = ()
    if pane.scope.currentText() == THIS_SOURCE and pane.current_source_id is not None:
        source = (project.sources.get(pane.current_source_id).uuid,)
    kind = pane.kind_filter.currentData()
    scope = ReportScope(tags=tuple(t for t in [pane.tag_filter.text().strip()] if t), sources=source,
                        entities=tuple(e for e in [pane.entity_filter.text().strip()] if e),
                        kinds=(kind,) if kind else ())
    return None if scope.is_everything else scope
