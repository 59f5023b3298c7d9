"""The main window: library sidebar, reader with legend, entity panel, menus, status bar."""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vnreader.core import annotations as ann
from vnreader.core.models import Annotation
from vnreader.core.search import documents_mentioning
from vnreader.core.store import Store, checkpoint
from vnreader.i18n import tr, trn
from vnreader.ui.changes import Change, ChangeHub
from vnreader.ui.compare_view import CompareController
from vnreader.ui.docks import build_docks, build_status_bar
from vnreader.ui.entity_editing import EntityEditor
from vnreader.ui.entity_jobs import EntityJobs
from vnreader.ui.entity_style import ENTITY_KINDS, entity_spans
from vnreader.ui.file_actions import FileActions
from vnreader.ui.menus import build_menus
from vnreader.ui.panels.entity_panel import next_occurrence
from vnreader.ui.panels.legend import LegendBar
from vnreader.ui.reader import ReaderView
from vnreader.ui.reader_pane import ReaderPane
from vnreader.ui.retraining import ModelTrainer
from vnreader.ui.tagging import TaggingController
from vnreader.ui.tasks import run_in_background
from vnreader.ui.window_state import restore_window_state, save_window_state

CHECKPOINT_INTERVAL_MS = 1000
STREAM_REDRAW_MS = 1000  # views redraw once a second for a stream of background results


