"""One reading pane: the document's title and counts above a :class:`ReaderView`.

The window holds two of them side by side; the one the user last worked in is "active"
and the docks (entities, annotations) follow it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from vnreader.i18n import tr
from vnreader.ui.find_bar import FindBar
from vnreader.ui.reader import ReaderView


class ReaderPane(QWidget):
    activated = Signal(object)  # this pane
    close_requested = Signal(object)

    def __init__(self, name: str, closable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.document_id: int | None = None
        self.title_label = QLabel(self)
        self.title_label.setObjectName("documentTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel(self)
        self.meta_label.setObjectName("documentMeta")
        self.reader = ReaderView(self)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title_label, 1)
        if closable:
            close = QToolButton(self)
            close.setObjectName("closePane")
            close.setText("✕")
            close.setAutoRaise(True)
            close.setToolTip(tr("Close this pane"))
            close.clicked.connect(lambda: self.close_requested.emit(self))
            header.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.extra = QVBoxLayout()  # room for a find bar
        self.extra.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.reader, 1)
        layout.addLayout(self.extra)
        self.find_bar = FindBar(self.reader, self)
        self.extra.addWidget(self.find_bar)
        self.reader.installEventFilter(self)
        self.reader.viewport().installEventFilter(self)

    def set_active_look(self, active: bool) -> None:
        self.setProperty("active", active)
        self.title_label.setProperty("active", active)
        for widget in (self, self.title_label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.activated.emit(self)
        return False
