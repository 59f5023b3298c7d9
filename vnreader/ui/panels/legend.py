"""The legend above the reader: one toggle per entity type, in its colour, with a count."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from vnreader.i18n import tr
from vnreader.ui.entity_style import ENTITY_KINDS, color_swatch, colors_changed, entity_color


class LegendBar(QWidget):
    """Checkable entries; unchecking one hides that type's highlights."""

    visibility_changed = Signal(object)  # set[str] of visible labels

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        caption = QLabel(tr("Highlight:"))
        caption.setObjectName("legendCaption")
        layout.addWidget(caption)
        self._buttons: dict[str, QToolButton] = {}
        for number, kind in enumerate(ENTITY_KINDS, start=1):
            button = QToolButton(self)
            button.setObjectName(f"legend{kind.label}")
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setToolTip(
                tr("Show or hide {kind} (Alt+{number})", kind=tr(kind.name).lower(), number=number)
            )
            button.toggled.connect(self._emit)
            layout.addWidget(button)
            self._buttons[kind.label] = button
        key = QLabel(tr("dotted: model · solid: yours"), self)
        key.setObjectName("legendKey")
        key.setToolTip(
            tr("A dotted underline: found by the model. A solid one: marked or corrected by you.")
        )
        key.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # It takes the room left over and is clipped, never widening the window.
        key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(key, 1)
        self.set_counts({})
        self._draw_swatches()
        colors_changed().connect(self._draw_swatches)  # disconnected when deleted

    def _draw_swatches(self) -> None:
        for kind in ENTITY_KINDS:
            self._buttons[kind.label].setIcon(color_swatch(entity_color(kind.label)))

    def button(self, label: str) -> QToolButton:
        return self._buttons[label]

    def set_counts(self, counts: dict[str, int | None]) -> None:
        for kind in ENTITY_KINDS:
            count = counts.get(kind.label)
            suffix = "" if count is None else f"  {count}"
            self._buttons[kind.label].setText(f"{tr(kind.name)}{suffix}")

    def visible_labels(self) -> set[str]:
        return {label for label, button in self._buttons.items() if button.isChecked()}

    def set_visible_labels(self, labels: set[str]) -> None:
        for label, button in self._buttons.items():
            button.blockSignals(True)
            button.setChecked(label in labels)
            button.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self.visibility_changed.emit(self.visible_labels())
