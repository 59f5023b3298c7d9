"""Help → Keyboard Shortcuts (F1): every menu action that has a key, read from the menus
themselves so the sheet can never fall behind them, and the keys that live in widgets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QMenu, QVBoxLayout

from vnreader.ui.models.rows import Index, RowTableModel
from vnreader.ui.tables import make_row_table

# Keys handled inside widgets, not by menu actions.
WIDGET_KEYS = (
    ("Reader", "Tag the selection with the theme of that key", "1 … 9"),
    ("Reader", "Select a whole Vietnamese word", "Double-click"),
    ("Reader", "Next / previous hit of the find bar", "F3 / Shift+F3"),
    ("Reader", "Close the find bar", "Esc"),
    ("Library", "Move from the filter into the list", "Down"),
    ("Library", "Open a report in the second pane", "Ctrl+Click"),
    ("Passages", "Remove the selected tag", "Delete"),
    ("Passages", "Edit the note", "F2 / Double-click"),
)


@dataclass(frozen=True)
class ShortcutRow:
    group: str
    action: str
    keys: str


def action_shortcuts(menus: list[QMenu], others: list[QAction]) -> list[ShortcutRow]:
    """(where, action, keys) of every action with a shortcut: those of the menus in menu
    order, then ``others`` (buttons of the panels) that no menu holds."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()

    def add(action: QAction, group: str) -> None:
        native = QKeySequence.SequenceFormat.NativeText
        keys = [k.toString(native) for k in action.shortcuts() if k.toString(native)]
        if keys and action.text() and id(action) not in seen:
            seen.add(id(action))
            name = action.text().replace("&", "").split("\t")[0].rstrip("…").strip()
            rows.append(ShortcutRow(group, name, " / ".join(keys)))

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), group)
            else:
                add(action, group)

    for menu in menus:
        walk(menu, menu.title().replace("&", ""))
    for action in others:
        add(action, "Panels")
    return rows


class ShortcutModel(RowTableModel[ShortcutRow]):
    columns = ("Where", "Action", "Keys")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (row.group, row.action, row.keys)[index.column()]


def show_shortcuts(window) -> QDialog:
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    others = window.findChildren(QAction)
    rows = action_shortcuts(menus, others) + [ShortcutRow(*keys) for keys in WIDGET_KEYS]
    dialog = QDialog(window)
    dialog.setObjectName("shortcutsSheet")
    dialog.setWindowTitle("Keyboard Shortcuts")
    model = ShortcutModel(dialog)
    model.set_rows(rows)
    view = make_row_table(model, dialog, "shortcutsTable")
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    view.setFocus()
    return dialog
