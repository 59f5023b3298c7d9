"""Correcting entities: mark, retype, reject, everywhere; undo images; surviving re-runs."""

from __future__ import annotations

import pytest

from vnreader.core import entity_corrections as ec

FIRST = "Bộ trưởng Bùi Thanh Sơn gặp Ngoại trưởng Hoa Kỳ tại Hà Nội. Hoa Kỳ ủng hộ Namibia."
SECOND = "Hoa Kỳ và Việt Nam. Phái đoàn Hoa Kỳ tới Đà Nẵng."


def span(text, surface, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def model_run(text, *entries, confidence=0.9):
    """Model output as the pipeline gives it: (start, end, label, text, confidence)."""
    rows = []
    for surface, label, *nth in entries:
        start, end = span(text, surface, *nth)
        rows.append((start, end, label, surface, confidence))
    return rows


FIRST_MODEL = model_run(
    FIRST,
    ("Bộ trưởng Bùi", "PER"),
    ("Hoa Kỳ", "PER"),
    ("Hà Nội", "LOC"),
    ("Hoa Kỳ", "LOC", 1),
)
SECOND_MODEL = model_run(SECOND, ("Hoa Kỳ", "LOC"), ("Đà Nẵng", "LOC"))


@pytest.fixture
def docs(store):
    first = store.add_document("Tin một", FIRST).document_id
    second = store.add_document("Tin hai", SECOND).document_id
    store.replace_model_entities(first, FIRST_MODEL, "v1")
    store.replace_model_entities(second, SECOND_MODEL, "v1")
    return store, first, second


def shown(store, doc):
    return [(e.text, e.label, e.origin) for e in store.entities_for(doc)]


def test_marking_a_selection_makes_a_user_entity_that_hides_the_model_one(docs):
    store, first, _ = docs
    before = shown(store, first)
    correction = ec.mark_entities(store, first, [span(FIRST, "Bùi Thanh Sơn")], "PER")
    assert shown(store, first)[0] == ("Bùi Thanh Sơn", "PER", "user")
    assert ("Bộ trưởng Bùi", "PER", "model") not in shown(store, first)
    assert correction.added == (ec.UserEntity(first, 10, 23, "PER", "Bùi Thanh Sơn"),)
    assert correction.removed == ()
    counts = {d.id: d.entity_count for d in store.list_documents()}
    assert counts[first] == 4  # the library's counts follow

    ec.undo_correction(store, correction)
    assert shown(store, first) == before
    ec.redo_correction(store, correction)
    assert shown(store, first)[0] == ("Bùi Thanh Sơn", "PER", "user")


def test_a_selection_is_trimmed_and_an_empty_or_repeated_one_is_refused(docs):
    store, first, _ = docs
    start, end = span(FIRST, "Hà Nội")
    correction = ec.mark_entities(store, first, [(start - 1, end)], "LOC")  # " Hà Nội"
    assert (correction.added[0].start, correction.added[0].text) == (start, "Hà Nội")
    with pytest.raises(ec.CorrectionError, match="already marked as LOC"):
        ec.mark_entities(store, first, [(start, end)], "LOC")
    with pytest.raises(ec.CorrectionError, match="no text"):
        ec.mark_entities(store, first, [(start - 1, start)], "LOC")
    with pytest.raises(ec.CorrectionError, match="unknown entity type"):
        ec.mark_entities(store, first, [(start, end)], "DATE")


def test_retyping_replaces_a_user_entity_and_undo_brings_the_old_type_back(docs):
    store, first, _ = docs
    where = span(FIRST, "Hoa Kỳ")
    as_org = ec.mark_entities(store, first, [where], "ORG")
    as_loc = ec.mark_entities(store, first, [where], "LOC")
    assert as_loc.removed == (ec.UserEntity(first, *where, "ORG", "Hoa Kỳ"),)
    assert [e.label for e in ec.entities_at(store, first, *where)] == ["LOC"]
    ec.undo_correction(store, as_loc)
    assert [(e.label, e.origin) for e in ec.entities_at(store, first, *where)] == [("ORG", "user")]
    ec.undo_correction(store, as_org)
    assert [(e.label, e.origin) for e in ec.entities_at(store, first, *where)] == [("PER", "model")]


def test_a_rejected_model_entity_stays_away_when_the_pipeline_runs_again(docs):
    store, first, _ = docs
    where = span(FIRST, "Hoa Kỳ")
    correction = ec.reject_entities(store, first, [where])
    assert ec.entities_at(store, first, *where) == []
    assert correction.rejected[0].text == "Hoa Kỳ"
    store.replace_model_entities(first, FIRST_MODEL, "v2")  # a new pipeline version
    assert ec.entities_at(store, first, *where) == []
    assert ("Hà Nội", "LOC", "model") in shown(store, first)
    ec.undo_correction(store, correction)
    assert [e.label for e in ec.entities_at(store, first, *where)] == ["PER"]
    ec.reject_entities(store, first, [span(FIRST, "Hà Nội")])
    with pytest.raises(ec.CorrectionError, match="already"):
        ec.reject_entities(store, first, [span(FIRST, "Hà Nội")])


def test_rejecting_a_user_entity_removes_it_and_marking_lifts_a_rejection(docs):
    store, first, _ = docs
    where = span(FIRST, "Hà Nội")
    marked = ec.mark_entities(store, first, [where], "ORG")
    rejected = ec.reject_entities(store, first, [where])
    assert rejected.removed == marked.added
    assert ec.entities_at(store, first, *where) == []
    again = ec.mark_entities(store, first, [where], "LOC")
    assert [r.text for r in again.unrejected] == ["Hà Nội"]
    assert ec.rejections_for(store, first) == []
    assert [(e.label, e.origin) for e in ec.entities_at(store, first, *where)] == [("LOC", "user")]
    ec.undo_correction(store, again)
    assert [r.text for r in ec.rejections_for(store, first)] == ["Hà Nội"]


def test_user_entities_survive_reruns_with_different_output(docs):
    store, first, _ = docs
    ec.mark_entities(store, first, [span(FIRST, "Bùi Thanh Sơn")], "PER")
    rerun = model_run(FIRST, ("Bộ trưởng", "ORG"), ("Thanh Sơn gặp", "PER"), ("Hà Nội", "LOC"))
    store.replace_model_entities(first, rerun, "v2")
    assert shown(store, first) == [
        ("Bộ trưởng", "ORG", "model"),
        ("Bùi Thanh Sơn", "PER", "user"),
        ("Hà Nội", "LOC", "model"),
    ]


def test_everywhere_marks_every_whole_word_occurrence_in_every_document(docs):
    store, first, second = docs
    nam = store.add_document("Tin ba", "Nam Phi và Namibia; Việt Nam.").document_id
    store.replace_model_entities(nam, [], "v1")
    correction = ec.correct_everywhere(store, first, *span(FIRST, "Hoa Kỳ"), "ORG")
    assert [(e.text, e.label) for e in store.entities_for(second) if e.text == "Hoa Kỳ"] == [
        ("Hoa Kỳ", "ORG"),
        ("Hoa Kỳ", "ORG"),
    ]
    first_entities = [e for e in store.entities_for(first) if e.text == "Hoa Kỳ"]
    assert [(e.label, e.origin, e.from_dictionary) for e in first_entities] == [
        ("ORG", "user", False),  # the one the user chose
        ("ORG", "user", True),  # put there by the dictionary
    ]
    assert [(d.surface, d.label) for d in ec.dictionary_entries(store)] == [("Hoa Kỳ", "ORG")]
    assert correction.documents == {first, second}

    ec.correct_everywhere(store, nam, 0, 3, "LOC")  # "Nam": not inside Namibia
    assert [(e.start, e.end, e.text) for e in store.entities_for(nam)] == [
        (0, 3, "Nam"),
        (25, 28, "Nam"),
    ]

    ec.undo_correction(store, correction)
    assert [(e.text, e.label) for e in store.entities_for(second)] == [
        ("Hoa Kỳ", "LOC"),
        ("Nam", "LOC"),  # a whole syllable of "Việt Nam", which no entity holds
        ("Đà Nẵng", "LOC"),
    ]
    assert [d.surface for d in ec.dictionary_entries(store)] == ["Nam"]


def test_the_dictionary_applies_to_documents_processed_later_and_undo_takes_it_back(docs):
    store, first, _ = docs
    correction = ec.correct_everywhere(store, first, *span(FIRST, "Hoa Kỳ"), "ORG")
    later_text = "Đại sứ Hoa Kỳ thăm Huế."
    later = store.add_document("Tin mới", later_text).document_id
    store.replace_model_entities(later, model_run(later_text, ("Đại sứ Hoa", "PER")), "v1")
    assert [(e.text, e.label, e.from_dictionary) for e in store.entities_for(later)] == [
        ("Hoa Kỳ", "ORG", True)  # replaces the model's overlapping "Đại sứ Hoa"
    ]
    ec.undo_correction(store, correction)
    assert [(e.text, e.label) for e in store.entities_for(later)] == [("Đại sứ Hoa", "PER")]
    ec.redo_correction(store, correction)
    assert [(e.text, e.label) for e in store.entities_for(later)] == [("Hoa Kỳ", "ORG")]


def test_not_an_entity_anywhere_hides_the_surface_now_and_in_later_runs(docs):
    store, first, second = docs
    ec.mark_entities(store, second, [span(SECOND, "Hoa Kỳ", 1)], "ORG")
    correction = ec.correct_everywhere(store, first, *span(FIRST, "Hoa Kỳ"), None)
    assert [e.text for e in store.entities_for(first)] == ["Bộ trưởng Bùi", "Hà Nội"]
    assert [e.text for e in store.entities_for(second)] == ["Đà Nẵng"]
    assert correction.removed == (
        ec.UserEntity(second, *span(SECOND, "Hoa Kỳ", 1), "ORG", "Hoa Kỳ"),
    )
    store.replace_model_entities(second, SECOND_MODEL, "v2")
    assert [e.text for e in store.entities_for(second)] == ["Đà Nẵng"]
    with pytest.raises(ec.CorrectionError, match="already not an entity"):
        ec.correct_everywhere(store, second, *span(SECOND, "Hoa Kỳ"), None)
    ec.undo_correction(store, correction)
    assert [(e.text, e.origin) for e in store.entities_for(second)] == [
        ("Hoa Kỳ", "model"),
        ("Hoa Kỳ", "user"),
        ("Đà Nẵng", "model"),
    ]


def test_everywhere_lifts_rejections_of_the_surface_and_retypes_user_entities(docs):
    store, first, second = docs
    ec.reject_entities(store, second, [span(SECOND, "Hoa Kỳ")])
    ec.mark_entities(store, second, [span(SECOND, "Hoa Kỳ", 1)], "PER")
    correction = ec.correct_everywhere(store, first, *span(FIRST, "Hoa Kỳ"), "LOC")
    assert [r.text for r in correction.unrejected] == ["Hoa Kỳ"]
    assert [(e.text, e.label) for e in store.entities_for(second)][:2] == [
        ("Hoa Kỳ", "LOC"),
        ("Hoa Kỳ", "LOC"),
    ]
    ec.undo_correction(store, correction)
    assert [r.text for r in ec.rejections_for(store, second)] == ["Hoa Kỳ"]
    assert [(e.text, e.label) for e in store.entities_for(second)][:1] == [("Hoa Kỳ", "PER")]


def test_an_undo_the_database_no_longer_allows_is_refused(docs):
    store, first, _ = docs
    correction = ec.mark_entities(store, first, [span(FIRST, "Hà Nội")], "ORG")
    store.db.execute("DELETE FROM entities WHERE origin = 'user'")  # behind its back
    before = shown(store, first)
    with pytest.raises(ec.CorrectionError, match="no longer there"):
        ec.undo_correction(store, correction)
    assert shown(store, first) == before  # nothing of the failed step was written


def test_confidence_is_stored_validated_and_unknown_for_user_entities(docs):
    store, first, _ = docs
    assert {e.confidence for e in store.entities_for(first)} == {0.9}
    start, end = span(FIRST, "Hà Nội")
    store.replace_model_entities(first, [(start, end, "LOC", "Hà Nội")], "v2")  # no confidence
    assert [e.confidence for e in store.entities_for(first)] == [None]
    with pytest.raises(ValueError, match="confidence"):
        store.replace_model_entities(first, [(start, end, "LOC", "Hà Nội", 1.5)], "v3")
    ec.mark_entities(store, first, [(start, end)], "LOC")
    assert [(e.origin, e.confidence) for e in store.entities_for(first)] == [("user", None)]
