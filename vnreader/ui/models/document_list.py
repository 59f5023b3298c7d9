"""The library list: documents by folded title, filterable without accents, read lazily.

Rows come from the database a page at a time (:mod:`vnreader.core.document_pages`): the
view asks for more as it scrolls (``canFetchMore``/``fetchMore``), so a 10k-report library
opens and filters as fast as a small one.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt

from vnreader.core.document_pages import (
    ALL,
    DocumentQuery,
    count_documents,
    document_page,
    position_of,
)
from vnreader.core.models import DocumentSummary
from vnreader.core.store import Store
from vnreader.ui.models.rows import Index, RowTableModel

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentListModel(RowTableModel[DocumentSummary]):
    columns = ("Title",)

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = ALL

    def set_query(self, query: DocumentQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Read the documents again (after imports or a new filter)."""
        self.set_paged(
            count_documents(self._store, self._query),
            partial(document_page, self._store, self._query),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self._rows[index.row()]
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
        return None

    def row_of(self, document_id: int) -> int | None:
        """The row of a document that passes the filter, reading pages up to it."""
        position = position_of(self._store, document_id, self._query)
        if position is None:
            return None
        while len(self._rows) <= position and self.canFetchMore():
            self.fetchMore()
        return position if position < len(self._rows) else None

    def refresh_document(self, document_id: int) -> None:
        """Read one loaded row again (its entity count changed); other rows stay as they are."""
        for row, doc in enumerate(self._rows):
            if doc.id == document_id:
                fresh = document_page(self._store, DocumentQuery(ids=frozenset([document_id])))
                if fresh:
                    # Only the tooltip shows the count, and it is read on hover: no
                    # dataChanged, which makes QListView lay out every loaded row again.
                    self._rows[row] = fresh[0]
                return

    def load_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def document_at(self, row: int) -> DocumentSummary:
        return self._rows[row]
