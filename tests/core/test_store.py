"""The store: documents, de-duplication, entities and their validation, persistence."""

from __future__ import annotations

import sqlite3

import pytest

from vnreader.core.store import content_hash, open_store

TEXT = "Thủ tướng Phạm Minh Chính thăm Đà Nẵng."


def test_document_round_trip_survives_reopening(db_path):
    with open_store(db_path) as store:
        result = store.add_document("Tin", TEXT, "/reports/tin.txt")
        assert result.created
    with open_store(db_path) as store:
        document = store.get_document(result.document_id)
        assert document.text == TEXT
        assert document.title == "Tin"
        assert document.source_path == "/reports/tin.txt"
        assert document.content_hash == content_hash(TEXT)
        assert document.imported_at.endswith("+00:00")


def test_same_content_is_stored_once(store):
    first = store.add_document("A", TEXT)
    second = store.add_document("B (copy)", TEXT)
    assert second.created is False
    assert second.document_id == first.document_id
    assert store.document_count() == 1


def test_list_documents_sorted_by_title_with_entity_counts(store):
    b = store.add_document("bão số 3", "Bão vào Quảng Ninh.").document_id
    store.add_document("An ninh", "Văn bản khác.")
    store.replace_model_entities(b, [(8, 18, "LOC", "Quảng Ninh")], "v1")
    listed = store.list_documents()
    assert [d.title for d in listed] == ["An ninh", "bão số 3"]
    assert [d.entity_count for d in listed] == [None, 1]


def test_entities_are_validated_against_the_stored_text(store):
    doc = store.add_document("T", TEXT).document_id
    with pytest.raises(ValueError, match="does not match"):
        store.replace_model_entities(doc, [(0, 5, "PER", "Phạm")], "v1")
    with pytest.raises(ValueError, match="label"):
        store.replace_model_entities(doc, [(10, 25, "DATE", "Phạm Minh Chính")], "v1")
    assert store.entities_for(doc) == []
    assert store.entity_run_version(doc) is None


def test_model_entities_replace_earlier_model_output_and_keep_user_ones(store):
    doc = store.add_document("T", TEXT).document_id
    store.replace_model_entities(doc, [(10, 25, "PER", "Phạm Minh Chính")], "v1")
    store.db.execute(
        'INSERT INTO entities (document_id, start, "end", label, text, origin)'
        " VALUES (?, 31, 38, 'LOC', 'Đà Nẵng', 'user')",
        [doc],
    )
    store.replace_model_entities(
        doc, [(0, 9, "ORG", "Thủ tướng"), (31, 38, "LOC", "Đà Nẵng")], "v2"
    )
    stored = {(e.start, e.end, e.label, e.origin) for e in store.entities_for(doc)}
    assert stored == {(0, 9, "ORG", "model"), (31, 38, "LOC", "user")}  # the user's hides its twin
    assert store.entity_run_version(doc) == "v2"
    assert store.documents_needing_entities("v2") == []
    assert store.documents_needing_entities("v3") == [doc]


def test_foreign_keys_cascade_entities_with_their_document(store):
    doc = store.add_document("T", TEXT).document_id
    store.replace_model_entities(doc, [(31, 38, "LOC", "Đà Nẵng")], "v1")
    store.db.execute("DELETE FROM documents WHERE id = ?", [doc])
    assert store.db.execute("SELECT count(*) FROM entities").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM entity_runs").fetchone()[0] == 0


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add_document("A", "một")
        raise RuntimeError("boom")
    assert store.document_count() == 0


def test_database_uses_wal_foreign_keys_and_full_sync(db_path):
    with open_store(db_path) as store:
        pragma = store.db.execute
        assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
        assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_meta_values(store):
    assert store.get_meta("seeded") is None
    store.set_meta("seeded", "1")
    store.set_meta("seeded", "2")
    assert store.get_meta("seeded") == "2"


def test_results_stored_without_fsync_are_still_atomic_and_full_sync_comes_back(store):
    doc = store.add_document("Tin", "Hà Nội và Đà Nẵng").document_id
    synchronous = "PRAGMA synchronous"
    assert store.db.execute(synchronous).fetchone()[0] == 2  # FULL for the user's edits
    with store.without_fsync():
        assert store.db.execute(synchronous).fetchone()[0] == 1  # NORMAL
        store.replace_model_entities(doc, [(0, 6, "LOC", "Hà Nội")], "v1")
    assert store.db.execute(synchronous).fetchone()[0] == 2
    with pytest.raises(ValueError), store.without_fsync():  # a bad span: nothing written
        store.replace_model_entities(doc, [(10, 99, "LOC", "Đà Nẵng")], "v2")
    assert store.db.execute(synchronous).fetchone()[0] == 2
    assert [(e.text, e.label) for e in store.entities_for(doc)] == [("Hà Nội", "LOC")]
    assert store.entity_run_version(doc) == "v1"
