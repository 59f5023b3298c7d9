"""A horizontal bar chart of passages per theme, painted with QPainter (no QtCharts needed).

Each row: the theme path (elided), a bar in the theme's colour with a darker outline (the
palette tints are light, so the outline keeps them visible on a light background), and the
count. Text uses the widget's palette, so the chart reads in light and dark modes.
Clicking a bar emits :attr:`BarChart.theme_clicked`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from vnreader.core.reports import ThemeFrequency
from vnreader.i18n import tr, trn

ROW_HEIGHT = 26
BAR_HEIGHT = 16
MARGIN = 12


@dataclass(frozen=True)
class Bar:
    theme_id: int
    label: str
    value: int
    color: str


class BarChart(QWidget):
    theme_clicked = Signal(int)  # theme id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("themeBarChart")
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setToolTip("")

    def set_frequencies(self, frequencies: list[ThemeFrequency]) -> None:
        self._bars = [Bar(f.theme.id, f.theme.path, f.passages, f.theme.color) for f in frequencies]
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 2 * MARGIN + max(1, len(self._bars)) * ROW_HEIGHT)

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(b.label) for b in self._bars), default=0)
        return min(widest + 8, max(120, int(self.width() * 0.4)))

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (for painting, hit testing and tests)."""
        metrics = QFontMetrics(self.font())
        left = MARGIN + self._label_width() + 8
        number_room = metrics.horizontalAdvance(str(self._max())) + 12
        span = max(1.0, self.width() - left - MARGIN - number_room)
        top = MARGIN + (ROW_HEIGHT - BAR_HEIGHT) / 2
        most = self._max()
        return [
            QRectF(left, top + row * ROW_HEIGHT, span * bar.value / most, BAR_HEIGHT)
            for row, bar in enumerate(self._bars)
        ]

    def _max(self) -> int:
        return max((b.value for b in self._bars), default=0) or 1

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self._bars:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("No themes yet."))
            return
        dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
        metrics = QFontMetrics(self.font())
        label_width = self._label_width()
        for row, (bar, rect) in enumerate(zip(self._bars, self.bar_rects(), strict=True)):
            y = MARGIN + row * ROW_HEIGHT
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideLeft, label_width)
            painter.setPen(text)
            painter.drawText(
                QRectF(MARGIN, y, label_width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            fill = QColor(bar.color)
            painter.setPen(fill.lighter(115) if dark else fill.darker(150))
            painter.setBrush(fill)
            if rect.width() >= 1:
                painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(text if bar.value else muted)
            painter.drawText(
                QRectF(rect.right() + 6, y, 80, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{bar.value:,}",
            )
        painter.end()

    def bar_at(self, y: float) -> Bar | None:
        row = int((y - MARGIN) // ROW_HEIGHT)
        return self._bars[row] if y >= MARGIN and 0 <= row < len(self._bars) else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        bar = self.bar_at(event.position().y())
        tip = ""
        if bar:
            tip = trn(
                "{theme}: {n:,} passage", "{theme}: {n:,} passages", bar.value, theme=bar.label
            )
        self.setToolTip(tip)
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if bar and bar.value else Qt.CursorShape.ArrowCursor
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        bar = self.bar_at(event.position().y())
        if bar is not None and bar.value and event.button() == Qt.MouseButton.LeftButton:
            self.theme_clicked.emit(bar.theme_id)
