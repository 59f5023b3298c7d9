"""The sidebar: the documents of the library, filterable by title with or without accents.

The list reads its rows from the database a page at a time (see ``DocumentListModel``).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vnreader.core.document_pages import ALL, DocumentQuery, count_documents, position_of
from vnreader.core.store import Store
from vnreader.i18n import tr, trn
from vnreader.ui.models.document_list import DOCUMENT_ID_ROLE, DocumentListModel
from vnreader.ui.tables import make_row_table


class LibraryPanel(QWidget):
    document_chosen = Signal(int)
    document_chosen_aside = Signal(int)  # Ctrl+click or context menu: open in the other pane

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = DocumentListModel(store, self)
        self._ids: list[int] | None = None
        self._library_size = 0
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("libraryFilter")
        self.filter_edit.setPlaceholderText(tr("Filter titles (accents optional)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        # A one-column table, not a QListView: a list view lays out every loaded row (a
        # Python call each) whenever rows arrive, 0.15 s at 10k; a table's rows have one
        # fixed height and only the visible ones are ever asked for.
        self.view = make_row_table(self.model, self, "libraryList")
        self.view.setAlternatingRowColors(False)
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("libraryCount")
        self.id_filter_bar = QToolButton(self)
        self.id_filter_bar.setObjectName("libraryIdFilter")
        self.id_filter_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.id_filter_bar.setToolTip(tr("Show all reports again"))
        self.id_filter_bar.clicked.connect(lambda: self.set_id_filter(None, ""))
        self.id_filter_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.id_filter_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.filter_edit.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def reload(self) -> None:
        """Read the library again (after an import), keeping the current row."""
        current = self.current_document_id()
        self.model.reload()
        unfiltered = self.model.query == ALL
        self._library_size = self.model.total_rows() if unfiltered else count_documents(self.store)
        self._update_count()
        self._keep_current(current)

    def _keep_current(self, document_id: int | None) -> None:
        """Select ``document_id`` again after the rows changed, if the filter shows it."""
        row = None if document_id is None else self.model.row_of(document_id)
        if row is not None:
            self._select_row(row, emit=False)

    def set_id_filter(self, ids: list[int] | None, description: str) -> None:
        """Show only these documents (None: all), with a bar saying why; click it to clear."""
        self._ids = ids
        self._apply_filter()
        self.id_filter_bar.setVisible(ids is not None)
        self.id_filter_bar.setText(tr("Only reports {description}  ✕", description=description))

    def current_document_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(DOCUMENT_ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_of(document_id)
        if row is None and position_of(self.store, document_id) is None:
            return False  # no such document
        if row is None and (self.filter_edit.text() or self._ids is not None):
            # Filtered out: show everything again.
            self.filter_edit.blockSignals(True)
            self.filter_edit.clear()
            self.filter_edit.blockSignals(False)
            self.set_id_filter(None, "")
            row = self.model.row_of(document_id)
        if row is None:
            return False
        self._select_row(row, emit=emit)
        return True

    def _select_row(self, row: int, *, emit: bool) -> None:
        index = self.model.index(row, 0)
        self.view.blockSignals(not emit)
        self.view.selectionModel().blockSignals(not emit)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.selectionModel().blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(index)

    def visible_titles(self) -> list[str]:
        """Every title the filter lets through, in order (reads them all)."""
        return [self.model.document_at(row).title for row in range(self.model.rowCount())]

    def _on_filter(self, _text: str) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        current = self.current_document_id()
        self.model.set_query(DocumentQuery.of(self.filter_edit.text(), self._ids))
        self._update_count()
        self._keep_current(current)

    def _update_count(self) -> None:
        shown, total = self.model.total_rows(), self._library_size
        self.count_label.setText(
            trn("{n:,} report", "{n:,} reports", total)
            if shown == total
            else trn("{shown:,} of {n:,} report", "{shown:,} of {n:,} reports", total, shown=shown)
        )

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.document_chosen.emit(current.data(DOCUMENT_ID_ROLE))

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        document_id = index.data(DOCUMENT_ID_ROLE)
        menu = QMenu(self)
        menu.addAction(tr("Open", context="verb"), lambda: self.document_chosen.emit(document_id))
        menu.addAction(
            tr("Open Side by Side\tCtrl+Click"),
            lambda: self.document_chosen_aside.emit(document_id),
        )
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if (
            watched is self.view.viewport()
            and event.type() == event.Type.MouseButtonPress
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.button() == Qt.MouseButton.LeftButton
        ):
            index = self.view.indexAt(event.position().toPoint())
            if index.isValid():
                self.document_chosen_aside.emit(index.data(DOCUMENT_ID_ROLE))
                return True
        # Down arrow in the filter moves into the list, as in a file chooser.
        if (
            watched is self.filter_edit
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.view.setFocus()
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)
