"""Tagging passages in the real window: theme keys, the annotations dock, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import SPANS
from vnreader.core import annotations as ann
from vnreader.core import themes as th


def _window_with_themes(library, make_window):
    store, first, _second = library
    economy = th.create_theme(store, "Kinh tế", shortcut=1)
    trade = th.create_theme(store, "Thương mại", parent_id=economy.id, shortcut=2)
    window = make_window(store)
    window.show()
    window.open_document(first)
    return window, store, first, economy, trade


def _select(window, start, end):
    window.reader.select_span(start, end)
    window.reader.setFocus()


def test_theme_key_tags_the_selection_and_undo_redo_follow(qtbot, library, make_window):
    window, store, doc, economy, _trade = _window_with_themes(library, make_window)
    _select(window, 12, 25)  # "Bùi Thanh Sơn"
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    stored = ann.annotations_for_document(store, doc)
    assert [(a.start, a.end, a.theme_id, a.text) for a in stored] == [
        (12, 25, economy.id, "Bùi Thanh Sơn")
    ]
    table = window.passages.model
    assert table.rowCount() == 1
    assert table.index(0, 0).data() == "Kinh tế"
    assert table.index(0, 1).data() == "Bùi Thanh Sơn"
    assert window.reader.passage_ranges() == [(12, 25, (economy.id,))]
    assert window.undo_action.text() == "&Undo Tag “Bùi Thanh Sơn” as Kinh tế"

    window.undo_action.trigger()
    assert ann.annotations_for_document(store, doc) == []
    assert table.rowCount() == 0
    assert window.reader.passage_ranges() == []

    window.redo_action.trigger()
    assert ann.annotations_for_document(store, doc) == stored  # same id, same timestamps
    assert table.rowCount() == 1
    assert window.reader.passage_ranges() == [(12, 25, (economy.id,))]


def test_overlapping_passages_stay_visible_and_entities_keep_their_colour(
    qtbot, library, make_window
):
    window, store, doc, economy, trade = _window_with_themes(library, make_window)
    _select(window, 2, 25)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    _select(window, 12, 40)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    assert window.reader.passage_ranges() == [
        (2, 12, (economy.id,)),
        (12, 25, (economy.id, trade.id)),
        (25, 40, (trade.id,)),
    ]
    assert window.reader.highlighted_ranges() == [(s, e, label) for s, e, label, _ in SPANS]
    assert len(ann.annotations_for_document(store, doc)) == 2


def test_clicking_a_theme_tags_the_selection(qtbot, library, make_window):
    window, store, doc, _economy, trade = _window_with_themes(library, make_window)
    _select(window, 54, 60)
    view = window.codebook.view
    index = window.codebook.model.index_of(trade.id)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert [(a.text, a.theme_id) for a in ann.annotations_for_document(store, doc)] == [
        ("Hà Nội", trade.id)
    ]


def test_a_key_without_a_theme_or_without_a_selection_tags_nothing(qtbot, library, make_window):
    window, store, doc, *_ = _window_with_themes(library, make_window)
    _select(window, 12, 25)
    qtbot.keyClick(window.reader, Qt.Key.Key_7)
    assert "No theme has the key 7" in window.statusBar().currentMessage()
    window.reader.select_span(12, 12)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    assert ann.annotations_for_document(store, doc) == []


def test_deleting_a_theme_and_undoing_brings_its_passages_back(qtbot, library, make_window):
    window, store, doc, economy, trade = _window_with_themes(library, make_window)
    _select(window, 12, 25)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    window.codebook.confirm = lambda _title, message: "1 tagged passage" in message
    window.codebook.select_theme(economy.id)
    window.codebook.delete()
    assert th.get_theme(store, economy.id) is None
    assert ann.annotations_for_document(store, doc) == []
    assert th.get_theme(store, trade.id).parent_id is None
    window.undo_action.trigger()
    assert th.get_theme(store, economy.id).name == "Kinh tế"
    assert th.get_theme(store, trade.id).parent_id == economy.id
    assert [a.text for a in ann.annotations_for_document(store, doc)] == ["Bùi Thanh Sơn"]
    assert window.reader.passage_ranges() == [(12, 25, (economy.id,))]


def test_new_theme_rename_and_note_are_undoable(qtbot, library, make_window):
    window, store, doc, economy, _trade = _window_with_themes(library, make_window)
    window.codebook.ask_text = lambda *_args: "An ninh"
    window.codebook.new_theme()
    created = th.find_theme(store, "An ninh")
    assert created is not None and created.color.startswith("#")
    window.codebook.model.rename_requested.emit(economy.id, "Kinh tế - thương mại")
    assert th.get_theme(store, economy.id).name == "Kinh tế - thương mại"
    _select(window, 12, 25)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    passage = window.passages.model.index(0, 2)
    window.passages.model.setData(passage, "quan trọng")
    assert ann.annotations_for_document(store, doc)[0].note == "quan trọng"
    for _ in range(4):
        window.undo_action.trigger()
    assert ann.annotations_for_document(store, doc) == []
    assert th.get_theme(store, economy.id).name == "Kinh tế"
    assert th.find_theme(store, "An ninh") is None


def test_clicking_a_passage_in_the_corpus_view_opens_its_document(qtbot, library, make_window):
    window, store, doc, economy, _trade = _window_with_themes(library, make_window)
    _, _, second = library
    ann.add_annotation(store, second, economy.id, 0, 7)
    window.hub.announce(
        __import__("vnreader.ui.changes", fromlist=["Change"]).Change(documents=None)
    )
    window.corpus_dock.show()
    model = window.corpus.model
    row = next(
        r for r in range(model.rowCount()) if model.row_at(r).annotation.document_id == second
    )
    view = window.corpus.view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(model.index(row, 2)).center(),
    )
    assert window.current_document_id == second
    assert window.reader.selected_span() == (0, 7)
    assert window.reader.textCursor().selectedText() == "Đà Nẵng"


def test_double_click_selects_a_whole_vietnamese_word(qtbot, library, make_window):
    window, *_ = _window_with_themes(library, make_window)
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(5)  # inside "Bộ trưởng" (after the emoji's two UTF-16 units)
    rect = reader.cursorRect(cursor)
    qtbot.mouseDClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.textCursor().selectedText() == "Bộ trưởng"
    cursor.setPosition(16)  # inside "Bùi Thanh Sơn"
    qtbot.mouseDClick(
        reader.viewport(), Qt.MouseButton.LeftButton, pos=reader.cursorRect(cursor).center()
    )
    assert reader.textCursor().selectedText() == "Bùi Thanh Sơn"


def test_an_undo_that_the_database_no_longer_allows_clears_the_history(qtbot, library, make_window):
    window, store, doc, economy, _trade = _window_with_themes(library, make_window)
    _select(window, 12, 25)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    assert len(ann.annotations_for_document(store, doc)) == 1
    store.db.execute("DELETE FROM themes WHERE id = ?", [economy.id])  # behind its back
    ann_count = len(ann.list_annotations(store))
    window.undo_action.trigger()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0, timeout=2000)
    assert window.findChild(QMessageBox, "errorBox") is not None
    assert len(ann.list_annotations(store)) == ann_count


def test_the_corpus_view_reads_passages_a_page_at_a_time(qtbot, store, make_window):
    economy = th.create_theme(store, "Kinh tế", shortcut=1)
    with store.transaction():
        docs = [
            store.add_document(f"Tin {'Huế' if n % 2 else 'Đà Nẵng'} {n}", f"Kinh tế {n}.")
            for n in range(300)
        ]
        for added in docs:
            ann.add_annotation(store, added.document_id, economy.id, 0, 7)
    window = make_window(store)
    window.show()
    window.corpus_dock.show()
    corpus = window.corpus
    page = corpus.model.page_size
    assert corpus.model.rowCount() == page < 300
    assert corpus.status.text() == "300 passages"
    corpus.view.scrollToBottom()
    qtbot.waitUntil(lambda: corpus.model.rowCount() > page)
    corpus.title_filter.setText("HUE")
    assert corpus.status.text() == "150 passages"
    assert all("Huế" in corpus.model.row_at(r).document_title for r in range(page // 2))
