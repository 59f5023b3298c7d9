"""Importing from the window: files are read in the background and stored; bad ones listed."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def test_import_adds_good_files_and_lists_the_bad_one(qtbot, store, make_window, tmp_path):
    good = tmp_path / "bao-cao.txt"
    good.write_text("Báo cáo về Cần Thơ\nNội dung.\n", encoding="utf-8")
    bad = tmp_path / "hong.txt"
    bad.write_bytes(b"")
    window = make_window(store)
    window.import_paths([str(good), str(bad)])
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    report = window.last_import_report
    assert [title for _, title in report.added] == ["Báo cáo về Cần Thơ"]
    assert [error.path.name for error in report.failed] == ["hong.txt"]
    assert window.library.visible_titles() == ["Báo cáo về Cần Thơ"]
    assert window.reader.toPlainText() == "Báo cáo về Cần Thơ\nNội dung."
    assert "1 imported" in window.statusBar().currentMessage()
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert "hong.txt: the file is empty" in box.text()
    assert window.import_files_action.isEnabled()
