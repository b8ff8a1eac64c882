"""Claims dropped on a link of the graph become evidence of that relation (one undoable step).

While a drag of claims moves over the graph, only a point on or near a link accepts it, and
the tooltip-like status says which link; anything else is refused, so the analyst sees
where the drop will land before letting go.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF

from ..claims.drag import claim_ids_of
from .graph_view import GraphView

Dropped = Callable[[int, list[int]], None]  # relation id, claim ids


class EvidenceDrop(QObject):
    def __init__(self, view: GraphView, dropped: Dropped, hovering: Callable[[int | None], None]):
        super().__init__(view)
        self.view = view
        self.dropped = dropped
        self.hovering = hovering
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    def relation_at(self, position: QPointF) -> int | None:
        scene = self.view.mapToScene(position.toPoint())
        point = self.view.getViewBox().mapSceneToView(scene)
        hit = self.view.item_at(point.x(), point.y(), tolerance_px=10.0)
        return hit[1] if hit is not None and hit[0] == "relation" else None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop, QEvent.Type.DragLeave):
            return False
        if kind == QEvent.Type.DragLeave:
            self.hovering(None)
            return True
        claims = claim_ids_of(event.mimeData())
        relation = self.relation_at(event.position()) if claims else None
        if kind == QEvent.Type.DragEnter and claims:
            event.acceptProposedAction()  # entering anywhere; each move says whether that point takes it
            return True
        if relation is None:
            event.ignore()
            if kind != QEvent.Type.Drop:
                self.hovering(None)
            return bool(claims)
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.hovering(None)
            self.dropped(relation, claims)
        else:
            self.hovering(relation)
        return True
