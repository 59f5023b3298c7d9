"""Importing reports from the window: files are read in a background thread, then stored
from the GUI thread (the only writer) in slices of about 50 ms, so the window never freezes.

A progress dialog appears when an import takes longer than half a second; Cancel stops the
reading, or the storing after the current slice (what was stored stays stored). Closing the
window stores what was already read.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

from vnreader.core.store import StoreError
from vnreader.i18n import tr
from vnreader.ui.tasks import run_in_background

if TYPE_CHECKING:  # the importers load with the first import, not at start-up
    from vnreader.core.importers import ImportedText
    from vnreader.core.library import ImportReport

MAX_LISTED_FAILURES = 15
STORE_SLICE_S = 0.05  # storing imported reports in slices this long keeps the window live
PROGRESS_DELAY_MS = 500  # the progress dialog shows only for imports longer than this


class _Relay(QObject):
    """Carries reading progress from the background thread to the GUI thread."""

    step = Signal(int, int)  # files read, files in all


class Importer:
    def __init__(self, window) -> None:
        self.window = window
        self.store = window.store
        self._pending: tuple | None = None  # (texts, total, report) between two slices
        self._cancel = threading.Event()
        self.progress: QProgressDialog | None = None

    def import_paths(self, paths: list[str]) -> None:
        from vnreader.core.library import read_files

        self._set_importing(True)
        self.window.show_status(tr("Importing…"))
        self._cancel = threading.Event()
        self.progress = self._progress_dialog()
        relay = _Relay(self.progress)
        relay.step.connect(self._read_step)
        cancelled = self._cancel.is_set
        run_in_background(
            lambda: read_files(paths, relay.step.emit, cancelled),
            self._store_imported,
            self._import_failed,
        )

    def finish_now(self) -> None:
        """Store what an import has read and not stored yet, at once (the window closes)."""
        if self._pending is not None:
            self._cancel.clear()
            self._store_slice(*self._pending, slice_s=float("inf"))

    # --- progress --------------------------------------------------------------------

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(tr("Reading files…"), tr("Cancel"), 0, 0, self.window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(tr("Importing reports"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel.set)
        dialog.setValue(0)
        return dialog

    def _show_progress(self, text: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)
            self.progress.setLabelText(text)

    def _read_step(self, done: int, total: int) -> None:
        text = tr("Reading files… {done:,} of {total:,}", done=done, total=total)
        self._show_progress(text, done, total)

    def _cancelled(self) -> bool:
        """The user pressed Cancel (or Esc) in the progress dialog."""
        if self.progress is not None and self.progress.wasCanceled():
            self._cancel.set()
        return self._cancel.is_set()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    # --- storing ---------------------------------------------------------------------

    def _store_imported(self, result) -> None:
        from vnreader.core.library import ImportReport

        texts, failed = result
        report = ImportReport(failed=list(failed))
        if self._cancelled():
            self._finish(report, cancelled=True)
            return
        self._store_slice(iter(texts), len(texts), report)

    def _store_slice(
        self, texts: Iterator[ImportedText], total: int, report, slice_s: float = 0.0
    ) -> None:
        """Store read reports for about STORE_SLICE_S, then let the window breathe and go on:
        10k reports take seconds to store, and the window must not freeze meanwhile."""
        from vnreader.core.library import store_texts

        self._pending = None
        if self._cancelled():
            self._finish(report, cancelled=True)
            return
        deadline = time.perf_counter() + (slice_s or STORE_SLICE_S)
        more = [False]

        def until_deadline() -> Iterator[ImportedText]:
            for item in texts:
                yield item
                if time.perf_counter() > deadline:
                    more[0] = True
                    return

        try:
            store_texts(self.store, until_deadline(), report)
        except (sqlite3.Error, StoreError) as error:
            self._failed_to_store(report, error)
            return
        if more[0]:
            done = len(report.added) + len(report.duplicates)
            self.window.show_status(
                tr("Importing… {done:,} of {total:,} reports stored", done=done, total=total)
            )
            text = tr("Storing reports… {done:,} of {total:,}", done=done, total=total)
            self._show_progress(text, done, total)
            self._pending = (texts, total, report)
            QTimer.singleShot(0, self._next_slice)
            return
        self._finish(report)

    def _next_slice(self) -> None:
        if self._pending is not None:  # None: the window stored the rest as it closed
            self._store_slice(*self._pending)

    def _finish(self, report: ImportReport, *, cancelled: bool = False) -> None:
        self._close_progress()
        self._set_importing(False)
        self.window.imported(report)
        if cancelled:
            self.window.show_status(
                tr(
                    "Import cancelled: {count:,} reports imported before it stopped",
                    count=len(report.added),
                )
            )
            return
        if report.failed:
            lines = [str(error) for error in report.failed[:MAX_LISTED_FAILURES]]
            if len(report.failed) > MAX_LISTED_FAILURES:
                more = len(report.failed) - MAX_LISTED_FAILURES
                lines.append(tr("… and {count} more", count=more))
            self.window.show_error(
                tr("Some files were not imported"), f"{report.summary()}.\n\n" + "\n".join(lines)
            )

    def _failed_to_store(self, report: ImportReport, error: Exception) -> None:
        self._close_progress()
        self._set_importing(False)
        if report.added:  # the batches stored before the error are in the library
            self.window.imported(report)
        reason = " ".join(str(error).split())
        self.window.show_error(
            tr("Import failed"),
            tr(
                "The reports could not be saved in {place}: {reason}. {count} were saved"
                " before the error; import the others again once the problem is solved.",
                place=self.store.path or tr("the database"),
                reason=reason,
                count=len(report.added),
            ),
        )

    def _import_failed(self, error: Exception) -> None:
        self._close_progress()
        self._set_importing(False)
        self.window.show_error(tr("Import failed"), tr("The import stopped: {error}", error=error))

    def is_busy(self) -> bool:
        """An import is being read or stored."""
        return not self.window.import_files_action.isEnabled()

    def _set_importing(self, busy: bool) -> None:
        self.window.import_files_action.setEnabled(not busy)
        self.window.import_folder_action.setEnabled(not busy)
