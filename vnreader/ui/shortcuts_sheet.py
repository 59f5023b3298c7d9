"""Help → Keyboard Shortcuts (F1): every menu action that has a key, read from the menus
themselves so the sheet can never fall behind them, and the keys that live in widgets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QMenu, QVBoxLayout

from vnreader.i18n import N_, tr
from vnreader.ui.models.rows import Index, RowTableModel
from vnreader.ui.tables import make_row_table

# Keys handled inside widgets, not by menu actions: (where, what, keys), translated where
# shown. Key names stay as Qt writes them; the mouse gestures among them are words.
DOUBLE_CLICK = N_("Double-click")
CTRL_CLICK = N_("Ctrl+Click")
GESTURES = (DOUBLE_CLICK, CTRL_CLICK)
WIDGET_KEYS = (
    (N_("Reader"), N_("Tag the selection with the theme of that key"), "1 … 9"),
    (N_("Reader"), N_("Select a whole Vietnamese word"), DOUBLE_CLICK),
    (N_("Reader"), N_("Next / previous hit of the find bar"), "F3 / Shift+F3"),
    (N_("Reader"), N_("Close the find bar"), "Esc"),
    (N_("Library"), N_("Move from the filter into the list"), "Down"),
    (N_("Library"), N_("Open a report in the second pane"), CTRL_CLICK),
    (N_("Passages"), N_("Remove the selected tag"), "Delete"),
    (N_("Passages"), N_("Edit the note"), f"F2 / {DOUBLE_CLICK}"),
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
        add(action, tr("Panels"))
    return rows


def widget_rows() -> list[ShortcutRow]:
    """The rows of :data:`WIDGET_KEYS` in the interface language."""

    def keys_text(keys: str) -> str:
        return " / ".join(tr(part) if part in GESTURES else part for part in keys.split(" / "))

    return [
        ShortcutRow(tr(group), tr(action), keys_text(keys)) for group, action, keys in WIDGET_KEYS
    ]


class ShortcutModel(RowTableModel[ShortcutRow]):
    columns = (N_("Where"), N_("Action"), N_("Keys"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (row.group, row.action, row.keys)[index.column()]


class ShortcutsSheet(QDialog):
    """The sheet: where, action and keys of every shortcut, closed with Close or Esc."""

    def __init__(self, window) -> None:
        menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
        rows = action_shortcuts(menus, window.findChildren(QAction)) + widget_rows()
        super().__init__(window)
        self.setObjectName("shortcutsSheet")
        self.setWindowTitle(tr("Keyboard Shortcuts"))
        self.model = ShortcutModel(self)
        self.model.set_rows(rows)
        self.view = view = make_row_table(self.model, self, "shortcutsTable")
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(640, 560)


def show_shortcuts(window) -> QDialog:
    dialog = ShortcutsSheet(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.view.setFocus()
    return dialog
