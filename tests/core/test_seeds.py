"""First start: the sample reports appear in an empty database, once."""

from __future__ import annotations

from vnreader.core.seeds import ensure_seeded, seeds_dir


def test_seeds_are_imported_into_an_empty_database_once(store):
    report = ensure_seeded(store)
    assert report is not None and report.ok
    assert store.document_count() == len(list(seeds_dir().glob("*.txt"))) == 5
    assert ensure_seeded(store) is None
    assert store.document_count() == 5


def test_deleted_samples_do_not_come_back(store):
    ensure_seeded(store)
    store.db.execute("DELETE FROM documents")
    assert ensure_seeded(store) is None
    assert store.document_count() == 0


def test_a_database_with_documents_is_not_seeded(store):
    store.add_document("Mine", "Báo cáo của tôi.")
    assert ensure_seeded(store) is None
    assert [d.title for d in store.list_documents()] == ["Mine"]


def test_seed_titles_come_from_their_first_line(store):
    ensure_seeded(store)
    for summary in store.list_documents():
        document = store.get_document(summary.id)
        first_line = next(line for line in document.text.split("\n") if line.strip())
        assert summary.title.rstrip("…") in first_line
        assert 10 < len(summary.title) <= 121
