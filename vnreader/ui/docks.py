"""The window's docks and status bar: which panels exist, where they sit, how they connect.

The panels are attributes of the window (``window.library``, ``window.search_dock``, ...)
so that menus, tests and the controllers reach them by name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QProgressBar, QWidget

from vnreader.i18n import tr
from vnreader.ui.compare_view import SharedPassagesPanel
from vnreader.ui.panels.codebook import CodebookPanel
from vnreader.ui.panels.entity_panel import EntityPanel
from vnreader.ui.panels.library_panel import LibraryPanel
from vnreader.ui.panels.passages import CorpusPassages, DocumentPassages
from vnreader.ui.panels.search_panel import SearchPanel
from vnreader.ui.panels.uncertain_panel import UncertainPanel

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def make_dock(window: QMainWindow, name: str, title: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # the key under which QSettings keeps its place
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    return dock


def build_docks(w) -> None:
    """Library and Search on the left; Codebook above Annotations/Entities on the right;
    All Passages, Shared Passages and Uncertain Entities at the bottom, hidden until asked
    for."""
    w.library = LibraryPanel(w.store, w)
    w.library.document_chosen.connect(w.open_document)
    w.library.document_chosen_aside.connect(w.open_side_by_side)
    w.library_dock = make_dock(w, "libraryDock", tr("Library"), w.library)
    w.search_panel = SearchPanel(w.store, w)
    w.search_panel.hit_chosen.connect(w.show_search_hit)
    w.search_dock = make_dock(w, "searchDock", tr("Search"), w.search_panel)
    w.addDockWidget(LEFT, w.library_dock)
    w.addDockWidget(LEFT, w.search_dock)
    w.tabifyDockWidget(w.library_dock, w.search_dock)
    w.library_dock.raise_()

    w.entity_panel = EntityPanel(w)
    w.entity_panel.occurrence_requested.connect(w.go_to_next_occurrence)
    w.entity_panel.mentions_requested.connect(w.show_documents_mentioning)
    w.entity_dock = make_dock(w, "entityDock", tr("Entities"), w.entity_panel)
    w.codebook = CodebookPanel(w.store, w.hub, w.undo_stack, w)
    w.codebook_dock = make_dock(w, "codebookDock", tr("Codebook"), w.codebook)
    w.passages = DocumentPassages(w.store, w.hub, w.undo_stack, w)
    w.passages_dock = make_dock(w, "passagesDock", tr("Annotations"), w.passages)
    w.addDockWidget(RIGHT, w.codebook_dock)
    w.addDockWidget(RIGHT, w.passages_dock)
    w.tabifyDockWidget(w.passages_dock, w.entity_dock)
    w.passages_dock.raise_()

    w.corpus = CorpusPassages(w.store, w.hub, w.undo_stack, w)
    w.corpus_dock = make_dock(w, "corpusDock", tr("All Passages"), w.corpus)
    w.shared_panel = SharedPassagesPanel(w)
    w.shared_dock = make_dock(w, "sharedDock", tr("Shared Passages"), w.shared_panel)
    w.uncertain = UncertainPanel(w.store, w.settings, w)
    w.uncertain_dock = make_dock(w, "uncertainDock", tr("Uncertain Entities"), w.uncertain)
    for dock in (w.corpus_dock, w.shared_dock, w.uncertain_dock):
        w.addDockWidget(BOTTOM, dock)
        dock.hide()

    for panel in (w.passages, w.corpus):
        panel.passage_chosen.connect(w.show_passage)
        panel.reader_selection = w.tagging_selection
    w.resizeDocks([w.library_dock, w.codebook_dock], [270, 340], Qt.Orientation.Horizontal)


def build_status_bar(w) -> None:
    """Entity-job progress, permanently at the right of the status bar."""
    w.progress_bar = QProgressBar(w)
    w.progress_bar.setObjectName("entityProgress")
    w.progress_bar.setMaximumWidth(180)
    w.progress_bar.setTextVisible(False)
    w.progress_bar.hide()
    w.jobs_label = QLabel(w)
    w.statusBar().addPermanentWidget(w.jobs_label)
    w.statusBar().addPermanentWidget(w.progress_bar)
