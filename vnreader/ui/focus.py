"""Moving the keyboard between the window's regions.

F6 and Shift+F6 go to the next and previous region that is on screen, in reading order:
the left docks (library, search), the reader (then the second reader when two reports are
side by side), the right docks (codebook, annotations, entities), then the bottom docks. A
region is entered at the widget one works in there: the library's list, the search field,
the reader's text, a panel's table. Docks hidden or behind another dock's tab are skipped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QLineEdit, QWidget


def regions(window) -> list[QWidget]:
    """The regions on screen now, in the order F6 visits them."""
    area = {
        Qt.DockWidgetArea.LeftDockWidgetArea: 0,
        Qt.DockWidgetArea.TopDockWidgetArea: 0,
        Qt.DockWidgetArea.RightDockWidgetArea: 2,
        Qt.DockWidgetArea.BottomDockWidgetArea: 3,
    }
    ordered: list[tuple[int, int, int, QWidget]] = []
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            rank = 1 if dock.isFloating() else area.get(window.dockWidgetArea(dock), 3)
            position = dock.mapTo(window, dock.rect().topLeft())
            ordered.append((rank, position.y(), position.x(), dock))
    for pane in window.panes:
        if pane.isVisible():
            ordered.append((1, 0, pane.mapTo(window, pane.rect().topLeft()).x(), pane))
    ordered.sort(key=lambda entry: entry[:3])
    return [region for *_, region in ordered]


def entry_widget(region: QWidget) -> QWidget:
    """Where the keyboard lands in ``region``: the panel's focus proxy if it names one (the
    search panel: its query), else its first list or table, else its first text field,
    else the first widget that takes focus."""
    if not isinstance(region, QDockWidget):
        return region.reader  # a reader pane (its find bar belongs to it too)
    panel = region.widget()
    if panel.focusProxy() is not None:
        return panel.focusProxy()
    candidates = [w for w in panel.findChildren(QWidget) if _takes_focus(w)]
    for kind in (QAbstractItemView, QLineEdit):
        for widget in candidates:
            if isinstance(widget, kind):
                return widget
    return candidates[0] if candidates else panel


def _takes_focus(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def move_focus(window, step: int) -> QWidget | None:
    """Focus the region ``step`` places after (or before, when negative) the one holding
    the keyboard; returns the widget focused."""
    shown = regions(window)
    if not shown:
        return None
    focused = QApplication.focusWidget()
    current = next(
        (
            i
            for i, r in enumerate(shown)
            if focused is not None and (r is focused or r.isAncestorOf(focused))
        ),
        None,
    )
    index = (step - 1 if step > 0 else step) if current is None else current + step
    target = entry_widget(shown[index % len(shown)])
    target.setFocus(
        Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
    )
    return target
