"""The reading pane: read-only text with entity and passage highlights, word-aware selection.

Offsets in and out are code points of the stored text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from vnreader.core.text import Utf16Map
from vnreader.core.words import snap_to_words, word_at
from vnreader.i18n import tr
from vnreader.ui.entity_style import KIND_BY_LABEL, is_dark_palette
from vnreader.ui.highlighter import (
    ENTITY_PROPERTY,
    LABEL_PROPERTY,
    THEMES_PROPERTY,
    EntityHighlighter,
)

MIN_POINT_SIZE, MAX_POINT_SIZE, DEFAULT_POINT_SIZE = 7, 40, 12
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class ReaderView(QPlainTextEdit):
    zoom_changed = Signal(int)
    clicked_at = Signal(int)  # a plain click (no selection made) at this code point
    theme_key_pressed = Signal(int)  # digit 1–9 pressed while text is selected
    context_requested = Signal(QPoint, int)  # global position, code point under the mouse

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(tr("Choose a report in the library to read it."))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.context_requested.emit(self.mapToGlobal(pos), self.offset_at(pos))
        )
        self.snap_to_words = True
        # Set by the window: (theme ids, offset) -> HTML describing the passages there,
        # and offset -> HTML describing the entity there.
        self.describe_passages: Callable[[tuple[int, ...], int], str] | None = None
        self.describe_entity: Callable[[int], str] | None = None
        self._text = ""
        self._map = Utf16Map("")
        self._highlighter: EntityHighlighter | None = None
        self._point_size = DEFAULT_POINT_SIZE
        self._marks: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.set_marks("flash", [], QColor()))
        self._apply_font()

    # --- content -------------------------------------------------------------------

    def show_text(
        self,
        text: str,
        spans: Iterable[tuple[int, int, str, str]] = (),
        passages: Iterable[tuple[int, int, int]] = (),
        theme_colors: dict[int, str] | None = None,
    ) -> None:
        """Replace the shown text. ``spans`` are entities as ``(start, end, label,
        origin)``. Highlights are attached before the text is set, so the document is laid
        out (and highlighted) once."""
        visible = self._highlighter.visible_labels() if self._highlighter else None
        document = QTextDocument(self)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setDefaultFont(self.font())
        highlighter = EntityHighlighter(document, text, visible)
        highlighter.set_spans(spans, rehighlight=False)
        highlighter.set_passages(passages, theme_colors or {}, changed=())
        document.setPlainText(text)
        self.setDocument(document)  # Qt deletes the previous document: it was our child
        self._text, self._map, self._highlighter = text, Utf16Map(text), highlighter
        self._marks.clear()
        self.setExtraSelections([])
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def text(self) -> str:
        return self._text

    def set_spans(self, spans: Iterable[tuple[int, int, str, str]]) -> None:
        """Entities as ``(start, end, label, origin)``; only what changed is redrawn."""
        if self._highlighter:
            self._highlighter.set_spans(spans)

    def set_passages(
        self,
        passages: Iterable[tuple[int, int, int]],
        theme_colors: dict[int, str],
        changed: Iterable[tuple[int, int]] | None = None,
    ) -> None:
        if self._highlighter:
            self._highlighter.set_passages(passages, theme_colors, changed=changed)

    def set_visible_labels(self, labels: Iterable[str]) -> None:
        if self._highlighter:
            self._highlighter.set_visible_labels(labels)

    def visible_labels(self) -> set[str]:
        return self._highlighter.visible_labels() if self._highlighter else set()

    # --- transient marks (shared sentences, find hits, flashes) ----------------------

    def set_marks(self, layer: str, spans: Iterable[tuple[int, int]], color: QColor) -> None:
        """Mark spans with a translucent background; layers are independent and few."""
        selections = []
        dark = is_dark_palette(self.palette())
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_utf16(start))
            cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(color)
            if dark and color.alpha() >= 100:  # a strong tint: light text would not read
                selection.format.setForeground(QColor("black"))
            selections.append(selection)
        self._marks[layer] = selections
        self.setExtraSelections([sel for layer_sels in self._marks.values() for sel in layer_sels])

    def marks(self, layer: str) -> list[tuple[int, int]]:
        return [
            (
                self._map.to_code_point(sel.cursor.selectionStart()),
                self._map.to_code_point(sel.cursor.selectionEnd()),
            )
            for sel in self._marks.get(layer, [])
        ]

    def flash(self, start: int, end: int, color: QColor | None = None) -> None:
        self.set_marks("flash", [(start, end)], color or QColor(255, 193, 7, 150))
        self._flash_timer.start(900)

    def top_offset(self) -> int:
        """The code point at the top-left of the visible text."""
        return self.offset_at(QPoint(2, 2))

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding ``offset`` is the first visible one."""
        # The scroll bar counts visual lines (a wrapped paragraph has several), not blocks.
        position = self._map.to_utf16(offset)
        block = self.document().findBlock(position)
        line = block.firstLineNumber()
        layout = block.layout()
        if layout is not None and layout.lineCount() > 0:
            line += layout.lineForTextPosition(position - block.position()).lineNumber()
        self.verticalScrollBar().setValue(line)

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

    def offset_at(self, pos: QPoint) -> int:
        return self._map.to_code_point(self.cursorForPosition(pos).position())

    def highlighted_ranges(self) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of what is drawn as an entity, read back from the layout."""
        return self._drawn(LABEL_PROPERTY)

    def entity_ranges(self) -> list[tuple[int, int, str, str]]:
        """``(start, end, label, origin)`` of what is drawn as an entity."""
        return [(start, end, *entity) for start, end, entity in self._drawn(ENTITY_PROPERTY)]

    def passage_ranges(self) -> list[tuple[int, int, tuple[int, ...]]]:
        """``(start, end, theme ids)`` of what is drawn as a tagged passage."""
        return self._drawn(THEMES_PROPERTY)

    def _drawn(self, prop: int) -> list:
        ranges: list = []
        block = self.document().firstBlock()
        while block.isValid():
            layout = block.layout()
            for fmt_range in layout.formats() if layout else []:
                value = fmt_range.format.property(prop)
                if not value:
                    continue
                value = tuple(value) if isinstance(value, list) else value
                first = self._map.to_code_point(block.position() + fmt_range.start)
                last = self._map.to_code_point(
                    block.position() + fmt_range.start + fmt_range.length
                )
                if ranges and ranges[-1][1] == first and ranges[-1][2] == value:
                    ranges[-1] = (ranges[-1][0], last, value)  # one span drawn in pieces
                else:
                    ranges.append((first, last, value))
            block = block.next()
        return ranges

    # --- word-aware selection --------------------------------------------------------

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self._text:
            word = word_at(self._text, self.offset_at(event.position().toPoint()))
            if word is not None:
                self.select_span(*word)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if not self.textCursor().hasSelection():
            self.clicked_at.emit(self.offset_at(event.position().toPoint()))
        elif self.snap_to_words:
            self.snap_selection()

    def snap_selection(self) -> None:
        start, end = self.selected_span()
        if end > start:
            snapped = snap_to_words(self._text, start, end)
            if snapped != (start, end) and snapped[1] > snapped[0]:
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._map.to_utf16(snapped[0]))
                cursor.setPosition(self._map.to_utf16(snapped[1]), QTextCursor.MoveMode.KeepAnchor)
                self.setTextCursor(cursor)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        number = _DIGITS.get(event.key())
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if number and plain == Qt.KeyboardModifier.NoModifier and self.textCursor().hasSelection():
            self.theme_key_pressed.emit(number)
            event.accept()
            return
        super().keyPressEvent(event)

    # --- hover -----------------------------------------------------------------------

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == event.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self.tooltip_at(event.pos()) or "", self)
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The HTML shown on hover at ``pos``: the entity and the passages there."""
        cursor = self.cursorForPosition(pos)
        block = cursor.block()
        label = themes = None
        inside = cursor.position() - block.position()
        for fmt_range in block.layout().formats():  # read it here: the list owns the format
            if fmt_range.start <= inside < fmt_range.start + fmt_range.length:
                label = fmt_range.format.property(LABEL_PROPERTY)
                themes = fmt_range.format.property(THEMES_PROPERTY)
        lines = []
        if label and self.describe_entity:
            lines.append(self.describe_entity(self.offset_at(pos)))
        elif label:
            lines.append(f"<i>{tr(KIND_BY_LABEL[label].singular)}</i>")
        if themes and self.describe_passages:
            lines.append(self.describe_passages(tuple(themes), self.offset_at(pos)))
        return "<br>".join(line for line in lines if line)

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
