"""The library list: documents by title, filterable without accents ("da nang" = "Đà Nẵng")."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from vnreader.core.models import DocumentSummary
from vnreader.core.text import fold

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_TITLE_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class DocumentListModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._documents: list[DocumentSummary] = []
        self._folded: list[str] = []

    def set_documents(self, documents: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._documents = list(documents)
        self._folded = [fold(doc.title) for doc in self._documents]
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._documents)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self._documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return doc.title
        if role == Qt.ItemDataRole.ToolTipRole:
            entities = (
                "entities not found yet"
                if doc.entity_count is None
                else (f"{doc.entity_count} entities")
            )
            return f"{doc.title}\n{doc.char_count:,} characters · {entities}"
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role == FOLDED_TITLE_ROLE:
            return self._folded[index.row()]
        return None

    def row_of(self, document_id: int) -> int | None:
        for row, doc in enumerate(self._documents):
            if doc.id == document_id:
                return row
        return None

    def document_at(self, row: int) -> DocumentSummary:
        return self._documents[row]


class DocumentFilterProxy(QSortFilterProxyModel):
    """Keeps documents whose folded title holds every folded word of the filter."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._ids: set[int] | None = None
        # Sorting on the folded title puts "Đà Nẵng" among the D's, where readers look for it.
        self.setSortRole(FOLDED_TITLE_ROLE)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._words = fold(query).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_ids(self, ids: list[int] | None) -> None:
        self.beginFilterChange()
        self._ids = set(ids) if ids is not None else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._ids is not None and index.data(DOCUMENT_ID_ROLE) not in self._ids:
            return False
        if not self._words:
            return True
        folded = index.data(FOLDED_TITLE_ROLE) or ""
        return all(word in folded for word in self._words)
