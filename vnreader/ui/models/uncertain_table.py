"""The review list's table: uncertain entities with confidence, type, report and context."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from vnreader.core.entity_review import UncertainEntity, percent
from vnreader.ui.entity_style import KIND_BY_LABEL, entity_color

COLUMNS = ("Confidence", "Entity", "Type", "Context", "Report")

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def context_line(item: UncertainEntity) -> str:
    return f"{item.before}{item.text}{item.after}"


class UncertainTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[UncertainEntity] = []

    def set_rows(self, rows: list[UncertainEntity]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> UncertainEntity:
        return self._rows[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Confidence": percent(item.confidence),
                "Entity": item.text,
                "Type": KIND_BY_LABEL[item.label].singular,
                "Report": item.document_title,
                "Context": context_line(item),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "Entity":
            return QBrush(entity_color(item.label))
        if role == Qt.ItemDataRole.FontRole and column == "Entity":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "Confidence":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.document_title}\n\n{context_line(item)}\n\n(click to open it)"
        return None
