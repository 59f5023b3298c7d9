"""File-menu actions: choosing reports to import, CSV exports and the REFI-QDA codebook."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
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
from vnreader.ui import commands as cmd
from vnreader.ui.importing import Importer

IMPORT_FILTER = "Reports (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"


class FileActions:
    def __init__(self, window) -> None:
        self.window = window
        self.store = window.store
        self.importer = Importer(window)

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
        """Import files and folders (see :mod:`vnreader.ui.importing`)."""
        self.importer.import_paths(paths)
        if paths:
            first = Path(paths[0])
            folder = first if first.is_dir() else first.parent
            self.window.settings.setValue("import/lastDir", str(folder))

    def finish_import_now(self) -> None:
        self.importer.finish_now()

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
