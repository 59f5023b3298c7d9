"""The sidebar: the documents of the library, filterable by title with or without accents."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vnreader.core.models import DocumentSummary
from vnreader.ui.models.document_list import (
    DOCUMENT_ID_ROLE,
    DocumentFilterProxy,
    DocumentListModel,
)


class LibraryPanel(QWidget):
    document_chosen = Signal(int)
    document_chosen_aside = Signal(int)  # Ctrl+click or context menu: open in the other pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("libraryFilter")
        self.filter_edit.setPlaceholderText("Filter titles (accents optional)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.view = QListView(self)
        self.view.setObjectName("libraryList")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setWordWrap(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("libraryCount")
        self.id_filter_bar = QToolButton(self)
        self.id_filter_bar.setObjectName("libraryIdFilter")
        self.id_filter_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.id_filter_bar.setToolTip("Show all reports again")
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

    def set_documents(self, documents: list[DocumentSummary]) -> None:
        current = self.current_document_id()
        self.model.set_documents(documents)
        self._update_count()
        if current is not None:
            self.select_document(current, emit=False)

    def set_id_filter(self, ids: list[int] | None, description: str) -> None:
        """Show only these documents (None: all), with a bar saying why; click it to clear."""
        self.proxy.set_ids(ids)
        self.id_filter_bar.setVisible(ids is not None)
        self.id_filter_bar.setText(f"Only reports {description}  ✕")
        self._update_count()

    def current_document_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(DOCUMENT_ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_of(document_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row))
        if not index.isValid():  # filtered out: show everything again
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row))
        self.view.blockSignals(not emit)
        self.view.selectionModel().blockSignals(not emit)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.selectionModel().blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(index)
        return True

    def visible_titles(self) -> list[str]:
        return [self.proxy.index(row, 0).data() for row in range(self.proxy.rowCount())]

    def _on_filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "report" if total == 1 else "reports"
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
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
        menu.addAction("Open", lambda: self.document_chosen.emit(document_id))
        menu.addAction(
            "Open Side by Side\tCtrl+Click", lambda: self.document_chosen_aside.emit(document_id)
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
            and self.proxy.rowCount()
        ):
            self.view.setFocus()
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.proxy.index(0, 0))
            return True
        return super().eventFilter(watched, event)
