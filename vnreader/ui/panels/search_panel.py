"""Corpus search: accent-free by default, phrases in quotes, prefixes with *; results with a
snippet (hits in bold) and hit counts; choosing one opens the report with every hit marked."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from vnreader.core.search import SearchHit, SearchResults, parse_query, search
from vnreader.core.store import Store
from vnreader.i18n import tr, trn

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_LIMIT = 200
TIME_BUDGET_S = 0.3  # the window answers within this, even in exact mode


def hit_html(hit: SearchHit) -> str:
    parts, last = [], 0
    for start, end in hit.snippet_spans:
        parts.append(html.escape(hit.snippet_text[last:start]))
        parts.append(f"<b>{html.escape(hit.snippet_text[start:end])}</b>")
        last = end
    parts.append(html.escape(hit.snippet_text[last:]))
    hits = html.escape(trn("{n} hit", "{n} hits", hit.hits))
    title = html.escape(hit.title)
    return f"<b>{title}</b> <span style='color:gray'>· {hits}</span><br>{''.join(parts)}"


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 1  # public, as for the other models

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.title
        if role == HIT_ROLE:
            return hit
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Paints the HTML a model gives as its display text, wrapped to the view's width."""

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(text)
        document.setTextWidth(max(80, option.rect.width() - 8))
        return document

    def paint(self, painter, option, index) -> None:
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        text, option.text = option.text, ""
        style = option.widget.style() if option.widget else None
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, text)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            color = option.palette.color(QPalette.ColorRole.HighlightedText)
            context.palette.setColor(QPalette.ColorRole.Text, color)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        width = option.widget.viewport().width() if option.widget else 300
        option.rect.setWidth(width)
        document = self._document(option, option.text)
        return QSize(width, int(document.size().height()) + 6)


class SearchPanel(QWidget):
    hit_chosen = Signal(object, str, bool)  # SearchHit, query, exact

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchEdit")
        self.setFocusProxy(self.edit)  # entering the panel (F6) is typing a query
        self.edit.setPlaceholderText(tr('Search all reports: da nang, "bộ ngoại giao", hợp tác*'))
        self.edit.setClearButtonEnabled(True)
        self.exact = QCheckBox(tr("Match accents"), self)
        self.model = SearchResultsModel(self)
        self.view = QListView(self)
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setItemDelegate(RichTextDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        self.status = QLabel(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self.run)
        self.exact.toggled.connect(lambda _on: self.run())
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.exact)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def run(self) -> None:
        self._timer.stop()
        query = self.edit.text()
        hits = (
            search(
                self.store,
                query,
                limit=RESULT_LIMIT,
                exact=self.exact.isChecked(),
                time_budget=TIME_BUDGET_S,
            )
            if query.strip()
            else SearchResults()
        )
        self.model.set_hits(hits)
        if not query.strip():
            self.status.setText("")
            return
        if not parse_query(query):
            self.status.setText(tr("Nothing to search for: type at least one letter or digit"))
            return
        total = sum(hit.hits for hit in hits)
        text = (
            tr(
                "{hits} in {reports}",
                hits=trn("{n} hit", "{n} hits", total),
                reports=trn("{n} report", "{n} reports", len(hits)),
            )
            if hits
            else tr("No results")
        )
        if not hits.complete:
            text = tr(
                "{results} so far (Match Accents checks reports one by one; add words to narrow)",
                results=text,
            )
        self.status.setText(text)

    def _chosen(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hit_chosen.emit(hit, self.edit.text(), self.exact.isChecked())
