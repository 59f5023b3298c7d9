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


def test_damage_found_by_the_start_backup_is_reported(qtbot, tmp_path: Path) -> None:
    """A file damaged behind the open window's back (a failing disk, say): its start-up
    backup finds the damage, says so, and keeps the older backups."""
    from PySide6.QtWidgets import QMessageBox

    from tests.core.test_backup import damage_data_pages
    from vnreader.core.store import open_store

    path = tmp_path / "damaged.db"
    with open_store(path) as store, store.transaction():
        for n in range(150):
            store.add_document(f"Tin {n}", f"Báo cáo số {n} về Hà Nội. " * 100)
    store = open_store(path)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, "test", find_entities_on_show=False)
    qtbot.addWidget(window)
    damage_data_pages(path)
    window.back_up_database()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "errorBox")
    assert "is damaged" in box.text() and "vnreader restore BACKUP.db" in box.text()
    assert list_backups(path) == []
    store.close()


def test_the_app_refuses_a_damaged_database_before_opening_the_window(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.core.test_backup import damage_data_pages
    from vnreader.core.store import open_store

    path = tmp_path / "damaged.db"
    with open_store(path) as store, store.transaction():
        for n in range(150):
            store.add_document(f"Tin {n}", f"Báo cáo số {n} về Hà Nội. " * 100)
    damage_data_pages(path)
    before = path.read_bytes()
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "vnreader", "--db", str(path), "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 1
    assert f"vnreader: {path} is damaged (" in done.stderr
    assert "Traceback" not in done.stderr
    assert not shot.exists() and path.read_bytes() == before


def test_the_log_is_copied_into_the_database_in_the_background(qtbot, store, tmp_path) -> None:
    """Commits of the window never checkpoint (one that did stalled it for 0.2 s); the
    window's background checkpoint copies the log into the database file instead."""
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, "test", find_entities_on_show=False)
    qtbot.addWidget(window)
    assert store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    with store.transaction():
        for n in range(300):
            store.add_document(f"Tin {n}", f"Báo cáo số {n} về Hà Nội và Đà Nẵng. " * 40)
    before = store.path.stat().st_size
    assert Path(str(store.path) + "-wal").stat().st_size > 1_000_000  # all of it in the log
    window.checkpoint_in_background()
    qtbot.waitUntil(lambda: not window._checkpointing, timeout=10_000)
    assert store.path.stat().st_size > before + 1_000_000  # now in the database file
    assert [d.title for d in store.list_documents()][:2] == ["Tin 0", "Tin 1"]
