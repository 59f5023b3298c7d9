"""File-menu actions: importing reports, CSV exports and the REFI-QDA codebook."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from vnreader.core import csv_export, qdc
from vnreader.core import themes as th
from vnreader.core.store import StoreError
from vnreader.ui import commands as cmd
from vnreader.ui.tasks import run_in_background

if TYPE_CHECKING:  # the importers load with the first import, not at start-up
    from vnreader.core.importers import ImportedText

IMPORT_FILTER = "Reports (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"
MAX_LISTED_FAILURES = 15
STORE_SLICE_S = 0.05  # storing imported reports in slices this long keeps the window live


class FileActions:
    def __init__(self, window) -> None:
        self.window = window
        self.store = window.store
        self._pending = None  # (texts, total, report) of an import between two slices

    # --- importing reports -----------------------------------------------------------

    def choose_files_to_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import reports", self._last_import_dir(), IMPORT_FILTER
        )
        if paths:
            self.import_paths(paths)

    def choose_folder_to_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Import a folder of reports", self._last_import_dir()
        )
        if folder:
            self.import_paths([folder])

    def _last_import_dir(self) -> str:
        return str(self.window.settings.value("import/lastDir", ""))

    def import_paths(self, paths: list[str]) -> None:
        """Read the files in a background thread, then store them from the GUI thread."""
        self._set_importing(True)
        self.window.show_status("Importing…")
        from vnreader.core.library import read_files

        run_in_background(lambda: read_files(paths), self._store_imported, self._import_failed)
        if paths:
            first = Path(paths[0])
            folder = first if first.is_dir() else first.parent
            self.window.settings.setValue("import/lastDir", str(folder))

    def _set_importing(self, busy: bool) -> None:
        self.window.import_files_action.setEnabled(not busy)
        self.window.import_folder_action.setEnabled(not busy)

    def _store_imported(self, result) -> None:
        texts, failed = result
        from vnreader.core.library import ImportReport

        report = ImportReport(failed=list(failed))
        self._store_slice(iter(texts), len(texts), report)

    def finish_import_now(self) -> None:
        """Store what an import has read and not stored yet, at once (the window closes)."""
        if self._pending is not None:
            self._store_slice(*self._pending, slice_s=float("inf"))

    def _store_slice(
        self, texts: Iterator[ImportedText], total: int, report, slice_s: float = 0.0
    ) -> None:
        """Store read reports for about STORE_SLICE_S, then let the window breathe and go on:
        10k reports take seconds to store, and the window must not freeze meanwhile."""
        self._pending = None
        deadline = time.perf_counter() + (slice_s or STORE_SLICE_S)
        more = [False]

        def until_deadline() -> Iterator[ImportedText]:
            for item in texts:
                yield item
                if time.perf_counter() > deadline:
                    more[0] = True
                    return

        from vnreader.core.library import store_texts

        try:
            store_texts(self.store, until_deadline(), report)
        except (sqlite3.Error, StoreError) as error:
            self._set_importing(False)
            if report.added:  # the batches stored before the error are in the library
                self.window.imported(report)
            reason = " ".join(str(error).split())
            self.window.show_error(
                "Import failed",
                f"The reports could not be saved in {self.store.path or 'the database'}:"
                f" {reason}. {len(report.added)} were saved before the error; import the"
                " others again once the problem is solved.",
            )
            return
        if more[0]:
            done = len(report.added) + len(report.duplicates)
            self.window.show_status(f"Importing… {done:,} of {total:,} reports stored")
            self._pending = (texts, total, report)
            QTimer.singleShot(0, self._next_slice)
            return
        self._set_importing(False)
        self.window.imported(report)
        if report.failed:
            lines = [str(error) for error in report.failed[:MAX_LISTED_FAILURES]]
            if len(report.failed) > MAX_LISTED_FAILURES:
                lines.append(f"… and {len(report.failed) - MAX_LISTED_FAILURES} more")
            self.window.show_error(
                "Some files were not imported", f"{report.summary()}.\n\n" + "\n".join(lines)
            )

    def _next_slice(self) -> None:
        if self._pending is not None:  # None: the window stored the rest as it closed
            self._store_slice(*self._pending)

    def _import_failed(self, error: Exception) -> None:
        self._set_importing(False)
        self.window.show_error("Import failed", f"The import stopped: {error}")

    # --- exporting -------------------------------------------------------------------

    def _save_path(self, title: str, name: str, pattern: str) -> Path | None:
        folder = str(self.window.settings.value("export/lastDir", ""))
        path, _ = QFileDialog.getSaveFileName(
            self.window, title, str(Path(folder) / name) if folder else name, pattern
        )
        if not path:
            return None
        self.window.settings.setValue("export/lastDir", str(Path(path).parent))
        return Path(path)

    def _write(self, what: str, write, path: Path | None) -> None:
        if path is None:
            return
        try:
            count = write(path)
        except (csv_export.ExportError, qdc.CodebookError, OSError) as error:
            self.window.show_error("Export failed", str(error))
            return
        self.window.show_status(f"{count} {what} written to {path.name}")

    def export_all(self) -> None:
        path = self._save_path("Export annotations", "annotations.csv", "CSV (*.csv)")
        self._write("annotations", lambda p: csv_export.export_annotations(self.store, p), path)

    def export_current(self) -> None:
        document_id = self.window.current_document_id
        if document_id is None:
            return
        path = self._save_path(
            "Export this document's annotations", "annotations.csv", "CSV (*.csv)"
        )
        self._write(
            "annotations",
            lambda p: csv_export.export_annotations(self.store, p, document_ids=[document_id]),
            path,
        )

    def export_themes(self) -> None:
        theme_ids = self.choose_themes()
        if not theme_ids:
            return
        path = self._save_path(
            "Export annotations of chosen themes", "annotations.csv", "CSV (*.csv)"
        )
        self._write(
            "annotations",
            lambda p: csv_export.export_annotations(self.store, p, theme_ids=theme_ids),
            path,
        )

    def export_entities(self) -> None:
        path = self._save_path("Export entities", "entities.csv", "CSV (*.csv)")
        self._write("entities", lambda p: csv_export.export_entities(self.store, p), path)

    def export_codebook(self) -> None:
        path = self._save_path("Export codebook", "codebook.qdc", "REFI-QDA codebook (*.qdc)")
        self._write("themes", lambda p: qdc.export_codebook(self.store, p), path)

    def import_codebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import codebook", "", "REFI-QDA codebook (*.qdc);;All files (*)"
        )
        if not path:
            return
        try:
            command = cmd.ImportCodebook(self.store, self.window.hub, Path(path))
        except (qdc.CodebookError, OSError, ValueError) as error:
            self.window.show_error("Import failed", f"{Path(path).name}: {error}")
            return
        self.window.undo_stack.push(command)
        result = command.result
        self.window.show_status(
            f"Codebook: {len(result.created)} themes added, {len(result.existing)} already there"
        )

    def choose_themes(self) -> list[int]:
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Choose themes to export")
        listing = QListWidget(dialog)
        for theme_id, path in sorted(th.theme_paths(self.store).items(), key=lambda i: i[1]):
            item = QListWidgetItem(path, listing)
            item.setData(Qt.ItemDataRole.UserRole, theme_id)
            item.setCheckState(Qt.CheckState.Unchecked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(listing)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [
            listing.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(listing.count())
            if listing.item(row).checkState() == Qt.CheckState.Checked
        ]
