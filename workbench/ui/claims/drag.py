"""Claims dragged out of the claims table, to be dropped where they become evidence (a link in the graph).

The drag carries claim ids under a type of the program's own, so nothing else (the window's
file drop, which imports) mistakes it for files, and nothing outside the program takes it for
text it could paste.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QTableView

CLAIMS_MIME = "application/x-research-workbench-claims"


def claims_mime(claim_ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CLAIMS_MIME, QByteArray(",".join(str(i) for i in claim_ids).encode("ascii")))
    return mime


def claim_ids_of(mime: QMimeData) -> list[int]:
    """The claim ids a drag carries; [] for any other drag."""
    if not mime.hasFormat(CLAIMS_MIME):
        return []
    text = bytes(mime.data(CLAIMS_MIME)).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


class _DragStarter(QObject):
    """Starts a drag of the claim rows under the mouse once it has moved far enough with the button held."""

    def __init__(self, view: QTableView, claim_id: Callable[[int], int]):
        super().__init__(view)
        self.view = view
        self.claim_id = claim_id
        self._pressed_at: QPoint | None = None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed_at = None
        elif (kind == QEvent.Type.MouseMove and self._pressed_at is not None
              and event.buttons() & Qt.MouseButton.LeftButton
              and (event.position().toPoint() - self._pressed_at).manhattanLength()
              >= QApplication.startDragDistance()):
            rows = self.dragged_rows(self._pressed_at)
            self._pressed_at = None
            if rows:
                drag = QDrag(self.view)
                drag.setMimeData(claims_mime([self.claim_id(row) for row in rows]))
                drag.exec(Qt.DropAction.CopyAction)
                return True
        return False

    def dragged_rows(self, at: QPoint) -> list[int]:
        """The selected rows when the press was on one of them, else the row pressed."""
        pressed = self.view.indexAt(at)
        if not pressed.isValid():
            return []
        selected = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return selected if pressed.row() in selected else [pressed.row()]


def enable_claim_drag(view: QTableView, claim_id: Callable[[int], int]) -> None:
    """Let claims be dragged out of this table (``claim_id`` gives a row's claim)."""
    view.viewport().installEventFilter(_DragStarter(view, claim_id))
