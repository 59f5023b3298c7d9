"""Tagged passages: of the open document (annotations dock) and of the corpus (filterable).

Clicking a passage asks the window to show it; notes are edited in place; the context menu
changes a passage's theme, fits its span to the reader's selection, or removes it. Every
edit is an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from vnreader.core import annotations as ann
from vnreader.core import themes as th
from vnreader.core.store import Store
from vnreader.core.text import fold
from vnreader.i18n import tr, trn
from vnreader.ui import commands as cmd
from vnreader.ui.changes import Change, ChangeHub
from vnreader.ui.models.annotation_table import AnnotationTableModel, PassageRows
from vnreader.ui.tables import make_row_table


class PassageTable(QWidget):
    passage_chosen = Signal(object)  # Annotation

    def __init__(
        self, store: Store, hub: ChangeHub, stack: QUndoStack, with_document: bool, parent=None
    ) -> None:
        super().__init__(parent)
        self.store, self.hub, self.stack = store, hub, stack
        self.reader_selection: Callable[[], tuple[int, int, int] | None] = lambda: None
        self.model = AnnotationTableModel(with_document, self)
        self.model.note_edited.connect(
            lambda aid, note: self.run(cmd.EditPassage, aid, tr("Edit note of"), note=note)
        )
        self.view = make_row_table(self.model, self)
        self.view.setEditTriggers(  # the note column is editable
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(120)
        header.setMinimumSectionSize(60)
        self.view.clicked.connect(self._on_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filters = QHBoxLayout()
        layout.addLayout(self.filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def run(self, command_class, *args, **kwargs) -> bool:
        try:
            command = command_class(self.store, self.hub, *args, **kwargs)
        except (ann.AnnotationError, th.ThemeError, ValueError) as error:
            QMessageBox.warning(self, "vnreader", str(error))
            return False
        self.stack.push(command)
        return True

    def delete_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.run(cmd.DeletePassage, self.model.row_at(index.row()).annotation.id)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.passage_chosen.emit(self.model.row_at(index.row()).annotation)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        annotation = self.model.row_at(index.row()).annotation
        menu = QMenu(self)
        menu.addAction(
            tr("Edit Note"),
            lambda: self.view.edit(index.siblingAtColumn(self.model.columnCount() - 1)),
        )
        themes_menu = menu.addMenu(tr("Change Theme"))
        paths = th.theme_paths(self.store)
        for theme in th.list_themes(self.store):
            if theme.id != annotation.theme_id:
                themes_menu.addAction(
                    paths[theme.id],
                    lambda tid=theme.id: self.run(
                        cmd.EditPassage, annotation.id, tr("Change theme of"), theme_id=tid
                    ),
                )
        selection = self.reader_selection()
        fit = menu.addAction(tr("Fit to Reader Selection"))
        fit.setEnabled(bool(selection) and selection[0] == annotation.document_id)
        if selection:
            _doc, start, end = selection
            fit.triggered.connect(
                lambda: self.run(cmd.EditPassage, annotation.id, tr("Adjust"), start=start, end=end)
            )
        menu.addSeparator()
        remove = menu.addAction(
            tr("Remove Tag"), lambda: self.run(cmd.DeletePassage, annotation.id)
        )
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if (
            event.matches(QKeySequence.StandardKey.Delete)
            and self.view.state() != self.view.State.EditingState
        ):
            self.delete_current()
            return
        super().keyPressEvent(event)


class DocumentPassages(PassageTable):
    """The open document's passages, in text order."""

    def __init__(self, store, hub, stack, parent=None) -> None:
        super().__init__(store, hub, stack, with_document=False, parent=parent)
        self.view.setObjectName("documentPassages")
        self.document_id: int | None = None
        hub.changed.connect(self._on_change)

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self.reload()

    def reload(self) -> None:
        rows = (
            PassageRows.of(self.store).rows(
                (a, "") for a in ann.annotations_for_document(self.store, self.document_id)
            )
            if self.document_id is not None
            else []
        )
        self.model.set_rows(rows)
        self.status.setText(trn("{n} tagged passage", "{n} tagged passages", len(rows)))

    def _on_change(self, change: Change) -> None:
        if change.themes or change.documents is None or self.document_id in change.documents:
            self.reload()


class CorpusPassages(PassageTable):
    """Every passage of the corpus, filterable by theme and by report title, read a page at
    a time as the table scrolls."""

    def __init__(self, store, hub, stack, parent=None) -> None:
        super().__init__(store, hub, stack, with_document=True, parent=parent)
        self.view.setObjectName("corpusPassages")
        self.theme_filter = QComboBox(self)
        self.theme_filter.setObjectName("corpusThemeFilter")
        self.theme_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme_filter.setMinimumContentsLength(12)
        self.theme_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.title_filter = QLineEdit(self)
        self.title_filter.setObjectName("corpusTitleFilter")
        self.title_filter.setPlaceholderText(tr("Report title (accents optional)"))
        self.title_filter.setClearButtonEnabled(True)
        self.title_filter.textChanged.connect(lambda _t: self.reload())
        self._filters: dict | None = None
        self.filters.addWidget(self.theme_filter, 1)
        self.filters.addWidget(self.title_filter, 1)
        hub.changed.connect(self._on_change)
        self.refresh_filters()

    def refresh_filters(self) -> None:
        combo = self.theme_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("All themes"), None)
        for path, theme_id in sorted((p, i) for i, p in th.theme_paths(self.store).items()):
            combo.addItem(path, theme_id)
        found = combo.findData(current)
        combo.setCurrentIndex(found if found >= 0 else 0)
        combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        theme = self.theme_filter.currentData()
        filters = {
            "theme_ids": [theme] if theme is not None else None,
            "title_words": tuple(fold(self.title_filter.text()).split()),
        }
        total = ann.count_passages(self.store, **filters)
        same_rows = filters == self._filters
        self._filters = filters
        make = PassageRows.of(self.store)  # once, not for every page read while scrolling
        self.model.set_paged(
            total,
            lambda offset, limit: make.rows(
                ann.passage_page(self.store, offset=offset, limit=limit, **filters)
            ),
            keep_loaded=same_rows,
        )
        self.status.setText(trn("{n:,} passage", "{n:,} passages", total))

    def _on_change(self, change: Change) -> None:
        if change.themes:
            self.refresh_filters()
        elif change.documents is None or change.documents:
            self.reload()
