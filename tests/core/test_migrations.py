"""Schema creation by migrations, and refusal of databases this version must not touch."""

from __future__ import annotations

import sqlite3

import pytest

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
