"""Entities → Retrain Entity Model: ``vnreader train-ner`` in a child process, then the
window switches to the new model and analyses every report again in the background.

Training takes seconds, but it is CPU work, so it runs in its own process like the
entity worker; the window stays responsive and shows the trainer's progress lines in the
status bar. Reset Entity Model goes back to the model shipped with vnreader.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtWidgets import QMessageBox

from vnreader.i18n import tr


class ModelTrainer(QObject):
    """Runs the trainer for a window; ``finished(ok, report)`` when it is done."""

    finished = Signal(bool, str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self._process: QProcess | None = None
        self._errors = ""
        self.report_box: QMessageBox | None = None

    def is_running(self) -> bool:
        return self._process is not None

    def retrain(self) -> None:
        if self._process is not None:
            return
        store = self._window.store
        process = QProcess(self)
        process.setProgram(sys.executable)
        arguments = ["-m", "vnreader"]
        if store.path is not None:
            arguments += ["--db", str(store.path)]
        process.setArguments([*arguments, "train-ner"])
        process.readyReadStandardError.connect(self._show_progress)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._errors = ""
        self._set_busy(True)
        self._window.show_status(tr("Retraining the entity model…"))
        process.start()

    def _set_busy(self, busy: bool) -> None:
        for name in ("retrain_action", "reset_model_action"):
            action = getattr(self._window, name, None)
            if action is not None:
                action.setEnabled(not busy)

    def stop(self) -> None:
        """Kill a running trainer (its model file is written atomically, so none is left
        half-written)."""
        process, self._process = self._process, None
        if process is not None:
            process.readyReadStandardError.disconnect(self._show_progress)
            process.finished.disconnect(self._on_finished)
            process.errorOccurred.disconnect(self._on_error)
            process.kill()
            process.waitForFinished(2000)
            self._set_busy(False)

    def reset(self) -> None:
        """Delete the user's model (after asking) and go back to the shipped one."""
        from vnreader.core.entities.model import user_model_path  # not at start-up

        path = user_model_path()
        if not path.is_file():
            self._window.show_status(tr("Already using the entity model shipped with vnreader"))
            return
        answer = QMessageBox.question(
            self._window,
            tr("Reset Entity Model"),
            tr(
                "Forget the retrained entity model and use the one shipped with vnreader?\n"
                "Your corrections are kept; every report is analysed again."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path.unlink(missing_ok=True)
        self._window.use_entity_model()

    def _show_progress(self) -> None:
        data = bytes(self._process.readAllStandardError()).decode("utf-8", "replace")
        self._errors += data
        lines = [line for line in data.splitlines() if line.strip()]
        if lines:
            self._window.show_status(lines[-1][:1].upper() + lines[-1][1:] + "…")

    def _on_finished(self, exit_code: int, _status) -> None:
        process, self._process = self._process, None
        self._set_busy(False)
        output = bytes(process.readAllStandardOutput()).decode("utf-8", "replace").strip()
        self._errors += bytes(process.readAllStandardError()).decode("utf-8", "replace")
        errors = self._errors.strip()
        if exit_code != 0:
            self._window.show_error(
                tr("Retraining failed"), errors.splitlines()[-1] if errors else tr("unknown error")
            )
            self.finished.emit(False, errors)
            return
        self._window.use_entity_model()
        box = QMessageBox(
            QMessageBox.Icon.Information, tr("Entity Model Retrained"), "", parent=self._window
        )
        box.setObjectName("retrainReport")
        box.setText(tr("The entity model was retrained; reports are being analysed again."))
        box.setInformativeText(output)
        box.open()  # not modal to the event loop: the re-analysis starts at once
        self.report_box = box
        self.finished.emit(True, output)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._process = None
            self._set_busy(False)
            self._window.show_error(tr("Retraining failed"), tr("the trainer could not be started"))
            self.finished.emit(False, "failed to start")
