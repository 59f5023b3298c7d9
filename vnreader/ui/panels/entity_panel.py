"""The entity panel: the document's people, organisations and places with their counts.

Its context menu corrects every mention of a name at once: another type, or not an entity,
in this report or in every report."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from vnreader.core.models import Entity
from vnreader.i18n import tr, trn
from vnreader.ui.entity_style import add_kind_actions
from vnreader.ui.models.entity_list import LABEL_ROLE, OCCURRENCES_ROLE, EntityListModel
from vnreader.ui.tables import make_row_table


class _VisibleTypes(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._labels: set[str] | None = None

    def set_labels(self, labels: set[str]) -> None:
        self.beginFilterChange()
        self._labels = set(labels)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        if self._labels is None:
            return True
        return self.sourceModel().index(row, 0, parent).data(LABEL_ROLE) in self._labels


class EntityPanel(QWidget):
    """Clicking an entity asks for its next occurrence after the reader's cursor."""

    occurrence_requested = Signal(object)  # tuple of (start, end) occurrences
    mentions_requested = Signal(str, str)  # entity text, label: filter the library by it
    # EntityGroup, new label (None: not an entity), in every report (else in this one)
    fix_requested = Signal(object, object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EntityListModel(self)
        self._proxy = _VisibleTypes(self)
        self._proxy.setSourceModel(self.model)
        self.view = make_row_table(self._proxy, self, "entityTable")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.clicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._status = QLabel(self)
        self._status.setObjectName("entityStatus")
        self._status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        layout.addWidget(self._status)
        self.set_pending(False)

    def set_entities(self, entities: list[Entity]) -> None:
        self.model.set_entities(entities)
        mentions = trn("{n} mention", "{n} mentions", len(entities))
        names = trn("{n} name", "{n} names", self.model.rowCount())
        self._status.setText(tr("{mentions} of {names}", mentions=mentions, names=names))

    def set_pending(self, pending: bool) -> None:
        if pending:
            self.model.set_entities([])
            self._status.setText(tr("Finding entities…"))
        else:
            self._status.setText("")

    def set_visible_labels(self, labels: set[str]) -> None:
        self._proxy.set_labels(labels)

    def row_count(self) -> int:
        return self._proxy.rowCount()

    def index_of(self, row: int) -> QModelIndex:
        return self._proxy.index(row, 0)

    def _on_activated(self, index: QModelIndex) -> None:
        occurrences = index.siblingAtColumn(0).data(OCCURRENCES_ROLE)
        if occurrences:
            self.occurrence_requested.emit(occurrences)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        first = index.siblingAtColumn(0)
        text, label = first.data(), first.data(LABEL_ROLE)
        menu = QMenu(self)
        menu.addAction(tr("Go to Next Mention"), lambda: self._on_activated(first))
        menu.addAction(
            tr("Reports Mentioning “{name}”", name=text),
            lambda: self.mentions_requested.emit(text, label),
        )
        group = self.model.group_at(self._proxy.mapToSource(first).row())
        count = len(group.occurrences)
        reject_here = (
            trn("Not an Entity ({n} mention)", "Not an Entity ({n} mentions)", count)
            if count > 1
            else tr("Not an Entity")
        )
        for everywhere, retype_title, reject_title in (
            (False, tr("Change Type"), reject_here),
            (True, tr("Change Type in Every Report"), tr("Not an Entity in Any Report")),
        ):
            menu.addSeparator()
            add_kind_actions(
                menu.addMenu(retype_title),
                lambda k, e=everywhere: self.fix_requested.emit(group, k, e),
                skip=None if everywhere else label,
            )
            menu.addAction(
                reject_title, lambda e=everywhere: self.fix_requested.emit(group, None, e)
            )
        menu.exec(self.view.viewport().mapToGlobal(pos))


def next_occurrence(occurrences: tuple[tuple[int, int], ...], after: int) -> tuple[int, int]:
    """The first occurrence starting at or after ``after``, wrapping around to the first."""
    for start, end in occurrences:
        if start >= after:
            return start, end
    return occurrences[0]
