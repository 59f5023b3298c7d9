"""The database schema, as registered migrations applied in order.

Each migration runs in its own transaction (sqlite-utils records it in
``_sqlite_migrations``). ``SCHEMA_VERSION`` is also written to ``PRAGMA user_version`` so
that an older vnreader can tell, without knowing any names, that a database is newer than
itself and refuse it.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from vnreader.core.text import fold, fold_same_length

MIGRATION_SET = "vnreader"
migrations = Migrations(MIGRATION_SET)
_NAMES: list[str] = []


def _migration(name: str, *, transactional: bool = True):
    """Register a migration under ``name`` and remember the order of names."""
    _NAMES.append(name)
    return migrations(name=name, transactional=transactional)


@_migration("0001_documents_and_entities")
def _documents_and_entities(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            source_path TEXT,
            content_hash TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            char_count INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('model', 'user')),
            CHECK (0 <= start AND start < "end")
        )
        """
    )
    db.execute("CREATE INDEX entities_by_document ON entities (document_id, start)")
    db.execute(
        """
        CREATE TABLE entity_runs (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            entity_count INTEGER NOT NULL,
            finished_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@_migration("0002_themes_and_annotations")
def _themes_and_annotations(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE themes (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
            position INTEGER NOT NULL DEFAULT 0,
            shortcut INTEGER UNIQUE CHECK (shortcut BETWEEN 1 AND 9),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        )
        """
    )
    db.execute("CREATE INDEX annotations_by_document ON annotations (document_id, start)")
    db.execute("CREATE INDEX annotations_by_theme ON annotations (theme_id)")


# Search index: an FTS5 table over a folded shadow of each document (same length as the
# text, see vnreader.core.text.fold_same_length), rowid = documents.id. unicode61 folds
# tones but never đ, hence the shadow. It keeps its own copy of the folded text (SQLite
# before 3.43 has no contentless-delete tables); vnreader.core.store keeps it in step.
SEARCH_TABLE = "documents_fts"


@_migration("0003_search_index")
def _search_index(db: Database) -> None:
    db.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
        "folded, title_folded, tokenize = 'unicode61 remove_diacritics 2')"
    )
    rows = db.execute("SELECT id, title, text FROM documents ORDER BY id")
    db.conn.executemany(
        f"INSERT INTO {SEARCH_TABLE} (rowid, folded, title_folded) VALUES (?, ?, ?)",
        ((doc_id, fold_same_length(text), fold_same_length(title)) for doc_id, title, text in rows),
    )


# Ids of themes and passages are never reused (AUTOINCREMENT): an annotation_id in a CSV
# exported last month must not come to name a different passage after a deletion. SQLite can
# only declare AUTOINCREMENT when a table is created, so both tables are rebuilt, keeping
# every id (ids deleted before this upgrade left no trace and may still come back once).
# Foreign keys must be off while a parent table is dropped (or the drop would cascade), and
# that pragma cannot change inside a transaction: this migration runs its own, and is safe
# to run again if the process dies before its record is written.
_THEMES = """
    CREATE TABLE {name} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        color TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        parent_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0,
        shortcut INTEGER UNIQUE CHECK (shortcut BETWEEN 1 AND 9),
        created_at TEXT NOT NULL
    )
"""
_ANNOTATIONS = """
    CREATE TABLE {name} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (0 <= start AND start < "end")
    )
"""


@_migration("0004_ids_never_reused", transactional=False)
def _ids_never_reused(db: Database) -> None:
    conn = db.conn
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
    if "AUTOINCREMENT" in sql:
        return  # rebuilt by an earlier run that died before recording it
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = _broken_links(conn)  # an older fault is not this rebuild's to refuse
            for table, ddl in (("themes", _THEMES), ("annotations", _ANNOTATIONS)):
                conn.execute(ddl.format(name=f"{table}_rebuilt"))
                conn.execute(f"INSERT INTO {table}_rebuilt SELECT * FROM {table}")
            for table in ("annotations", "themes"):
                conn.execute(f"DROP TABLE {table}")
                conn.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
            conn.execute("CREATE INDEX annotations_by_document ON annotations (document_id, start)")
            conn.execute("CREATE INDEX annotations_by_theme ON annotations (theme_id)")
            broken = _broken_links(conn) - before
            if broken:
                raise sqlite3.IntegrityError(f"foreign keys broken by the rebuild: {broken}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _broken_links(conn: sqlite3.Connection) -> set[tuple]:
    """Rows of themes and annotations whose foreign keys point nowhere."""
    return {
        tuple(row)
        for table in ("themes", "annotations")
        for row in conn.execute(f"PRAGMA foreign_key_check({table})")
    }


# Entity corrections (see vnreader.core.entity_corrections). ``entities`` stays what the
# user sees; the pipeline's own output moves to ``model_entities`` so that the shown model
# rows can be derived again after every correction, and the user's decisions live in
# ``entities`` (origin 'user'), ``entity_rejections`` and ``user_dictionary``.
# ``confidence`` is the model's probability for a span (NULL: unknown, or a user entity);
# ``from_dictionary`` marks user entities that a dictionary entry put there.
@_migration("0005_entity_corrections")
def _entity_corrections(db: Database) -> None:
    db.execute("ALTER TABLE entities ADD COLUMN confidence REAL")
    db.execute("ALTER TABLE entities ADD COLUMN from_dictionary INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "CREATE INDEX entities_by_confidence ON entities (confidence)"
        " WHERE origin = 'model' AND confidence IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE model_entities (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            confidence REAL,
            CHECK (0 <= start AND start < "end")
        )
        """
    )
    db.execute("CREATE INDEX model_entities_by_document ON model_entities (document_id, start)")
    db.execute(
        'INSERT INTO model_entities (document_id, start, "end", label, text)'
        ' SELECT document_id, start, "end", label, text FROM entities'
        " WHERE origin = 'model' AND document_id IN (SELECT id FROM documents)"
        " ORDER BY document_id, start, id"  # an older broken link is left where it is
    )
    db.execute(
        """
        CREATE TABLE entity_rejections (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (document_id, start, "end"),
            CHECK (0 <= start AND start < "end")
        )
        """
    )
    db.execute(
        """
        CREATE TABLE user_dictionary (
            surface TEXT PRIMARY KEY CHECK (length(trim(surface)) > 0),
            label TEXT,  -- NULL: "not an entity"
            created_at TEXT NOT NULL
        )
        """
    )


# The sidebar reads the library a page at a time, sorted and filtered by the folded title
# ("Đà Nẵng" sorts and matches as "da nang"), so that 10k reports cost no more than 200.
@_migration("0006_title_keys")
def _title_keys(db: Database) -> None:
    db.execute("ALTER TABLE documents ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, title FROM documents").fetchall()
    db.conn.executemany(
        "UPDATE documents SET title_key = ? WHERE id = ?", [(fold(t), i) for i, t in rows]
    )
    db.execute("CREATE INDEX documents_by_title_key ON documents (title_key, id)")


SCHEMA_VERSION = len(_NAMES)
KNOWN_NAMES = frozenset(_NAMES)
