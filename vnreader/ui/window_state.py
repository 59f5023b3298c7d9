"""What the window remembers between runs (QSettings): geometry, docks, zoom, toggles, and
the open reports, side by side if they were."""

from __future__ import annotations

from vnreader.core.document_pages import document_page
from vnreader.ui.appearance import POINT_SIZE_KEY, restore_look


def _as_bool(value, default: bool) -> bool:
    return default if value is None else str(value).lower() in ("true", "1")


def _existing_document(window, key: str) -> int | None:
    value = window.settings.value(key)
    try:
        document_id = int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
    if document_id is None or window.store.get_document(document_id) is None:
        return None
    return document_id


def restore_window_state(window) -> None:
    settings = window.settings
    restore_look(window)  # entity colours, reader font and size, before a report is drawn
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    window.snap_action.setChecked(_as_bool(settings.value("reader/snapToWords"), True))
    labels = settings.value("reader/visibleLabels")
    if labels:
        labels = [labels] if isinstance(labels, str) else list(labels)
        window.legend.set_visible_labels(set(labels) - {"none"})
    left = _existing_document(window, "reader/lastDocument")
    if left is None:
        first = document_page(window.store, limit=1)
        left = first[0].id if first else None
    right = _existing_document(window, "reader/rightDocument")
    side_by_side = _as_bool(settings.value("reader/sideBySide"), False)
    sync = _as_bool(settings.value("reader/syncScrolling"), False)
    if left is not None:
        window.open_document(left)
    if side_by_side and right is not None and left is not None:
        window.open_side_by_side(right)
        window.set_active_pane(window.panes[0])
        splitter = settings.value("reader/splitter")
        if splitter is not None:
            window.splitter.restoreState(splitter)
    window.sync_action.setChecked(sync)


def save_window_state(window) -> None:
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue(POINT_SIZE_KEY, window.reader.point_size())
    settings.setValue("reader/splitter", window.splitter.saveState())
    settings.sync()
