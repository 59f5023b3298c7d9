"""A read-only table model over a list of rows with fixed column titles.

Rows are given at once (:meth:`RowTableModel.set_rows`) or read a page at a time as the
view scrolls (:meth:`RowTableModel.set_paged`, for lists that grow with the library).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from vnreader.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses set ``columns`` (English, marked with ``N_``; shown translated) and
    implement ``data``; rows come from :meth:`set_rows`
    or :meth:`set_paged`."""

    columns: tuple[str, ...] = ()
    page_size = 200

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._total = 0
        self._fetch: Callable[[int, int], list[Row]] | None = None

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total, self._fetch = len(self._rows), None
        self.endResetModel()

    def set_paged(
        self, total: int, fetch: Callable[[int, int], list[Row]], *, keep_loaded: bool = True
    ) -> None:
        """``total`` rows, read ``fetch(offset, limit)`` a page at a time as they are shown.
        With ``keep_loaded`` (the same rows again, after an edit), as many rows as were read
        are read again, so the view keeps its place; otherwise one page."""
        loaded = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        self._total, self._fetch = total, fetch
        self._rows = fetch(0, min(loaded, total)) if total else []
        self.endResetModel()

    def total_rows(self) -> int:
        """Rows there are, read or not."""
        return self._total

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        page = self._fetch(len(self._rows), self.page_size)
        if not page:  # fewer rows than counted: the data changed under us
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(ROOT, first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        # Qt's own index() calls rowCount() and columnCount() back in Python for every row a
        # view lays out; one call instead of three matters with thousands of rows.
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section])
        return None
