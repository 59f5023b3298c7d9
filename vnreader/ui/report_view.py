"""The report view: documents × themes, entities × themes and theme frequencies, each
exportable to CSV; clicking a cell lists the passages behind it, and clicking a passage
shows it in the main window.

A separate (non-modal) window over the main window's store. It refreshes, after a short
pause, when the hub announces a change, or when it is shown again after changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vnreader.core import reports
from vnreader.core.csv_export import ExportError
from vnreader.core.store import open_reader
from vnreader.i18n import tr, trn
from vnreader.ui.changes import Change
from vnreader.ui.models.annotation_table import AnnotationTableModel, PassageRows
from vnreader.ui.models.report_tables import (
    SORT_ROLE,
    CooccurrenceModel,
    FrequencyModel,
    MatrixModel,
    cell_of,
)
from vnreader.ui.models.theme_tree import color_icon
from vnreader.ui.report_chart import BarChart
from vnreader.ui.tables import make_row_table
from vnreader.ui.tasks import run_in_background

PASSAGE_LIMIT = 1000
ENTITY_REFRESH_DELAY_MS = 2000  # entity changes arrive in streams while entities are found
ALL_THEMES_LIMIT = 20_000  # above this many passages, the entity tab starts on one theme
REFRESH_DELAY_MS = 300
TABS = ("matrix", "entities", "frequencies")


def _proxy(model, parent) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def _table(proxy, parent, name: str) -> QTableView:
    """A row table whose cells are chosen one at a time, sortable by any column."""
    view = make_row_table(proxy, parent, name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setShowGrid(True)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # model's order
    view.verticalHeader().setDefaultSectionSize(24)
    return view


class ReportView(QWidget):
    """Reports of the library; ``window`` has ``store``, ``hub`` and ``show_passage``."""

    def __init__(self, window) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("reportView")
        self.setWindowTitle(tr("Reports — vnreader"))
        self.window_, self.store = window, window.store
        self._dirty, self._cell = True, None
        self.current: dict[str, object] = {}
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._entity_timer = QTimer(self, singleShot=True)
        self._entity_timer.timeout.connect(self.refresh_entities)
        window.hub.changed.connect(self._on_changed)

        self.summary = QLabel(self, objectName="reportSummary")
        refresh = QPushButton(tr("Refresh"), self)
        refresh.setToolTip(tr("Count again (F5)"))
        refresh.clicked.connect(self.refresh)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)

        self.matrix_model, self.entity_model = MatrixModel(self), CooccurrenceModel(self)
        self.frequency_model = FrequencyModel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.matrix_view = self._add_table_tab("matrix", self.matrix_model, tr("Themes × Reports"))
        self.entity_view = self._add_table_tab(
            "entities", self.entity_model, tr("Entities × Themes")
        )
        self.frequency_view, self.chart = self._add_frequency_tab()
        self._entities_stale = True
        self._entity_request = 0  # the newest count asked for; older results are dropped
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.passages = AnnotationTableModel(with_document=True, parent=self)
        self.passage_view = make_row_table(self.passages, self, "reportPassages")
        header = self.passage_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(180)
        for column, width in enumerate((220, 160, 440)):
            self.passage_view.setColumnWidth(column, width)
        self.passage_view.clicked.connect(self._on_passage_clicked)
        self.passage_view.activated.connect(self._on_passage_clicked)
        self.passage_title = QLabel(tr("Click a cell to list the passages behind it."), self)
        self.passage_title.setObjectName("reportPassagesTitle")
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.addWidget(self.passage_title)
        bottom_layout.addWidget(self.passage_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.resize(1000, 720)

    # --- building ---------------------------------------------------------------------------

    def _tab_page(self, name: str, filter_hint: str | None) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        if filter_hint:
            edit = QLineEdit(page, placeholderText=filter_hint, clearButtonEnabled=True)
            edit.setObjectName(f"{name}Filter")
            edit.setMaximumWidth(320)
            hint_width = edit.fontMetrics().horizontalAdvance(filter_hint) + 40  # + clear button
            edit.setMinimumWidth(min(hint_width, 320))
            bar.addWidget(edit)
            setattr(self, f"{name}_filter", edit)
        bar.addStretch(1)
        export = QPushButton(tr("Export CSV…"), page)
        export.setObjectName(f"{name}Export")
        export.clicked.connect(lambda: self.ask_export(name))
        bar.addWidget(export)
        layout.addLayout(bar)
        return page, layout

    def _add_table_tab(self, name: str, model, title: str) -> QTableView:
        hint = tr("Filter reports…") if name == "matrix" else tr("Filter by theme, entity or type…")
        page, layout = self._tab_page(name, hint)
        proxy = _proxy(model, page)
        if name == "matrix":
            proxy.setFilterKeyColumn(0)  # document titles
        getattr(self, f"{name}_filter").textChanged.connect(proxy.setFilterFixedString)
        if name == "entities":
            self.theme_picker = QComboBox(page, objectName="entitiesTheme")
            self.theme_picker.setMinimumContentsLength(24)
            self.theme_picker.setToolTip(tr("Count the entities of one theme, or of all themes"))
            self.theme_picker.activated.connect(lambda _i: self.refresh_entities())
            layout.itemAt(0).layout().insertWidget(0, self.theme_picker)
            self.entity_status = QLabel(page, objectName="entitiesStatus")
            layout.itemAt(0).layout().insertWidget(1, self.entity_status)
        view = _table(proxy, page, f"{name}Table")
        view.clicked.connect(self._on_cell_clicked)
        view.activated.connect(self._on_cell_clicked)
        layout.addWidget(view, 1)
        self.tabs.addTab(page, title)
        return view

    def _add_frequency_tab(self) -> tuple[QTableView, BarChart]:
        page, layout = self._tab_page("frequencies", None)
        view = _table(_proxy(self.frequency_model, page), page, "frequenciesTable")
        view.setSortingEnabled(False)  # the table follows the codebook, like the chart
        view.clicked.connect(self._on_cell_clicked)
        view.activated.connect(self._on_cell_clicked)
        chart = BarChart(page)
        chart.theme_clicked.connect(lambda theme_id: self.show_cell({"theme_id": theme_id}))
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(chart)
        scroll.setAlignment(Qt.AlignmentFlag.AlignTop)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 600])
        layout.addWidget(splitter, 1)
        self.tabs.addTab(page, tr("Theme Frequencies"))
        return view, chart

    # --- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Count everything again and list the passages of the chosen cell again."""
        self._timer.stop()
        self._dirty = False
        matrix = reports.theme_document_matrix(self.store)
        frequencies = reports.theme_frequencies(self.store)
        self.current = {"matrix": matrix, "frequencies": frequencies}
        self.matrix_model.set_matrix(matrix)
        self.frequency_model.set_rows(frequencies)
        self._fill_theme_picker(frequencies)
        self._entities_stale = True
        if self.tabs.currentIndex() == TABS.index("entities"):
            self.refresh_entities()
        self.chart.set_frequencies(frequencies)
        self._fit_columns()
        passages = sum(f.passages for f in frequencies)
        self.summary.setText(
            tr(
                "{passages} in {reports}, {themes}",
                passages=trn("<b>{n:,}</b> passage", "<b>{n:,}</b> passages", passages),
                reports=trn("<b>{n:,}</b> report", "<b>{n:,}</b> reports", len(matrix.documents)),
                themes=trn("<b>{n:,}</b> theme", "<b>{n:,}</b> themes", len(frequencies)),
            )
        )
        if self._cell is not None:
            self.show_cell(self._cell)

    def _fill_theme_picker(self, frequencies: list[reports.ThemeFrequency]) -> None:
        """All themes, then each used theme; keeps the choice, else starts on all themes
        (or, in a library too large to count at once, on the most used theme)."""
        picker, chosen = self.theme_picker, self.theme_picker.currentData()
        used = [f for f in frequencies if f.passages]
        picker.clear()
        picker.addItem(tr("All themes"), None)
        for f in used:
            picker.addItem(color_icon(f.theme.color, 12), f.theme.path, f.theme.id)
        large = sum(f.passages for f in used) > ALL_THEMES_LIMIT
        if picker.property("first") is None and large:
            chosen = max(used, key=lambda f: f.passages).theme.id
        picker.setProperty("first", False)
        found = picker.findData(chosen)
        picker.setCurrentIndex(max(found, 0))

    def refresh_entities(self) -> None:
        """Count the entities × themes table for the theme picked: the costliest count (2.4 s
        for all themes at 10k reports), so a file database is counted in a thread with a
        connection of its own while the window goes on; a newer request wins."""
        theme_id = self.theme_picker.currentData()
        theme_ids = None if theme_id is None else [theme_id]
        self._entity_request += 1
        request = self._entity_request
        self._entities_stale = False
        if self.store.path is None:  # in memory: one connection, counted here
            self._show_entities(request, reports.entity_theme_cooccurrence(self.store, theme_ids))
            return
        self.entity_status.setText(tr("Counting…"))
        path = self.store.path

        def count() -> list:
            with open_reader(path) as reader:
                return reports.entity_theme_cooccurrence(reader, theme_ids)

        run_in_background(
            count,
            lambda rows: self._show_entities(request, rows),
            lambda error: self.entity_status.setText(tr("Could not count: {error}", error=error)),
            owner=self,
        )

    def _show_entities(self, request: int, rows: list) -> None:
        if request != self._entity_request:
            return
        self.entity_status.setText("")
        self.current["entities"] = rows
        self.entity_model.set_rows(rows)
        self.entity_view.resizeColumnsToContents()
        self.entity_view.setColumnWidth(0, max(200, min(self.entity_view.columnWidth(0), 300)))

    def _on_tab_changed(self, index: int) -> None:
        if index == TABS.index("entities") and self._entities_stale:
            self.refresh_entities()

    def _fit_columns(self) -> None:
        header = self.matrix_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(96)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Kinh tế - thư…", not cut mid-word
        self.matrix_view.setColumnWidth(0, 300)
        for column in range(1, self.matrix_model.columnCount()):
            wanted = header.sectionSizeHint(column)  # the theme's name, its swatch and margins
            self.matrix_view.setColumnWidth(column, max(72, min(wanted, 200)))
        self.frequency_view.resizeColumnsToContents()
        width = self.frequency_view.columnWidth(0)
        self.frequency_view.setColumnWidth(0, max(160, min(width, 220)))

    def _on_changed(self, change: Change) -> None:
        if change.themes or change.documents != frozenset():
            self._dirty = True  # passages or themes: every table
        elif change.entities != frozenset():
            self._entities_stale = True  # only the entities × themes table counts entities
            if self.tabs.currentIndex() == TABS.index("entities") and self.isVisible():
                # once for a stream of background results, at once for a correction
                self._entity_timer.start(ENTITY_REFRESH_DELAY_MS if change.streamed else 0)
            return
        else:
            return
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    # --- cells and passages -----------------------------------------------------------------

    def _on_cell_clicked(self, index: QModelIndex) -> None:
        cell = cell_of(index)
        if cell is not None:
            self.show_cell(cell)

    def show_cell(self, cell: dict) -> None:
        """List the passages behind a cell (``passages_behind`` keyword arguments)."""
        self._cell = cell
        found = reports.passages_behind(self.store, **cell, limit=PASSAGE_LIMIT)
        total = len(found)
        if total == PASSAGE_LIMIT:
            total = reports.count_passages_behind(self.store, **cell)
        titles = reports.document_titles(self.store, {a.document_id for a in found})
        make = PassageRows.of(self.store)
        self.passages.set_rows(make.rows((a, titles.get(a.document_id, "")) for a in found))
        self.passage_title.setText(self._describe(cell, total, len(found), make.paths, titles))

    def _describe(self, cell, total, shown, paths, titles) -> str:
        parts = []
        if cell.get("theme_id") is not None:
            parts.append(tr("tagged “{theme}”", theme=paths.get(cell["theme_id"], "?")))
        if cell.get("entity"):
            parts.append(tr("mentioning {entity}", entity=cell["entity"][0]))
        if cell.get("document_id") is not None:
            title = titles.get(cell["document_id"]) or self._title_of(cell["document_id"])
            parts.append(tr("in “{title}”", title=title))
        words = [trn("<b>{n:,}</b> passage", "<b>{n:,}</b> passages", total), ", ".join(parts)]
        if shown < total:
            words.append(tr("(showing the first {count:,})", count=shown))
        return " ".join(word for word in words if word)

    def _title_of(self, document_id: int) -> str:
        return reports.document_titles(self.store, [document_id]).get(document_id, "?")

    def _on_passage_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.window_.show_passage(self.passages.row_at(index.row()).annotation)

    # --- export -----------------------------------------------------------------------------

    def export_csv(self, tab: str, path: Path | str) -> int:
        """Write the table of ``tab`` (one of ``TABS``) as last counted; return its rows."""
        if self._dirty or not self.current:
            self.refresh()
        if tab == "entities" and (self._entities_stale or "entities" not in self.current):
            theme_id = self.theme_picker.currentData()  # counted now: the user asked for it
            self.current["entities"] = reports.entity_theme_cooccurrence(
                self.store, None if theme_id is None else [theme_id]
            )
        data = self.current[tab]
        writer = {
            "matrix": reports.export_matrix,
            "entities": reports.export_cooccurrence,
            "frequencies": reports.export_frequencies,
        }[tab]
        return writer(data, Path(path))

    def ask_export(self, tab: str) -> None:
        names = {"matrix": "themes-by-report", "entities": "entities-by-theme"}
        suggested = f"{names.get(tab, 'theme-frequencies')}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export CSV"), suggested, tr("CSV files (*.csv);;All files (*)")
        )
        if not path:
            return
        try:
            rows = self.export_csv(tab, path)
        except ExportError as error:
            QMessageBox.warning(self, tr("Export CSV"), str(error))
            return
        show_status = getattr(self.window_, "show_status", None)
        if show_status:
            show_status(
                trn(
                    "Exported {n:,} row to {path}", "Exported {n:,} rows to {path}", rows, path=path
                )
            )


def open_report_view(window) -> ReportView:
    """Show the window's report view, creating it the first time; bring it to the front."""
    view = window.findChild(ReportView)
    if view is None:
        view = ReportView(window)
    view.show()
    view.raise_()
    view.activateWindow()
    return view
