"""Changing the interface language rebuilds the window in it, where the old one was."""

from __future__ import annotations

import pytest

import shiboken6
from PySide6.QtWidgets import QApplication

from vnreader import i18n
from vnreader.ui.app import reopen_window
from vnreader.ui.translation import LANGUAGE_KEY, install_language


@pytest.fixture
def english_afterwards(qapp):
    yield
    install_language("en")


@pytest.fixture
def make_window(settings):
    """A window not handed to qtbot: reopening deletes it, and qtbot would close it again."""
    from vnreader.ui.main_window import MainWindow

    from .conftest import VERSION

    def make(store):
        window = MainWindow(store, settings, VERSION, find_entities_on_show=False)
        window.resize(1200, 800)
        return window

    return make


def test_the_window_reopens_in_the_new_language_on_the_same_reports(
    qtbot, library, make_window, english_afterwards
):
    store, first, second = library
    window = make_window(store)
    window.show()
    window.open_document(second)
    window.open_side_by_side(first)
    assert window.menuBar().actions()[0].text() == "&File"
    window.settings.setValue(LANGUAGE_KEY, "vi")

    new = reopen_window(window)
    qtbot.addWidget(new)

    assert i18n.language() == "vi"
    assert new is not window and new.isVisible() and not window.isVisible()
    assert new.menuBar().actions()[0].text() == "&Tệp"
    assert new.library_dock.windowTitle() == "Thư viện"
    assert [pane.document_id for pane in new.panes] == [second, first]
    assert new.is_side_by_side()
    assert QApplication.instance().quitOnLastWindowClosed()  # restored after the swap
    assert QApplication.instance().vnreader_window is new


def test_the_old_window_is_destroyed_with_its_timers_and_jobs(
    qtbot, library, make_window, english_afterwards
):
    store, first, _ = library
    window = make_window(store)
    window.show()
    window.open_document(first)
    window.jobs.enqueue([first])  # a worker process at work
    window.settings.setValue(LANGUAGE_KEY, "en")
    new = reopen_window(window)
    qtbot.addWidget(new)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=2000)
    assert i18n.language() == "en"
    assert new.current_document_id == first


def test_the_switch_waits_for_a_running_import(qtbot, library, make_window, english_afterwards):
    store, first, _ = library
    window = make_window(store)
    window.show()
    importing = [True]
    window.files.is_importing = lambda: importing[0]
    window.settings.setValue(LANGUAGE_KEY, "vi")
    assert reopen_window(window) is None
    assert window.isVisible() and i18n.language() == "en"
    assert "import" in window.statusBar().currentMessage()
    importing[0] = False
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=3000)
    new = QApplication.instance().vnreader_window
    qtbot.addWidget(new)
    assert i18n.language() == "vi" and new.isVisible()
