"""Fixtures of the bad-input tests: a library with earlier work in it, and the window
(tests/ui/conftest.py's fixtures are seen only by the tests under tests/ui)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input.support import ORIGINAL, VERSION
from vnreader.core import annotations, themes
from vnreader.core.store import open_store


@pytest.fixture
def library(db_path: Path) -> Path:
    """A database with one document and one tagged passage ("Hà Nội")."""
    with open_store(db_path) as store:
        doc = store.add_document("Tin gốc", ORIGINAL).document_id
        theme = themes.create_theme(store, "Kinh tế").id
        annotations.add_annotation(store, doc, theme, 35, 41, "thủ đô")
    return db_path


@pytest.fixture
def make_window(qtbot, tmp_path: Path):
    """The main window over a store, as in tests/ui/conftest.py (whose fixtures only the
    tests under tests/ui see)."""
    from PySide6.QtCore import QSettings

    from vnreader.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def make(store):
        window = MainWindow(store, settings, VERSION, find_entities_on_show=False)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        return window

    return make
