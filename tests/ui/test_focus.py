"""F6 / Shift+F6 move the keyboard between the window's regions in reading order."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication


def focused_name(qtbot) -> str:
    qtbot.wait(1)
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def cycle(window, qtbot, action, times: int) -> list[str]:
    names = []
    for _ in range(times):
        action.trigger()
        names.append(focused_name(qtbot))
    return names


def test_f6_visits_library_reader_and_right_docks_then_wraps(qtbot, library, make_window):
    store, first, _ = library
    window = make_window(store)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(first)
    assert window.next_pane_action.shortcut() == QKeySequence("F6")
    assert window.previous_pane_action.shortcut() == QKeySequence("Shift+F6")
    forward = cycle(window, qtbot, window.next_pane_action, 5)
    assert forward == ["libraryList", "reader", "codebookTree", "documentPassages", "libraryList"]
    backward = cycle(window, qtbot, window.previous_pane_action, 2)
    assert backward == ["documentPassages", "codebookTree"]


def test_f6_includes_the_second_reader_and_skips_hidden_docks(qtbot, library, make_window):
    store, first, second = library
    window = make_window(store)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(first)
    window.open_side_by_side(second)
    window.codebook_dock.hide()
    window.corpus_dock.show()
    qtbot.wait(1)
    visited = []
    for _ in range(10):
        window.next_pane_action.trigger()
        qtbot.wait(1)
        visited.append(QApplication.focusWidget())
        if len(visited) > 1 and visited[-1] is visited[0]:
            break
    left, right = (pane.reader for pane in window.panes)
    assert visited[:4] == [window.library.view, left, right, window.passages.view]
    bottom = visited[4:-1]  # the bottom docks, the shared passages shown by side by side
    assert window.corpus.view in bottom
    assert window.shared_panel.view in bottom
    assert visited[-1] is window.library.view  # round again; the hidden codebook was skipped
    assert not any(window.codebook.isAncestorOf(widget) for widget in visited)


def test_the_search_dock_is_entered_at_its_query_field(qtbot, library, make_window):
    store, _, _ = library
    window = make_window(store)
    window.show()
    qtbot.waitExposed(window)
    window.search_dock.raise_()
    qtbot.wait(1)
    window.panes[0].reader.setFocus()
    window.previous_pane_action.trigger()
    assert QApplication.focusWidget() is window.search_panel.edit
