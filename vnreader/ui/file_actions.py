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
from vnreader.i18n import tr, trn
from vnreader.ui import commands as cmd
from vnreader.ui.importing import Importer

IMPORT_PATTERNS = "*.txt *.md *.markdown *.html *.htm *.docx"
CSV_FILTER = "CSV (*.csv)"
QDC_PATTERN = "*.qdc"


class FileActions:
    def __init__(self, window) -> None:
        self.window = window
        self.store = window.store
        self.importer = Importer(window)

    # --- importing reports -----------------------------------------------------------

    def choose_files_to_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            tr("Import reports"),
            self._last_import_dir(),
            tr("Reports ({patterns})", patterns=IMPORT_PATTERNS) + ";;" + tr("All files (*)"),
        )
        if paths:
            self.import_paths(paths)

    def choose_folder_to_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, tr("Import a folder of reports"), self._last_import_dir()
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

    def is_importing(self) -> bool:
        return self.importer.is_busy()

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

    def _write(self, written, write, path: Path | None) -> None:
        """``write(path)`` returns a count; ``written(count, file)`` says what was done."""
        if path is None:
            return
        try:
            count = write(path)
        except (csv_export.ExportError, qdc.CodebookError, OSError) as error:
            self.window.show_error(tr("Export failed"), str(error))
            return
        self.window.show_status(written(count, path.name))

    def export_all(self) -> None:
        path = self._save_path(tr("Export annotations"), "annotations.csv", CSV_FILTER)
        self._write(
            _annotations_written, lambda p: csv_export.export_annotations(self.store, p), path
        )

    def export_current(self) -> None:
        document_id = self.window.current_document_id
        if document_id is None:
            return
        path = self._save_path(
            tr("Export this document's annotations"), "annotations.csv", CSV_FILTER
        )
        self._write(
            _annotations_written,
            lambda p: csv_export.export_annotations(self.store, p, document_ids=[document_id]),
            path,
        )

    def export_themes(self) -> None:
        theme_ids = self.choose_themes()
        if not theme_ids:
            return
        path = self._save_path(
            tr("Export annotations of chosen themes"), "annotations.csv", CSV_FILTER
        )
        self._write(
            _annotations_written,
            lambda p: csv_export.export_annotations(self.store, p, theme_ids=theme_ids),
            path,
        )

    def export_entities(self) -> None:
        path = self._save_path(tr("Export entities"), "entities.csv", CSV_FILTER)
        self._write(
            lambda count, file: trn(
                "{n} entity written to {file}", "{n} entities written to {file}", count, file=file
            ),
            lambda p: csv_export.export_entities(self.store, p),
            path,
        )

    def export_codebook(self) -> None:
        path = self._save_path(tr("Export codebook"), "codebook.qdc", _codebook_filter())
        self._write(
            lambda count, file: trn(
                "{n} theme written to {file}", "{n} themes written to {file}", count, file=file
            ),
            lambda p: qdc.export_codebook(self.store, p),
            path,
        )

    def import_codebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            tr("Import codebook"),
            "",
            _codebook_filter() + ";;" + tr("All files (*)"),
        )
        if not path:
            return
        try:
            command = cmd.ImportCodebook(self.store, self.window.hub, Path(path))
        except (qdc.CodebookError, OSError, ValueError) as error:
            self.window.show_error(tr("Import failed"), f"{Path(path).name}: {error}")
            return
        self.window.undo_stack.push(command)
        result = command.result
        self.window.show_status(
            tr(
                "Codebook: {added} themes added, {existing} already there",
                added=len(result.created),
                existing=len(result.existing),
            )
        )

    def choose_themes(self) -> list[int]:
        dialog = QDialog(self.window)
        dialog.setWindowTitle(tr("Choose themes to export"))
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


def _annotations_written(count: int, file: str) -> str:
    return trn(
        "{n} annotation written to {file}", "{n} annotations written to {file}", count, file=file
    )


def _codebook_filter() -> str:
    return tr("REFI-QDA codebook ({patterns})", patterns=QDC_PATTERN)
