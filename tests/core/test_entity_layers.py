"""Combining the model's entities with the user's corrections, and dictionary matching."""

from __future__ import annotations

from vnreader.core.entity_layers import (
    ModelSpan,
    derive,
    find_surface,
    is_occurrence,
    normalize_surface,
)

TEXT = "Bộ Ngoại giao Hoa Kỳ chào đón Namibia, Việt Nam và Nam Phi. Nam-Bắc; nam."


def _spans(text, surface):
    return [text[s:e] for s, e in find_surface(text, surface)]


def test_surfaces_match_whole_words_only_and_case_sensitively():
    assert find_surface(TEXT, "Nam") == [
        (TEXT.index("Nam và"), TEXT.index("Nam và") + 3),
        (TEXT.index("Nam Phi"), TEXT.index("Nam Phi") + 3),
        (TEXT.index("Nam-Bắc"), TEXT.index("Nam-Bắc") + 3),
    ]  # not in "Namibia", not "nam"
    assert _spans(TEXT, "Việt Nam") == ["Việt Nam"]
    assert _spans(TEXT, "Hoa") == ["Hoa"]
    assert find_surface(TEXT, "Ho") == []  # half a syllable
    assert find_surface("Hội nghị ĐôngNam Á", "Nam") == []  # the end of a word
    assert find_surface(TEXT, "Kỳ chào đón Nam") == []


def test_a_space_in_a_surface_matches_any_run_of_spaces_but_not_a_line_break():
    text = "Thăm Hà  Nội rồi Hà\nNội."
    assert _spans(text, normalize_surface(" Hà   Nội ")) == ["Hà  Nội"]


def test_surfaces_with_punctuation_at_their_edges():
    text = "Liên minh châu Âu (EU) và EU."
    assert _spans(text, "(EU)") == ["(EU)"]
    assert _spans(text, "EU") == ["EU", "EU"]


def test_is_occurrence_checks_the_exact_span():
    start = TEXT.index("Namibia")
    assert not is_occurrence(TEXT, start, start + 3, "Nam")
    start = TEXT.index("Nam và")
    assert is_occurrence(TEXT, start, start + 3, "Nam")
    assert not is_occurrence(TEXT, start, start + 2, "Nam")


def _model(text, *entries):
    spans = []
    for surface, label in entries:
        start = text.index(surface)
        spans.append(ModelSpan(start, start + len(surface), label, surface, 0.5))
    return spans


def test_user_entities_hide_overlapping_model_entities_and_rejections_exact_spans():
    text = "Bộ trưởng Bùi Thanh Sơn gặp Hoa Kỳ tại Hà Nội."
    model = _model(text, ("Bộ trưởng Bùi", "PER"), ("Hoa Kỳ tại", "LOC"), ("Hà Nội", "LOC"))
    user = [(text.index("Bùi"), text.index("Bùi") + len("Bùi Thanh Sơn"))]
    rejected = [(model[1].start, model[1].end)]
    derived = derive(text, model, user, rejected, {})
    assert [m.text for m in derived.model] == ["Hà Nội"]
    assert derived.dictionary == []
    nearly = [(model[2].start, model[2].end - 1)]  # a rejection of another span hides nothing
    assert [m.text for m in derive(text, model, [], nearly, {}).model] == [
        "Bộ trưởng Bùi",
        "Hoa Kỳ tại",
        "Hà Nội",
    ]


def test_dictionary_labels_replace_model_entities_but_not_inside_a_longer_name():
    text = "Bộ Ngoại giao Hoa Kỳ nói Hoa Kỳ và Việt Nam hợp tác."
    model = _model(text, ("Bộ Ngoại giao Hoa Kỳ", "ORG"))
    second = text.index("Hoa Kỳ nói") + len("Hoa Kỳ nói ")
    model.append(ModelSpan(second, second + 6, "PER", "Hoa Kỳ", 0.4))
    nam = text.index("Nam hợp")
    model.append(ModelSpan(nam, nam + 7, "ORG", "Nam hợp", 0.3))
    derived = derive(text, model, [], [], {"Hoa Kỳ": "LOC", "Việt Nam": "LOC"})
    assert [m.text for m in derived.model] == ["Bộ Ngoại giao Hoa Kỳ"]
    assert [(text[s:e], label) for s, e, label in derived.dictionary] == [
        ("Hoa Kỳ", "LOC"),
        ("Việt Nam", "LOC"),  # replaces the model's overlapping "Nam hợp"
    ]


def test_not_an_entity_entries_hide_model_entities_with_that_text():
    text = "Tổng thống nói với Tổng thống."
    model = _model(text, ("Tổng thống", "PER"))
    assert derive(text, model, [], [], {"Tổng thống": None}).model == []
    assert derive(text, model, [], [], {"Tổng": None}).model == model


def test_overlapping_dictionary_matches_keep_the_longest():
    text = "Thành phố Hồ Chí Minh và Hồ Chí Minh."
    derived = derive(text, [], [], [], {"Hồ Chí Minh": "PER", "Thành phố Hồ Chí Minh": "LOC"})
    assert [(text[s:e], label) for s, e, label in derived.dictionary] == [
        ("Thành phố Hồ Chí Minh", "LOC"),
        ("Hồ Chí Minh", "PER"),
    ]


def test_user_entities_and_rejections_block_dictionary_matches():
    text = "Hà Nội, Hà Nội, Hà Nội."
    first, second = find_surface(text, "Hà Nội")[:2]
    derived = derive(text, [], [first], [second], {"Hà Nội": "LOC"})
    assert [s for s, _e, _label in derived.dictionary] == [text.rindex("Hà Nội")]
