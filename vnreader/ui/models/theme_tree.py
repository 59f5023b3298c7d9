"""The codebook as a tree model: name (with its colour), shortcut key, number of passages."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from vnreader.core.models import Theme
from vnreader.i18n import N_, tr

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Theme"), N_("Key"), N_("Passages"))

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@lru_cache(maxsize=256)
def color_icon(color: str, size: int = 14) -> QIcon:
    """A rounded swatch of ``color``; cached, as views ask for it on every repaint."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(color).darker(150))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class ThemeTreeModel(QAbstractItemModel):
    rename_requested = Signal(int, str)  # theme id, new name (edited in place)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._themes: dict[int, Theme] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._counts: dict[int, int] = {}

    def set_themes(self, themes: list[Theme], counts: dict[int, int]) -> None:
        self.beginResetModel()
        self._themes = {t.id: t for t in themes}
        self._children = {None: []}
        for theme in themes:  # tree order: parents come before their children
            parent = theme.parent_id if theme.parent_id in self._themes else None
            self._children.setdefault(parent, []).append(theme.id)
            self._children.setdefault(theme.id, [])
        self._counts = dict(counts)
        self.endResetModel()

    def theme(self, index: _Index) -> Theme | None:
        return self._themes.get(index.internalId()) if index.isValid() else None

    def index_of(self, theme_id: int, column: int = 0) -> QModelIndex:
        theme = self._themes.get(theme_id)
        if theme is None:
            return QModelIndex()
        parent = theme.parent_id if theme.parent_id in self._themes else None
        return self.createIndex(self._children[parent].index(theme_id), column, theme_id)

    def themes(self) -> list[Theme]:
        return list(self._themes.values())

    # --- Qt model interface ----------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        parent_id = parent.internalId() if parent.isValid() else None
        children = self._children.get(parent_id, [])
        if 0 <= row < len(children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        theme = self.theme(index)
        if theme is None or theme.parent_id not in self._themes:
            return QModelIndex()
        return self.index_of(theme.parent_id)

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 0 else flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        theme = self.theme(index)
        if theme is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return theme.name
            if column == 1:
                return str(theme.shortcut) if theme.shortcut else ""
            return self._counts.get(theme.id, 0)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return color_icon(theme.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            key = " — " + tr("key {key}", key=theme.shortcut) if theme.shortcut else ""
            description = f"\n{theme.description}" if theme.description else ""
            return f"{theme.name}{key}{description}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == THEME_ID_ROLE:
            return theme.id
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        theme = self.theme(index)
        if theme is None or role != Qt.ItemDataRole.EditRole or index.column() != 0:
            return False
        name = str(value).strip()
        if name and name != theme.name:
            self.rename_requested.emit(theme.id, name)  # the window runs it as an undoable op
        return False
