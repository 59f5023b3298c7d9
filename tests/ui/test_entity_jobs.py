"""The real entity worker process: results arrive on the GUI thread and are stored."""

from __future__ import annotations

from vnreader.core.entities import pipeline_version


def test_worker_finds_and_stores_entities_and_the_reader_shows_them(qtbot, store, make_window):
    text = "Thủ tướng thăm Hà Nội.\n😀 Sau đó ông tới Đà Nẵng."
    doc = store.add_document("Tin", text).document_id
    window = make_window(store, version=pipeline_version())
    window.open_document(doc)
    with qtbot.waitSignal(window.jobs.document_done, timeout=120_000) as done:
        window.start_entity_jobs()
    assert done.args == [doc]
    stored = store.entities_for(doc)
    assert {(e.text, e.label) for e in stored} >= {("Hà Nội", "LOC"), ("Đà Nẵng", "LOC")}
    assert all(text[e.start : e.end] == e.text for e in stored)
    assert window.reader.highlighted_ranges() == [(e.start, e.end, e.label) for e in stored]
    assert store.documents_needing_entities(pipeline_version()) == []
    window.close()
