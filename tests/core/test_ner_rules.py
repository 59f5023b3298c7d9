"""Syllable tokens, gazetteer matching and the rules applied after our CRF."""

from __future__ import annotations

import pytest

from vnreader.core.entities.gazetteer import Gazetteer, load_gazetteer
from vnreader.core.entities.model import TaggedSpan
from vnreader.core.entities.rules import refine
from vnreader.core.entities.tokens import shape, tokenize


@pytest.fixture
def gaz() -> Gazetteer:
    g = Gazetteer()
    for name, kind in [
        ("Hoa Kỳ", "LOC"),
        ("Việt Nam", "LOC"),
        ("ASEAN", "ORG"),
        ("châu Âu", "LOC"),
        ("Tổng thống", "TITLE"),
        ("Bộ trưởng", "TITLE"),
        ("Ngoại giao", "FIELD"),
        ("tỉnh", "LOCHEAD"),
    ]:
        g.add(name, kind)
    return g


def _tagged(text: str, *spans: tuple[str, str]) -> tuple[list, list[TaggedSpan]]:
    """Tokens of ``text`` and TaggedSpans for each (surface, label) found in it."""
    tokens = tokenize(text)
    out = []
    for surface, label in spans:
        start = text.index(surface)
        first = next(i for i, t in enumerate(tokens) if t.start == start)
        last = next(i for i, t in enumerate(tokens) if t.end == start + len(surface)) + 1
        out.append(TaggedSpan(first, last, label, 0.9))
    return tokens, out


def _surfaces(text: str, tokens, spans: list[TaggedSpan]) -> list[tuple[str, str]]:
    return [(text[tokens[s.first].start : tokens[s.last - 1].end], s.label) for s in spans]


def test_tokens_keep_offsets_of_the_stored_text() -> None:
    text = "😀 Ông Nguyễn\u200bVăn đến TP.HCM, Việt Nam-Hoa Kỳ."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens][:4] == ["😀", "Ông", "Nguyễn", "Văn"]
    assert "-" in [t.text for t in tokens]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("Hà", "Aa"), ("ASEAN", "A"), ("bộ", "a"), ("2024", "0"), ("G20", "Aa0"), ("-", "-")],
)
def test_shapes(token: str, expected: str) -> None:
    assert shape(token) == expected


def test_gazetteer_matches_longest_and_capitalised_lowercase_entries(gaz: Gazetteer) -> None:
    words = [t.text for t in tokenize("Châu Âu và Việt Nam")]
    kinds = {(m.first, m.last, m.kind) for m in gaz.matches(words)}
    assert kinds == {(0, 2, "LOC"), (3, 5, "LOC")}


def test_titles_are_stripped_from_person_names(gaz: Gazetteer) -> None:
    text = "Bộ trưởng Ngoại giao Lê Văn Nam gặp Tổng thống Smith."
    tokens, spans = _tagged(text, ("Bộ trưởng Ngoại giao Lê Văn Nam", "PER"),
                            ("Tổng thống Smith", "PER"))  # fmt: skip
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Lê Văn Nam", "PER"),
        ("Smith", "PER"),
    ]


def test_lowercase_generic_words_are_stripped_but_gazetteer_names_kept(gaz: Gazetteer) -> None:
    text = "Đoàn đến tỉnh Quảng Ninh rồi sang châu Âu."
    tokens, spans = _tagged(text, ("tỉnh Quảng Ninh", "LOC"), ("châu Âu", "LOC"))
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Quảng Ninh", "LOC"),
        ("châu Âu", "LOC"),
    ]


def test_dashed_pairs_split_but_hyphenated_names_stay(gaz: Gazetteer) -> None:
    text = "Quan hệ Việt Nam-Hoa Kỳ, ASEAN-Hoa Kỳ và ông Jean-Pierre ở Ô-xtrây-li-a."
    tokens, spans = _tagged(
        text,
        ("Việt Nam-Hoa Kỳ", "PER"),
        ("ASEAN-Hoa Kỳ", "ORG"),
        ("Jean-Pierre", "PER"),
        ("Ô-xtrây-li-a", "LOC"),
    )
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Việt Nam", "LOC"),
        ("Hoa Kỳ", "LOC"),
        ("ASEAN", "ORG"),
        ("Hoa Kỳ", "LOC"),
        ("Jean-Pierre", "PER"),
        ("Ô-xtrây-li-a", "LOC"),
    ]


