"""Tagged passages as a table: theme, excerpt, note (and document, in the corpus view)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal

from vnreader.core.models import Annotation, Theme
from vnreader.core.store import Store
from vnreader.core.themes import list_themes, theme_paths
from vnreader.i18n import N_, tr
from vnreader.ui.models.rows import Index, RowTableModel
from vnreader.ui.models.theme_tree import color_icon

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1
EXCERPT_CHARS = 80


@dataclass(frozen=True)
class PassageRow:
    annotation: Annotation
    theme: Theme
    theme_path: str
    document_title: str = ""


@dataclass(frozen=True)
class PassageRows:
    """Makes table rows of passages: the codebook read once, for any number of pages."""

    themes: dict[int, Theme]
    paths: dict[int, str]

    @classmethod
    def of(cls, store: Store) -> PassageRows:
        return cls({t.id: t for t in list_themes(store)}, theme_paths(store))

    def rows(self, pairs: Iterable[tuple[Annotation, str]]) -> list[PassageRow]:
        """Rows for ``(passage, document title)`` pairs (passages of unknown themes left out)."""
        return [
            PassageRow(a, self.themes[a.theme_id], self.paths[a.theme_id], title)
            for a, title in pairs
            if a.theme_id in self.themes
        ]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…"."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class AnnotationTableModel(RowTableModel[PassageRow]):
    note_edited = Signal(int, str)  # annotation id, new note

    def __init__(self, with_document: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.columns = (
            *([N_("Document")] if with_document else []),
            N_("Theme"),
            N_("Passage"),
            N_("Note"),
        )

    def row_of(self, annotation_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.annotation.id == annotation_id:
                return number
        return None

    def _column(self, index: Index) -> str:
        return self.columns[index.column()]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self._column(index) == "Note" else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._column(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Document": row.document_title,
                "Theme": row.theme.name,
                "Passage": excerpt(row.annotation.text),
                "Note": " ".join(row.annotation.note.split()),
            }[column]
        if role == Qt.ItemDataRole.EditRole and column == "Note":
            return row.annotation.note
        if role == Qt.ItemDataRole.DecorationRole and column == "Theme":
            return color_icon(row.theme.color, 12)
        if role == Qt.ItemDataRole.ToolTipRole:
            note = (
                "\n\n" + tr("Note: {note}", note=row.annotation.note) if row.annotation.note else ""
            )
            return f"{row.theme_path}\n\n{row.annotation.text}{note}"
        if role == ANNOTATION_ROLE:
            return row.annotation
        return None

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or self._column(index) != "Note":
            return False
        row = self._rows[index.row()]
        if str(value) != row.annotation.note:
            self.note_edited.emit(row.annotation.id, str(value))  # undoable, via the window
        return False
