"""Correcting entities in the real window: mark, retype, reject, everywhere, undo and redo,
tooltips, the review list, and corrections surviving a re-run of the entity worker."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import SPANS, TEXT, VERSION
from vnreader.core import entity_corrections as ec

HOA_KY = (43, 49)
DA_NANG = (117, 124)


def _open(library, make_window, qtbot, confidences=None):
    store, first, second = library
    if confidences is not None:  # the model's confidence for each span of SPANS
        store.replace_model_entities(
            first, [(*span, c) for span, c in zip(SPANS, confidences, strict=True)], VERSION
        )
    window = make_window(store)
    window.show()
    window.activateWindow()  # window shortcuts need the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.open_document(first)
    return window, store, first, second


def _underline_at(reader, offset):
    """The underline style drawn at a code point of TEXT (whose emoji at 0 takes two UTF-16
    units in Qt)."""
    position = offset + 1
    block = reader.document().findBlock(position)
    for fmt_range in block.layout().formats():
        if fmt_range.start <= position - block.position() < fmt_range.start + fmt_range.length:
            return fmt_range.format.underlineStyle()
    return None


def _tooltip(reader, offset, units_before=1):
    """What hovering the character after ``offset`` shows; ``units_before``: UTF-16 units
    more than code points before it (1 for the emoji of TEXT)."""
    cursor = reader.textCursor()
    cursor.setPosition(offset + units_before + 1)
    return reader.tooltip_at(reader.cursorRect(cursor).center())


def test_mark_a_selection_as_org_draws_it_solid_and_undo_redo_follow(qtbot, library, make_window):
    window, store, doc, _ = _open(library, make_window, qtbot)
    reader = window.reader
    reader.select_span(30, 49)  # "Ngoại trưởng Hoa Kỳ"
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert [(e.text, e.label, e.origin) for e in ec.entities_at(store, doc, 30, 49)] == [
        ("Ngoại trưởng Hoa Kỳ", "ORG", "user")
    ]
    assert (30, 49, "ORG", "user") in reader.entity_ranges()
    assert (43, 49, "LOC", "model") not in reader.entity_ranges()
    solid, dotted = QTextCharFormat.UnderlineStyle.SingleUnderline, QTextCharFormat.DotLine
    assert _underline_at(reader, 31) == solid
    assert _underline_at(reader, 55) == dotted  # "Hà Nội", still the model's
    assert window.undo_action.text() == "&Undo Mark “Ngoại trưởng Hoa Kỳ” as Organisation"
    assert window.legend.button("ORG").text() == "Organisations  2"

    window.undo_action.trigger()
    assert (30, 49, "ORG", "user") not in reader.entity_ranges()
    assert (43, 49, "LOC", "model") in reader.entity_ranges()
    assert _underline_at(reader, 31) is None
    assert window.legend.button("ORG").text() == "Organisations  1"

    window.redo_action.trigger()
    assert (30, 49, "ORG", "user") in reader.entity_ranges()
    assert [e.origin for e in ec.entities_at(store, doc, 30, 49)] == ["user"]


def _fake_worker(tmp_path, version):
    """A worker speaking the real protocol that returns SPANS for TEXT, nothing otherwise."""
    script = tmp_path / "fake_worker.py"
    script.write_text(
        "import json, sys\n"
        f"TEXT, SPANS, VERSION = {json.dumps(TEXT)!r}, {json.dumps(SPANS)!r}, {version!r}\n"
        "TEXT, SPANS = json.loads(TEXT), json.loads(SPANS)\n"
        "print(json.dumps({'type': 'ready', 'version': VERSION}), flush=True)\n"
        "for line in sys.stdin:\n"
        "    request = json.loads(line)\n"
        "    spans = [s + [0.5] for s in SPANS] if request['text'] == TEXT else []\n"
        "    reply = {'type': 'result', 'id': request['id'], 'version': VERSION, 'spans': spans}\n"
        "    print(json.dumps(reply), flush=True)\n",
        encoding="utf-8",
    )
    return [sys.executable, str(script)]


def test_a_rejected_entity_stays_away_when_the_pipeline_runs_again(
    qtbot, library, make_window, tmp_path
):
    window, store, doc, _ = _open(library, make_window, qtbot)
    window.reader.select_span(45, 45)  # the cursor inside "Hoa Kỳ"
    window.reject_entity_action.trigger()
    assert ec.entities_at(store, doc, *HOA_KY) == []
    assert (43, 49, "LOC", "model") not in window.reader.entity_ranges()
    assert window.undo_action.text() == "&Undo Not an entity: “Hoa Kỳ”"

    window.entity_version = "v2"  # a new pipeline: every document is analysed again
    window.jobs.command = _fake_worker(tmp_path, "v2")
    window.start_entity_jobs()
    qtbot.waitUntil(lambda: store.documents_needing_entities("v2") == [], timeout=20_000)
    qtbot.waitUntil(lambda: not window.jobs.is_busy(), timeout=5_000)
    assert {e.confidence for e in store.entities_for(doc)} == {0.5}  # the new run is stored
    assert ec.entities_at(store, doc, *HOA_KY) == []
    assert (43, 49, "LOC", "model") not in window.reader.entity_ranges()
    assert (54, 60, "LOC", "model") in window.reader.entity_ranges()

    window.undo_action.trigger()  # the rejection is lifted: the new run's entity shows
    assert [(e.label, e.confidence) for e in ec.entities_at(store, doc, *HOA_KY)] == [("LOC", 0.5)]
    assert (43, 49, "LOC", "model") in window.reader.entity_ranges()


def test_apply_to_all_reaches_the_other_report_shown_side_by_side(qtbot, library, make_window):
    window, store, first, second = _open(library, make_window, qtbot)
    window.open_side_by_side(second)
    assert window.panes[1].reader.entity_ranges() == []
    window.set_active_pane(window.panes[0])
    window.reader.select_span(*DA_NANG)
    window.everywhere_actions["ORG"].trigger()
    assert window.panes[1].reader.entity_ranges() == [(0, 7, "ORG", "user")]
    assert (117, 124, "ORG", "user") in window.panes[0].reader.entity_ranges()
    assert [(d.surface, d.label) for d in ec.dictionary_entries(store)] == [("Đà Nẵng", "ORG")]
    assert window.undo_action.text() == "&Undo Mark “Đà Nẵng” as Organisation in every report"
    window.undo_action.trigger()
    assert window.panes[1].reader.entity_ranges() == []
    assert (117, 124, "LOC", "model") in window.panes[0].reader.entity_ranges()


def test_tooltips_say_the_type_the_confidence_and_who_set_it(qtbot, library, make_window):
    window, store, doc, _ = _open(
        library, make_window, qtbot, confidences=[0.9, 0.62, 1.0, 0.3, 0.7, 0.9, 1.0]
    )
    reader = window.reader
    assert _tooltip(reader, HOA_KY[0]) == "Place · 62 % · found by the model"
    assert window.entity_editor.mark(doc, *HOA_KY, "ORG")
    assert _tooltip(reader, HOA_KY[0]) == "Organisation · marked by you"
    window.reader.select_span(*DA_NANG)
    window.everywhere_actions["LOC"].trigger()
    assert _tooltip(reader, DA_NANG[0]) == "Place · marked by you"
    window.open_document(library[2])
    assert _tooltip(window.reader, 0, units_before=0) == "Place · from your dictionary"


def test_review_list_is_least_certain_first_and_a_click_opens_the_entity(
    qtbot, library, make_window
):
    window, store, first, second = _open(
        library, make_window, qtbot, confidences=[0.9, 0.62, 1.0, 0.3, 0.75, 0.95, 0.85]
    )
    store.replace_model_entities(second, [(0, 7, "LOC", "Đà Nẵng", 0.45)], VERSION)
    window.open_document(second)
    window.review_action.trigger()
    assert window.uncertain_dock.isVisible()
    model = window.uncertain.model
    rows = [
        (model.index(r, 1).data(), model.index(r, 0).data(), model.index(r, 4).data())
        for r in range(model.rowCount())
    ]
    assert rows == [
        ("Liên minh châu Âu", "30 %", "Tin ngoại giao"),
        ("Đà Nẵng", "45 %", "Đà Nẵng đón khách"),
        ("Hoa Kỳ", "62 %", "Tin ngoại giao"),
        ("Đà Nẵng", "75 %", "Tin ngoại giao"),
    ]  # below the default 80 %
    assert "Hai bên thảo luận về hợp tác với Liên minh châu Âu" in model.index(0, 3).data()

    view = window.uncertain.view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(2, 1)).center()
    )
    assert window.current_document_id == first
    assert window.reader.selected_span() == HOA_KY
    assert window.reader.textCursor().selectedText() == "Hoa Kỳ"

    window.mark_actions["LOC"].trigger()  # accept it from the reader (Ctrl+3)
    assert [e.origin for e in ec.entities_at(store, first, *HOA_KY)] == ["user"]
    assert window.undo_action.text() == "&Undo Accept “Hoa Kỳ” as Place"
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == [
        "Liên minh châu Âu",
        "Đà Nẵng",
        "Đà Nẵng",
    ]
    assert view.currentIndex().row() == 2  # the next one takes the fixed one's place

    window.uncertain.reject_button.click()  # reject the current row from the list
    assert ec.entities_at(store, first, *DA_NANG) == []
    assert model.rowCount() == 2

    window.uncertain.threshold.setValue(40)
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["Liên minh châu Âu"]


def test_context_menu_retypes_and_rejects_the_entity_under_the_mouse(qtbot, library, make_window):
    window, store, doc, _ = _open(library, make_window, qtbot)
    menu = QMenu(window)
    window.entity_editor.fill_menu(menu, 45)  # inside "Hoa Kỳ", nothing selected
    titles = [a.text() for a in menu.actions()]
    assert "Accept as Place" in titles
    assert "Not an Entity\tCtrl+Del" in titles
    retype = next(a.menu() for a in menu.actions() if a.text() == "Change Type To")
    assert [a.text() for a in retype.actions()] == ["Person", "Organisation"]
    retype.actions()[1].trigger()
    assert [(e.label, e.origin) for e in ec.entities_at(store, doc, *HOA_KY)] == [("ORG", "user")]
    assert window.undo_action.text() == "&Undo Change “Hoa Kỳ” to Organisation"

    menu = QMenu(window)
    window.entity_editor.fill_menu(menu, 45)
    next(a for a in menu.actions() if a.text().startswith("Not an Entity")).trigger()
    assert ec.entities_at(store, doc, *HOA_KY) == []
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [(e.label, e.origin) for e in ec.entities_at(store, doc, *HOA_KY)] == [("LOC", "model")]


def test_entity_panel_retypes_every_mention_in_the_report(qtbot, library, make_window):
    window, store, doc, _ = _open(library, make_window, qtbot)
    panel = window.entity_panel
    group = next(
        panel.model.group_at(r)
        for r in range(panel.model.rowCount())
        if panel.model.group_at(r).text == "Hà Nội"
    )
    panel.fix_requested.emit(group, "ORG", False)
    assert [(e.text, e.label, e.origin) for e in store.entities_for(doc) if e.text == "Hà Nội"] == [
        ("Hà Nội", "ORG", "user"),
        ("Hà Nội", "ORG", "user"),
    ]
    assert window.undo_action.text() == "&Undo Change “Hà Nội” to Organisation (2 mentions)"
    assert any(
        panel.model.group_at(r).text == "Hà Nội" and panel.model.group_at(r).label == "ORG"
        for r in range(panel.model.rowCount())
    )


def test_marking_with_nothing_selected_outside_an_entity_says_what_to_do(
    qtbot, library, make_window
):
    window, store, doc, _ = _open(library, make_window, qtbot)
    before = store.entities_for(doc)
    window.reader.select_span(65, 65)  # in "Hai bên", no entity
    window.mark_actions["PER"].trigger()
    assert "Select the words to mark" in window.statusBar().currentMessage()
    window.reject_entity_action.trigger()
    assert "no entity" in window.statusBar().currentMessage()
    assert store.entities_for(doc) == before
    assert window.undo_stack.count() == 0


def test_the_shortcuts_do_not_clash(qtbot, library, make_window):
    window, *_ = _open(library, make_window, qtbot)
    seen: dict[str, str] = {}
    for action in window.findChildren(type(window.undo_action)):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert seen["Ctrl+2"] == "Mark as Organisation"
    assert seen["Ctrl+Del"] == "&Not an Entity"
    assert seen["Ctrl+Shift+U"] == "&Review Uncertain Entities"
