"""The main window driven as a user would: library, reader highlights, legend, entity panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import SPANS, TEXT


def _click_title(qtbot, window, title):
    view = window.library.view
    row = window.library.visible_titles().index(title)
    index = window.library.model.index(row, 0)
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


def test_a_large_library_is_read_a_page_at_a_time(qtbot, store, make_window):
    from vnreader.ui.models.document_list import PAGE_SIZE

    with store.transaction():
        ids = [
            store.add_document(f"Báo cáo {n:04d}", f"Nội dung {n}").document_id for n in range(450)
        ]
    window = make_window(store)
    window.show()
    library = window.library
    assert library.model.rowCount() == 450
    assert library.model.loaded_rows() == PAGE_SIZE < 450  # only what the view showed
    assert library.count_label.text() == "450 reports"
    # Selecting a report far down reads its page only, not the rows before it.
    assert library.select_document(ids[440], emit=False)
    assert library.current_document_id() == ids[440]
    assert library.model.loaded_rows() == 2 * PAGE_SIZE - (PAGE_SIZE - 50)
    library.view.scrollToTop()
    qtbot.keyClicks(library.filter_edit, "BAO CAO 04")
    assert library.count_label.text() == "64 of 450 reports"
    # The open report still passes the filter: it stays the current row.
    assert library.current_document_id() == ids[440]
    assert library.visible_titles()[:2] == ["Báo cáo 0004", "Báo cáo 0040"]


def test_the_filter_keeps_the_open_report_and_tab_leaves_the_list(qtbot, library, make_window):
    store, first, second = library
    window = make_window(store)
    window.show()
    window.open_document(second)  # "Đà Nẵng đón khách"
    panel = window.library
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "n")
    assert panel.current_document_id() == second
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Down)
    assert window.current_document_id == second  # Down moved into the list, opened nothing
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)
    assert window.current_document_id == second
    assert not panel.view.hasFocus()


def test_finding_entities_updates_one_row_without_moving_the_list(qtbot, store, make_window):
    with store.transaction():
        ids = [
            store.add_document(f"Tin {n:03d}", f"Ông Nam đến Huế {n}.").document_id
            for n in range(300)
        ]
    window = make_window(store)
    window.show()
    library = window.library
    library.select_document(ids[250], emit=False)
    scrolled = library.view.verticalScrollBar().value()
    assert scrolled > 0
    store.replace_model_entities(ids[250], [(12, 15, "LOC", "Huế")], "v")
    window._on_entities_stored(ids[250])
    row = library.model.row_of(ids[250])
    assert "1 entities" in library.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert library.view.verticalScrollBar().value() == scrolled
    assert library.current_document_id() == ids[250]


def test_f1_lists_every_menu_shortcut_and_the_widget_keys(qtbot, library, make_window):
    from PySide6.QtWidgets import QDialog

    store, _first, _second = library
    window = make_window(store)
    window.show()
    assert window.shortcuts_action.shortcut().toString() == "F1"
    window.shortcuts_action.trigger()
    sheet = window.findChild(QDialog, "shortcutsSheet")
    assert sheet is not None and sheet.isVisible()
    model = sheet.findChild(type(window.library.view), "shortcutsTable").model()
    rows = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    actions = {action: keys for _group, action, keys in rows}
    assert actions["Import Files"] == "Ctrl+O"
    assert actions["Undo"] == "Ctrl+Z"
    assert actions["Keyboard Shortcuts"] == "F1"
    assert actions["Tag the selection with the theme of that key"] == "1 … 9"
    keyed = [a for a in window.findChildren(type(window.shortcuts_action)) if a.shortcuts()]
    listed = {keys for _g, _a, keys in rows}
    for action in keyed:  # every action of the window that has a key is on the sheet
        if action.text():
            shown = action.shortcuts()[0].toString()
            assert any(shown in keys for keys in listed), action.text()


def test_the_window_icon_ships_and_renders(qtbot):
    from PySide6.QtGui import QIcon

    from vnreader.ui.app import ICON

    image = QIcon(str(ICON)).pixmap(48, 48).toImage()
    assert not image.isNull() and image.width() == 48
    assert len({image.pixel(x, y) for x in range(0, 48, 4) for y in range(0, 48, 4)}) > 3
