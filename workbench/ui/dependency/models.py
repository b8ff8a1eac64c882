"""Qt models over the analysis' plain data: a table model over a pandas DataFrame."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class DataFrameModel(QAbstractTableModel):
    """Shows chosen columns of a DataFrame; ``row_record`` gives the whole row (ids included)."""

    def __init__(self, columns: dict[str, str], parent=None):
        super().__init__(parent)
        self._columns = columns  # DataFrame column -> header
        self._frame = pd.DataFrame(columns=list(columns))

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        return self._frame

    def row_record(self, row: int) -> dict:
        return self._frame.iloc[row].to_dict()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self._frame.iloc[index.row()][list(self._columns)[index.column()]]
        if isinstance(value, bool):
            return "yes" if value else ""
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return list(self._columns.values())[section]
        return None
