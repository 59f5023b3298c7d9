"""Application style: Fusion plus the QSS in ``vnreader/resources/vnreader.qss``."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QApplication


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    qss = resources.files("vnreader") / "resources" / "vnreader.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
