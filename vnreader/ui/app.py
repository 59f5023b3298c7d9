"""Starting the GUI: application object, language, database, first-run samples, window,
screenshot; and reopening the window when the interface language changes."""

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


def run_gui(
    db_path: Path,
    screenshot: str | None = None,
    language: str | None = None,
    appearance: str | None = None,
) -> int:
    """``language`` ("system", "en", "vi") and ``appearance`` ("system", "light", "dark")
    override the settings for this run only (None: what the settings say)."""
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from vnreader.i18n import tr
    from vnreader.ui.appearance import saved_appearance
    from vnreader.ui.main_window import MainWindow
    from vnreader.ui.style import apply_style
    from vnreader.ui.translation import chosen_language, install_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("vnreader")
    app.setOrganizationName("vnreader")
    app.setDesktopFileName(APP_ID)  # packaging/linux/*.desktop
    app.setWindowIcon(QIcon(str(ICON)))
    settings = QSettings()
    install_language(chosen_language(settings, language))
    apply_style(app, appearance or saved_appearance(settings))
    lock = writer_lock(db_path)
    try:
        if not screenshot:
            lock.acquire()  # held until the process ends: one writer per database
        store = open_store(db_path, check=True)  # a damaged file is refused, not opened
    except StoreError as error:
        print(f"vnreader: {error}", file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, tr("vnreader cannot open its database"), str(error))
        return 1
    with store:
        ensure_seeded(store)
        if screenshot:
            return _screenshot(app, store, Path(screenshot))
        window = MainWindow(store, settings)  # entity version: after it is shown
        app.vnreader_window = window  # reopen_window replaces it
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


def reopen_window(window):
    """Build the main window again in the language its settings now name, where the old
    one was (same reports, docks, geometry: all saved and restored through the settings).
    The undo history starts afresh. While an import or a retraining runs, the switch waits
    for it (a second at a time). Returns the new window, or None when it waits."""
    import shiboken6
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from vnreader.i18n import tr
    from vnreader.ui.main_window import MainWindow
    from vnreader.ui.translation import chosen_language, install_language

    if window.files.is_importing() or window.trainer.is_running():
        window.show_status(tr("The language changes when the import or retraining is done."))
        QTimer.singleShot(
            1000, lambda: reopen_window(window) if shiboken6.isValid(window) else None
        )
        return None
    app = QApplication.instance()
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.close()  # saves its state and stops its background work
        install_language(chosen_language(window.settings))
        new = MainWindow(window.store, window.settings, window.entity_version)
        app.vnreader_window = new  # a top-level window lives as long as a reference to it
        new.show()
    finally:
        app.setQuitOnLastWindowClosed(quits)
    return new