def test_acronym_in_parentheses_takes_the_label_before_it(gaz: Gazetteer) -> None:
    text = "Quỹ Tiền tệ Quốc tế (IMF) và Liên minh châu Âu (EU) họp."
    tokens, spans = _tagged(
        text, ("Quỹ Tiền tệ Quốc tế", "ORG"), ("Liên minh châu Âu", "ORG"), ("EU", "LOC")
    )
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Quỹ Tiền tệ Quốc tế", "ORG"),
        ("IMF", "ORG"),
        ("Liên minh châu Âu", "ORG"),
        ("EU", "ORG"),
    ]


def test_dates_and_ordinals_are_never_entities(gaz: Gazetteer) -> None:
    text = "Thứ Hai, khóa XV họp lần thứ 8 tại Hà Nội."
    tokens, spans = _tagged(text, ("Thứ Hai", "LOC"), ("XV", "ORG"), ("Hà Nội", "LOC"))
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [("Hà Nội", "LOC")]


def test_gazetteer_label_wins_for_an_exact_name(gaz: Gazetteer) -> None:
    text = "Phái đoàn Hoa Kỳ đến."
    tokens, spans = _tagged(text, ("Hoa Kỳ", "PER"))
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [("Hoa Kỳ", "LOC")]


def test_shipped_gazetteers_load_every_file() -> None:
    loaded = load_gazetteer()
    kinds = {kind for entries in loaded.index.values() for _, kind in entries}
    assert kinds == {"LOC", "ORG", "TITLE", "FIELD", "ORGHEAD", "LOCHEAD", "SURNAME"}
    assert loaded.label_of_words(["Hoa", "Kỳ"]) == "LOC"
    assert loaded.label_of_words(["ASEAN"]) == "ORG"
    assert loaded.label_of_words(["Quảng", "Ninh"]) == "LOC"


def test_lists_split_at_commas_and_country_prefixes_split_off(gaz: Gazetteer) -> None:
    text = "Đoàn gồm Siemens Energy, BASF và Tổng thống Hoa Kỳ Joe Smith; ông Hàn Chính."
    tokens, spans = _tagged(
        text,
        ("Siemens Energy, BASF", "ORG"),
        ("Hoa Kỳ Joe Smith", "PER"),
        ("Hàn Chính", "PER"),
    )
    gaz.add("Hàn", "LOC")
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Siemens Energy", "ORG"),
        ("BASF", "ORG"),
        ("Hoa Kỳ", "LOC"),
        ("Joe Smith", "PER"),
        ("Hàn Chính", "PER"),  # one-syllable prefix and one-syllable rest: a person
    ]


def test_field_lists_stay_inside_organisations_and_parts_are_stripped(gaz: Gazetteer) -> None:
    gaz.add("Lai Châu", "LOC")
    text = "Sở Văn hóa, Thể thao và Du lịch Hà Nội họp với Đảng ủy xã Sìn Hồ, tỉnh Lai Châu."
    tokens, spans = _tagged(
        text,
        ("Sở Văn hóa, Thể thao và Du lịch Hà Nội", "ORG"),
        ("Đảng ủy xã Sìn Hồ, tỉnh Lai Châu", "ORG"),
    )
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Sở Văn hóa, Thể thao và Du lịch Hà Nội", "ORG"),
        ("Đảng ủy xã Sìn Hồ", "ORG"),
        ("Lai Châu", "LOC"),
    ]


def test_sunday_is_no_name_but_japan_is(gaz: Gazetteer) -> None:
    text = "Chủ nhật, đoàn Nhật sang thăm."
    tokens, spans = _tagged(text, ("Chủ nhật", "LOC"), ("Nhật", "LOC"))
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [("Nhật", "LOC")]


def test_a_long_person_ends_with_the_vietnamese_name(gaz: Gazetteer) -> None:
    for surname in ("Phan", "Kiều", "Hà"):
        gaz.add(surname, "SURNAME")
    text = "Chủ tịch Phúc Sinh Phan Minh Thông, ông Xanh Kiều Văn Đạt và Y Thanh Hà Niê Kdăm."
    tokens, spans = _tagged(
        text,
        ("Phúc Sinh Phan Minh Thông", "PER"),
        ("Xanh Kiều Văn Đạt", "PER"),
        ("Y Thanh Hà Niê Kdăm", "PER"),
    )
    assert _surfaces(text, tokens, refine(tokens, spans, gaz)) == [
        ("Phúc Sinh", "ORG"),
        ("Phan Minh Thông", "PER"),
        ("Kiều Văn Đạt", "PER"),
        ("Y Thanh Hà Niê Kdăm", "PER"),  # an Ê Đê name, not a company and a person
    ]
