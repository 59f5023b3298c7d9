"""Tagged passages: validation, code-point offsets, update, delete/restore, export rows."""

from __future__ import annotations

import pytest

from vnreader.core.annotations import (
    AnnotationError,
    add_annotation,
    annotations_for_document,
    count_annotations,
    delete_annotation,
    get_annotation,
    iter_annotation_rows,
    list_annotations,
    replace_annotation,
    restore_annotation,
    update_annotation,
)
from vnreader.core.themes import create_theme

TEXT = "Thủ tướng Phạm Minh Chính thăm Đà Nẵng.\nHai bên thúc đẩy hợp tác kinh tế - thương mại."
EMOJI_TEXT = "🇻🇳🎉 Việt Nam và Hoa Kỳ ký hiệp định."


@pytest.fixture
def doc(store):
    return store.add_document("Tin Đà Nẵng", TEXT).document_id


@pytest.fixture
def economy(store):
    return create_theme(store, "Kinh tế").id


@pytest.fixture
def security(store):
    return create_theme(store, "An ninh").id


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def assert_text_matches(store):
    for annotation in list_annotations(store):
        document = store.get_document(annotation.document_id)
        assert annotation.text == document.text[annotation.start : annotation.end]


def test_add_with_vietnamese_text(store, doc, economy):
    start, end = span(TEXT, "hợp tác kinh tế - thương mại")
    added = add_annotation(store, doc, economy, start, end, note="quan trọng")
    assert added.text == "hợp tác kinh tế - thương mại"
    assert added.created_at == added.updated_at
    assert added.created_at.endswith("+00:00")
    assert get_annotation(store, added.id) == added
    assert count_annotations(store) == 1


def test_note_is_nfc_normalised(store, doc, economy):
    added = add_annotation(store, doc, economy, 0, 3, note="Vie\u0302\u0323t")
    assert added.note == "Việt"


def test_offsets_are_code_points_after_an_emoji(store, economy):
    document_id = store.add_document("Emoji", EMOJI_TEXT).document_id
    start, end = span(EMOJI_TEXT, "Hoa Kỳ")
    assert start == 16  # 3 code points outside the BMP + " Việt Nam và " (UTF-16 would say 19)
    added = add_annotation(store, document_id, economy, start, end)
    assert added.text == "Hoa Kỳ"
    assert_text_matches(store)


def test_overlapping_and_identical_ranges_with_other_themes_are_allowed(
    store, doc, economy, security
):
    add_annotation(store, doc, economy, 0, 25)
    add_annotation(store, doc, security, 10, 30)
    add_annotation(store, doc, security, 0, 25)
    assert [(a.start, a.end) for a in annotations_for_document(store, doc)] == [
        (0, 25),
        (0, 25),
        (10, 30),
    ]


def test_exact_duplicate_is_refused(store, doc, economy):
    add_annotation(store, doc, economy, 0, 9)
    with pytest.raises(AnnotationError, match="already tagged with this theme"):
        add_annotation(store, doc, economy, 0, 9, note="again")
    assert count_annotations(store) == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 5, "range -1–5 is outside document"),
        (10, 5, "range 10–5 is empty or reversed"),
        (7, 7, "range 7–7 is empty or reversed"),
        (0, 99999, r"range 0–99999 is outside document \d+ \(86 characters\)"),
        (9, 10, "the passage is only whitespace"),
        (39, 40, "the passage is only whitespace"),  # the newline
        (1.5, 4, "must be whole numbers"),
    ],
)
def test_invalid_ranges_are_refused(store, doc, economy, start, end, message):
    with pytest.raises(AnnotationError, match=message):
        add_annotation(store, doc, economy, start, end)
    assert count_annotations(store) == 0


def test_large_document_sizes_are_grouped(store, economy):
    document_id = store.add_document("Dài", "a" * 3342).document_id
    with pytest.raises(AnnotationError, match=r"\(3,342 characters\)"):
        add_annotation(store, document_id, economy, 0, 99999)


def test_zero_width_only_passage_is_refused(store, economy):
    document_id = store.add_document("ZW", "Hà\u200b\u200bNội").document_id
    with pytest.raises(AnnotationError, match="only whitespace"):
        add_annotation(store, document_id, economy, 2, 4)


def test_unknown_document_and_theme(store, doc, economy):
    with pytest.raises(AnnotationError, match="document 999 does not exist"):
        add_annotation(store, 999, economy, 0, 3)
    with pytest.raises(AnnotationError, match="unknown theme 42"):
        add_annotation(store, doc, 42, 0, 3)


def test_update_note_theme_and_span_rederives_text(store, doc, economy, security):
    added = add_annotation(store, doc, economy, *span(TEXT, "Phạm Minh Chính"))
    before, after = update_annotation(store, added.id, note="Thủ tướng")
    assert before == added
    assert after.note == "Thủ tướng" and after.text == "Phạm Minh Chính"
    _, after = update_annotation(store, added.id, theme_id=security)
    assert after.theme_id == security
    start, end = span(TEXT, "Đà Nẵng")
    _, after = update_annotation(store, added.id, start=start, end=end)
    assert (after.start, after.end, after.text) == (start, end, "Đà Nẵng")
    assert after.created_at == added.created_at
    assert get_annotation(store, added.id) == after
    assert_text_matches(store)


