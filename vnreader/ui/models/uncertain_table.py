"""The review list's table: uncertain entities with confidence, type, report and context."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from vnreader.core.entity_review import UncertainEntity, percent
from vnreader.i18n import N_, tr
from vnreader.ui.entity_style import KIND_BY_LABEL, entity_color
from vnreader.ui.models.rows import Index, RowTableModel

COLUMNS = (N_("Confidence"), N_("Entity"), N_("Type"), N_("Context"), N_("Report"))


def context_line(item: UncertainEntity) -> str:
    return f"{item.before}{item.text}{item.after}"


class UncertainTableModel(RowTableModel[UncertainEntity]):
    columns = COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Confidence": percent(item.confidence),
                "Entity": item.text,
                "Type": tr(KIND_BY_LABEL[item.label].singular),
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
            click = tr("(click to open it)")
            return f"{item.document_title}\n\n{context_line(item)}\n\n{click}"
        return None
