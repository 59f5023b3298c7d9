"""The library list: documents by folded title, filterable without accents, read lazily.

The model reports every document that passes the filter as a row but reads titles from
the database only a page at a time, when the view first asks for a row of that page
(:mod:`vnreader.core.document_pages`). Finding, selecting or scrolling to a report deep in a
10k-report library therefore reads one page, not every row before it, and a new filter
costs two small queries however far down the user was.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from vnreader.core.document_pages import (
    ALL,
    DocumentQuery,
    count_documents,
    document_page,
    position_of,
)
from vnreader.core.models import DocumentSummary
from vnreader.core.store import Store
from vnreader.i18n import tr, trn
from vnreader.ui.models.rows import ROOT, Index

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200


class DocumentListModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = ALL
        self._total = 0
        self._pages: dict[int, list[DocumentSummary]] = {}

    # --- contents --------------------------------------------------------------------

    @property
    def query(self) -> DocumentQuery:
        return self._query

    def set_query(self, query: DocumentQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Count the documents again and forget every page read (after an import, or a new
        filter); pages are read again as they are shown."""
        self.beginResetModel()
        self._total = count_documents(self._store, self._query)
        self._pages.clear()
        self.endResetModel()

    def total_rows(self) -> int:
        return self._total

    def loaded_rows(self) -> int:
        """How many rows have been read from the database so far."""
        return sum(len(page) for page in self._pages.values())

    def document_at(self, row: int) -> DocumentSummary | None:
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = document_page(self._store, self._query, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
        return page[offset] if offset < len(page) else None

    def row_of(self, document_id: int) -> int | None:
        """The row of a document that passes the filter. Rows read before the library
        changed (an import stores reports between events) are read again if they moved."""
        position = position_of(self._store, document_id, self._query)
        if position is None:
            return None
        shown = self.document_at(position)
        if shown is None or shown.id != document_id:
            self.reload()
        return position if position < self._total else None

    def entities_changed(self, document_ids: frozenset[int] | None) -> None:
        """The entity counts of these documents (None: any) changed. Only the tooltip shows
        them, read on hover: rows read are read again, and no dataChanged (it would make
        the view lay out again)."""
        if document_ids is None:
            self._pages.clear()
            return
        for page in self._pages.values():
            for offset, doc in enumerate(page):
                if doc.id in document_ids:
                    fresh = document_page(self._store, DocumentQuery(ids=frozenset([doc.id])))
                    if fresh:
                        page[offset] = fresh[0]

    # --- Qt model ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        # Qt's own index() calls rowCount() and columnCount() back in Python.
        if parent.isValid() or column != 0 or not 0 <= row < self._total:
            return QModelIndex()
        return self.createIndex(row, 0)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self.document_at(index.row())
        if doc is None:  # the library shrank since it was counted
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return doc.title
        if role == Qt.ItemDataRole.ToolTipRole:
            entities = (
                tr("entities not found yet")
                if doc.entity_count is None
                else tr("{n} entities", n=doc.entity_count)
            )
            characters = trn("{n:,} character", "{n:,} characters", doc.char_count)
            return f"{doc.title}\n{characters} · {entities}"
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        return None
