"""A main-window factory over a real database file and a throwaway settings file."""

from __future__ import annotations

import pytest

TEXT = (
    "😀 Bộ trưởng Bùi Thanh Sơn gặp Ngoại trưởng Hoa Kỳ tại Hà Nội.\n"
    "\n"
    "Hai bên thảo luận về hợp tác với Liên minh châu Âu và Đà Nẵng.\n"
    "Ông Bùi Thanh Sơn cảm ơn Hà Nội.\n"
)
SPANS = [
    (12, 25, "PER", "Bùi Thanh Sơn"),
    (43, 49, "LOC", "Hoa Kỳ"),
    (54, 60, "LOC", "Hà Nội"),
    (96, 113, "ORG", "Liên minh châu Âu"),
    (117, 124, "LOC", "Đà Nẵng"),
    (130, 143, "PER", "Bùi Thanh Sơn"),
    (151, 157, "LOC", "Hà Nội"),
]
VERSION = "test-pipeline"


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def library(store):
    """Two documents; the first has stored entities (given by hand, validated by the store)."""
    for start, end, _label, text in SPANS:
        assert TEXT[start:end] == text
    first = store.add_document("Tin ngoại giao", TEXT).document_id
    store.replace_model_entities(first, SPANS, VERSION)
    second = store.add_document("Đà Nẵng đón khách", "Đà Nẵng đón khách quốc tế.").document_id
    return store, first, second


@pytest.fixture
def make_window(qtbot, settings):
    from vnreader.ui.main_window import MainWindow

    def make(store, version=VERSION):
        window = MainWindow(store, settings, version, find_entities_on_show=False)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        return window

    return make


@pytest.fixture
def restored_look(qapp):
    """The application's palette, style sheet and entity colours, put back after the test."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    from vnreader.ui.entity_style import set_custom_colors

    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    yield
    qapp.setProperty("vnreaderAppearance", None)
    qapp.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    set_custom_colors({})
