"""Timeline of measures (bars from effective date to end, or to today) and dated relation events (marks)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtGui import QBrush, QColor, QFont

from ...core.model import RelationKind
from ...services.graph.style import EDGE_STYLES, MARK_COLOUR
from ..plain_text import plain_tooltip

MEASURE_BRUSH = QBrush(QColor(MARK_COLOUR).lighter(150))
EVENT_BRUSHES = {kind.value: QBrush(QColor(style.colour)) for kind, style in EDGE_STYLES.items()}


def _seconds(stamps: pd.Series) -> np.ndarray:
    return stamps.map(lambda t: t.timestamp() if pd.notna(t) else np.nan).to_numpy(dtype=float)


class TimelineView(pg.PlotWidget):
    """Measures one per row from the top; relation events on one lane below them."""

    def __init__(self, parent=None):
        from .graph_view import DARK_BACKGROUND, _palette_is_dark

        super().__init__(parent, background=DARK_BACKGROUND if _palette_is_dark() else "w",
                         axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setObjectName("dependencyTimeline")
        self.hideAxis("left")
        self.setMouseEnabled(y=False)
        self.setMenuEnabled(False)
        self.frame = pd.DataFrame()
        self.bars: pg.BarGraphItem | None = None
        self.events = pg.ScatterPlotItem(hoverable=True, tip=lambda x, y, data: plain_tooltip(data), size=11, symbol="d")
        self.addItem(self.events)
        self._labels: list[pg.TextItem] = []
        self._rows: list[int] = []
        self._as_of_line = pg.InfiniteLine(0, pen=pg.mkPen("#0072b2", width=2))
        self._as_of_line.setVisible(False)
        self.addItem(self._as_of_line)
        self._drawn: pd.DataFrame | None = None

    def show_timeline(self, frame: pd.DataFrame, as_of: datetime | None = None) -> None:
        """Draw the measures and events; the same table again (only the filter changed) moves the as-of line."""
        if frame is not self._drawn:
            self._draw(frame)
        self._as_of_line.setVisible(as_of is not None)
        if as_of is not None:
            self._as_of_line.setValue(as_of.timestamp())

    def _draw(self, frame: pd.DataFrame) -> None:
        self.frame = self._drawn = frame
        for item in [*self._labels, *([self.bars] if self.bars else [])]:
            self.removeItem(item)
        self._labels.clear()
        self.bars = None
        measures = frame[frame["category"] == "measure"].reset_index(drop=True)
        events = frame[frame["category"] == "event"]
        now = datetime.now(UTC).timestamp()
        starts = _seconds(measures["start"])
        ends = np.where(np.isnan(_seconds(measures["end"])), now, _seconds(measures["end"]))
        rows = np.arange(len(measures), 0, -1, dtype=float)
        self._rows = measures["item_id"].tolist()
        if len(measures):
            self.bars = pg.BarGraphItem(x0=starts, width=np.maximum(ends - starts, 86400 * 20), y=rows, height=0.6,
                                        brush=MEASURE_BRUSH, pen=pg.mkPen("#8b0000"))
            self.addItem(self.bars)
        for row, (_, m) in zip(rows, measures.iterrows(), strict=True):
            label = pg.TextItem(m["label"], color="#111111", anchor=(0, 0.5))
            label.setFont(QFont(self.font().family(), 8))
            label.setPos(m["start"].timestamp(), row)
            self.addItem(label)
            self._labels.append(label)
        kinds = events["kind"].tolist()
        self.events.setData(x=_seconds(events["start"]), y=np.zeros(len(events)),
                            brush=[EVENT_BRUSHES.get(k, EVENT_BRUSHES[RelationKind.MEMBER_OF.value]) for k in kinds],
                            data=np.array(events["label"].tolist(), dtype=object))
        self.setYRange(-1, len(measures) + 1)
        self.autoRange()

    def measure_ids_in_order(self) -> list[int]:
        return list(self._rows)
