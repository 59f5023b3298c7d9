"""The main window: library sidebar, reader with legend, entity panel, menus, status bar."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from vnreader import __version__
from vnreader.core import annotations as ann
from vnreader.core.library import ImportReport
from vnreader.core.models import Annotation
from vnreader.core.store import Store
from vnreader.ui.changes import ChangeHub
from vnreader.ui.entity_jobs import EntityJobs
from vnreader.ui.entity_style import ENTITY_KINDS
from vnreader.ui.file_actions import FileActions
from vnreader.ui.panels.codebook import CodebookPanel
from vnreader.ui.panels.entity_panel import EntityPanel, next_occurrence
from vnreader.ui.panels.legend import LegendBar
from vnreader.ui.panels.library_panel import LibraryPanel
from vnreader.ui.panels.passages import CorpusPassages, DocumentPassages
from vnreader.ui.reader import ReaderView
from vnreader.ui.tagging import TaggingController


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        settings: QSettings,
        entity_version: str,
        *,
        find_entities_on_show: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("vnreader")
        self.store = store
        self.settings = settings
        self.entity_version = entity_version
        self.current_document_id: int | None = None
        self.last_import_report: ImportReport | None = None
        self._find_entities_on_show = find_entities_on_show
        self.jobs = EntityJobs(store, entity_version, self)
        self.hub = ChangeHub(self)
        self.undo_stack = QUndoStack(self)
        self.files = FileActions(self)
        self._build_reader()
        self._build_docks()
        self.tagging = TaggingController(self)
        self._build_status_bar()
        self._build_menus()
        self._connect_jobs()
        self.refresh_library()
        self._restore_settings()

    # --- construction ----------------------------------------------------------------

    def _build_reader(self) -> None:
        self.title_label = QLabel(self)
        self.title_label.setObjectName("documentTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel(self)
        self.meta_label.setObjectName("documentMeta")
        self.legend = LegendBar(self)
        self.reader = ReaderView(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.legend)
        layout.addWidget(self.reader, 1)
        self.setCentralWidget(central)
        self.legend.visibility_changed.connect(self._on_visibility_changed)

    def _build_docks(self) -> None:
        self.library = LibraryPanel(self)
        self.library.document_chosen.connect(self.open_document)
        self.library_dock = self._dock("libraryDock", "Library", self.library)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.entity_panel = EntityPanel(self)
        self.entity_panel.occurrence_requested.connect(self._go_to_next_occurrence)
        self.entity_dock = self._dock("entityDock", "Entities", self.entity_panel)
        self.codebook = CodebookPanel(self.store, self.hub, self.undo_stack, self)
        self.codebook_dock = self._dock("codebookDock", "Codebook", self.codebook)
        self.passages = DocumentPassages(self.store, self.hub, self.undo_stack, self)
        self.passages_dock = self._dock("passagesDock", "Annotations", self.passages)
        self.corpus = CorpusPassages(self.store, self.hub, self.undo_stack, self)
        self.corpus_dock = self._dock("corpusDock", "All Passages", self.corpus)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(right, self.codebook_dock)
        self.addDockWidget(right, self.passages_dock)
        self.tabifyDockWidget(self.passages_dock, self.entity_dock)
        self.passages_dock.raise_()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.corpus_dock)
        self.corpus_dock.hide()
        for panel in (self.passages, self.corpus):
            panel.passage_chosen.connect(self.show_passage)
            panel.reader_selection = self.tagging_selection
        self.resizeDocks(
            [self.library_dock, self.codebook_dock], [270, 340], Qt.Orientation.Horizontal
        )

    def tagging_selection(self) -> tuple[int, int, int] | None:
        return self.tagging.selection()

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _build_status_bar(self) -> None:
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("entityProgress")
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.jobs_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.jobs_label)
        self.statusBar().addPermanentWidget(self.progress_bar)

    def _action(self, text: str, slot, shortcut=None, checkable=False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _build_menus(self) -> None:
        files = self.files
        file_menu = self.menuBar().addMenu("&File")
        self.import_files_action = self._action(
            "&Import Files…", files.choose_files_to_import, QKeySequence.StandardKey.Open
        )
        self.import_folder_action = self._action(
            "Import &Folder…", files.choose_folder_to_import, "Ctrl+Shift+O"
        )
        file_menu.addActions([self.import_files_action, self.import_folder_action])
        file_menu.addAction(self._action("Import &Codebook (.qdc)…", files.import_codebook))
        file_menu.addSeparator()
        export_menu = file_menu.addMenu("&Export")
        export_menu.addAction(self._action("All Annotations to CSV…", files.export_all, "Ctrl+E"))
        export_menu.addAction(
            self._action("This Document's Annotations to CSV…", files.export_current)
        )
        export_menu.addAction(
            self._action("Annotations of Chosen Themes to CSV…", files.export_themes)
        )
        export_menu.addSeparator()
        export_menu.addAction(self._action("Entities to CSV…", files.export_entities))
        export_menu.addAction(self._action("Codebook (.qdc)…", files.export_codebook))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.copy_action = self._action("&Copy", self.reader.copy, QKeySequence.StandardKey.Copy)
        edit_menu.addAction(self.copy_action)
        self.snap_action = self._action("&Snap Selection to Words", self._set_snapping, None, True)
        self.snap_action.setChecked(True)
        edit_menu.addAction(self.snap_action)

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(
            self._action("Zoom &In", lambda: self.reader.zoom_by(1), ["Ctrl++", "Ctrl+="])
        )
        view_menu.addAction(self._action("Zoom &Out", lambda: self.reader.zoom_by(-1), "Ctrl+-"))
        view_menu.addAction(
            self._action("&Reset Zoom", lambda: self.reader.set_point_size(12), "Ctrl+0")
        )
        view_menu.addSeparator()
        self.highlight_actions = {}
        for number, kind in enumerate(ENTITY_KINDS, start=1):
            button = self.legend.button(kind.label)
            action = self._action(
                f"Highlight {kind.name}", button.setChecked, f"Alt+{number}", True
            )
            action.setChecked(True)
            button.toggled.connect(action.setChecked)
            view_menu.addAction(action)
            self.highlight_actions[kind.label] = action
        view_menu.addSeparator()
        focus_filter = self._action("Filter &Library", self._focus_library_filter, "Ctrl+L")
        view_menu.addAction(focus_filter)
        for dock, keys in (
            (self.library_dock, ""),
            (self.codebook_dock, ""),
            (self.passages_dock, ""),
            (self.entity_dock, ""),
            (self.corpus_dock, "Ctrl+Shift+A"),
        ):
            toggle = dock.toggleViewAction()
            if keys:
                toggle.setShortcut(QKeySequence(keys))
            view_menu.addAction(toggle)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About vnreader", self._show_about))

    def _connect_jobs(self) -> None:
        self.jobs.document_done.connect(self._on_entities_stored)
        self.jobs.document_failed.connect(self._on_entities_failed)
        self.jobs.queue_changed.connect(self._on_queue_changed)
        self.jobs.progress.connect(self._on_job_progress)
        self.jobs.worker_failed.connect(lambda message: self.show_status(message.capitalize()))

    # --- library -------------------------------------------------------------------

    def refresh_library(self) -> None:
        self.library.set_documents(self.store.list_documents())

    def start_entity_jobs(self) -> None:
        """Queue every document whose entities are missing or stale (current one first)."""
        pending = self.store.documents_needing_entities(self.entity_version)
        if self.current_document_id in pending:
            pending.remove(self.current_document_id)
            pending.insert(0, self.current_document_id)
        self.jobs.enqueue(pending)

    def open_document(self, document_id: int) -> None:
        document = self.store.get_document(document_id)
        if document is None:
            return
        self.current_document_id = document_id
        self.library.select_document(document_id, emit=False)
        entities = self.store.entities_for(document_id)
        has_run = self.store.entity_run_version(document_id) is not None
        self.reader.show_text(
            document.text,
            [(e.start, e.end, e.label) for e in entities],
            [
                (a.start, a.end, a.theme_id)
                for a in ann.annotations_for_document(self.store, document_id)
            ],
            self.tagging.theme_colors(),
        )
        self.passages.show_document(document_id)
        self.title_label.setText(document.title)
        self.setWindowTitle(f"{document.title} — vnreader")
        self._show_entities(entities if has_run else None, len(document.text))
        if self.jobs.is_pending(document_id):
            self.jobs.prioritise(document_id)
        self.settings.setValue("reader/lastDocument", document_id)

    def _show_entities(self, entities, char_count: int) -> None:
        counts = Counter(e.label for e in entities) if entities is not None else {}
        self.legend.set_counts(
            {kind.label: counts.get(kind.label, 0) for kind in ENTITY_KINDS}
            if entities is not None
            else {}
        )
        if entities is None:
            self.entity_panel.set_pending(True)
            found = "finding entities…"
        else:
            self.entity_panel.set_entities(entities)
            found = f"{len(entities)} entities"
        self.meta_label.setText(f"{char_count:,} characters · {found}")

    def _on_entities_stored(self, document_id: int) -> None:
        self.refresh_library()
        if document_id == self.current_document_id:
            entities = self.store.entities_for(document_id)
            self.reader.set_spans([(e.start, e.end, e.label) for e in entities])
            self._show_entities(entities, len(self.reader.text()))

    def _on_entities_failed(self, document_id: int, message: str) -> None:
        self.show_status(f"Could not find entities in document {document_id}: {message}")

    def _on_queue_changed(self, done: int, total: int) -> None:
        busy = total > 0 and done < total
        self.progress_bar.setVisible(busy)
        self.jobs_label.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, total * 100)
            self.progress_bar.setValue(done * 100)
            self.jobs_label.setText(f"Finding entities: {done + 1} of {total}")
        elif total:
            self.show_status(f"Entities found in {total} document{'s' if total > 1 else ''}")

    def _on_job_progress(self, _document_id: int, done: int, total: int) -> None:
        finished = self.progress_bar.value() // 100 * 100
        self.progress_bar.setValue(finished + (100 * done // total if total else 0))

    def _go_to_next_occurrence(self, occurrences) -> None:
        start, end = next_occurrence(occurrences, self.reader.selected_span()[1])
        self.reader.select_span(start, end)
        self.reader.setFocus()

    def _on_visibility_changed(self, labels: set[str]) -> None:
        self.reader.set_visible_labels(labels)
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
        self.corpus.refresh_filters()
        self.show_status(f"Import: {report.summary()}")
        if report.added:
            self.open_document(report.added[0][0])
            self.start_entity_jobs()

    def show_passage(self, annotation: Annotation) -> None:
        if annotation.document_id != self.current_document_id:
            self.open_document(annotation.document_id)
        self.reader.select_span(annotation.start, annotation.end)

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

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "About vnreader",
            f"<b>vnreader {__version__}</b><p>A reader and annotator for Vietnamese reports."
            "<p>Named entities by underthesea; data stored locally in SQLite.",
        )

    # --- settings ------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        size = self.settings.value("reader/pointSize")
        if size is not None:
            self.reader.set_point_size(int(size))
        snap = self.settings.value("reader/snapToWords")
        if snap is not None:
            self.snap_action.setChecked(str(snap).lower() == "true")
        labels = self.settings.value("reader/visibleLabels")
        if labels:
            labels = [labels] if isinstance(labels, str) else list(labels)
            self.legend.set_visible_labels(set(labels) - {"none"})
        last = self.settings.value("reader/lastDocument")
        documents = self.store.list_documents()
        wanted = int(last) if last is not None else None
        if wanted is None or self.store.get_document(wanted) is None:
            wanted = documents[0].id if documents else None
        if wanted is not None:
            self.open_document(wanted)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("reader/pointSize", self.reader.point_size())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_settings()
        self.jobs.stop()
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._find_entities_on_show:
            self._find_entities_on_show = False
            QTimer.singleShot(0, self.start_entity_jobs)
