"""Entities → Retrain Entity Model: a real trainer process, then the window re-analyses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from vnreader.core.entities import extract_entities, pipeline_version
from vnreader.core.entity_corrections import mark_entities
from vnreader.ui.main_window import MainWindow


def _window(qtbot, store, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, pipeline_version(), find_entities_on_show=False)
    qtbot.addWidget(window)
    return window


def test_retrain_writes_the_user_model_and_reanalyses_every_report(
    qtbot, store, tmp_path: Path, no_user_entity_model: Path
) -> None:
    text = "Hôm qua, Quorvix Logistics mở kho tại Bình Dương."
    doc = store.add_document("Tin", text).document_id
    spans = [(e.start, e.end, e.label, e.text, e.confidence) for e in extract_entities(text)]
    store.replace_model_entities(doc, spans, pipeline_version())
    start = text.index("Quorvix Logistics")
    mark_entities(store, doc, [(start, start + len("Quorvix Logistics"))], "ORG")
    window = _window(qtbot, store, tmp_path)
    window.jobs.command = ["/bin/true"]  # the re-analysis itself is tested elsewhere
    before = window.entity_version
    assert store.documents_needing_entities(before) == []

    with qtbot.waitSignal(window.trainer.finished, timeout=120_000) as finished:
        window.retrain_action.trigger()
        assert window.trainer.is_running()
    ok, report = finished.args
    assert ok, report
    assert no_user_entity_model.is_file()
    assert "1 corrected sentences" in report
    assert window.entity_version != before
    assert window.entity_version == pipeline_version()
    assert store.documents_needing_entities(window.entity_version) == [doc]
    assert window.jobs.is_pending(doc)
    assert "held-out strict F1" in window.trainer.report_box.informativeText()
    window.trainer.report_box.close()
    window.jobs.stop()


def test_reset_goes_back_to_the_shipped_model(
    qtbot, store, tmp_path: Path, no_user_entity_model: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from vnreader.core.entities.model import shipped_model_path

    no_user_entity_model.parent.mkdir(parents=True, exist_ok=True)
    no_user_entity_model.write_bytes(shipped_model_path().read_bytes())
    window = _window(qtbot, store, tmp_path)
    window.jobs.command = ["/bin/true"]
    window.entity_version = "retrained-model"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.trainer.reset()
    assert not no_user_entity_model.exists()
    assert window.entity_version == pipeline_version()
    window.jobs.stop()


def test_a_failing_trainer_says_why_and_the_actions_come_back(
    qtbot, store, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VNREADER_NER_MODEL", str(blocker / "model.crfsuite"))
    window = _window(qtbot, store, tmp_path)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    with qtbot.waitSignal(window.trainer.finished, timeout=120_000) as finished:
        window.retrain_action.trigger()
        assert not window.retrain_action.isEnabled()
        assert not window.reset_model_action.isEnabled()
    assert finished.args[0] is False
    [(title, text)] = errors
    assert title == "Retraining failed"
    assert "cannot write the model" in text and "a-file" in text
    assert window.retrain_action.isEnabled() and window.reset_model_action.isEnabled()


def test_closing_the_window_stops_a_running_trainer(qtbot, store, tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    window.jobs.command = ["/bin/true"]
    window.retrain_action.trigger()
    assert window.trainer.is_running()
    window.close()
    assert not window.trainer.is_running()
    qtbot.wait(200)  # no late signal reaches a slot of the closed window
