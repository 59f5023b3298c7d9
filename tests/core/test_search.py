"""Corpus search and in-text find: folding, query parsing, hostile input, spans, the index."""

from __future__ import annotations

import random
import string
import unicodedata

import pytest

from vnreader.core.migrations import migrations
from vnreader.core.search import (
    Query,
    Term,
    documents_mentioning,
    find_in_text,
    parse_query,
    search,
    to_fts,
)
from vnreader.core.store import open_store
from vnreader.core.text import fold, fold_same_length

DA_NANG = "Thủ tướng thăm Đà Nẵng và làm việc với lãnh đạo thành phố."
BO_NGOAI_GIAO = "Người phát ngôn Bộ Ngoại giao trả lời câu hỏi của phóng viên."
HOA_OLD = "Hai nước cam kết hoà bình và ổn định trong khu vực."
HOA_NEW = "Đối thoại vì hòa bình, hợp tác và phát triển."
HOA_PLAIN = "Bộ trưởng gặp Ngoại trưởng Hoa Kỳ tại Washington."

HOSTILE = [
    '"',
    '""',
    "Hà-Nội",
    "(",
    ")",
    "AND",
    "OR NOT",
    "NEAR(a b)",
    "*",
    "a*",
    '"unterminated',
    "col:val",
    "^",
    "'",
    "😀",
    "",
    "   ",
    "\x00",
    "\ud800",
    "a" * 5000,
    "- + : { } [ ] ; , .",
    '"a" OR "b" NOT c*',
    "title:Hà NOT(Nội)",
]


@pytest.fixture
def corpus(store):
    ids = {}
    for name, text in [
        ("da_nang", DA_NANG),
        ("bo", BO_NGOAI_GIAO),
        ("hoa_old", HOA_OLD),
        ("hoa_new", HOA_NEW),
        ("hoa_plain", HOA_PLAIN),
    ]:
        ids[name] = store.add_document(f"Tin {len(ids) + 1}", text).document_id
    return store, ids


def _ids(hits):
    return {hit.document_id for hit in hits}


# --- folding ----------------------------------------------------------------------------


def test_fold_same_length_folds_vietnamese():
    assert fold_same_length("Đà Nẵng") == "da nang"
    assert fold_same_length("BỘ NGOẠI GIAO") == "bo ngoai giao"
    assert fold_same_length("hoà hòa ðð") == "hoa hoa dd"


@pytest.mark.parametrize(
    "text", ["İstanbul", "Straße", "😀 Đà Nẵng 😀", "e\u0323\u0302 q\u0303", "ǅ한국ﬁ", "\u0300"]
)
def test_fold_same_length_keeps_length_of_odd_text(text):
    for form in ("NFC", "NFD"):
        source = unicodedata.normalize(form, text)
        assert len(fold_same_length(source)) == len(source)


def test_fold_same_length_keeps_length_of_random_text():
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x20, 0x2000)] + ["😀", "𝐀", "İ", "ß", "\u0301", "ǅ"]
    for _ in range(300):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 60)))
        for form in ("NFC", "NFD"):
            source = unicodedata.normalize(form, text)
            assert len(fold_same_length(source)) == len(source)


# --- query parsing ----------------------------------------------------------------------


def test_parse_words_phrases_and_prefixes():
    query = parse_query('Đà Nẵng "bộ ngoại giao" hợp*')
    assert query.terms == (
        Term(("Đà",)),
        Term(("Nẵng",)),
        Term(("bộ", "ngoại", "giao")),
        Term(("hợp",), prefix=True),
    )
    assert to_fts(query) == '"da" AND "nang" AND "bo ngoai giao" AND "hop" *'


def test_hyphenated_word_is_a_phrase_and_operators_are_dropped():
    assert parse_query("Hà-Nội").terms == (Term(("Hà", "Nội")),)
    assert parse_query("NEAR(a b)").terms == (Term(("a",)), Term(("b",)))
    assert parse_query("OR NOT").terms == (Term(("OR",)), Term(("NOT",)))


@pytest.mark.parametrize("raw", ['"', '""', "(", ")", "*", "^", "'", "😀", "", "\ud800"])
def test_nothing_usable_is_an_empty_query(raw):
    assert parse_query(raw) == Query()
    assert to_fts(parse_query(raw)) is None


def test_unbalanced_quote_is_ignored():
    assert parse_query('"unterminated words').terms == (Term(("unterminated",)), Term(("words",)))


def _random_strings(count: int) -> list[str]:
    rng = random.Random(20240601)
    alphabet = string.printable + 'Đđàáảãạăằắẳẵặâầấẩẫậ"*-()^:' + "😀"
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(count)]


def test_hostile_queries_never_raise(corpus):
    store, _ids = corpus
    for raw in HOSTILE + _random_strings(500):
        query = parse_query(raw)
        fts = to_fts(query)
        assert fts is None or isinstance(fts, str)
        assert isinstance(search(store, raw), list)
        assert isinstance(search(store, raw, exact=True), list)
        assert isinstance(find_in_text(DA_NANG, raw), list)


