"""The window's menus and toolbar. Actions live on the window so tests and code can reach
them by name; this module only builds and arranges them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from vnreader import __version__
from vnreader.i18n import tr
from vnreader.ui.entity_style import ENTITY_KINDS
from vnreader.ui.focus import move_focus
from vnreader.ui.reader import DEFAULT_POINT_SIZE
from vnreader.ui.shortcuts_sheet import show_shortcuts


def make_action(window, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setCheckable(checkable)
    (action.toggled if checkable else action.triggered).connect(slot)
    return action


def build_menus(window) -> None:
    files = window.files
    file_menu = window.menuBar().addMenu(tr("&File"))
    window.import_files_action = make_action(
        window, tr("&Import Files…"), files.choose_files_to_import, QKeySequence.StandardKey.Open
    )
    window.import_folder_action = make_action(
        window, tr("Import &Folder…"), files.choose_folder_to_import, "Ctrl+Shift+O"
    )
    file_menu.addActions([window.import_files_action, window.import_folder_action])
    file_menu.addAction(make_action(window, tr("Import &Codebook (.qdc)…"), files.import_codebook))
    file_menu.addSeparator()
    export_menu = file_menu.addMenu(tr("&Export"))
    export_menu.addAction(
        make_action(window, tr("All Annotations to CSV…"), files.export_all, "Ctrl+E")
    )
    export_menu.addAction(
        make_action(window, tr("This Document's Annotations to CSV…"), files.export_current)
    )
    export_menu.addAction(
        make_action(window, tr("Annotations of Chosen Themes to CSV…"), files.export_themes)
    )
    export_menu.addSeparator()
    export_menu.addAction(make_action(window, tr("Entities to CSV…"), files.export_entities))
    export_menu.addAction(make_action(window, tr("Codebook (.qdc)…"), files.export_codebook))
    file_menu.addSeparator()
    file_menu.addAction(
        make_action(window, tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)
    )

    edit_menu = window.menuBar().addMenu(tr("&Edit"))
    window.undo_action = window.undo_stack.createUndoAction(window, tr("&Undo"))
    window.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
    window.redo_action = window.undo_stack.createRedoAction(window, tr("&Redo"))
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    window.copy_action = make_action(
        window, tr("&Copy"), lambda: window.reader.copy(), QKeySequence.StandardKey.Copy
    )
    edit_menu.addAction(window.copy_action)
    window.snap_action = make_action(
        window, tr("&Snap Selection to Words"), window._set_snapping, None, True
    )
    window.snap_action.setChecked(True)
    edit_menu.addAction(window.snap_action)
    edit_menu.addSeparator()
    window.find_action = make_action(
        window, tr("&Find in Report…"), window.find_in_document, QKeySequence.StandardKey.Find
    )
    window.search_action = make_action(
        window, tr("&Search All Reports…"), window.focus_search, "Ctrl+Shift+F"
    )
    edit_menu.addActions([window.find_action, window.search_action])
    edit_menu.addSeparator()
    window.settings_action = make_action(
        window, tr("Se&ttings…"), lambda: _settings(window), QKeySequence.StandardKey.Preferences
    )
    if window.settings_action.shortcut().isEmpty():  # no platform key for it on Linux
        window.settings_action.setShortcut(QKeySequence("Ctrl+,"))
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    edit_menu.addAction(window.settings_action)

    view_menu = window.menuBar().addMenu(tr("&View"))
    view_menu.addAction(
        make_action(window, tr("Zoom &In"), lambda: window.zoom_by(1), ["Ctrl++", "Ctrl+="])
    )
    view_menu.addAction(make_action(window, tr("Zoom &Out"), lambda: window.zoom_by(-1), "Ctrl+-"))
    view_menu.addAction(
        make_action(
            window, tr("&Reset Zoom"), lambda: window.set_zoom(DEFAULT_POINT_SIZE), "Ctrl+0"
        )
    )
    view_menu.addSeparator()
    window.highlight_actions = {}
    for number, kind in enumerate(ENTITY_KINDS, start=1):
        button = window.legend.button(kind.label)
        action = make_action(
            window,
            tr("Highlight {kind}", kind=tr(kind.name)),
            button.setChecked,
            f"Alt+{number}",
            True,
        )
        action.setChecked(True)
        button.toggled.connect(action.setChecked)
        view_menu.addAction(action)
        window.highlight_actions[kind.label] = action
    view_menu.addSeparator()
    focus_filter = make_action(
        window, tr("Filter &Library"), window._focus_library_filter, "Ctrl+L"
    )
    view_menu.addAction(focus_filter)
    window.next_pane_action = make_action(
        window, tr("&Next Pane"), lambda: move_focus(window, 1), "F6"
    )
    window.previous_pane_action = make_action(
        window, tr("Pre&vious Pane"), lambda: move_focus(window, -1), "Shift+F6"
    )
    view_menu.addActions([window.next_pane_action, window.previous_pane_action])
    for dock, keys in (
        (window.library_dock, ""),
        (window.codebook_dock, ""),
        (window.passages_dock, ""),
        (window.entity_dock, ""),
        (window.corpus_dock, "Ctrl+Shift+A"),
        (window.shared_dock, ""),
        (window.uncertain_dock, ""),
    ):
        toggle = dock.toggleViewAction()
        if keys:
            toggle.setShortcut(QKeySequence(keys))
        view_menu.addAction(toggle)

    view_menu.addSeparator()
    window.side_by_side_action = make_action(
        window, tr("&Side by Side"), window.toggle_side_by_side, "Ctrl+\\", True
    )
    window.swap_action = make_action(window, tr("S&wap Panes"), window.swap_panes, "Ctrl+Shift+\\")
    window.sync_action = make_action(
        window, tr("S&ynchronised Scrolling"), window.set_sync_scrolling, None, True
    )
    view_menu.addActions([window.side_by_side_action, window.swap_action, window.sync_action])
    view_menu.addSeparator()
    window.reports_action = make_action(
        window, tr("&Reports…"), lambda: _reports(window), "Ctrl+Shift+R"
    )
    view_menu.addAction(window.reports_action)
    toolbar = window.addToolBar(tr("Reading"))
    toolbar.setObjectName("readingToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addActions([window.side_by_side_action, window.swap_action, window.sync_action])
    window.reading_toolbar = toolbar

    build_entities_menu(window)
    help_menu = window.menuBar().addMenu(tr("&Help"))
    window.shortcuts_action = make_action(
        window,
        tr("&Keyboard Shortcuts"),
        lambda: show_shortcuts(window),
        QKeySequence.StandardKey.HelpContents,
    )
    help_menu.addAction(window.shortcuts_action)
    help_menu.addAction(make_action(window, tr("&About vnreader"), lambda: show_about(window)))


def build_entities_menu(window) -> None:
    """Correcting entities: on the reader's selection (or the entity at the cursor)."""
    editor = window.entity_editor
    menu = window.menuBar().addMenu(tr("E&ntities"))
    window.mark_actions = {}
    for number, kind in enumerate(ENTITY_KINDS, start=1):
        action = make_action(
            window,
            tr("Mark as {kind}", kind=tr(kind.singular)),
            lambda _checked=False, label=kind.label: editor.mark_selection(label),
            f"Ctrl+{number}",
        )
        window.mark_actions[kind.label] = action
        menu.addAction(action)
    window.accept_entity_action = make_action(window, tr("&Accept Entity"), editor.accept_selection)
    window.reject_entity_action = make_action(
        window, tr("&Not an Entity"), editor.reject_selection, "Ctrl+Del"
    )
    menu.addActions([window.accept_entity_action, window.reject_entity_action])
    everywhere = menu.addMenu(tr("In &Every Report"))
    window.everywhere_actions = {}
    for kind in [*ENTITY_KINDS, None]:
        label = kind.label if kind else None
        action = make_action(
            window,
            tr("Mark as {kind} Everywhere", kind=tr(kind.singular))
            if kind
            else tr("Not an Entity Anywhere"),
            lambda _checked=False, label=label: editor.everywhere_selection(label),
        )
        window.everywhere_actions[label] = action
        everywhere.addAction(action)
    menu.addSeparator()
    window.review_action = make_action(
        window, tr("&Review Uncertain Entities"), editor.review, "Ctrl+Shift+U"
    )
    menu.addAction(window.review_action)
    menu.addSeparator()
    window.retrain_action = make_action(window, tr("Re&train Entity Model"), window.trainer.retrain)
    window.retrain_action.setStatusTip(
        tr("Train the entity model again on the shipped data and your corrections")
    )
    window.reset_model_action = make_action(window, tr("Reset Entity Model"), window.trainer.reset)
    menu.addActions([window.retrain_action, window.reset_model_action])


def _reports(window) -> None:
    from vnreader.ui.report_view import open_report_view  # loaded when first used (start-up)

    open_report_view(window)


def _settings(window) -> None:
    from vnreader.ui.settings_dialog import open_settings  # loaded when first used

    open_settings(window)


def show_about(window) -> None:
    QMessageBox.about(
        window,
        tr("About vnreader"),
        tr(
            "<b>vnreader {version}</b><p>A reader and annotator for Vietnamese reports."
            "<p>Named entities by underthesea; data stored locally in SQLite.",
            version=__version__,
        ),
    )
