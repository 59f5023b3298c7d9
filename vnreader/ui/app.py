"""Starting the GUI: application object, database, first-run samples, window, screenshot."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from vnreader.core.lock import writer_lock
from vnreader.core.seeds import ensure_seeded
from vnreader.core.store import StoreError, open_store

SCREENSHOT_SIZE = (1360, 820)
APP_ID = "io.github.vnreader.VnReader"  # reverse-DNS id of packaging/linux/*.desktop
ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / f"{APP_ID}.svg"


def run_gui(db_path: Path, screenshot: str | None = None) -> int:
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from vnreader.ui.main_window import MainWindow
    from vnreader.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("vnreader")
    app.setOrganizationName("vnreader")
    app.setDesktopFileName(APP_ID)  # packaging/linux/*.desktop
    app.setWindowIcon(QIcon(str(ICON)))
    apply_style(app)
    lock = writer_lock(db_path)
    try:
        if not screenshot:
            lock.acquire()  # held until the process ends: one writer per database
        store = open_store(db_path, check=True)  # a damaged file is refused, not opened
    except StoreError as error:
        print(f"vnreader: {error}", file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, "vnreader cannot open its database", str(error))
        return 1
    with store:
        ensure_seeded(store)
        if screenshot:
            return _screenshot(app, store, Path(screenshot))
        window = MainWindow(store, QSettings())  # entity version: after it is shown
        window.show()
        window.back_up_database()
        return app.exec()


def _screenshot(app, store, out: Path) -> int:
    """Render the window as a user sees it after start, with the shown document's entities."""
    from PySide6.QtCore import QSettings

    from vnreader.core.entities import extract_entities, pipeline_version
    from vnreader.ui.main_window import MainWindow

    version = pipeline_version()
    settings = QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.clear()
    window = MainWindow(store, settings, version, find_entities_on_show=False)
    window.resize(*SCREENSHOT_SIZE)
    document_id = window.current_document_id
    if document_id is not None and store.entity_run_version(document_id) != version:
        document = store.get_document(document_id)
        spans = [
            (s.start, s.end, s.label, s.text, s.confidence) for s in extract_entities(document.text)
        ]
        store.replace_model_entities(document_id, spans, version)
        window.refresh_library()
        window.open_document(document_id)
    window.show()
    for _ in range(5):
        app.processEvents()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"vnreader: cannot create {out.parent}: {error.strerror}", file=sys.stderr)
        return 1
    saved = window.grab().save(str(out))
    window.close()
    Path(settings.fileName()).unlink(missing_ok=True)
    if not saved:
        print(f"vnreader: could not write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0