def dropped_paths(mime) -> list[str]:
    """Local files and folders in dragged data (what a file manager drags)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


if TYPE_CHECKING:  # the importers load with the first import, not at start-up
    from vnreader.core.library import ImportReport


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        settings: QSettings,
        entity_version: str | None = None,
        *,
        find_entities_on_show: bool = True,
    ) -> None:
        """``entity_version`` names the entity pipeline whose results are current; None:
        the one in use, worked out when first needed (after the window is shown: it hashes
        the model file)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("vnreader")
        self.store = store
        self.settings = settings
        self._entity_version = entity_version
        self.last_import_report: ImportReport | None = None
        self._find_entities_on_show = find_entities_on_show
        self._swapping = False
        self.jobs = EntityJobs(store, self)
        self.hub = ChangeHub(self)
        self.undo_stack = QUndoStack(self)
        self.hub.failed.connect(self._on_history_failed)
        self.files = FileActions(self)
        self._build_reader()
        build_docks(self)
        self.tagging = TaggingController(self)
        self.entity_editor = EntityEditor(self)
        self.trainer = ModelTrainer(self)
        self.compare = CompareController(self, self.shared_panel)
        build_status_bar(self)
        build_menus(self)
        self._connect_jobs()
        self._start_checkpoints()
        self.setAcceptDrops(True)  # files and folders dropped on the window are imported
        self.refresh_library()
        restore_window_state(self)

    @property
    def entity_version(self) -> str:
        if self._entity_version is None:
            from vnreader.core.entities import pipeline_version

            self._entity_version = pipeline_version()
        return self._entity_version

    @entity_version.setter
    def entity_version(self, version: str) -> None:
        self._entity_version = version

    # --- construction ----------------------------------------------------------------

    def _build_reader(self) -> None:
        self.legend = LegendBar(self)
        self.panes = [ReaderPane("leftPane", False, self), ReaderPane("rightPane", True, self)]
        self.active_pane = self.panes[0]
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("readerSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in self.panes:
            self.splitter.addWidget(pane)
            pane.activated.connect(self.set_active_pane)
            pane.close_requested.connect(lambda _pane: self.close_side_by_side())
        self.panes[1].hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(4)
        layout.addWidget(self.legend)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.legend.visibility_changed.connect(self._on_visibility_changed)

    # --- panes -----------------------------------------------------------------------

    @property
    def reader(self) -> ReaderView:
        return self.active_pane.reader

    @property
    def title_label(self) -> QLabel:
        return self.active_pane.title_label

    @property
    def meta_label(self) -> QLabel:
        return self.active_pane.meta_label

    @property
    def current_document_id(self) -> int | None:
        return self.active_pane.document_id

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self.reader.point_size() + steps)

    def set_zoom(self, size: int) -> None:
        for reader in self.readers():
            reader.set_point_size(size)

    def readers(self) -> list[ReaderView]:
        return [pane.reader for pane in self.panes]

    def is_side_by_side(self) -> bool:
        return not self.panes[1].isHidden()

    def set_active_pane(self, pane: ReaderPane, *, force: bool = False) -> None:
        """Make ``pane`` the one the docks, the library selection and the title follow."""
        if pane is self.active_pane and not force:
            return
        self.active_pane = pane
        for each in self.panes:
            each.set_active_look(each is pane and self.is_side_by_side())
        document_id = pane.document_id
        if document_id is not None:
            self.library.select_document(document_id, emit=False)
            self._show_entities_of(pane)
            self.setWindowTitle(f"{pane.title_label.text()} — vnreader")
        self.passages.show_document(document_id)
        self.pane_changed()

    def pane_changed(self) -> None:
        """Views that depend on which documents are open (shared passages) catch up."""
        if self._swapping:
            return
        self.swap_action.setEnabled(self.is_side_by_side())
        self.sync_action.setEnabled(self.is_side_by_side())
        self.settings.setValue("reader/sideBySide", self.is_side_by_side())
        self.compare.documents_changed()

    def set_sync_scrolling(self, on: bool) -> None:
        self.compare.set_sync_scrolling(on)

    def open_side_by_side(self, document_id: int) -> None:
        """Show ``document_id`` in the right pane (opening it if needed) and make it active."""
        right = self.panes[1]
        right.show()
        self.shared_dock.show()
        self.set_active_pane(right)
        self.open_document(document_id)
        self.side_by_side_action.setChecked(True)

    def close_side_by_side(self) -> None:
        right = self.panes[1]
        right.hide()
        right.document_id = None
        self.side_by_side_action.setChecked(False)
        self.set_active_pane(self.panes[0])
        self.panes[0].set_active_look(False)
        self.pane_changed()

    def toggle_side_by_side(self, on: bool) -> None:
        if on and not self.is_side_by_side():
            doc = self.panes[0].document_id
            if doc is not None:
                self.open_side_by_side(doc)
            else:
                self.side_by_side_action.setChecked(False)
        elif not on and self.is_side_by_side():
            self.close_side_by_side()

    def swap_panes(self) -> None:
        if not self.is_side_by_side():
            return
        left, right = self.panes[0].document_id, self.panes[1].document_id
        active = self.panes.index(self.active_pane)
        self._swapping = True  # no throwaway comparisons of half-swapped panes
        try:
            for pane, doc in ((self.panes[0], right), (self.panes[1], left)):
                self.active_pane = pane
                if doc is not None:
                    self.open_document(doc)
        finally:
            self._swapping = False
        self.compare.swap()
        self.set_active_pane(self.panes[active], force=True)

    def tagging_selection(self) -> tuple[int, int, int] | None:
        return self.tagging.selection()

    def _connect_jobs(self) -> None:
        self.jobs.document_done.connect(self._on_entities_stored)
        self.jobs.document_failed.connect(self._on_entities_failed)
        self.jobs.queue_changed.connect(self._on_queue_changed)
        self.jobs.progress.connect(self._on_job_progress)
        self.jobs.worker_failed.connect(
            lambda message: self.show_status(message[:1].upper() + message[1:])
        )

    # --- library -------------------------------------------------------------------

    def refresh_library(self) -> None:
        self.library.reload()

    def start_entity_jobs(self) -> None:
        """Queue every document whose entities are missing or stale (current one first)."""
        pending = self.store.documents_needing_entities(self.entity_version)
        if self.current_document_id in pending:
            pending.remove(self.current_document_id)
            pending.insert(0, self.current_document_id)
        self.jobs.enqueue(pending)

    def _start_checkpoints(self) -> None:
        """The log is copied into the database file in the background every second (small
        copies: a big one's fsync can hold up a commit here), never by a commit on this
        thread (one such commit stalled the window for 0.2 s)."""
        self._checkpointing = False
        self._checkpoint_failures = 0
        self._checkpointed_changes = -1
        if self.store.path is None:
            return
        self.store.defer_checkpoints()
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.timeout.connect(self.checkpoint_in_background)
        self._checkpoint_timer.start(CHECKPOINT_INTERVAL_MS)

    def checkpoint_in_background(self) -> None:
        try:
            changes = self.store.db.conn.total_changes  # rows this window has written so far
        except sqlite3.ProgrammingError:  # the store was closed before the window
            self._checkpoint_timer.stop()
            return
        if self._checkpointing or changes == self._checkpointed_changes:
            return  # one at a time, and none when nothing was written since the last
        self._checkpointing = True

        def finished(_result) -> None:
            self._checkpointing = False
            self._checkpoint_failures = 0
            self._checkpointed_changes = changes

        def failed(error: Exception) -> None:
            # The log grows until a checkpoint succeeds: say so if it keeps failing.
            self._checkpointing = False
            self._checkpoint_failures += 1
            if self._checkpoint_failures in (3, 60):
                self.show_status(
                    tr(
                        "Could not copy recent changes into the database file: {error}",
                        error=error,
                    )
                )

        path = self.store.path
        run_in_background(lambda: checkpoint(path), finished, failed, owner=self)

    def back_up_database(self) -> None:
        """Copy the database into backups/ in the background (skipped if nothing changed)."""
        from vnreader.core.backup import DamagedOriginalError, backup_database

        if self.store.path is None:
            return
        path = self.store.path

        def failed(error: Exception) -> None:
            if isinstance(error, DamagedOriginalError):
                self.show_error(tr("The database is damaged"), str(error))
            else:
                self.show_status(tr("Could not back up the database: {error}", error=error))

        run_in_background(
            lambda: backup_database(path, "start"),
            lambda made: (
                made and self.show_status(tr("Database backed up to {file}", file=made.path.name))
            ),
            failed,
            owner=self,
        )

    def use_entity_model(self) -> None:
        """The entity model changed (retrained or reset): analyse every report again (the
        pipeline version is worked out anew from the model in use)."""
        self._entity_version = None
        self.jobs.restart()
        self.start_entity_jobs()

    def open_document(self, document_id: int) -> None:
        """Show a document in the active pane."""
        document = self.store.get_document(document_id)
        if document is None:
            return
        pane = self.active_pane
        pane.document_id = document_id
        self.library.select_document(document_id, emit=False)
        entities = self.store.entities_for(document_id)
        pane.reader.show_text(
            document.text,
            entity_spans(entities),
            [
                (a.start, a.end, a.theme_id)
                for a in ann.annotations_for_document(self.store, document_id)
            ],
            self.tagging.theme_colors(),
        )
        pane.find_bar.document_changed()
        pane.title_label.setText(document.title)
        self.setWindowTitle(f"{document.title} — vnreader")
        self._show_entities_of(pane, entities)
        self.passages.show_document(document_id)
        if self.jobs.is_pending(document_id):
            self.jobs.prioritise(document_id)
        key = "reader/rightDocument" if pane is self.panes[1] else "reader/lastDocument"
        self.settings.setValue(key, document_id)
        self.pane_changed()

    def _show_entities_of(self, pane: ReaderPane, entities=None) -> None:
        """The pane's counts line; the legend and entity panel when the pane is active."""
        document_id = pane.document_id
        if entities is None:
            entities = self.store.entities_for(document_id)
        if self.store.entity_run_version(document_id) is None:
            entities = None
        char_count = len(pane.reader.text())
        characters = trn("{n:,} character", "{n:,} characters", char_count)
        found = (
            tr("finding entities…")
            if entities is None
            else trn("{n:,} entity", "{n:,} entities", len(entities))
        )
        pane.meta_label.setText(f"{characters} · {found}")
        if pane is not self.active_pane:
            return
        counts = Counter(e.label for e in entities) if entities is not None else {}
        self.legend.set_counts(
            {kind.label: counts.get(kind.label, 0) for kind in ENTITY_KINDS}
            if entities is not None
            else {}
        )
        if entities is None:
            self.entity_panel.set_pending(True)
        else:
            self.entity_panel.set_entities(entities)

    def _on_entities_stored(self, document_id: int) -> None:
        self.hub.announce(Change(entities=frozenset({document_id}), streamed=True))

    def entities_changed(self, document_ids: frozenset[int] | None, *, streamed: bool) -> None:
        """Shown entities of these documents (None: any) changed, by a correction or a
        background result: redraw the panes showing them, their counts in the library and
        the uncertain-entity list (once a second for a stream of results)."""
        for pane in self.panes:
            shown = pane.document_id
            if shown is not None and (document_ids is None or shown in document_ids):
                self.show_stored_entities(pane)
        self.library.model.entities_changed(document_ids)
        self.uncertain.invalidate(delay_ms=STREAM_REDRAW_MS if streamed else 0)

    def show_stored_entities(self, pane: ReaderPane) -> None:
        """Redraw what changed of a pane's entities, with its counts and panels."""
        entities = self.store.entities_for(pane.document_id)
        pane.reader.set_spans(entity_spans(entities))
        self._show_entities_of(pane, entities)

    def _on_entities_failed(self, document_id: int, message: str) -> None:
        self.show_status(
            tr(
                "Could not find entities in document {document}: {message}",
                document=document_id,
                message=message,
            )
        )

    def _on_queue_changed(self, done: int, total: int) -> None:
        busy = total > 0 and done < total
        self.progress_bar.setVisible(busy)
        self.jobs_label.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, total * 100)
            self.progress_bar.setValue(done * 100)
            self.jobs_label.setText(
                tr("Finding entities: {done} of {total}", done=done + 1, total=total)
            )
        elif total:
            self.show_status(
                trn("Entities found in {n} document", "Entities found in {n} documents", total)
            )

    def _on_job_progress(self, _document_id: int, done: int, total: int) -> None:
        finished = self.progress_bar.value() // 100 * 100
        self.progress_bar.setValue(finished + (100 * done // total if total else 0))

    def go_to_next_occurrence(self, occurrences) -> None:
        start, end = next_occurrence(occurrences, self.reader.selected_span()[1])
        self.reader.select_span(start, end)
        self.reader.setFocus()

    def _on_visibility_changed(self, labels: set[str]) -> None:
        for reader in self.readers():
            reader.set_visible_labels(labels)
        self.entity_panel.set_visible_labels(labels)
        self.settings.setValue("reader/visibleLabels", sorted(labels) or ["none"])

    def _focus_library_filter(self) -> None:
        self.library_dock.show()
        self.library.filter_edit.setFocus()
        self.library.filter_edit.selectAll()

    # --- import and passages ---------------------------------------------------------

    def import_paths(self, paths: list[str]) -> None:
        self.files.import_paths(paths)

    def imported(self, report: ImportReport) -> None:
        self.last_import_report = report
        self.refresh_library()
        self.show_status(tr("Import: {summary}", summary=report.summary()))
        if report.added:
            self.open_document(report.added[0][0])
            self.start_entity_jobs()

    def show_passage(self, annotation: Annotation) -> None:
        if annotation.document_id != self.current_document_id:
            self.open_document(annotation.document_id)
        self.reader.select_span(annotation.start, annotation.end)

    def show_search_hit(self, hit, query: str, exact: bool) -> None:
        """Open a search result with every hit marked and the first one selected."""
        self.open_document(hit.document_id)
        self.active_pane.find_bar.exact.setChecked(exact)
        self.active_pane.find_bar.open(query)
        self.active_pane.find_bar.go_to(hit.focus)

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.edit.setFocus()
        self.search_panel.edit.selectAll()

    def find_in_document(self) -> None:
        selected = self.reader.textCursor().selectedText()
        self.active_pane.find_bar.open(selected if 0 < len(selected) < 80 else None)

    def show_documents_mentioning(self, text: str, label: str) -> None:
        ids = documents_mentioning(self.store, text, label)
        self.library.set_id_filter(ids, tr("mentioning {entity}", entity=text))
        self.library_dock.show()
        self.library_dock.raise_()

    def _on_history_failed(self, message: str) -> None:
        # The stack no longer matches the database: forget it rather than act on stale ids.
        QTimer.singleShot(0, self.undo_stack.clear)
        self.hub.announce(Change(documents=None, themes=True, entities=None))
        self.show_error(tr("Undo history cleared"), message)

    def _set_snapping(self, on: bool) -> None:
        self.reader.snap_to_words = on
        self.settings.setValue("reader/snapToWords", on)

    # --- messages ------------------------------------------------------------------

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setObjectName("errorBox")
        box.open()

    # --- settings ------------------------------------------------------------------

    def save_settings(self) -> None:
        save_window_state(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.files.finish_import_now()  # what was read is stored, not dropped
        self.save_settings()
        self.jobs.stop()
        self.trainer.stop()
        super().closeEvent(event)

    # --- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if dropped_paths(event.mimeData()) and self.import_files_action.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = dropped_paths(event.mimeData())
        if paths and self.import_files_action.isEnabled():
            event.acceptProposedAction()
            self.import_paths(paths)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._find_entities_on_show:
            self._find_entities_on_show = False
            QTimer.singleShot(0, self.start_entity_jobs)