# --- corpus search ----------------------------------------------------------------------


def test_accent_free_search(corpus):
    store, ids = corpus
    assert _ids(search(store, "Da Nang")) == {ids["da_nang"]}
    assert _ids(search(store, "bo ngoai giao")) == {ids["bo"]}
    assert {ids["hoa_old"], ids["hoa_new"]} <= _ids(search(store, "hòa"))
    assert _ids(search(store, "HOA BINH")) == {ids["hoa_old"], ids["hoa_new"]}


def test_all_words_must_match_and_phrases_are_consecutive(corpus):
    store, ids = corpus
    assert _ids(search(store, "ngoai giao")) == {ids["bo"]}
    assert _ids(search(store, "ngoai truong")) == {ids["hoa_plain"]}
    assert _ids(search(store, '"ngoai truong"')) == {ids["hoa_plain"]}
    assert _ids(search(store, '"truong ngoai"')) == set()
    assert _ids(search(store, "Da Nang Washington")) == set()


def test_prefix_matches_word_starts(corpus):
    store, ids = corpus
    assert _ids(search(store, "Washing*")) == {ids["hoa_plain"]}
    assert _ids(search(store, "ashing*")) == set()
    hit = search(store, "Washing*")[0]
    text = store.get_document(hit.document_id).text
    assert [text[s:e] for s, e in hit.spans] == ["Washington"]


def test_exact_mode_needs_accents_but_not_tone_placement(corpus):
    store, ids = corpus
    assert _ids(search(store, "hòa", exact=True)) == {ids["hoa_old"], ids["hoa_new"]}
    assert _ids(search(store, "hoà", exact=True)) == {ids["hoa_old"], ids["hoa_new"]}
    assert _ids(search(store, "Hoa", exact=True)) == {ids["hoa_plain"]}
    assert _ids(search(store, "Da Nang", exact=True)) == set()
    assert _ids(search(store, "đà nẵng", exact=True)) == {ids["da_nang"]}


def test_spans_index_the_stored_text_and_the_snippet(store):
    text = "😀🇻🇳 Mở đầu. " + "Nội dung khác. " * 20 + "Gặp gỡ tại Đà Nẵng, rồi đà nẵng."
    doc_id = store.add_document("Emoji", text).document_id
    [hit] = search(store, "da nang")
    assert hit.document_id == doc_id and hit.hits == 2
    assert [fold(text[s:e]) for s, e in hit.spans] == ["da nang", "da nang"]
    assert [hit.snippet_text[s:e] for s, e in hit.snippet_spans] == ["Đà Nẵng", "đà nẵng"]
    assert len(hit.snippet_text) <= 200 and "\n" not in hit.snippet_text


def test_hits_are_counted_over_the_whole_document(store):
    text = "\n".join(["Đà Nẵng."] + ["Một câu dài không liên quan gì cả."] * 50 + ["Đà Nẵng."])
    store.add_document("Dài", text)
    [hit] = search(store, "Đà Nẵng")
    assert hit.hits == 2 and len(hit.spans) == 2 and len(hit.snippet_spans) == 1


def test_ranking_and_limit(store):
    store.add_document("Một lần", "Đà Nẵng. " + "Văn bản. " * 30)
    many = store.add_document("Nhiều lần", "Đà Nẵng, Đà Nẵng, Đà Nẵng.").document_id
    hits = search(store, "da nang")
    assert hits[0].document_id == many
    assert len(search(store, "da nang", limit=1)) == 1
    assert search(store, "da nang", limit=0) == []


def test_title_matches_count(store):
    doc_id = store.add_document("Báo cáo Hải Phòng", "Nội dung không nêu tên.").document_id
    [hit] = search(store, "hai phong")
    assert hit.document_id == doc_id and hit.hits == 0 and hit.spans == ()


# --- the index follows the documents ----------------------------------------------------


def test_index_follows_add_and_delete(store):
    doc_id = store.add_document("T", DA_NANG).document_id
    assert _ids(search(store, "da nang")) == {doc_id}
    assert store.add_document("T2", DA_NANG).created is False
    assert len(search(store, "da nang")) == 1
    assert store.delete_document(doc_id) is True
    assert search(store, "da nang") == []
    assert store.delete_document(doc_id) is False
    fts_rows = store.db.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    assert fts_rows == 0


