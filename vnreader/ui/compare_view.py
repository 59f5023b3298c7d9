"""Side-by-side comparison: shared sentences of the two open reports, marked in both panes,
listed in a dock, clickable, and optionally followed by synchronised scrolling."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from vnreader.core.compare import Alignment, align_documents, sync_position
from vnreader.i18n import N_, tr, trn
from vnreader.ui.models.annotation_table import excerpt
from vnreader.ui.models.rows import RowTableModel
from vnreader.ui.tables import make_row_table
from vnreader.ui.tasks import run_in_background

SHARED_COLOR = QColor(33, 150, 243, 40)
COLUMNS = (N_("Score"), N_("Left"), N_("Right"))


class SharedPassagesModel(RowTableModel[tuple[float | None, tuple | None, tuple | None]]):
    """Pairs by position in the left text, then sentences found only on one side."""

    columns = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._texts = ("", "")

    def set_alignment(self, alignment: Alignment | None, left: str, right: str) -> None:
        self._texts = (left, right)
        rows: list[tuple[float | None, tuple | None, tuple | None]] = []
        if alignment is not None:
            rows += [
                (p.score, p.left, p.right) for p in sorted(alignment.pairs, key=lambda p: p.left)
            ]
            rows += [(None, span, None) for span in alignment.left_only]
            rows += [(None, None, span) for span in alignment.right_only]
        self.set_rows(rows)

    def spans_at(self, row: int) -> tuple[tuple | None, tuple | None]:
        _score, left, right = self._rows[row]
        return left, right

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        score, left, right = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                if score is None:
                    return tr("only left") if right is None else tr("only right")
                return f"{score:.2f}"
            span = left if column == 1 else right
            if span is None:
                return ""
            text = self._texts[column - 1][span[0] : span[1]]
            return text if role == Qt.ItemDataRole.ToolTipRole else excerpt(text)
        return None


class SharedPassagesPanel(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = SharedPassagesModel(self)
        self.view = make_row_table(self.model, self, "sharedPassages")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(tr("Open two reports side by side to compare them."), self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)


class CompareController(QObject):
    alignment_ready = Signal()

    def __init__(self, window, panel: SharedPassagesPanel) -> None:
        super().__init__(window)
        self.window, self.panel = window, panel
        self.alignment: Alignment | None = None
        self._documents: tuple[int, int] | None = None
        self._sync = False
        self._syncing = False
        left, right = (pane.reader for pane in window.panes)
        left.clicked_at.connect(lambda offset: self.go_to_counterpart("left", offset))
        right.clicked_at.connect(lambda offset: self.go_to_counterpart("right", offset))
        left.verticalScrollBar().valueChanged.connect(self._follow_left)
        panel.view.clicked.connect(self._on_row_clicked)

    def documents_changed(self) -> None:
        left, right = (pane.document_id for pane in self.window.panes)
        pair = (
            (left, right) if self.window.is_side_by_side() and None not in (left, right) else None
        )
        if pair == self._documents:
            self._mark()  # a pane may have re-opened its text, which clears its marks
            return
        self._documents = pair
        self._apply(None)
        if pair is None:
            self.panel.status.setText(tr("Open two reports side by side to compare them."))
            return
        self.panel.status.setText(tr("Comparing…"))
        texts = tuple(pane.reader.text() for pane in self.window.panes)
        run_in_background(
            lambda: align_documents(*texts),
            lambda alignment, pair=pair: self._on_aligned(pair, alignment),
            lambda error, pair=pair: self._on_failed(pair, error),
            owner=self.window,
        )

    def swap(self) -> None:
        """The panes were swapped: mirror the alignment instead of computing it again."""
        left, right = (pane.document_id for pane in self.window.panes)
        if self.alignment is not None and self._documents == (right, left):
            self._documents = (left, right)
            self._apply(self.alignment.swapped())
        else:  # nothing to mirror (the first comparison may still be running): compare anew
            self.documents_changed()

    def _on_failed(self, pair: tuple[int, int], error: Exception) -> None:
        if pair == self._documents:
            self.panel.status.setText(tr("Comparison failed: {error}", error=error))

    def _on_aligned(self, pair: tuple[int, int], alignment: Alignment) -> None:
        if pair != self._documents:
            return  # the panes changed meanwhile
        self._apply(alignment)
        self.alignment_ready.emit()

    def _apply(self, alignment: Alignment | None) -> None:
        self.alignment = alignment
        self._mark()
        left, right = (pane.reader for pane in self.window.panes)
        self.panel.model.set_alignment(alignment, left.text(), right.text())
        if alignment is not None:
            self.panel.status.setText(
                trn(
                    "{n} shared sentence · {left} only left · {right} only right",
                    "{n} shared sentences · {left} only left · {right} only right",
                    len(alignment.pairs),
                    left=len(alignment.left_only),
                    right=len(alignment.right_only),
                )
            )

    def _mark(self) -> None:
        """Tint the shared sentences of the alignment in both panes."""
        left, right = (pane.reader for pane in self.window.panes)
        pairs = self.alignment.pairs if self.alignment else ()
        left.set_marks("shared", [p.left for p in pairs], SHARED_COLOR)
        right.set_marks("shared", [p.right for p in pairs], SHARED_COLOR)

    def go_to_counterpart(self, side: str, offset: int) -> None:
        if self.alignment is None:
            return
        if side == "left":
            pair = self.alignment.counterpart_of_left(offset)
            target, span = self.window.panes[1], pair.right if pair else None
        else:
            pair = self.alignment.counterpart_of_right(offset)
            target, span = self.window.panes[0], pair.left if pair else None
        if span is not None:
            target.reader.select_span(*span)
            target.reader.flash(*span)

    def _on_row_clicked(self, index: QModelIndex) -> None:
        left_span, right_span = self.panel.model.spans_at(index.row())
        for pane, span in zip(self.window.panes, (left_span, right_span), strict=True):
            if span is not None:
                pane.reader.select_span(*span)
                pane.reader.flash(*span)

    def set_sync_scrolling(self, on: bool) -> None:
        self._sync = on
        self.window.settings.setValue("reader/syncScrolling", on)
        self._follow_left()

    def _follow_left(self, *_args) -> None:
        if not self._sync or self.alignment is None or self._syncing:
            return
        self._syncing = True
        try:
            left, right = (pane.reader for pane in self.window.panes)
            right.scroll_to_offset(sync_position(self.alignment, left.top_offset()))
        finally:
            self._syncing = False
