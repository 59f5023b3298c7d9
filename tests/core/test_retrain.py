"""Learning from corrections: corrected sentences become training data for a new model."""

from __future__ import annotations

from pathlib import Path

from vnreader.core.entities import extract_entities, pipeline_version
from vnreader.core.entities.retrain import (
    SENTENCES_PER_DICTIONARY_ENTRY,
    correction_sentences,
    retrain,
)
from vnreader.core.entity_corrections import correct_everywhere, mark_entities, reject_entities

TEXT = (
    "Đoàn công tác của Zentrix Holdings đã đến Hà Nội. Trời mưa to.\n"
    "Ông Nguyễn Văn Nam gặp đại diện Zentrix Holdings tại Huế. Sông Hương rất đẹp."
)


def _stored(store, text: str = TEXT) -> int:
    doc = store.add_document("Tin", text).document_id
    spans = [(e.start, e.end, e.label, e.text, e.confidence) for e in extract_entities(text)]
    store.replace_model_entities(doc, spans, pipeline_version())
    return doc


def test_no_corrections_no_sentences(store) -> None:
    _stored(store)
    assert correction_sentences(store) == []


def test_marked_and_rejected_sentences_carry_what_the_user_sees(store) -> None:
    doc = _stored(store)
    start = TEXT.index("Zentrix Holdings")
    mark_entities(store, doc, [(start, start + len("Zentrix Holdings"))], "ORG")
    hue = TEXT.index("Huế")
    reject_entities(store, doc, [(hue, hue + 3)])
    sentences = correction_sentences(store)
    assert [s.text for s in sentences] == [
        "Đoàn công tác của Zentrix Holdings đã đến Hà Nội.",
        "Ông Nguyễn Văn Nam gặp đại diện Zentrix Holdings tại Huế.",
    ]
    first, second = sentences
    assert (18, 34, "ORG") in first.entities
    assert not any(first.text[s:e] == "Huế" for s, e, _ in first.entities)
    assert all(second.text[s:e] != "Huế" for s, e, _ in second.entities)


def test_dictionary_negatives_count_as_corrections(store) -> None:
    doc = _stored(store)
    start = TEXT.index("Sông Hương")
    correct_everywhere(store, doc, start, start + len("Sông Hương"), None)
    [sentence] = correction_sentences(store)
    assert sentence.text == "Sông Hương rất đẹp."
    assert sentence.entities == ()


def test_retrain_learns_a_correction_and_reports_scores(store, tmp_path: Path) -> None:
    texts = [f"Ông Lê Văn {n} làm việc với Zentrix Holdings tại Đà Nẵng." for n in "ABCDEFGH"]
    for text in texts:
        doc = _stored(store, text)
        start = text.index("Zentrix Holdings")
        mark_entities(store, doc, [(start, start + len("Zentrix Holdings"))], "ORG")
    out = tmp_path / "model.crfsuite"
    report = retrain(store, out)
    assert report.corrected_sentences == len(texts)
    assert report.shipped_sentences > 500
    assert 0.9 <= report.after.overall.f1() <= 1.0
    assert "before" in report.describe() and str(out) in report.describe()
    probe = "Hôm qua, Zentrix Holdings mở văn phòng tại Đà Nẵng."
    after = {(e.text, e.label) for e in extract_entities(probe, model=out)}
    assert ("Zentrix Holdings", "ORG") in after  # the shipped model says PER


def test_a_dictionary_entry_brings_a_few_examples_not_the_whole_library(store) -> None:
    first = _stored(store, "Ông Nam gặp đối tác ở Hoa Kỳ. Trời đẹp.")
    for n in range(40):
        _stored(store, f"Báo cáo số {n} về thương mại với Hoa Kỳ. Kết thúc.")
    start = "Ông Nam gặp đối tác ở Hoa Kỳ.".index("Hoa Kỳ")
    correct_everywhere(store, first, start, start + len("Hoa Kỳ"), "LOC")
    sentences = correction_sentences(store)
    assert len(sentences) == SENTENCES_PER_DICTIONARY_ENTRY
    assert all("Hoa Kỳ" in s.text for s in sentences)
    assert len({s.text for s in sentences}) == len(sentences)
