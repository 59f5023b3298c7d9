"""The window in Vietnamese shows no English: every menu, label, button, header, tooltip and
placeholder of the main window and its dialogs is looked at, and none may contain an English
word of the catalogue (the words of the messages' English that their Vietnamese never uses)."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from tests.translations import load_catalogue
from vnreader import i18n
from vnreader.ui.translation import install_language

WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def vietnamese(qapp):
    install_language("vi")
    yield
    install_language("en")


@pytest.fixture(scope="module")
def english_words() -> set[str]:
    """Words of the English messages that no Vietnamese message uses (so "CSV", "vnreader"
    or "Ctrl" are allowed, "Import" or "report" are not)."""
    catalogue = load_catalogue("vi")
    english = {w.lower() for _, source in catalogue for w in WORD.findall(source)}
    kept = {w.lower() for text, _ in catalogue.values() for w in WORD.findall(text)}
    return english - kept


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """``(where, text)`` for every string the user can meet in ``root`` and its children."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text:
            found.append((where, text))

    def walk_menu(menu: QMenu, where: str) -> None:
        add(where, menu.title())
        for action in menu.actions():
            add(f"{where} › action", action.text())
            add(f"{where} › tip", action.toolTip() if action.toolTip() != action.text() else "")
            if action.menu() is not None:
                walk_menu(action.menu(), f"{where} › {action.text()}")

    add("window title", root.windowTitle())
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        add(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, QMenu):
            walk_menu(widget, name)
        for action in widget.actions():
            add(f"{name} action", action.text())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(name, widget.text())
        elif isinstance(widget, QLineEdit):
            add(f"{name} placeholder", widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            add(name, widget.title())
        elif isinstance(widget, QDockWidget):
            add(name, widget.windowTitle())
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(f"{name} tab", widget.tabText(index))
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(f"{name} item", widget.itemText(index))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount()
            except TypeError:  # a list model (QStringListModel) keeps columnCount private
                columns = 1
            for column in range(columns):
                add(
                    f"{name} header",
                    model.headerData(column, Qt.Orientation.Horizontal),
                )
    return [(where, str(text)) for where, text in found]


def english_in(texts, english_words) -> list[str]:
    return [
        f"{where}: {text!r}"
        for where, text in texts
        if any(word.lower() in english_words for word in WORD.findall(text))
    ]


def test_the_main_window_in_vietnamese_shows_no_english(
    vietnamese, library, make_window, english_words
):
    store, first, _ = library
    window = make_window(store)
    window.show()
    window.open_document(first)
    assert i18n.language() == "vi"
    texts = visible_texts(window)
    for menu in window.menuBar().findChildren(QMenu):
        texts += visible_texts(menu)
    assert len(texts) > 100  # the walk saw the window
    assert english_in(texts, english_words) == []


def test_the_dialogs_in_vietnamese_show_no_english(vietnamese, library, make_window, english_words):
    from vnreader.ui.report_view import ReportView
    from vnreader.ui.settings_dialog import SettingsDialog
    from vnreader.ui.shortcuts_sheet import ShortcutsSheet

    store, first, _ = library
    window = make_window(store)
    window.open_document(first)
    texts = []
    for dialog in (ReportView(window), SettingsDialog(window), ShortcutsSheet(window)):
        texts += visible_texts(dialog)
        dialog.close()
    assert english_in(texts, english_words) == []


def test_english_words_are_found_when_a_string_is_left_untranslated(
    vietnamese, library, make_window, english_words
):
    """The check above can fail: an English label in a Vietnamese window is caught."""
    store, _, _ = library
    window = make_window(store)
    QLabel("Import Folder…", window)
    assert english_in(visible_texts(window), english_words)
