"""Aligning rewritten tokeniser output back to code-point spans (pure, no underthesea)."""

from __future__ import annotations

import unicodedata

from vnreader.core.entities.align import align_tokens, key_of


def _pieces(text: str, tokens: list[str], start: int = 0, end: int | None = None) -> list:
    return [
        None if span is None else text[span[0] : span[1]]
        for span in align_tokens(text, tokens, start, end)
    ]


def test_identity_tokens() -> None:
    text = "Bộ trưởng Bùi Thanh Sơn đến Hà Nội."
    tokens = ["Bộ trưởng", "Bùi Thanh Sơn", "đến", "Hà Nội", "."]
    assert align_tokens(text, tokens) == [(0, 9), (10, 23), (24, 27), (28, 34), (34, 35)]


def test_old_style_tone_placement() -> None:
    text = "Hoà bình và hợp tác"
    assert _pieces(text, ["Hòa bình", "và", "hợp tác"]) == ["Hoà bình", "và", "hợp tác"]


def test_nfd_source_text_covers_whole_characters() -> None:
    text = unicodedata.normalize("NFD", "Hà Nội và Đà Nẵng")
    pieces = _pieces(text, ["Hà Nội", "và", "Đà Nẵng"])
    assert pieces == [unicodedata.normalize("NFD", w) for w in ("Hà Nội", "và", "Đà Nẵng")]


def test_spelling_fix_changes_length() -> None:
    text = "các nghành kinh tế và qui định"
    pieces = _pieces(text, ["các", "ngành", "kinh tế", "và", "quy định"])
    assert pieces == ["các", "nghành", "kinh tế", "và", "qui định"]


def test_spelling_fix_at_end_and_same_word_later() -> None:
    text = "nghành này khác ngành kia"
    assert _pieces(text, ["ngành", "này", "khác", "ngành", "kia"]) == [
        "nghành",
        "này",
        "khác",
        "ngành",
        "kia",
    ]
    assert _pieces("các nghành", ["các", "ngành"]) == ["các", "nghành"]


def test_eth_becomes_d_with_stroke() -> None:
    text = "ðà Nẵng và Ðồng Nai"
    assert _pieces(text, ["đà Nẵng", "và", "Đồng Nai"]) == ["ðà Nẵng", "và", "Ðồng Nai"]


def test_tabs_spaces_and_newlines_between_tokens() -> None:
    text = "Ông\tA  đến\n\nHà   Nội"
    assert _pieces(text, ["Ông", "A", "đến", "Hà Nội"]) == ["Ông", "A", "đến", "Hà   Nội"]


def test_token_with_inner_space_after_hyphen_split() -> None:
    text = "quan hệ Việt Nam-Hoa  Kỳ"
    assert _pieces(text, ["quan hệ", "Việt", "Nam-Hoa Kỳ"]) == ["quan hệ", "Việt", "Nam-Hoa  Kỳ"]


def test_emoji_before_name_counts_code_points() -> None:
    text = "😀 Nguyễn Văn A"
    spans = align_tokens(text, ["😀", "Nguyễn", "Văn A"])
    assert spans == [(0, 1), (2, 8), (9, 14)]
    assert text[2:8] == "Nguyễn"


def test_emoji_glued_to_word() -> None:
    text = "xin chào 😀Nguyễn"
    assert _pieces(text, ["xin chào", "😀Nguyễn"]) == ["xin chào", "😀Nguyễn"]
    assert _pieces(text, ["xin chào", "😀", "Nguyễn"]) == ["xin chào", "😀", "Nguyễn"]


def test_zero_width_characters() -> None:
    text = "đến Hà\u200bNội và\u200b Huế"
    assert _pieces(text, ["đến", "Hà \u200b", "Nội", "và", "\u200b", "Huế"]) == [
        "đến",
        "Hà",
        "Nội",
        "và",
        "\u200b",
        "Huế",
    ]
    assert _pieces(text, ["đến", "Hà Nội", "và", "Huế"]) == ["đến", "Hà\u200bNội", "và", "Huế"]


def test_combining_mark_split_into_own_token() -> None:
    text = "Nội \u0301 và"
    assert align_tokens(text, ["Nội", "\u0301", "và"]) == [(0, 3), (4, 5), (6, 8)]
    # Split inside a syllable: both halves still land on whole source characters.
    assert _pieces("Nội", ["Nô", "\u0323i"]) == ["Nộ", "i"]


def test_curly_and_straight_quotes() -> None:
    text = "“Hà Nội” và ‘Huế’"
    assert _pieces(text, ['"', "Hà Nội", '"', "và", "'", "Huế", "'"]) == [
        "“",
        "Hà Nội",
        "”",
        "và",
        "‘",
        "Huế",
        "’",
    ]


def test_unknown_token_is_none_and_rest_still_aligned() -> None:
    text = "Hà Nội và Huế"
    assert _pieces(text, ["Hà Nội", "@@garbage", "và", "Huế"]) == ["Hà Nội", None, "và", "Huế"]
    assert _pieces(text, ["@@", "Hà Nội", "và", "Huế", "zzz"]) == [
        None,
        "Hà Nội",
        "và",
        "Huế",
        None,
    ]


def test_single_unrecognisable_token_gets_the_gap() -> None:
    text = "ông Xyzw đến"
    assert _pieces(text, ["ông", "Abcd", "đến"]) == ["ông", "Xyzw", "đến"]


def test_dropped_source_characters_are_skipped() -> None:
    text = "Hà Nội ### và Huế"
    assert _pieces(text, ["Hà Nội", "và", "Huế"]) == ["Hà Nội", "và", "Huế"]


def test_start_end_window() -> None:
    text = "Huế đẹp. Hà Nội và Huế. Huế buồn."
    start = text.index("Hà")
    end = text.index(" Huế buồn")
    spans = align_tokens(text, ["Hà Nội", "và", "Huế", "."], start, end)
    assert spans == [(9, 15), (16, 18), (19, 22), (22, 23)]
    assert align_tokens(text, ["buồn"], start, end) == [None]


def test_spans_are_monotonic_and_non_overlapping() -> None:
    text = "A  B\tC 😀 D\u200bE"
    spans = align_tokens(text, ["A", "B", "C", "😀", "D", "E"])
    assert all(span is not None for span in spans)
    ends = [span[1] for span in spans if span]
    starts = [span[0] for span in spans if span]
    assert all(s >= e for s, e in zip(starts[1:], ends, strict=False))


def test_empty_inputs() -> None:
    assert align_tokens("", []) == []
    assert align_tokens("", ["x"]) == [None]
    assert align_tokens("abc", [" ", ""]) == [None, None]


def test_key_of_maps_back_to_source() -> None:
    key, index = key_of("Đà\u200b Nẵng")
    assert key == "danang"
    assert index == [0, 1, 4, 5, 6, 7]
