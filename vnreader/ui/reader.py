"""The reading pane: a read-only text view with entity highlights and span selection."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QWidget

from vnreader.core.text import Utf16Map
from vnreader.ui.highlighter import LABEL_PROPERTY, EntityHighlighter

MIN_POINT_SIZE, MAX_POINT_SIZE, DEFAULT_POINT_SIZE = 7, 40, 12


class ReaderView(QPlainTextEdit):
    """Shows one document. Offsets in and out are code points of the stored text."""

    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.setPlaceholderText("Choose a report in the library to read it.")
        self._text = ""
        self._map = Utf16Map("")
        self._highlighter: EntityHighlighter | None = None
        self._point_size = DEFAULT_POINT_SIZE
        self._apply_font()

    # --- content -------------------------------------------------------------------

    def show_text(self, text: str, spans: Iterable[tuple[int, int, str]] = ()) -> None:
        """Replace the shown text. The highlighter is attached before the text is set, so
        the document is laid out (and highlighted) once."""
        visible = self._highlighter.visible_labels() if self._highlighter else None
        document = QTextDocument(self)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setDefaultFont(self.font())
        highlighter = EntityHighlighter(document, text, visible)
        highlighter.set_spans(spans, rehighlight=False)
        document.setPlainText(text)
        self.setDocument(document)  # Qt deletes the previous document: it was our child
        self._text, self._map, self._highlighter = text, Utf16Map(text), highlighter
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def clear_text(self) -> None:
        self.show_text("")

    def text(self) -> str:
        return self._text

    def set_spans(self, spans: Iterable[tuple[int, int, str]]) -> None:
        if self._highlighter:
            self._highlighter.set_spans(spans)

    def set_visible_labels(self, labels: Iterable[str]) -> None:
        if self._highlighter:
            self._highlighter.set_visible_labels(labels)

    # --- positions -----------------------------------------------------------------

    def select_span(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) and scroll it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def selected_span(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return (
            self._map.to_code_point(cursor.selectionStart()),
            self._map.to_code_point(cursor.selectionEnd()),
        )

    def cursor_offset(self) -> int:
        return self._map.to_code_point(self.textCursor().position())

    def highlighted_ranges(self) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of what is drawn as an entity, read back from the layout."""
        ranges: list[tuple[int, int, str]] = []
        block = self.document().firstBlock()
        while block.isValid():
            layout = block.layout()
            for fmt_range in layout.formats() if layout else []:
                label = fmt_range.format.property(LABEL_PROPERTY)
                if label:
                    first = block.position() + fmt_range.start
                    last = first + fmt_range.length
                    ranges.append(
                        (self._map.to_code_point(first), self._map.to_code_point(last), label)
                    )
            block = block.next()
        return sorted(ranges)

    # --- zoom ----------------------------------------------------------------------

    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        if size != self._point_size:
            self._point_size = size
            self._apply_font()
            self.zoom_changed.emit(size)

    def zoom_by(self, steps: int) -> None:
        self.set_point_size(self._point_size + steps)

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSize(self._point_size)
        self.setFont(font)
        self.document().setDefaultFont(font)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
