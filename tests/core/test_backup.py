"""Backups: before a schema upgrade, on demand, skipped when unchanged, rotated; restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core.old_schema import database_before
from tests.test_cli import run_cli
from vnreader.core.backup import BACKUPS_KEPT, backup_database, list_backups, restore_database
from vnreader.core.store import open_store


def _documents(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM documents ORDER BY id")]


def test_a_backup_is_a_consistent_copy_and_unchanged_ones_are_skipped(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_document("Tin một", "Hà Nội và Huế.")
        first = backup_database(db_path, "start")  # while the store is open (WAL)
        assert first is not None and first.path.is_file()
        assert _documents(first.path) == ["Tin một"]
        assert backup_database(db_path, "start") is None  # nothing changed
        store.add_document("Tin hai", "Đà Nẵng.")
        second = backup_database(db_path, "start")
    assert second is not None and second.digest != first.digest
    assert [b.path for b in list_backups(db_path)] == [second.path, first.path]
    with sqlite3.connect(second.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_only_the_newest_automatic_backups_are_kept(db_path: Path) -> None:
    with open_store(db_path) as store:
        manual = backup_database(db_path, "manual", skip_unchanged=False)
        for n in range(BACKUPS_KEPT + 3):
            store.add_document(f"Tin {n}", f"Văn bản số {n}.")
            backup_database(db_path, "start")
    kept = list_backups(db_path)
    assert [b.reason for b in kept].count("start") == BACKUPS_KEPT
    assert manual.path in [b.path for b in kept]  # a manual backup is never rotated away
    assert _documents(kept[0].path)[-1] == f"Tin {BACKUPS_KEPT + 2}"


def test_an_upgrade_backs_the_old_database_up_first(db_path: Path) -> None:

    conn = database_before(db_path, "0005_entity_corrections")
    conn.execute(
        "INSERT INTO documents (title, content_hash, text, char_count, imported_at)"
        " VALUES ('Cũ', 'h', 'Hà Nội', 6, '2025-01-01')"
    )
    conn.close()
    with open_store(db_path):
        pass
    [backup] = list_backups(db_path)
    assert backup.reason == "before-migration"
    with sqlite3.connect(backup.path) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 4
        assert old.execute("SELECT title FROM documents").fetchall() == [("Cũ",)]
    with open_store(db_path):
        pass
    assert len(list_backups(db_path)) == 1  # no upgrade, no new backup


def test_restore_brings_a_backup_back_and_keeps_what_was_there(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_document("Tin một", "Hà Nội.")
    saved = backup_database(db_path, "manual")
    with open_store(db_path) as store:
        store.add_document("Tin hai", "Huế.")
    before = restore_database(db_path, saved.path)
    assert _documents(db_path) == ["Tin một"]
    assert _documents(before.path) == ["Tin một", "Tin hai"]
    with open_store(db_path) as store:
        assert [d.title for d in store.list_documents()] == ["Tin một"]


def test_restore_refuses_a_file_that_is_not_a_vnreader_backup(db_path: Path, tmp_path) -> None:
    with open_store(db_path) as store:
        store.add_document("Tin", "Hà Nội.")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(sqlite3.DatabaseError, match="not a vnreader database"):
        restore_database(db_path, other)
    assert _documents(db_path) == ["Tin"]


def test_backup_and_restore_commands(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_document("Tin", "Hà Nội.")
    made = run_cli("backup", db=db_path)
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.is_file() and path.parent == db_path.parent / "backups"
    listed = run_cli("backup", "--list", db=db_path)
    assert listed.stdout.startswith(f"{path}\tmanual")
    restored = run_cli("restore", str(path), db=db_path)
    assert restored.returncode == 0, restored.stderr
    assert "backed up to" in restored.stderr
    missing = run_cli("restore", str(path.with_name("nope.db")), db=db_path)
    assert missing.returncode == 1 and "no such backup file" in missing.stderr
    nothing = run_cli("backup", db=db_path.with_name("absent.db"))
    assert nothing.returncode == 1 and "no database to back up" in nothing.stderr


def damage_data_pages(path: Path) -> None:
    """Overwrite pages in the middle of a database file: the schema still reads."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 8 * 4096] = b"\xff" * (8 * 4096)
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_never_backed_up_and_the_good_backups_stay(db_path: Path) -> None:
    from vnreader.core.backup import DamagedOriginalError

    with open_store(db_path) as store, store.transaction():
        for n in range(150):
            store.add_document(f"Tin {n}", f"Báo cáo số {n} về Hà Nội và Đà Nẵng. " * 100)
    for _ in range(BACKUPS_KEPT):
        assert backup_database(db_path, "start", skip_unchanged=False) is not None
    good = list_backups(db_path)
    damage_data_pages(db_path)
    for _ in range(BACKUPS_KEPT + 1):
        with pytest.raises(DamagedOriginalError, match="is damaged .*vnreader restore BACKUP.db"):
            backup_database(db_path, "start", skip_unchanged=False)
    assert list_backups(db_path) == good
    assert sorted(p.name for p in (db_path.parent / "backups").iterdir()) == sorted(
        b.path.name for b in good
    )


@pytest.mark.parametrize("where", ["data pages", "header"])
def test_restore_brings_back_a_damaged_database(db_path: Path, where: str) -> None:
    """What the damage message tells the user to do must work on the damaged file."""
    with open_store(db_path) as store, store.transaction():
        for n in range(150):
            store.add_document(f"Tin {n}", f"Báo cáo số {n} về Hà Nội và Đà Nẵng. " * 100)
    good = backup_database(db_path, "manual", skip_unchanged=False)
    if where == "header":
        data = bytearray(db_path.read_bytes())
        data[:100] = b"\x00" * 100
        db_path.write_bytes(bytes(data))
    else:
        damage_data_pages(db_path)
    result = run_cli("--db", str(db_path), "restore", str(good.path))
    assert result.returncode == 0, result.stderr
    assert len(_documents(db_path)) == 150
    kept = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert len(kept) == 1 and kept[0].path.stat().st_size > 0  # the damaged file, as it was
