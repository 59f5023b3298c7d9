"""The main window driven as a user would: library, reader highlights, legend, entity panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import SPANS, TEXT


def _click_title(qtbot, window, title):
    view = window.library.view
    row = window.library.visible_titles().index(title)
    index = window.library.proxy.index(row, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_library_lists_documents_by_title(library, make_window):
    store, _first, _second = library
    window = make_window(store)
    assert window.library.visible_titles() == ["Đà Nẵng đón khách", "Tin ngoại giao"]
    assert window.library.count_label.text() == "2 reports"


def test_clicking_a_document_shows_its_text_with_the_stored_entities(qtbot, library, make_window):
    store, first, _second = library
    window = make_window(store)
    window.show()
    _click_title(qtbot, window, "Tin ngoại giao")
    assert window.current_document_id == first
    assert window.reader.toPlainText() == TEXT
    assert window.reader.highlighted_ranges() == [(s, e, label) for s, e, label, _ in SPANS]
    assert window.title_label.text() == "Tin ngoại giao"
    assert window.legend.button("LOC").text() == "Places  4"


def test_legend_toggle_hides_one_type_and_brings_it_back(qtbot, library, make_window):
    store, first, _ = library
    window = make_window(store)
    window.open_document(first)
    qtbot.mouseClick(window.legend.button("LOC"), Qt.MouseButton.LeftButton)
    labels = {label for *_, label in window.reader.highlighted_ranges()}
    assert labels == {"PER", "ORG"}
    assert all(
        window.entity_panel.index_of(r).siblingAtColumn(1).data() != "Places"
        for r in range(window.entity_panel.row_count())
    )
    action = window.highlight_actions["LOC"]
    assert not action.isChecked()  # the View menu follows the legend
    assert action.shortcut().toString() == "Alt+3"
    action.trigger()
    assert {label for *_, label in window.reader.highlighted_ranges()} == {"PER", "ORG", "LOC"}


def test_entity_panel_click_selects_the_next_occurrence_and_wraps(qtbot, library, make_window):
    store, first, _ = library
    window = make_window(store)
    window.show()
    window.open_document(first)
    panel = window.entity_panel
    rows = {panel.index_of(r).data(): r for r in range(panel.row_count())}
    assert panel.index_of(0).siblingAtColumn(2).data() == 2  # most frequent first
    view = panel.view
    target = panel.index_of(rows["Bùi Thanh Sơn"])
    center = view.visualRect(target).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.reader.selected_span() == (12, 25)
    assert window.reader.textCursor().selectedText() == "Bùi Thanh Sơn"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.reader.selected_span() == (130, 143)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.reader.selected_span() == (12, 25)


def test_filter_ignores_accents_and_case(qtbot, library, make_window):
    store, *_ = library
    window = make_window(store)
    qtbot.keyClicks(window.library.filter_edit, "da nang")
    assert window.library.visible_titles() == ["Đà Nẵng đón khách"]
    assert window.library.count_label.text() == "1 of 2 reports"


def test_a_document_without_entities_says_they_are_pending(library, make_window):
    store, _, second = library
    window = make_window(store)
    window.open_document(second)
    assert window.reader.highlighted_ranges() == []
    assert "finding entities" in window.meta_label.text()


def test_last_document_and_zoom_are_restored(library, make_window):
    store, first, second = library
    window = make_window(store)
    window.open_document(second)
    window.reader.zoom_by(3)
    window.close()
    again = make_window(store)
    assert again.current_document_id == second
    assert again.reader.point_size() == window.reader.point_size() == 15
