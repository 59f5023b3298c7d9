"""Find in the open document (Ctrl+F): accent-insensitive by default, all hits marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from vnreader.core.search import find_in_text
from vnreader.i18n import tr, trn
from vnreader.ui.reader import ReaderView

FIND_COLOR = QColor(255, 213, 79, 150)


class FindBar(QWidget):
    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.reader = reader
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText(tr("Find in this report (accents optional)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.update_hits)
        self.edit.returnPressed.connect(self.next)
        self.exact = QCheckBox(tr("Match accents"), self)
        self.exact.toggled.connect(self.update_hits)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(80)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.edit, 1)
        for text, tip, slot in (
            ("▲", tr("Previous hit (Shift+F3 or Shift+Enter)"), self.previous),
            ("▼", tr("Next hit (F3 or Enter)"), self.next),
            ("✕", tr("Close (Esc)"), self.close_bar),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.insertWidget(1, self.count)
        layout.insertWidget(2, self.exact)
        # F3, Shift+F3 and Esc work wherever the focus is in the pane (the reader too), and
        # only in that pane when two are open side by side.
        scope = parent or self
        for keys, slot in (("F3", self.next), ("Shift+F3", self.previous)):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        back = QShortcut(QKeySequence("Shift+Return"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.previous)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), scope)
        self._escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._escape.activated.connect(self.close_bar)
        self._escape.setEnabled(False)  # Esc is the bar's only while it is open
        self.hide()

    def open(self, text: str | None = None) -> None:
        self.show()
        self._escape.setEnabled(True)
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()
        self.update_hits()

    def close_bar(self) -> None:
        self.reader.set_marks("find", [], FIND_COLOR)
        self.hide()
        self._escape.setEnabled(False)
        self.reader.setFocus()

    def document_changed(self) -> None:
        """The reader shows another text: find again in it (if the bar is open)."""
        if not self.isHidden():
            self.update_hits()

    def update_hits(self) -> None:
        query = self.edit.text()
        self.hits = (
            find_in_text(self.reader.text(), query, exact=self.exact.isChecked())
            if query.strip()
            else []
        )
        self.reader.set_marks("find", self.hits, FIND_COLOR)
        after = self.reader.selected_span()[0]
        self.current = next((i for i, (s, _e) in enumerate(self.hits) if s >= after), 0) - 1
        self._show_count()

    def go_to(self, span: tuple[int, int] | None) -> None:
        """Select the hit at ``span`` if it is one, else the first hit."""
        self.current = self.hits.index(span) - 1 if span in self.hits else -1
        self._go(1)

    def next(self) -> None:
        self._go(1)

    def previous(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if self.isHidden() and self.edit.text().strip():
            self.open()  # F3 with the bar closed: find the last query again
        if not self.hits:
            return
        self.current = (self.current + step) % len(self.hits)
        self.reader.select_span(*self.hits[self.current])
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(tr("no hits"))
        elif self.current < 0:
            self.count.setText(trn("{n} hit", "{n} hits", len(self.hits)))
        else:
            self.count.setText(
                tr("{current} of {total}", current=self.current + 1, total=len(self.hits))
            )
