"""Table models of the report view: documents × themes, entities × themes, theme frequencies.

Every model gives ``SORT_ROLE`` (numbers as numbers, text folded) for a sorting proxy and
``CELL_ROLE``: what the passages behind a cell are, as keyword arguments of
:func:`vnreader.core.reports.passages_behind` (or None for a cell without passages).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from vnreader.core.palette import readable_text_color
from vnreader.core.reports import EntityThemeRow, ThemeDocumentMatrix, ThemeFrequency
from vnreader.core.text import fold
from vnreader.i18n import N_, tr, trn
from vnreader.ui.entity_style import KIND_BY_LABEL
from vnreader.ui.models.rows import ROOT, Index, RowTableModel
from vnreader.ui.models.theme_tree import color_icon

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
CELL_ROLE = Qt.ItemDataRole.UserRole + 11
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def heat(color: str, share: float) -> QColor:
    """The theme colour laid over the palette's base, stronger for a larger ``share``."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    tint, alpha = QColor(color), 0.18 + 0.82 * max(0.0, min(1.0, share))
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * alpha,
        base.greenF() + (tint.greenF() - base.greenF()) * alpha,
        base.blueF() + (tint.blueF() - base.blueF()) * alpha,
    )


class MatrixModel(QAbstractTableModel):
    """One row per document, one column per theme (then a total): passages of each theme."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matrix = ThemeDocumentMatrix([], [], {})
        self._totals: list[int] = []
        self._max = 1

    def set_matrix(self, matrix: ThemeDocumentMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._totals = [
            sum(matrix.count(doc, t.id) for t in matrix.themes) for doc, _ in matrix.documents
        ]
        self._max = max(matrix.counts.values(), default=1)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.matrix.documents)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.matrix.themes) + 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        themes = self.matrix.themes
        theme = themes[section - 1] if 0 < section <= len(themes) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return tr("Document")
            return theme.path.rsplit(" > ", 1)[-1] if theme else tr("Total")
        if role == Qt.ItemDataRole.ToolTipRole:
            return theme.path if theme else None
        if role == Qt.ItemDataRole.DecorationRole and theme:
            return color_icon(theme.color, 10)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc, title = self.matrix.documents[index.row()]
        column, themes = index.column(), self.matrix.themes
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return title
            return fold(title) if role == SORT_ROLE else None
        theme = themes[column - 1] if column <= len(themes) else None
        count = self.matrix.count(doc, theme.id) if theme else self._totals[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count) if count else ""
        if role == SORT_ROLE:
            return count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if theme else _RIGHT
        if role == CELL_ROLE and count:
            return {"theme_id": theme.id if theme else None, "document_id": doc}
        if theme and count and role == Qt.ItemDataRole.BackgroundRole:
            return heat(theme.color, count / self._max)
        if theme and count and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(readable_text_color(heat(theme.color, count / self._max).name()))
        if role == Qt.ItemDataRole.ToolTipRole and count:
            if theme is None:
                return trn(
                    "{n} passage of all themes in “{title}”",
                    "{n} passages of all themes in “{title}”",
                    count,
                    title=title,
                )
            return trn(
                "{n} passage of {theme} in “{title}”",
                "{n} passages of {theme} in “{title}”",
                count,
                theme=theme.path,
                title=title,
            )
        return None


class CooccurrenceModel(RowTableModel[EntityThemeRow]):
    columns = (
        N_("Theme"),
        N_("Entity"),
        N_("Type"),
        N_("Passages"),
        N_("Mentions"),
        N_("Documents"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        values = (
            row.theme.path,
            row.text,
            tr(KIND_BY_LABEL[row.label].singular) if row.label in KIND_BY_LABEL else row.label,
            row.passages,
            row.mentions,
            row.documents,
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[column])
        if role == SORT_ROLE:
            value = values[column]
            return fold(value) if isinstance(value, str) else value
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return color_icon(row.theme.color, 12)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return _RIGHT
        if role == CELL_ROLE:
            return {"theme_id": row.theme.id, "entity": (row.text, row.label)}
        return None


class FrequencyModel(RowTableModel[ThemeFrequency]):
    columns = (N_("Theme"), N_("Passages"), N_("Documents"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        values = (row.theme.path, row.passages, row.documents)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[column])
        if role == SORT_ROLE:
            return fold(row.theme.path) if column == 0 else values[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return color_icon(row.theme.color, 12)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return _RIGHT
        if role == CELL_ROLE and row.passages:
            return {"theme_id": row.theme.id}
        return None


def cell_of(index: QModelIndex) -> dict | None:
    """The ``passages_behind`` keyword arguments of a (proxy or source) index, or None."""
    return index.data(CELL_ROLE) if index.isValid() else None
