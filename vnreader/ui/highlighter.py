"""Draws entity spans into a document, one block at a time, as Qt lays it out.

Spans are in code points of the stored text; Qt positions count UTF-16 units. The
highlighter converts at this boundary only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextFormat

from vnreader.core.text import Utf16Map
from vnreader.ui.entity_style import ENTITY_KINDS, entity_color

LABEL_PROPERTY = QTextFormat.Property.UserProperty + 1


class EntityHighlighter(QSyntaxHighlighter):
    def __init__(
        self, document: QTextDocument, text: str, visible: Iterable[str] | None = None
    ) -> None:
        super().__init__(document)
        self._map = Utf16Map(text)
        self._spans: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._max_len = 0
        self._visible = set(visible) if visible is not None else {k.label for k in ENTITY_KINDS}
        self._formats = {kind.label: self._format_for(kind.label) for kind in ENTITY_KINDS}

    @staticmethod
    def _format_for(label: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        color = entity_color(label)
        fmt.setForeground(color)
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(color)
        fmt.setProperty(LABEL_PROPERTY, label)
        return fmt

    def set_spans(self, spans: Iterable[tuple[int, int, str]], *, rehighlight: bool = True) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _, _ in self._spans]
        self._max_len = max((end - start for start, end, _ in self._spans), default=0)
        if rehighlight:
            self.rehighlight()

    def set_visible_labels(self, labels: Iterable[str]) -> None:
        labels = set(labels)
        if labels != self._visible:
            self._visible = labels
            self.rehighlight()

    def visible_labels(self) -> set[str]:
        return set(self._visible)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        if not self._spans or not self._visible:
            return
        block_utf16 = self.currentBlock().position()
        block_start = self._map.to_code_point(block_utf16)
        block_end = block_start + len(text)
        # Spans are sorted by start and at most _max_len long: nothing earlier can reach here.
        index = bisect_right(self._starts, block_start - self._max_len)
        for start, end, label in self._spans[index:]:
            if start >= block_end:
                break
            if end <= block_start or label not in self._visible:
                continue
            first = self._map.to_utf16(max(start, block_start)) - block_utf16
            last = self._map.to_utf16(min(end, block_end)) - block_utf16
            self.setFormat(first, last - first, self._formats[label])
