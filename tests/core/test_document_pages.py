"""The library a page at a time: order, filters, positions, on a real database file."""

from __future__ import annotations

import pytest

from vnreader.core.document_pages import (
    DocumentQuery,
    count_documents,
    document_page,
    position_of,
)
from vnreader.core.store import open_store

TITLES = ["Tin Huế", "Đà Nẵng đón khách", "an ninh biển", "Đà Lạt mùa hoa", "Bộ Ngoại giao"]


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "pages.db") as store:
        ids = {t: store.add_document(t, f"Nội dung {n}").document_id for n, t in enumerate(TITLES)}
        store.ids = ids
        yield store


def titles(docs):
    return [d.title for d in docs]


def test_pages_follow_the_folded_title_so_d_and_đ_sort_together(store):
    everything = titles(document_page(store))
    assert everything == [
        "an ninh biển",
        "Bộ Ngoại giao",
        "Đà Lạt mùa hoa",
        "Đà Nẵng đón khách",
        "Tin Huế",
    ]
    assert titles(document_page(store, offset=1, limit=2)) == everything[1:3]
    assert document_page(store, offset=5) == []
    assert count_documents(store) == 5


def test_filter_words_match_without_accents_and_all_must_match(store):
    query = DocumentQuery.of("da")
    assert titles(document_page(store, query)) == ["Đà Lạt mùa hoa", "Đà Nẵng đón khách"]
    assert count_documents(store, DocumentQuery.of("ĐÀ  nang")) == 1
    assert count_documents(store, DocumentQuery.of("da hue")) == 0


def test_hostile_filter_text_is_just_text(store):
    for text in ["%", "_", "'; DROP TABLE documents; --", '"', "\\", "*"]:
        assert count_documents(store, DocumentQuery.of(text)) == 0
    assert count_documents(store) == 5


def test_id_filter_combines_with_words(store):
    ids = [store.ids["Tin Huế"], store.ids["Đà Lạt mùa hoa"]]
    assert titles(document_page(store, DocumentQuery.of("", ids))) == ["Đà Lạt mùa hoa", "Tin Huế"]
    assert titles(document_page(store, DocumentQuery.of("hue", ids))) == ["Tin Huế"]
    assert count_documents(store, DocumentQuery.of("", [])) == 0


def test_position_of_a_document_in_the_filtered_order(store):
    assert position_of(store, store.ids["Tin Huế"]) == 4
    assert position_of(store, store.ids["Đà Nẵng đón khách"], DocumentQuery.of("da")) == 1
    assert position_of(store, store.ids["Tin Huế"], DocumentQuery.of("da")) is None
    assert position_of(store, 999) is None


def test_equal_titles_keep_a_stable_order_by_id(store):
    first = store.add_document("Tin Huế", "khác").document_id
    page = document_page(store, DocumentQuery.of("tin hue"))
    assert [d.id for d in page] == [store.ids["Tin Huế"], first]
    assert position_of(store, first) == 5
