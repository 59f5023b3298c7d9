"""The review list of uncertain entities, and confidence through the worker protocol."""

from __future__ import annotations

import io
import json

from vnreader.core import entity_corrections as ec
from vnreader.core.entity_review import count_uncertain, line_context, percent, uncertain_entities

TEXT_A = "Dòng đầu.\nÔng Trần Văn Nam gặp đại diện Vinacomin ở Quảng Ninh hôm qua.\nDòng cuối."
TEXT_B = "Công ty Minh Phát ký hợp đồng."


def _at(text, surface):
    start = text.index(surface)
    return start, start + len(surface)


def test_uncertain_entities_lowest_first_below_the_threshold_with_context(store):
    a = store.add_document("Báo A", TEXT_A).document_id
    b = store.add_document("Báo B", TEXT_B).document_id
    store.replace_model_entities(
        a,
        [
            (*_at(TEXT_A, "Trần Văn Nam"), "PER", "Trần Văn Nam", 0.95),
            (*_at(TEXT_A, "Vinacomin"), "ORG", "Vinacomin", 0.41),
            (*_at(TEXT_A, "Quảng Ninh"), "LOC", "Quảng Ninh", 0.62),
        ],
        "v1",
    )
    store.replace_model_entities(b, [(*_at(TEXT_B, "Minh Phát"), "PER", "Minh Phát", 0.55)], "v1")
    found = uncertain_entities(store, below=0.8)
    assert [(u.text, u.confidence, u.document_title) for u in found] == [
        ("Vinacomin", 0.41, "Báo A"),
        ("Minh Phát", 0.55, "Báo B"),
        ("Quảng Ninh", 0.62, "Báo A"),
    ]
    assert (found[0].before, found[0].after) == (
        "Ông Trần Văn Nam gặp đại diện ",
        " ở Quảng Ninh hôm qua.",  # the context stops at the end of the line
    )
    long_line = "x" * 50 + " Vinacomin " + "y" * 50
    assert line_context(long_line, 51, 60) == ("…" + "x" * 39 + " ", " " + "y" * 39 + "…")
    assert [percent(c) for c in (0.29, 0.62, 0.7999, 1.0)] == ["29 %", "62 %", "79 %", "100 %"]
    assert count_uncertain(store, 0.6) == 2
    assert [u.text for u in uncertain_entities(store, below=0.8, limit=1)] == ["Vinacomin"]

    ec.mark_entities(store, a, [_at(TEXT_A, "Vinacomin")], "ORG")  # accepted: no longer listed
    ec.reject_entities(store, b, [_at(TEXT_B, "Minh Phát")])
    assert [u.text for u in uncertain_entities(store)] == ["Quảng Ninh"]


def test_the_worker_reports_each_span_with_its_confidence(monkeypatch):
    import vnreader.core.entities as entities
    from vnreader.core.entities import EntitySpan
    from vnreader.core.entity_worker import serve

    monkeypatch.setattr(entities, "pipeline_version", lambda: "fake-1")
    monkeypatch.setattr(
        entities,
        "extract_entities",
        lambda text, progress=None: [EntitySpan(0, 6, "LOC", text[:6], 0.625)],
    )
    replies = io.StringIO()
    serve(io.StringIO(json.dumps({"id": 3, "text": "Hà Nội mùa thu"}) + "\n"), replies)
    messages = [json.loads(line) for line in replies.getvalue().splitlines()]
    assert messages[-1] == {
        "type": "result",
        "id": 3,
        "version": "fake-1",
        "spans": [[0, 6, "LOC", "Hà Nội", 0.625]],
    }
