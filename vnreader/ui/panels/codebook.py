"""The codebook dock: the user's themes as a tree, with undoable editing actions.

Every action runs a command from :mod:`vnreader.ui.commands`; refused operations (a
duplicate name, a key already taken) are shown as a message and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from vnreader.core import themes as th
from vnreader.core.models import Theme
from vnreader.core.store import Store
from vnreader.i18n import tr, trn
from vnreader.ui import commands as cmd
from vnreader.ui.changes import ChangeHub
from vnreader.ui.models.theme_tree import ThemeTreeModel


class CodebookPanel(QWidget):
    theme_clicked = Signal(int)  # a click on a theme: tag the reader's selection with it

    def __init__(self, store: Store, hub: ChangeHub, stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.store, self.hub, self.stack = store, hub, stack
        self.model = ThemeTreeModel(self)
        self.model.rename_requested.connect(
            lambda theme_id, name: self.run(cmd.EditTheme, theme_id, tr("Rename"), name=name)
        )
        self.view = QTreeView(self)
        self.view.setObjectName("codebookTree")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(self._on_clicked)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.actions_by_name: dict[str, QAction] = {}
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name, text, tip, slot, keys in self._action_specs():
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setObjectName(f"codebook_{name}")
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
            self.actions_by_name[name] = action
            if name in ("new", "child", "delete"):
                toolbar.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(toolbar)
        layout.addWidget(self.view)
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.confirm: Callable[[str, str], bool] = self._confirm
        hub.changed.connect(self._on_change)
        self.reload()

    def _on_change(self, change) -> None:
        if change.themes or change.documents is None or change.documents:
            self.reload()  # names, colours or passage counts changed

    def _action_specs(self):
        return [
            ("new", tr("+ Theme"), tr("New top-level theme"), self.new_theme, "Ctrl+Shift+N"),
            (
                "child",
                tr("+ Sub-theme"),
                tr("New theme inside the selected one"),
                self.new_child,
                "",
            ),
            ("rename", tr("Rename…"), tr("Rename the theme (F2)"), self.rename, "F2"),
            ("color", tr("Colour…"), tr("Change the theme's colour"), self.recolour, ""),
            (
                "describe",
                tr("Description…"),
                tr("Describe what the theme means"),
                self.describe,
                "",
            ),
            ("key", tr("Shortcut Key…"), tr("Assign a key 1–9 for tagging"), self.assign_key, ""),
            (
                "up",
                tr("Move Up"),
                tr("Move up among its siblings"),
                lambda: self.shift(-1),
                "Alt+Up",
            ),
            (
                "down",
                tr("Move Down"),
                tr("Move down among its siblings"),
                lambda: self.shift(1),
                "Alt+Down",
            ),
            ("indent", tr("Nest"), tr("Put inside the theme above"), self.indent, "Alt+Right"),
            ("outdent", tr("Un-nest"), tr("Move out of its parent"), self.outdent, "Alt+Left"),
            (
                "merge",
                tr("Merge Into…"),
                tr("Move its passages into another theme"),
                self.merge,
                "",
            ),
            ("delete", tr("Delete"), tr("Delete the theme and its passages"), self.delete, "Del"),
        ]

    # --- data ----------------------------------------------------------------------

    def reload(self) -> None:
        current = self.current_theme()
        self.model.set_themes(th.list_themes(self.store), th.annotation_counts(self.store))
        self.view.expandAll()
        if current is not None:
            self.select_theme(current.id)

    def current_theme(self) -> Theme | None:
        return self.model.theme(self.view.currentIndex())

    def select_theme(self, theme_id: int) -> None:
        index = self.model.index_of(theme_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def run(self, command_class, *args, **kwargs) -> bool:
        """Run an undoable operation; show why if the core refuses it."""
        try:
            command = command_class(self.store, self.hub, *args, **kwargs)
        except (th.ThemeError, ValueError) as error:
            QMessageBox.warning(self, "vnreader", str(error))
            return False
        self.stack.push(command)
        return True

    # --- actions -------------------------------------------------------------------

    def new_theme(self, parent_id: int | None = None) -> None:
        name = self.ask_text(tr("New theme"), tr("Name of the new theme:"), "")
        if name and self.run(cmd.CreateTheme, name, parent_id=parent_id):
            created = self.stack.command(self.stack.index() - 1)
            self.select_theme(created.theme.id)

    def new_child(self) -> None:
        theme = self.current_theme()
        self.new_theme(theme.id if theme else None)

    def rename(self) -> None:
        if self.current_theme():
            self.view.edit(self.view.currentIndex().siblingAtColumn(0))

    def recolour(self) -> None:
        theme = self.current_theme()
        if theme:
            color = QColorDialog.getColor(
                QColor(theme.color), self, tr("Colour of {name}", name=theme.name)
            )
            if color.isValid():
                self.run(cmd.EditTheme, theme.id, tr("Recolour"), color=color.name())

    def describe(self) -> None:
        theme = self.current_theme()
        if theme:
            text = self.ask_text(
                tr("Description"), tr("What “{name}” means:", name=theme.name), theme.description
            )
            if text is not None:
                self.run(cmd.EditTheme, theme.id, tr("Describe"), description=text)

    def assign_key(self) -> None:
        theme = self.current_theme()
        if theme:
            choices = [tr("None", context="key")] + [str(n) for n in range(1, 10)]
            current = choices.index(str(theme.shortcut)) if theme.shortcut else 0
            choice, ok = QInputDialog.getItem(
                self,
                tr("Shortcut key"),
                tr("Key that tags with “{name}”:", name=theme.name),
                choices,
                current,
                False,
            )
            if ok:
                key = None if choice == choices[0] else int(choice)
                self.run(cmd.EditTheme, theme.id, tr("Set key of"), shortcut=key)

    def shift(self, step: int) -> None:
        theme = self.current_theme()
        if theme:
            siblings = th.children_of(self.store, theme.parent_id)
            position = siblings.index(next(s for s in siblings if s.id == theme.id)) + step
            if 0 <= position < len(siblings):
                self.run(cmd.MoveTheme, theme.id, theme.parent_id, position)

    def indent(self) -> None:
        theme = self.current_theme()
        if theme:
            siblings = th.children_of(self.store, theme.parent_id)
            row = [s.id for s in siblings].index(theme.id)
            if row > 0:
                new_parent = siblings[row - 1]
                position = len(th.children_of(self.store, new_parent.id))
                self.run(cmd.MoveTheme, theme.id, new_parent.id, position)

    def outdent(self) -> None:
        theme = self.current_theme()
        if theme and theme.parent_id is not None:
            parent = th.get_theme(self.store, theme.parent_id)
            siblings = th.children_of(self.store, parent.parent_id)
            position = [s.id for s in siblings].index(parent.id) + 1
            self.run(cmd.MoveTheme, theme.id, parent.parent_id, position)

    def merge(self) -> None:
        theme = self.current_theme()
        if not theme:
            return
        paths = th.theme_paths(self.store)
        targets = {paths[t.id]: t.id for t in self.model.themes() if t.id != theme.id}
        if not targets:
            return
        choice, ok = QInputDialog.getItem(
            self,
            tr("Merge themes"),
            tr("Merge “{name}” into:", name=theme.name),
            sorted(targets),
            0,
            False,
        )
        if ok:
            self.run(cmd.MergeThemes, theme.id, targets[choice])

    def delete(self) -> None:
        theme = self.current_theme()
        if not theme:
            return
        count = th.annotation_counts(self.store).get(theme.id, 0)
        message = (
            trn(
                "Delete the theme “{name}”? It carries {n} tagged passage, which will be "
                "deleted too.",
                "Delete the theme “{name}”? It carries {n} tagged passages, which will be "
                "deleted too.",
                count,
                name=theme.name,
            )
            if count
            else tr("Delete the theme “{name}”?", name=theme.name)
        )
        undo = tr("You can undo this with Ctrl+Z.")
        if self.confirm(tr("Delete theme"), f"{message}\n\n{undo}"):
            self.run(cmd.DeleteTheme, theme.id)

    # --- events --------------------------------------------------------------------

    def _on_clicked(self, index: QModelIndex) -> None:
        theme = self.model.theme(index)
        if theme is not None:
            self.theme_clicked.emit(theme.id)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for name, action in self.actions_by_name.items():
            menu.addAction(action)
            if name in ("child", "key", "outdent"):
                menu.addSeparator()
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _ask_text(self, title: str, label: str, value: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=value)
        return text if ok else None

    def _confirm(self, title: str, message: str) -> bool:
        answer = QMessageBox.question(self, title, message)
        return answer == QMessageBox.StandardButton.Yes
