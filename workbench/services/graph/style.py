"""How entities and relations look, shared by the on-screen graph and the exported image.

Colours are picked to stay apart for the common colour-vision deficiencies (Okabe-Ito
palette plus greys); shapes repeat the distinction so it survives a grey-scale print.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model import EntityKind, RelationKind

MARK_COLOUR = "#d62728"  # sanctioned, export-controlled or listed


@dataclass(frozen=True)
class NodeStyle:
    colour: str
    shape: str  # a pyqtgraph symbol: o s t d h p star +
    size: float


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    dash: str  # "solid", "dash", "dot", "dashdot"
    width: float


NODE_STYLES: dict[EntityKind, NodeStyle] = {
    EntityKind.COUNTRY: NodeStyle("#0072b2", "h", 18),
    EntityKind.ALLIANCE: NodeStyle("#56b4e9", "star", 20),
    EntityKind.COMPANY: NodeStyle("#e69f00", "s", 12),
    EntityKind.ORGANISATION: NodeStyle("#f0e442", "s", 12),
    EntityKind.PERSON: NodeStyle("#cc79a7", "o", 10),
    EntityKind.CHIP: NodeStyle("#009e73", "d", 12),
    EntityKind.COMPONENT: NodeStyle("#66c2a5", "t", 11),
    EntityKind.FACILITY: NodeStyle("#8c6d31", "p", 12),
    EntityKind.PROGRAMME: NodeStyle("#7f7f7f", "t1", 12),
    EntityKind.MODEL: NodeStyle("#9467bd", "o", 12),
    EntityKind.OTHER: NodeStyle("#bbbbbb", "o", 9),
}

EDGE_STYLES: dict[RelationKind, EdgeStyle] = {
    RelationKind.SUPPLIES: EdgeStyle("#e69f00", "solid", 1.6),
    RelationKind.DEPENDS_ON: EdgeStyle("#0072b2", "dash", 1.6),
    RelationKind.PRODUCES: EdgeStyle("#009e73", "solid", 1.2),
    RelationKind.OWNS: EdgeStyle("#8c6d31", "dot", 1.2),
    RelationKind.MEMBER_OF: EdgeStyle("#9a9a9a", "dot", 1.0),
    RelationKind.PARTNERS_WITH: EdgeStyle("#cc79a7", "dashdot", 1.0),
}

# Supply-chain stages for the layered layout, left to right.
STAGES = ("fab tools & foundries", "chip designers & makers", "chips", "servers & cloud", "models & programmes",
          "states & alliances")
KIND_STAGE: dict[EntityKind, int] = {
    EntityKind.COMPONENT: 0, EntityKind.CHIP: 2, EntityKind.FACILITY: 3, EntityKind.MODEL: 4,
    EntityKind.PROGRAMME: 4, EntityKind.COUNTRY: 5, EntityKind.ALLIANCE: 5, EntityKind.PERSON: 5,
}
ACTOR_STAGE = 5
