"""Schema creation by migrations, and refusal of databases this version must not touch."""

from __future__ import annotations

import sqlite3

import pytest

from tests.core.old_schema import database_before
from vnreader.core.migrations import MIGRATION_SET, SCHEMA_VERSION
from vnreader.core.store import NewerDatabaseError, NotAVnreaderDatabaseError, open_store


def test_new_database_gets_every_migration_and_the_user_version(db_path):
    with open_store(db_path) as store:
        assert {"documents", "entities", "entity_runs", "meta"} <= set(store.db.table_names())
        names = store.db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchall()
        assert len(names) == SCHEMA_VERSION
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_in_memory_database_works():
    with open_store(None) as store:
        assert store.add_document("T", "Hà Nội").created


def test_reopening_applies_nothing_twice(db_path):
    open_store(db_path).close()
    with open_store(db_path) as store:
        count = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert count == SCHEMA_VERSION


def _bytes(path):
    return path.read_bytes()


def test_newer_user_version_is_refused_and_untouched(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _bytes(db_path)
    with pytest.raises(NewerDatabaseError, match="newer vnreader"):
        open_store(db_path)
    assert _bytes(db_path) == before


def test_unknown_migration_name_is_refused(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES (?, '0099_from_the_future', '2030-01-01')",
            [MIGRATION_SET],
        )
    conn.close()
    with pytest.raises(NewerDatabaseError, match="0099_from_the_future"):
        open_store(db_path)


def test_non_sqlite_file_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"my precious notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(NotAVnreaderDatabaseError, match="not a SQLite database"):
        open_store(path)
    assert path.read_bytes() == before


def test_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(NotAVnreaderDatabaseError, match="another program"):
        open_store(path)


def test_folder_as_database_is_refused(tmp_path):
    with pytest.raises(Exception, match="folder"):
        open_store(tmp_path)


def _database_before_ids_were_kept(db_path):
    """A database at schema 3 (ids could be reused) with a theme, a nested one and two
    passages (a third was deleted: schema 3 kept no trace of its id)."""

    conn = database_before(db_path, "0004_ids_never_reused")
    conn.execute(
        "INSERT INTO documents (title, content_hash, text, char_count, imported_at)"
        " VALUES ('Tin', 'h', 'Hà Nội và Đà Nẵng', 17, '2025-01-01')"
    )
    conn.executemany(
        "INSERT INTO themes (id, name, color, parent_id, created_at) VALUES (?, ?, ?, ?, 't')",
        [(1, "Kinh tế", "#ffeeaa", None), (2, "Thương mại", "#aaeeff", 1)],
    )
    conn.executemany(
        'INSERT INTO annotations (id, document_id, theme_id, start, "end", text, note,'
        " created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, 't', 't')",
        [(1, 1, 0, 6, "Hà Nội", "thủ đô"), (2, 2, 10, 17, "Đà Nẵng", ""), (3, 1, 0, 2, "Hà", "")],
    )
    conn.execute("DELETE FROM annotations WHERE id = 3")
    conn.close()


def test_upgrade_keeps_every_row_and_never_reuses_a_deleted_id(db_path):
    from vnreader.core import annotations, themes

    _database_before_ids_were_kept(db_path)
    with open_store(db_path) as store:
        db = store.db
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        rows = db.execute('SELECT id, theme_id, start, "end", note FROM annotations').fetchall()
        assert rows == [(1, 1, 0, 6, "thủ đô"), (2, 2, 10, 17, "")]
        assert themes.find_theme(store, "Kinh tế > Thương mại").id == 2
        newest = annotations.add_annotation(store, 1, 1, 0, 2)
        annotations.delete_annotation(store, newest.id)
        assert annotations.add_annotation(store, 1, 1, 0, 2).id == newest.id + 1
        newest_theme = themes.create_theme(store, "An ninh")
        themes.delete_theme(store, newest_theme.id)
        assert themes.create_theme(store, "Quốc phòng").id == newest_theme.id + 1
        db.execute("DELETE FROM themes WHERE id = 1")  # cascades still work after the rebuild
        assert db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
        assert db.execute("SELECT parent_id FROM themes WHERE id = 2").fetchone()[0] is None


def test_upgrade_interrupted_after_the_rebuild_is_finished_on_the_next_start(db_path):
    _database_before_ids_were_kept(db_path)
    open_store(db_path).close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_ids_never_reused'")
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with open_store(db_path) as store:
        assert store.db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_upgrade_does_not_refuse_a_database_with_an_older_broken_link(db_path):
    _database_before_ids_were_kept(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None)  # foreign keys off, as in a shell
    conn.execute(
        'INSERT INTO entities (document_id, start, "end", label, text, origin)'
        " VALUES (99, 0, 2, 'LOC', 'Hà', 'model')"
    )
    conn.execute(
        'INSERT INTO annotations (id, document_id, theme_id, start, "end", text, note,'
        " created_at, updated_at) VALUES (7, 98, 1, 0, 2, 'Hà', '', 't', 't')"
    )
    conn.close()
    with open_store(db_path) as store:
        ids = [row[0] for row in store.db.execute("SELECT id FROM annotations ORDER BY id")]
        assert ids == [1, 2, 7]  # kept as it was: nothing is dropped by an upgrade


def test_upgrade_to_entity_corrections_keeps_entities_and_copies_the_model_output(db_path):

    from vnreader.core import entity_corrections as ec

    conn = database_before(db_path, "0005_entity_corrections")
    conn.execute(
        "INSERT INTO documents (title, content_hash, text, char_count, imported_at)"
        " VALUES ('Tin', 'h', 'Hà Nội và Đà Nẵng', 17, '2025-01-01')"
    )
    conn.executemany(
        'INSERT INTO entities (document_id, start, "end", label, text, origin)'
        " VALUES (1, ?, ?, ?, ?, ?)",
        [(0, 6, "LOC", "Hà Nội", "model"), (10, 17, "ORG", "Đà Nẵng", "user")],
    )
    conn.execute(
        "INSERT INTO entity_runs (document_id, pipeline_version, entity_count, finished_at)"
        " VALUES (1, 'old', 2, '2025-01-01')"
    )
    conn.close()
    with open_store(db_path) as store:
        db = store.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"model_entities", "entity_rejections", "user_dictionary"} <= set(db.table_names())
        assert [
            (e.text, e.origin, e.confidence, e.from_dictionary) for e in store.entities_for(1)
        ] == [
            ("Hà Nội", "model", None, False),
            ("Đà Nẵng", "user", None, False),
        ]
        assert db.execute(
            'SELECT start, "end", label, confidence FROM model_entities'
        ).fetchall() == [(0, 6, "LOC", None)]
        ec.reject_entities(store, 1, [(0, 6)])  # corrections work on the upgraded file
        store.replace_model_entities(1, [(0, 6, "LOC", "Hà Nội", 0.5)], "new")
        assert [e.text for e in store.entities_for(1)] == ["Đà Nẵng"]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_upgrade_to_title_keys_folds_every_existing_title(db_path):

    from vnreader.core.document_pages import DocumentQuery, document_page

    conn = database_before(db_path, "0006_title_keys")
    conn.executemany(
        "INSERT INTO documents (title, content_hash, text, char_count, imported_at)"
        " VALUES (?, ?, 'x', 1, '2025-01-01')",
        [("Tin Đà Nẵng", "a"), ("Báo cáo  Hà Nội", "b"), ("an ninh", "c")],
    )
    conn.close()
    with open_store(db_path) as store:
        keys = store.db.execute("SELECT title_key FROM documents ORDER BY id").fetchall()
        assert [k for (k,) in keys] == ["tin da nang", "bao cao ha noi", "an ninh"]
        titles = [d.title for d in document_page(store, DocumentQuery.of("da"))]
        assert titles == ["Tin Đà Nẵng"]
