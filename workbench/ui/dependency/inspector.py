"""What the analyst clicked on the graph: its details and the claims behind it, which open their quotes."""

from __future__ import annotations

from html import escape

import networkx as nx
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from ...core.model import Claim
from ...core.text import one_line
from ...services.project import Project
from ..item_models import Column, RecordTableModel

EVIDENCE_COLUMNS = [
    Column("Quote", lambda c: one_line(c.anchor.quote, 70), lambda c: c.anchor.quote),
    Column("Source", lambda c: one_line(c.source_title, 30), lambda c: c.source_title),
]


class Inspector(QWidget):
    claim_activated = Signal(int)  # claim id: open its source at the quote

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dependencyInspector")
        self.details = QLabel("Click a node or a link to see the claims behind it.")
        self.details.setObjectName("inspectorDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(self.details.textFormat().RichText)
        self.evidence_model = RecordTableModel(EVIDENCE_COLUMNS, parent=self)
        self.evidence = QTableView()
        self.evidence.setObjectName("evidenceTable")
        self.evidence.setModel(self.evidence_model)
        self.evidence.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.evidence.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidence.verticalHeader().hide()
        self.evidence.horizontalHeader().setStretchLastSection(True)
        self.evidence.setColumnWidth(0, 260)
        self.evidence.activated.connect(lambda index: self.activate_claim(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.details)
        layout.addWidget(QLabel("<b>Evidence</b> (double-click to open the quote)"))
        layout.addWidget(self.evidence, 1)

    def activate_claim(self, row: int) -> None:
        claim: Claim = self.evidence_model.record(row)
        self.claim_activated.emit(claim.id)

    def clear(self) -> None:
        self.details.setText("Click a node or a link to see the claims behind it.")
        self.evidence_model.set_records([])

    def show_node(self, project: Project, graph: nx.MultiDiGraph, node: int) -> None:
        attrs = graph.nodes[node]
        measures = graph.graph.get("measures", {})
        lines = [f"<h3>{escape(attrs['name'])}</h3>",
                 f"{attrs['kind'].value}" + (f" · {escape(attrs['country'])}" if attrs["country"] else "")]
        if attrs["aliases"]:
            lines.append("also: " + escape(", ".join(attrs["aliases"])))
        lines += [f"<br><span style='color:#d62728'>⚠ {escape(measures[m].name)}</span>" for m in attrs["measures"]]
        if attrs["listed"]:
            lines.append("<br><span style='color:#d62728'>⚠ confirmed on a sanctions list</span>")
        self.details.setText("<br>".join(lines))
        claim_ids = {c for *_, ev in graph.edges(node, data="evidence") for c in ev}
        claim_ids |= {c for *_, ev in graph.in_edges(node, data="evidence") for c in ev}
        claim_ids |= {c for m in attrs["measures"] for c in measures[m].evidence}
        self.evidence_model.set_records(project.claims.get_many(sorted(claim_ids)))

    def show_relation(self, project: Project, graph: nx.MultiDiGraph, relation_id: int) -> None:
        a, b, attrs = next((a, b, d) for a, b, k, d in graph.edges(keys=True, data=True) if k == relation_id)
        measures = graph.graph.get("measures", {})
        period = escape(f"{attrs['valid_from'] or '…'} – {attrs['valid_to'] or '…'}")
        lines = [f"<h3>{escape(graph.nodes[a]['name'])} <i>{attrs['kind'].value.replace('_', ' ')}</i> "
                 f"{escape(graph.nodes[b]['name'])}</h3>", f"valid {period}"]
        if attrs["note"]:
            lines.append(escape(attrs["note"]))
        lines += [f"<span style='color:#d62728'>⚠ {escape(measures[m].name)}</span>" for m in attrs["measures"]]
        self.details.setText("<br>".join(lines))
        self.evidence_model.set_records(project.claims.get_many(list(attrs["evidence"])))
