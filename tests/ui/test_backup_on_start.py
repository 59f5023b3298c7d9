"""The window backs its database up when it opens (in the background)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from vnreader.core.backup import list_backups
from vnreader.ui.main_window import MainWindow


def test_the_window_backs_the_database_up_in_the_background(qtbot, store, tmp_path: Path) -> None:
    store.add_document("Tin", "Hà Nội.")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, "test", find_entities_on_show=False)
    qtbot.addWidget(window)
    window.back_up_database()
    qtbot.waitUntil(lambda: len(list_backups(store.path)) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "backed up" in window.statusBar().currentMessage(), timeout=5_000)
    window.back_up_database()  # nothing changed: no second copy
    qtbot.wait(300)
    assert len(list_backups(store.path)) == 1
