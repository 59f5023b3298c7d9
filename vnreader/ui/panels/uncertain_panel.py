"""Review Uncertain Entities: the library's model entities below a confidence threshold,
least certain first. Clicking one opens its report with the entity selected; the buttons
(and the context menu) accept, retype or reject the selected one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vnreader.core.entity_review import (
    DEFAULT_THRESHOLD,
    UncertainEntity,
    count_uncertain,
    uncertain_entities,
)
from vnreader.core.store import Store
from vnreader.i18n import tr, trn
from vnreader.ui.entity_style import add_kind_actions
from vnreader.ui.models.uncertain_table import UncertainTableModel
from vnreader.ui.tables import make_row_table

ROW_LIMIT = 500
_THRESHOLD_KEY = "entities/reviewThreshold"


class UncertainPanel(QWidget):
    entity_chosen = Signal(object)  # UncertainEntity: open its report at it
    fix_requested = Signal(object, object)  # UncertainEntity, label (its own: accept) or None

    def __init__(self, store: Store, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.store, self.settings = store, settings
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._stale and self.reload())
        self.model = UncertainTableModel(self)
        self.view = make_row_table(self.model, self, "uncertainEntities")
        header = self.view.horizontalHeader()
        for column in range(3):  # confidence, entity, type
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # context
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)  # report
        header.resizeSection(4, 240)
        self.view.clicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.threshold = QSpinBox(self)
        self.threshold.setObjectName("uncertainThreshold")
        self.threshold.setRange(1, 100)
        self.threshold.setSuffix(" %")
        self.threshold.setPrefix(tr("below "))
        saved = settings.value(_THRESHOLD_KEY)
        self.threshold.setValue(int(saved) if saved else round(DEFAULT_THRESHOLD * 100))
        self.threshold.valueChanged.connect(self._on_threshold)
        self.status = QLabel(self)
        self.accept_button = QPushButton(tr("Accept"), self)
        self.accept_button.clicked.connect(lambda: self._fix_current(accept=True))
        self.retype_button = QPushButton(tr("Change Type"), self)
        self.retype_button.setMenu(self._retype_menu(self.retype_button, self._fix_current))
        self.reject_button = QPushButton(tr("Not an Entity"), self)
        self.reject_button.clicked.connect(lambda: self._fix_current(label=None))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Confidence"), self))
        bar.addWidget(self.threshold)
        bar.addWidget(self.status, 1)
        for button in (self.accept_button, self.retype_button, self.reject_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    # --- data ----------------------------------------------------------------------

    def below(self) -> float:
        return self.threshold.value() / 100

    def invalidate(self, delay_ms: int = 0) -> None:
        """Entities changed: reload if shown (after ``delay_ms``, so that a stream of
        background results costs one reload), else when next shown."""
        self._stale = True
        if not self.isVisible():
            return
        if delay_ms:
            self._timer.start(delay_ms)
        else:
            self.reload()

    def reload(self) -> None:
        row = self.view.currentIndex().row()
        rows = uncertain_entities(self.store, self.below(), ROW_LIMIT)
        self.model.set_rows(rows)
        total = count_uncertain(self.store, self.below()) if len(rows) == ROW_LIMIT else len(rows)
        self.status.setText(
            trn(
                "{n} uncertain entity, the {limit} least certain shown",
                "{n} uncertain entities, the {limit} least certain shown",
                total,
                limit=ROW_LIMIT,
            )
            if total > len(rows)
            else trn("{n} uncertain entity", "{n} uncertain entities", total)
        )
        if rows and row >= 0:  # the next one moves up into the place of a fixed one
            self.view.setCurrentIndex(self.model.index(min(row, len(rows) - 1), 0))
        self._stale = False
        self._timer.stop()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_threshold(self, value: int) -> None:
        self.settings.setValue(_THRESHOLD_KEY, value)
        self.reload()

    # --- actions ---------------------------------------------------------------------

    def current(self) -> UncertainEntity | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entity_chosen.emit(self.model.row_at(index.row()))

    def _fix_current(self, label: str | None = None, *, accept: bool = False) -> None:
        item = self.current()
        if item is not None:
            self.fix_requested.emit(item, item.label if accept else label)

    def _retype_menu(self, parent, slot) -> QMenu:
        menu = QMenu(parent)
        add_kind_actions(menu, slot)
        return menu

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        item = self.model.row_at(index.row())
        menu = QMenu(self)
        menu.addAction(tr("Show in Report"), lambda: self.entity_chosen.emit(item))
        menu.addSeparator()
        menu.addAction(tr("Accept"), lambda: self.fix_requested.emit(item, item.label))
        add_kind_actions(
            menu.addMenu(tr("Change Type To")),
            lambda label: self.fix_requested.emit(item, label),
            skip=item.label,
        )
        menu.addAction(tr("Not an Entity"), lambda: self.fix_requested.emit(item, None))
        menu.exec(self.view.viewport().mapToGlobal(pos))