def test_failed_transaction_leaves_no_index_row(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add_document("T", DA_NANG)
        raise RuntimeError("import failed")
    assert store.document_count() == 0
    assert store.db.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0


def test_delete_document_cascades_to_entities(store):
    doc_id = store.add_document("T", DA_NANG).document_id
    start = DA_NANG.index("Đà Nẵng")
    store.replace_model_entities(doc_id, [(start, start + 7, "LOC", "Đà Nẵng")], "v1")
    store.delete_document(doc_id)
    assert store.entities_for(doc_id) == []
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migration_backfills_documents_imported_before_it(db_path):
    import sqlite3

    from sqlite_utils import Database

    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    migrations.apply(db, stop_before="0003_search_index")
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO documents (title, content_hash, text, char_count, imported_at)"
        " VALUES ('Cũ', 'h1', ?, ?, '2024-01-01')",
        [DA_NANG, len(DA_NANG)],
    )
    conn.close()
    with open_store(db_path) as store:
        assert [hit.title for hit in search(store, "da nang")] == ["Cũ"]
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_document_deleted_behind_the_store_is_skipped(store):
    doc_id = store.add_document("T", DA_NANG).document_id
    store.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    assert search(store, "da nang") == []


# --- find in one text -------------------------------------------------------------------


def test_find_in_text_words_phrases_prefixes():
    text = "Hà Nội, Hà-Nội và HÀ   NỘI; Hanoi. Hàng hóa."
    spans = find_in_text(text, '"ha noi"')
    assert [text[s:e] for s, e in spans] == ["Hà Nội", "Hà-Nội", "HÀ   NỘI"]
    assert [text[s:e] for s, e in find_in_text(text, "ha")] == ["Hà", "Hà", "HÀ"]
    assert [text[s:e] for s, e in find_in_text(text, "ha*")] == [
        "Hà",
        "Hà",
        "HÀ",
        "Hanoi",
        "Hàng",
    ]
    assert [text[s:e] for s, e in find_in_text(text, "hoa", exact=True)] == []
    assert [text[s:e] for s, e in find_in_text(text, "hoá", exact=True)] == ["hóa"]


def test_find_in_text_offsets_are_code_points_after_emoji_and_nfd():
    text = "😀😀 " + unicodedata.normalize("NFD", "Đà Nẵng") + " 🇻🇳 đà nẵng"
    spans = find_in_text(text, "da nang")
    assert len(spans) == 2
    assert [fold(text[s:e]) for s, e in spans] == ["da nang", "da nang"]


def test_find_in_text_treats_d_stroke_variants_alike():
    text = "Ðà Nẵng (legacy ð) và Đà Nẵng"
    assert len(find_in_text(text, "da nang")) == 2
    assert len(find_in_text(text, "đà nẵng", exact=True)) == 2


# --- documents mentioning an entity -----------------------------------------------------


def test_documents_mentioning_folds_the_entity_text(corpus):
    store, ids = corpus
    for name, text, entity in [("da_nang", DA_NANG, "Đà Nẵng"), ("hoa_plain", HOA_PLAIN, "Hoa Kỳ")]:
        start = text.index(entity)
        span = (start, start + len(entity), "LOC", entity)
        store.replace_model_entities(ids[name], [span], "v1")
    assert documents_mentioning(store, "đà nẵng") == [ids["da_nang"]]
    assert documents_mentioning(store, "Đà Nẵng", "LOC") == [ids["da_nang"]]
    assert documents_mentioning(store, "Đà Nẵng", "PER") == []
    assert documents_mentioning(store, "  ") == []


def test_the_focus_is_where_the_words_meet_not_the_first_word(store):
    text = "Bộ Y tế họp sáng nay. Sau đó Bộ Ngoại giao ra thông cáo về giao thương."
    doc_id = store.add_document("Thông cáo", text).document_id
    [hit] = search(store, "bo ngoai giao")
    assert hit.document_id == doc_id
    start, end = hit.focus
    assert text[start:end] == "Bộ Ngoại giao"
    assert "«" not in hit.snippet_text and "Bộ Ngoại giao" in hit.snippet_text


def test_exact_prefix_does_not_depend_on_where_the_tone_sits():
    text = "hoà bình, hòa giải, hoa hồng, họa sĩ"
    found = [text[s:e] for s, e in find_in_text(text, "hò*", exact=True)]
    assert found == ["hoà", "hòa"]
    found = [text[s:e] for s, e in find_in_text(text, "họ*", exact=True)]
    assert found == ["họa"]
    assert len(find_in_text(text, "ho*", exact=True)) == 4
    assert find_in_text(text, "hồ*", exact=True) == [(text.index("hồng"), text.index("hồng") + 4)]


def test_a_time_budget_stops_an_exact_search_and_says_so(store):
    with store.transaction():  # more candidates than one batch, none of them exact
        for n in range(300):
            store.add_document(f"Tin {n}", f"Viet Nam khong dau {n}. " * 5)
    store.add_document("Có dấu", "Việt Nam có dấu.")
    results = search(store, "Việt Nam", exact=True, time_budget=0.0)
    assert results.complete is False
    complete = search(store, "Việt Nam", exact=True)
    assert complete.complete is True
    assert [hit.title for hit in complete] == ["Có dấu"]
