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


def _reports_stored_one_per_slice(tmp_path, monkeypatch, count: int):
    """A folder of ``count`` small reports, and the window set to store one per slice."""
    from vnreader.ui import importing

    monkeypatch.setattr(importing, "STORE_SLICE_S", 0.0)
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(count):
        (folder / f"r{number:02d}.txt").write_text(f"Bản tin {number}\nNội dung {number}.")
    return folder


def test_many_reports_are_stored_in_slices_and_the_window_stays_live(
    qtbot, store, make_window, tmp_path, monkeypatch
):
    from tests.core.test_decoding import RUNNING_TEXT, to_tcvn3

    folder = _reports_stored_one_per_slice(tmp_path, monkeypatch, 12)
    (folder / "tcvn3.txt").write_bytes(to_tcvn3(RUNNING_TEXT))
    window = make_window(store)
    statuses: list[str] = []
    window.statusBar().messageChanged.connect(statuses.append)
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    progress = [s for s in statuses if s.startswith("Importing… ")]
    assert "Importing… 1 of 13 reports stored" in progress
    assert len(progress) >= 12  # the event loop ran between slices
    assert window.library.model.total_rows() == store.document_count() == 13
    assert window.last_import_report.converted == [(str(folder / "tcvn3.txt"), "TCVN3 (ABC)")]
    assert "1 converted from an old font encoding" in window.statusBar().currentMessage()


def test_closing_the_window_mid_import_stores_what_was_read(
    qtbot, store, make_window, tmp_path, monkeypatch
):
    folder = _reports_stored_one_per_slice(tmp_path, monkeypatch, 20)
    window = make_window(store)
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: store.document_count() > 0, timeout=10_000)
    assert store.document_count() < 20  # still storing, a slice at a time
    window.close()
    assert store.document_count() == 20


def _drop(window, paths) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    point = window.rect().center()
    enter = QDragEnterEvent(
        point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(window, drop)


def test_a_folder_dropped_on_the_window_is_imported(qtbot, store, make_window, tmp_path):
    folder = tmp_path / "dropped"
    folder.mkdir()
    (folder / "a.txt").write_text("Tin thả vào\nNội dung.", encoding="utf-8")
    (folder / "b.txt").write_text("Tin thứ hai\nNội dung khác.", encoding="utf-8")
    window = make_window(store)
    window.show()
    _drop(window, [folder])
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    assert sorted(window.library.visible_titles()) == ["Tin thả vào", "Tin thứ hai"]


def test_a_long_import_shows_progress_and_can_be_cancelled(
    qtbot, store, make_window, tmp_path, monkeypatch
):
    from PySide6.QtCore import Qt

    from vnreader.ui import importing

    folder = _reports_stored_one_per_slice(tmp_path, monkeypatch, 40)
    monkeypatch.setattr(importing, "PROGRESS_DELAY_MS", 0)
    window = make_window(store)
    window.show()
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: store.document_count() >= 3, timeout=10_000)
    dialog = window.files.importer.progress
    assert dialog is not None and dialog.isVisible()
    assert dialog.labelText().startswith("Storing reports… ")
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    stored = store.document_count()
    assert 3 <= stored < 40
    assert window.statusBar().currentMessage() == (
        f"Import cancelled: {stored} reports imported before it stopped"
    )
    assert window.import_files_action.isEnabled() and window.files.importer.progress is None
    qtbot.wait(100)
    assert store.document_count() == stored  # nothing more after the cancel
