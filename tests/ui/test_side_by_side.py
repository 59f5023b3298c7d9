"""Two reports side by side: shared sentences marked, click-through, restore; search."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import SEEDS

LEFT = (
    "Hội nghị thượng đỉnh diễn ra tại Hà Nội trong hai ngày.\n"
    "Hai bên thảo luận về hợp tác kinh tế, thương mại và đầu tư.\n"
    "Thời tiết hôm nay rất đẹp ở thủ đô.\n"
    "Các nhà lãnh đạo cam kết thúc đẩy quan hệ đối tác chiến lược toàn diện."
)
RIGHT = (
    "Báo chí quốc tế đưa tin đậm nét.\n"
    "Cac nha lanh dao cam ket thuc day quan he doi tac chien luoc toan dien.\n"
    "Hội nghị thượng đỉnh đã diễn ra tại Hà Nội trong hai ngày.\n"
    "Hai bên cũng thảo luận về hợp tác kinh tế, thương mại và đầu tư."
)


def _side_by_side(qtbot, store, make_window):
    left = store.add_document("Bản tin A", LEFT).document_id
    right = store.add_document("Bản tin B", RIGHT).document_id
    window = make_window(store)
    window.show()
    window.open_document(left)
    with qtbot.waitSignal(window.compare.alignment_ready, timeout=20_000):
        window.open_side_by_side(right)
    return window, left, right


def test_shared_sentences_are_marked_in_both_panes(qtbot, store, make_window):
    window, _left, _right = _side_by_side(qtbot, store, make_window)
    left_reader, right_reader = window.readers()
    marked_left = [LEFT[s:e] for s, e in left_reader.marks("shared")]
    marked_right = [RIGHT[s:e] for s, e in right_reader.marks("shared")]
    assert len(marked_left) == len(marked_right) == 3
    assert "Thời tiết hôm nay rất đẹp ở thủ đô." not in marked_left
    assert "Báo chí quốc tế đưa tin đậm nét." not in marked_right
    model = window.shared_panel.model
    assert model.rowCount() == 5  # three pairs, one only left, one only right
    assert model.index(3, 0).data() == "only left"


def test_clicking_a_shared_sentence_scrolls_and_selects_its_counterpart(qtbot, store, make_window):
    window, _left, _right = _side_by_side(qtbot, store, make_window)
    left_reader, right_reader = window.readers()
    start = LEFT.index("Các nhà lãnh đạo") + 5
    cursor = left_reader.textCursor()
    cursor.setPosition(start)
    point = left_reader.cursorRect(cursor).center()
    qtbot.mouseClick(left_reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    selected = right_reader.textCursor().selectedText()
    assert selected.startswith("Cac nha lanh dao cam ket")
    assert right_reader.marks("flash")  # the counterpart flashes
    visible = right_reader.cursorRect(right_reader.textCursor())
    assert right_reader.viewport().rect().intersects(visible)


def test_side_by_side_is_restored_on_the_next_start(qtbot, store, make_window):
    window, left, right = _side_by_side(qtbot, store, make_window)
    window.close()
    again = make_window(store)
    assert again.is_side_by_side()
    assert [pane.document_id for pane in again.panes] == [left, right]


def test_closing_and_swapping_panes(qtbot, store, make_window):
    window, left, right = _side_by_side(qtbot, store, make_window)
    window.swap_panes()
    assert [pane.document_id for pane in window.panes] == [right, left]
    window.close_side_by_side()
    assert not window.is_side_by_side()
    assert window.current_document_id == right


def test_tagging_works_in_the_right_pane(qtbot, store, make_window):
    from vnreader.core import annotations, themes

    window, _left, right = _side_by_side(qtbot, store, make_window)
    themes.create_theme(store, "Hội nghị", shortcut=1)
    right_reader = window.readers()[1]
    right_reader.setFocus()
    window.set_active_pane(window.panes[1])
    start = RIGHT.index("Hội nghị thượng đỉnh")
    right_reader.select_span(start, start + len("Hội nghị thượng đỉnh"))
    qtbot.keyClick(right_reader, Qt.Key.Key_1)
    assert [a.text for a in annotations.annotations_for_document(store, right)] == [
        "Hội nghị thượng đỉnh"
    ]
    assert right_reader.passage_ranges()[0][0] == start


def test_search_and_open_a_hit(qtbot, store, make_window):
    from vnreader.core.library import import_files

    import_files(store, [SEEDS])
    window = make_window(store)
    window.show()
    panel = window.search_panel
    panel.edit.setText("bo ngoai giao")
    panel.run()
    assert panel.model.rowCount() >= 1
    hit = panel.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    panel.view.clicked.emit(panel.model.index(0, 0))
    assert window.current_document_id == hit.document_id
    selected = window.reader.textCursor().selectedText()
    assert selected.casefold() == "bộ ngoại giao"
    assert len(window.reader.marks("find")) == hit.hits
    for nothing in ['"', "* ( )", "🎉"]:
        panel.edit.setText(nothing)
        panel.run()
        assert panel.model.rowCount() == 0
        assert panel.status.text() == "Nothing to search for: type at least one letter or digit"


def test_find_bar_counts_and_steps_through_hits(qtbot, store, make_window):
    doc = store.add_document("Tin", "Đà Nẵng, Da Nang và ĐÀ NẴNG.").document_id
    window = make_window(store)
    window.show()
    window.open_document(doc)
    window.find_action.trigger()
    bar = window.active_pane.find_bar
    qtbot.keyClicks(bar.edit, "da nang")
    assert bar.count.text() == "3 hits"
    bar.next()
    bar.next()
    assert bar.count.text() == "2 of 3"
    assert window.reader.textCursor().selectedText() == "Da Nang"
    bar.exact.setChecked(True)
    assert bar.count.text() == "1 hit"


def test_reports_mentioning_an_entity_filter_the_library(qtbot, store, make_window):
    first = store.add_document("Tin một", "Ông Nam đến Huế.").document_id
    store.add_document("Tin hai", "Trời mưa.")
    store.replace_model_entities(first, [(12, 15, "LOC", "Huế")], "v")
    window = make_window(store)
    window.show_documents_mentioning("Huế", "LOC")
    assert window.library.visible_titles() == ["Tin một"]
    window.library.id_filter_bar.click()
    assert len(window.library.visible_titles()) == 2


def test_ctrl_click_in_the_library_opens_a_report_in_the_second_pane(qtbot, store, make_window):
    left = store.add_document("Bản tin A", LEFT).document_id
    right = store.add_document("Bản tin B", RIGHT).document_id
    window = make_window(store)
    window.show()
    window.open_document(left)
    view = window.library.view
    row = next(
        r for r in range(view.model().rowCount()) if view.model().index(r, 0).data() == "Bản tin B"
    )
    point = view.visualRect(view.model().index(row, 0)).center()
    with qtbot.waitSignal(window.compare.alignment_ready, timeout=20_000):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, point
        )
    assert window.is_side_by_side()
    assert [pane.document_id for pane in window.panes] == [left, right]


def test_synchronised_scrolling_follows_the_alignment(qtbot, store, make_window):
    # Two long reports whose shared sentences sit at different depths: the right one has an
    # extra preamble, so line numbers disagree while the alignment does not.
    body = [
        f"Đoạn {n}: hai bên thảo luận về hợp tác số {n} trong lĩnh vực {n * 7}." for n in range(80)
    ]
    preamble = [f"Lời giới thiệu riêng {n} của bản tin thứ hai, khác hẳn." for n in range(30)]
    left = store.add_document("Dài A", "\n".join(body)).document_id
    right = store.add_document("Dài B", "\n".join(preamble + body)).document_id
    window = make_window(store)
    window.resize(900, 500)
    window.show()
    window.open_document(left)
    with qtbot.waitSignal(window.compare.alignment_ready, timeout=20_000):
        window.open_side_by_side(right)
    window.set_sync_scrolling(True)
    left_reader, right_reader = window.readers()
    left_reader.scroll_to_offset(left_reader.text().index("Đoạn 40:"))
    assert left_reader.text()[left_reader.top_offset() :].startswith("Đoạn 40:")
    top_right = right_reader.top_offset()
    line = right_reader.text()[top_right : right_reader.text().index("\n", top_right)]
    assert line.startswith(("Đoạn 39:", "Đoạn 40:", "Đoạn 41:"))


def test_shared_marks_survive_reopening_a_pane_and_swapping(qtbot, store, make_window):
    window, left, right = _side_by_side(qtbot, store, make_window)
    left_reader, right_reader = window.readers()
    window.set_active_pane(window.panes[0])
    window.open_document(left)  # the same report again: its text is shown anew
    assert len(left_reader.marks("shared")) == 3
    window.swap_panes()
    assert [pane.document_id for pane in window.panes] == [right, left]
    shared_on_the_left = {RIGHT[s:e] for s, e in left_reader.marks("shared")}
    assert "Cac nha lanh dao cam ket thuc day quan he doi tac chien luoc toan dien." in (
        shared_on_the_left
    )
    assert len(right_reader.marks("shared")) == 3
    assert window.shared_panel.model.rowCount() == 5


def test_after_a_swap_the_docks_follow_the_active_pane(qtbot, store, make_window):
    from vnreader.core import annotations, themes

    window, left, right = _side_by_side(qtbot, store, make_window)
    theme = themes.create_theme(store, "Hội nghị")
    annotations.add_annotation(store, left, theme.id, 0, 8)
    window.set_active_pane(window.panes[0])
    window.swap_panes()  # the left pane stays active and now shows the right report
    assert window.current_document_id == right
    assert window.passages.model.rowCount() == 0  # the right report has no passages
    assert window.windowTitle().startswith("Bản tin B")
    window.set_active_pane(window.panes[1])
    assert window.passages.model.rowCount() == 1


def test_the_find_bar_follows_the_document_and_f3_works_from_the_text(qtbot, store, make_window):
    first = store.add_document("Một", "Đà Nẵng và Da Nang.").document_id
    second = store.add_document("Hai", "Hà Nội, không có.").document_id
    window = make_window(store)
    window.show()
    window.open_document(first)
    window.find_action.trigger()
    bar = window.active_pane.find_bar
    qtbot.keyClicks(bar.edit, "da nang")
    assert bar.count.text() == "2 hits"
    window.open_document(second)
    assert bar.count.text() == "no hits"
    assert window.reader.marks("find") == []
    window.open_document(first)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F3)
    assert window.reader.textCursor().selectedText() == "Đà Nẵng"
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert bar.isHidden()
