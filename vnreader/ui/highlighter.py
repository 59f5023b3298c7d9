"""Draws entity spans and tagged passages into a document, one block at a time.

Entities are coloured, underlined text (dotted when the model found them, solid when the
user marked or corrected them); passages are a background in their theme's colour (a
dark shade of it in dark mode, see :func:`vnreader.core.palette.passage_background`), and
where passages of several themes overlap the colours are blended so the overlap stays
visible. The colours follow the palette: every highlighter redraws when the light/dark
mode or the entity colours change. Spans are in code points of the stored text; Qt
positions count UTF-16 units, and this is the only place (with the reader) that converts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from vnreader.core.models import ORIGIN_MODEL, ORIGIN_USER
from vnreader.core.palette import passage_background
from vnreader.core.text import Utf16Map
from vnreader.ui.entity_style import ENTITY_KINDS, colors_changed, entity_color, is_dark_palette

LABEL_PROPERTY = QTextFormat.Property.UserProperty + 1
THEMES_PROPERTY = QTextFormat.Property.UserProperty + 2
ENTITY_PROPERTY = QTextFormat.Property.UserProperty + 3  # [label, origin]
# A model's guess is dotted, the user's word is a solid line.
UNDERLINES = {
    ORIGIN_MODEL: QTextCharFormat.UnderlineStyle.DotLine,
    ORIGIN_USER: QTextCharFormat.UnderlineStyle.SingleUnderline,
}
# Above this many changed entities a full redraw is cheaper than block by block.
_PARTIAL_REDRAW_LIMIT = 200


class _SpanIndex:
    """Sorted spans with a fast lookup of those that meet an interval."""

    def __init__(self, spans: Iterable[tuple[int, int, object]] = ()) -> None:
        self.spans = sorted(spans, key=lambda span: (span[0], span[1]))
        self.starts = [span[0] for span in self.spans]
        self.max_len = max((end - start for start, end, _ in self.spans), default=0)

    def meeting(self, start: int, end: int) -> list[tuple[int, int, object]]:
        first = bisect_right(self.starts, start - self.max_len)
        stop = bisect_left(self.starts, end, first)
        return [span for span in self.spans[first:stop] if span[1] > start]


class EntityHighlighter(QSyntaxHighlighter):
    def __init__(
        self, document: QTextDocument, text: str, visible: Iterable[str] | None = None
    ) -> None:
        super().__init__(document)
        self._map = Utf16Map(text)
        self._entities = _SpanIndex()
        self._passages = _SpanIndex()
        self._theme_colors: dict[int, str] = {}
        self._visible = set(visible) if visible is not None else {k.label for k in ENTITY_KINDS}
        self._formats: dict[tuple, QTextCharFormat] = {}
        colors_changed().connect(self.refresh_colors)  # disconnected when deleted

    # --- data ----------------------------------------------------------------------

    def set_spans(
        self, spans: Iterable[tuple[int, int, str, str]], *, rehighlight: bool = True
    ) -> None:
        """Entities as ``(start, end, label, origin)``; only the blocks of those that
        changed are redrawn."""
        before = set(self._entities.spans)
        self._entities = _SpanIndex((s, e, (label, origin)) for s, e, label, origin in spans)
        if not rehighlight:
            return
        changed = before.symmetric_difference(self._entities.spans)
        if len(changed) > _PARTIAL_REDRAW_LIMIT:
            self.rehighlight()
        else:
            for start, end, _ in sorted(changed):
                self.rehighlight_range(start, end)

    def set_passages(
        self,
        passages: Iterable[tuple[int, int, int]],
        theme_colors: dict[int, str],
        *,
        changed: Iterable[tuple[int, int]] | None = None,
    ) -> None:
        """Passages as ``(start, end, theme_id)``. With ``changed`` ranges, only the blocks
        they touch are redrawn (adding one passage to a long document stays cheap)."""
        self._passages = _SpanIndex(passages)
        colors = {tid: QColor(color).name() for tid, color in theme_colors.items()}
        if colors != self._theme_colors:
            self._theme_colors = colors
            self._formats.clear()
            changed = None
        if changed is None:
            self.rehighlight()
        else:
            for start, end in changed:
                self.rehighlight_range(start, end)

    def set_visible_labels(self, labels: Iterable[str]) -> None:
        labels = set(labels)
        if labels != self._visible:
            self._visible = labels
            self.rehighlight()

    def visible_labels(self) -> set[str]:
        return set(self._visible)

    def refresh_colors(self) -> None:
        """Redraw everything in the colours of the current palette and settings."""
        self._formats.clear()
        self.rehighlight()

    def rehighlight_range(self, start: int, end: int) -> None:
        document = self.document()
        block: QTextBlock = document.findBlock(self._map.to_utf16(start))
        last = document.findBlock(self._map.to_utf16(max(start, end - 1))).blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            self.rehighlightBlock(block)
            block = block.next()

    # --- drawing -------------------------------------------------------------------

    def _format(self, entity: tuple[str, str] | None, themes: tuple[int, ...]) -> QTextCharFormat:
        key = (entity, themes)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if themes:
                colors = [self._theme_colors.get(t, "#dddddd") for t in themes]
                fmt.setBackground(QColor(passage_background(colors, is_dark_palette())))
                fmt.setProperty(THEMES_PROPERTY, list(themes))
            if entity:
                label, origin = entity
                color = entity_color(label)
                fmt.setForeground(color)
                fmt.setUnderlineStyle(UNDERLINES.get(origin, UNDERLINES[ORIGIN_MODEL]))
                fmt.setUnderlineColor(color)
                fmt.setProperty(LABEL_PROPERTY, label)
                fmt.setProperty(ENTITY_PROPERTY, [label, origin])
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        block_utf16 = self.currentBlock().position()
        block_start = self._map.to_code_point(block_utf16)
        block_end = block_start + len(text)
        entities = [
            span
            for span in self._entities.meeting(block_start, block_end)
            if span[2][0] in self._visible
        ]
        passages = self._passages.meeting(block_start, block_end)
        if not passages and all(a[1] <= b[0] for a, b in pairwise(entities)):
            # The usual case, flat entities and no passage: one format per entity.
            for start, end, entity in entities:
                first = self._map.to_utf16(max(start, block_start)) - block_utf16
                last = self._map.to_utf16(min(end, block_end)) - block_utf16
                self.setFormat(first, last - first, self._format(entity, ()))
            return
        cuts = {block_start, block_end}
        for start, end, _ in entities + passages:
            cuts.update((max(start, block_start), min(end, block_end)))
        points = sorted(cuts)
        for left, right in zip(points, points[1:], strict=False):
            entity = next((ent for s, e, ent in entities if s <= left and right <= e), None)
            themes = tuple(sorted({t for s, e, t in passages if s <= left and right <= e}))
            if entity is None and not themes:
                continue
            first = self._map.to_utf16(left) - block_utf16
            last = self._map.to_utf16(right) - block_utf16
            self.setFormat(first, last - first, self._format(entity, themes))
