"""Shared passages: sentence alignment of two reports on accent-folded Vietnamese text."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from vnreader.core.compare import (
    Alignment,
    SentencePair,
    align_documents,
    sync_position,
)
from vnreader.core.text import sentence_spans, strip_marks


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _find(text: str, sentence: str, start: int = 0) -> tuple[int, int]:
    at = text.index(sentence, start)
    return at, at + len(sentence)


def _pair_map(alignment: Alignment) -> dict[tuple[int, int], tuple[int, int]]:
    return {p.left: p.right for p in alignment.pairs}


# --- a report and a lightly edited copy -------------------------------------------------

EDITED_3 = (
    "Hai bên vui mừng trước việc Tổng thống Biden và Thủ tướng Phạm Minh Chính đã có cuộc gặp"
    " trong thời gian Hội nghị, trao đổi thực chất về quan hệ song phương Việt Nam–Hoa Kỳ và"
    " các vấn đề khu vực, quốc tế cùng quan tâm."
)
REORDERED_10 = (
    "Trên tất cả các lĩnh vực của quan hệ Đối tác Toàn diện, phía Hoa Kỳ khẳng định mong muốn"
    " hai bên tiếp tục thúc đẩy hợp tác!"
)
ADDED = "Trong khi đó, mưa lớn kéo dài khiến nhiều tuyến phố ở Thành phố Hồ Chí Minh ngập sâu."


@pytest.fixture
def edited_pair():
    """Seed 001, an edited copy of it, and the sentences of the seed."""
    left = _seed("001")
    sents = [left[s:e] for s, e in sentence_spans(left)]
    lines = left.split("\n")
    # Lines of seed 001 hold sentences 0-1, 2, 3, 4, 5, 6, 7-8, 9, 10, 11, 12, 13, 14, 15, 16.
    assert lines[3] == sents[4] and lines[4] == sents[5] and lines[11] == sents[13]
    new = list(lines)
    new[2] = EDITED_3  # words changed
    new[7] = strip_marks(sents[9])  # accents removed
    new[8] = REORDERED_10  # clauses reordered, other punctuation
    new[10], new[11] = lines[11], lines[10]  # two sentences swapped
    new.insert(9, ADDED)  # one sentence added
    del new[4]  # one sentence removed (sentence 5)
    right = "\n".join(new)
    return left, right, sents


def test_edited_copy_pairs_every_kept_sentence_with_its_counterpart(edited_pair):
    left, right, sents = edited_pair
    alignment = align_documents(left, right)
    expected = {}
    cursor_l = cursor_r = 0
    replaced = {3: EDITED_3, 9: strip_marks(sents[9]), 10: REORDERED_10}
    for n, sentence in enumerate(sents):
        span_l = _find(left, sentence, cursor_l)
        cursor_l = span_l[1]
        if n == 5:
            continue
        # "(Nguồn: VGP) |" occurs twice: look for each after the previous match.
        start = cursor_r if sentence.startswith("(Nguồn") else 0
        expected[span_l] = _find(right, replaced.get(n, sentence), start)
        if sentence.startswith("(Nguồn"):
            cursor_r = expected[span_l][1]
    assert _pair_map(alignment) == expected
    assert alignment.left_only == (_find(left, sents[5]),)
    assert alignment.right_only == (_find(right, ADDED),)
    scores = {left[p.left[0] : p.left[1]]: p.score for p in alignment.pairs}
    for n, sentence in enumerate(sents):
        if n not in (3, 5, 10):
            assert scores[sentence] == 1.0, sentence  # identical or only accents dropped
    assert 0.5 <= scores[sents[3]] < 1.0
    assert 0.5 <= scores[sents[10]] < 1.0


def test_pairs_are_one_to_one_with_scores_in_range(edited_pair):
    left, right, _sents = edited_pair
    alignment = align_documents(left, right)
    lefts = [p.left for p in alignment.pairs]
    rights = [p.right for p in alignment.pairs]
    assert len(set(lefts)) == len(lefts) and len(set(rights)) == len(rights)
    assert not set(lefts) & set(alignment.left_only)
    assert not set(rights) & set(alignment.right_only)
    assert all(0.5 <= p.score <= 1.0 for p in alignment.pairs)


# --- unrelated texts ------------------------------------------------------------------

WEATHER = (
    "Hà Nội hôm nay trời nhiều mây, có mưa rào và dông vài nơi.\n"
    "Nhiệt độ thấp nhất từ 24 đến 26 độ C, cao nhất 32 độ C.\n"
    "Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết đợt nắng nóng sẽ kết thúc.\n"
    "Người dân được khuyến cáo đề phòng lốc, sét và gió giật mạnh trong cơn dông."
)
FOOTBALL = (
    "Đội tuyển Việt Nam đã thắng Thái Lan với tỉ số 2-1 trong trận chung kết tối qua.\n"
    "Hai bàn thắng được ghi trong hiệp hai, sau những pha phối hợp đẹp mắt.\n"
    "Huấn luyện viên trưởng cho biết các cầu thủ đã thi đấu với tinh thần quyết tâm rất cao.\n"
    "Hàng vạn cổ động viên đã xuống đường ăn mừng chiến thắng của đội nhà."
)


def test_unrelated_texts_give_no_pairs():
    alignment = align_documents(WEATHER, FOOTBALL)
    assert alignment.pairs == ()
    assert len(alignment.left_only) == len(alignment.right_only) == 4


def test_different_reports_share_few_sentences():
    # Seeds 000 and 002 report different meetings of the same dialogue.
    assert align_documents(_seed("000"), _seed("002")).pairs == ()


# --- the two versions of one report in seed 004 --------------------------------------

# (start of the sentence in the first version, start in the second), by hand.
READER_PAIRS = [
    ("Hai bên vui mừng ghi nhận", "Tại buổi tiếp, hai bên bày tỏ vui mừng"),
    ("Thứ trưởng Hà Kim Ngọc khẳng định Việt Nam luôn coi Mỹ", "Thứ trưởng Hà Kim Ngọc"),
    ("Hai bên cùng nhấn mạnh", "Hai bên nhấn mạnh tầm quan trọng"),
    ("Hai bên khẳng định sẽ tiếp tục đối thoại", "Đồng thời khẳng định"),
    ("Hai bên ghi nhận những tiến triển", "Các quan chức ghi nhận"),
    ("Hai bên cũng chia sẻ quyết tâm", "Hai bên chia sẻ quyết tâm"),
]
ONLY_IN_SECOND = ["Bên lề cuộc đối thoại", "Các cuộc gặp này", "Phía Hoa Kỳ khẳng định"]


def test_two_versions_in_seed_004_pair_as_a_reader_would():
    text = _seed("004")
    cut = text.index("Quang cảnh cuộc Đối thoại")  # the second version starts here
    first, second = text[:cut], text[cut:]
    alignment = align_documents(first, second)
    drawn = {(first[p.left[0] :], second[p.right[0] :]) for p in alignment.pairs}
    for left_start, right_start in READER_PAIRS:
        assert any(a.startswith(left_start) and b.startswith(right_start) for a, b in drawn), (
            left_start
        )
    assert len(alignment.pairs) == len(READER_PAIRS)
    right_only = [second[s:e] for s, e in alignment.right_only]
    for start in ONLY_IN_SECOND:
        assert any(s.startswith(start) for s in right_only)
    # One sentence of the second version sums up two of the first: both are paired with it.
    merged = next(p for p in alignment.pairs if second[p.right[0] :].startswith("Các quan chức"))
    assert "Hai bên nhất trí tiếp tục thúc đẩy" in first[merged.left[0] : merged.left[1]]
    # Every sentence of the second version that has a counterpart is paired, in order.
    ordered = sorted(alignment.pairs, key=lambda p: p.left)
    assert [p.right for p in ordered] == sorted(p.right for p in ordered)


# --- spans, counterparts, synchronised scrolling -------------------------------------


def test_spans_count_code_points_after_an_emoji():
    left = "🎉🇻🇳 Tin mới! " + FOOTBALL
    right = "Ảnh 📷.\n" + strip_marks(FOOTBALL)
    alignment = align_documents(left, right)
    assert len(alignment.pairs) == 4
    for pair in alignment.pairs:
        left_text = left[pair.left[0] : pair.left[1]]
        assert left_text in FOOTBALL.split("\n")
        assert right[pair.right[0] : pair.right[1]] == strip_marks(left_text)
        assert pair.score == 1.0


def test_a_sentence_split_in_two_pairs_with_both_halves():
    left = (
        "Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại song phương. Đồng thời"
        " hai bên mở rộng hợp tác trong lĩnh vực giáo dục, đào tạo và khoa học công nghệ."
    )
    right = (
        "Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại song phương, đồng thời"
        " mở rộng hợp tác trong lĩnh vực giáo dục, đào tạo và khoa học công nghệ."
    )
    alignment = align_documents(left, right)
    assert alignment.pairs and alignment.pairs[0].left == (0, len(left))
    assert alignment.pairs[0].right == (0, len(right))
    assert alignment.left_only == alignment.right_only == ()


def test_counterparts_and_sync_position(edited_pair):
    left, right, sents = edited_pair
    alignment = align_documents(left, right)
    for pair in alignment.pairs:
        for offset in range(pair.left[0], pair.left[1] + 1):
            assert alignment.counterpart_of_left(offset) == pair
        assert alignment.counterpart_of_right(pair.right[0] + 3) == pair
    removed = _find(left, sents[5])
    assert alignment.counterpart_of_left(removed[0] + 2) is None
    assert alignment.counterpart_of_right(right.index(ADDED) + 2) is None
    assert alignment.counterpart_of_left(-5) is None
    positions = [sync_position(alignment, x) for x in range(-10, len(left) + 10)]
    assert positions == sorted(positions)
    assert positions[0] == 0 and positions[-1] == len(right)
    assert all(0 <= y <= len(right) for y in positions)
    # The right pane follows the alignment: a sentence's start maps to its counterpart's.
    for pair in alignment.pairs:
        if pair.left[0] not in (left.index(sents[12]), left.index(sents[13])):
            assert sync_position(alignment, pair.left[0]) == pair.right[0]


def test_sync_position_stays_monotone_when_paragraphs_are_reordered():
    paragraphs = WEATHER.split("\n") + FOOTBALL.split("\n")
    left = "\n".join(paragraphs)
    right = "\n".join(paragraphs[4:] + paragraphs[:4])
    alignment = align_documents(left, right)
    assert len(alignment.pairs) == 8
    positions = [sync_position(alignment, x) for x in range(len(left) + 1)]
    assert positions == sorted(positions)
    assert positions[0] >= 0 and positions[-1] <= len(right)


@pytest.mark.parametrize(("left", "right"), [("", ""), ("", FOOTBALL), (WEATHER, ""), (" \n", "…")])
def test_empty_text_gives_an_empty_alignment(left, right):
    alignment = align_documents(left, right)
    assert alignment.pairs == ()
    assert len(alignment.left_only) == (4 if left == WEATHER else 0)
    assert len(alignment.right_only) == (4 if right == FOOTBALL else 0)
    assert alignment.counterpart_of_left(0) is None
    assert alignment.counterpart_of_right(0) is None
    assert 0 <= sync_position(alignment, 3) <= len(right)


def test_threshold_is_respected(edited_pair):
    left, right, _sents = edited_pair
    strict = align_documents(left, right, threshold=0.99)
    assert strict.pairs and all(p.score >= 0.99 for p in strict.pairs)
    assert len(strict.pairs) < len(align_documents(left, right).pairs)
    assert isinstance(strict.pairs[0], SentencePair)