def test_update_revalidates(store, doc, economy, security):
    first = add_annotation(store, doc, economy, 0, 9)
    second = add_annotation(store, doc, economy, 10, 25)
    with pytest.raises(AnnotationError, match="already tagged"):
        update_annotation(store, second.id, start=0, end=9)
    with pytest.raises(AnnotationError, match="empty or reversed"):
        update_annotation(store, first.id, end=0)
    with pytest.raises(AnnotationError, match="unknown theme 77"):
        update_annotation(store, first.id, theme_id=77)
    with pytest.raises(AnnotationError, match="annotation 555 does not exist"):
        update_annotation(store, 555, note="x")
    assert get_annotation(store, first.id) == first
    assert get_annotation(store, second.id) == second


def test_replace_annotation_writes_back_a_before_image(store, doc, economy):
    added = add_annotation(store, doc, economy, 0, 9, note="cũ")
    before, _ = update_annotation(store, added.id, note="mới", start=10, end=25)
    replace_annotation(store, before)
    assert get_annotation(store, added.id) == added


def test_delete_and_restore_keep_the_id_and_timestamps(store, doc, economy):
    keep = add_annotation(store, doc, economy, 10, 25)
    added = add_annotation(store, doc, economy, 0, 9, note="ghi chú")
    deleted = delete_annotation(store, added.id)
    assert deleted == added
    assert get_annotation(store, added.id) is None
    restore_annotation(store, deleted)
    assert get_annotation(store, added.id) == added
    assert list_annotations(store) == [added, keep]
    with pytest.raises(AnnotationError, match="does not exist"):
        delete_annotation(store, 12345)


def test_deleting_a_document_cascades_its_annotations(store, doc, economy):
    other = store.add_document("Khác", "Biển Đông và an ninh hàng hải.").document_id
    add_annotation(store, doc, economy, 0, 9)
    kept = add_annotation(store, other, economy, 0, 9)
    store.db.execute("DELETE FROM documents WHERE id = ?", [doc])
    assert list_annotations(store) == [kept]


def test_list_annotations_filters_and_order(store, doc, economy, security):
    other = store.add_document("Khác", "Biển Đông và an ninh hàng hải.").document_id
    a = add_annotation(store, other, economy, 0, 9)
    b = add_annotation(store, doc, security, 10, 25)
    c = add_annotation(store, doc, economy, 0, 9)
    assert list_annotations(store) == [c, b, a]
    assert list_annotations(store, theme_ids=[economy]) == [c, a]
    assert list_annotations(store, document_ids=[other]) == [a]
    assert list_annotations(store, theme_ids=[security], document_ids=[other]) == []
    assert list_annotations(store, theme_ids=[]) == []


def test_iter_annotation_rows_yields_titles_and_filters(store, doc, economy, security):
    other = store.add_document("Biển Đông", "Biển Đông và an ninh hàng hải.").document_id
    a = add_annotation(store, doc, economy, 0, 9, note="n")
    b = add_annotation(store, other, security, 13, 20)
    rows = list(iter_annotation_rows(store))
    assert rows == [
        (a.id, doc, "Tin Đà Nẵng", economy, 0, 9, "Thủ tướng", "n", a.created_at, a.updated_at),
        (b.id, other, "Biển Đông", security, 13, 20, "an ninh", "", b.created_at, b.updated_at),
    ]
    assert [r[0] for r in iter_annotation_rows(store, theme_ids=[security])] == [b.id]
    assert [r[0] for r in iter_annotation_rows(store, document_ids=[doc])] == [a.id]


def test_iter_annotation_rows_is_one_query_over_many_rows(store, doc, economy):
    store.db.conn.executemany(
        'INSERT INTO annotations (document_id, theme_id, start, "end", text, note, created_at,'
        " updated_at) VALUES (?, ?, 0, 9, 'Thủ tướng', '', 'now', 'now')",
        [(doc, economy)] * 5000,
    )
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        assert sum(1 for _ in iter_annotation_rows(store)) == 5000
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(statements) == 1


def test_passage_pages_carry_titles_and_filter_by_theme_and_folded_title(store, doc, economy):
    from vnreader.core.annotations import count_passages, passage_page

    security = create_theme(store, "An ninh").id
    other = store.add_document("Tin Huế", TEXT + "\nHết.").document_id
    for document in (doc, other):
        add_annotation(store, document, economy, *span(TEXT, "Phạm Minh Chính"))
        add_annotation(store, document, security, *span(TEXT, "Đà Nẵng"))
    everything = passage_page(store)
    assert [(a.document_id, title) for a, title in everything] == [
        (doc, "Tin Đà Nẵng"),
        (doc, "Tin Đà Nẵng"),
        (other, "Tin Huế"),
        (other, "Tin Huế"),
    ]
    assert [a.id for a, _ in everything] == [a.id for a in list_annotations(store)]
    assert [a.id for a, _ in passage_page(store, offset=1, limit=2)] == [
        a.id for a, _ in everything[1:3]
    ]
    assert count_passages(store) == count_annotations(store) == 4
    assert count_passages(store, theme_ids=[security]) == 2
    assert count_passages(store, title_words=("da", "nang")) == 2
    assert count_passages(store, theme_ids=[economy], title_words=("hue",)) == 1
    assert count_passages(store, title_words=("%",)) == 0
    page = passage_page(store, theme_ids=[economy], title_words=("hue",))
    assert [(a.document_id, a.text) for a, _ in page] == [(other, "Phạm Minh Chính")]
