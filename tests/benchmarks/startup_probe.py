"""Start the window as ``vnreader`` does, exit once it has been shown; print nothing else.

Run by the benchmark in a fresh interpreter so that imports are counted.
"""

import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from vnreader.core.seeds import ensure_seeded
from vnreader.core.store import open_store
from vnreader.ui.main_window import MainWindow
from vnreader.ui.style import apply_style
from vnreader.ui.translation import chosen_language, install_language


def main() -> int:
    db_path, settings_path = sys.argv[1], sys.argv[2]
    language = sys.argv[3] if len(sys.argv) > 3 else None  # as --language
    app = QApplication(sys.argv[:1])
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    install_language(chosen_language(settings, language))
    apply_style(app)
    store = open_store(db_path)
    ensure_seeded(store)
    # As the app: the entity version is worked out only after the window is shown.
    window = MainWindow(store, settings, find_entities_on_show=False)
    window.show()
    QTimer.singleShot(0, app.quit)  # runs after the first show and paint
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
