"""Application style: Fusion, the light or dark palette, and the QSS in
``vnreader/resources/vnreader.qss``."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QApplication

from vnreader.ui.appearance import apply_appearance


def apply_style(app: QApplication, appearance: str = "system") -> None:
    """Fusion with the palette of ``appearance`` ("system", "light" or "dark"; see
    :func:`vnreader.ui.appearance.saved_appearance`) and our style sheet."""
    app.setStyle("Fusion")
    apply_appearance(app, appearance)  # before the style sheet, which reads the palette
    qss = resources.files("vnreader") / "resources" / "vnreader.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
