"""The database: opens, checks and migrates it; documents, entities and the search index.

SQL lives in the core only: here for these tables, and in ``themes``/``theme_records``,
``annotations``, ``entity_corrections``, ``entity_review`` and ``search`` for theirs,
always through a :class:`Store`. The shown entities are derived here from the model's
output (``model_entities``) and the user's corrections (:meth:`Store.refresh_entities`).

Writes commit at once (the connection is in autocommit mode); several writes that belong
together go through :meth:`Store.transaction`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from vnreader.core.entity_layers import ModelSpan, derive
from vnreader.core.migrations import (
    KNOWN_NAMES,
    MIGRATION_SET,
    SCHEMA_VERSION,
    SEARCH_TABLE,
    migrations,
)
from vnreader.core.models import (
    ENTITY_LABELS,
    ORIGIN_MODEL,
    ORIGIN_USER,
    AddResult,
    Document,
    DocumentSummary,
    Entity,
)
from vnreader.core.text import fold, fold_same_length
from vnreader.i18n import tr

_SQLITE_HEADER = b"SQLite format 3\x00"
ENTITY_COLUMNS = 'id, document_id, start, "end", label, text, origin, confidence, from_dictionary'
BUSY_TIMEOUT_S = 10


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


class NotAVnreaderDatabaseError(StoreError):
    pass


class NewerDatabaseError(StoreError):
    pass


def in_ids(column: str, ids: Iterable[int]) -> tuple[str, str]:
    """``column IN (...)`` for any number of ids, and its one parameter: the ids travel as a
    JSON array, so the SQL stays the same and SQLite's variable limit never applies."""
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(
        sorted({int(i) for i in ids})
    )


def content_hash(text: str) -> str:
    """The de-duplication key of a document: SHA-256 of its stored (NFC) text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def entity_from_row(row: Sequence) -> Entity:
    """An :class:`Entity` from a row selected as ``ENTITY_COLUMNS``."""
    *fields, from_dictionary = row
    return Entity(*fields, from_dictionary=bool(from_dictionary))


class Store:
    """A vnreader database file. Use :func:`open_store` to get one."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path

    # --- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group writes: all of them land, or none (nested calls use savepoints)."""
        with self.db.atomic():
            yield self

    # --- documents ---------------------------------------------------------------

    def add_document(
        self, title: str, text: str, source_path: str | None = None, *, folded: str | None = None
    ) -> AddResult:
        """Store a document unless the same text is already stored (then return that one).

        ``folded`` is ``fold_same_length(text)`` when the caller has it already (a bulk import
        folds in worker processes); otherwise it is computed here.
        """
        digest = content_hash(text)
        row = self.db.execute(
            "SELECT id FROM documents WHERE content_hash = ?", [digest]
        ).fetchone()
        if row:
            return AddResult(row[0], created=False)
        if folded is None or len(folded) != len(text):
            folded = fold_same_length(text)
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO documents"
                " (title, title_key, source_path, content_hash, text, char_count, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [title, fold(title), source_path, digest, text, len(text), utc_now()],
            )
            self.db.execute(
                f"INSERT INTO {SEARCH_TABLE} (rowid, folded, title_folded) VALUES (?, ?, ?)",
                [cursor.lastrowid, folded, fold_same_length(title)],
            )
        return AddResult(cursor.lastrowid, created=True)

    def delete_document(self, document_id: int) -> bool:
        """Delete a document with its entities, annotations and search entry; False if absent."""
        with self.transaction():
            cursor = self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
            self.db.execute(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = ?", [document_id])
        return cursor.rowcount > 0

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def list_documents(self) -> list[DocumentSummary]:
        rows = self.db.execute(
            "SELECT d.id, d.title, d.char_count, r.entity_count FROM documents d"
            " LEFT JOIN entity_runs r ON r.document_id = d.id ORDER BY d.title COLLATE NOCASE, d.id"
        ).fetchall()
        return [DocumentSummary(*row) for row in rows]

    def text_span(self, document_id: int, start: int, end: int) -> str:
        """``text[start:end]`` of a document, read without the rest of its text."""
        row = self.db.execute(
            "SELECT substr(text, ? + 1, ?) FROM documents WHERE id = ?",
            [start, max(0, end - start), document_id],
        ).fetchone()
        return row[0] if row else ""

    def get_document(self, document_id: int) -> Document | None:
        row = self.db.execute(
            "SELECT id, title, source_path, content_hash, text, imported_at"
            " FROM documents WHERE id = ?",
            [document_id],
        ).fetchone()
        return Document(*row) if row else None

    # --- entities ----------------------------------------------------------------

    def entities_for(self, document_id: int) -> list[Entity]:
        """The entities shown in a document: the model's, less what the user corrected,
        and the user's own (see :mod:`vnreader.core.entity_layers`)."""
        rows = self.db.execute(
            f'SELECT {ENTITY_COLUMNS} FROM entities WHERE document_id = ? ORDER BY start, "end"',
            [document_id],
        ).fetchall()
        return [entity_from_row(row) for row in rows]

    def entity_run_version(self, document_id: int) -> str | None:
        row = self.db.execute(
            "SELECT pipeline_version FROM entity_runs WHERE document_id = ?", [document_id]
        ).fetchone()
        return row[0] if row else None

    def documents_needing_entities(self, pipeline_version: str) -> list[int]:
        """Documents whose entities were never computed, or by another pipeline version."""
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN entity_runs r ON r.document_id = d.id"
            " WHERE r.pipeline_version IS NULL OR r.pipeline_version != ? ORDER BY d.id",
            [pipeline_version],
        ).fetchall()
        return [row[0] for row in rows]

    def replace_model_entities(
        self,
        document_id: int,
        spans: Iterable[Sequence],
        pipeline_version: str,
    ) -> int:
        """Store the pipeline's ``(start, end, label, text[, confidence])`` spans for a
        document and return how many entities it now shows.

        Earlier model output is replaced; the user's corrections are kept and applied to
        the new output (a rejected span stays hidden, dictionary entries apply). Every span
        is checked against the stored text so that a wrong offset can never be stored.
        """
        document = self.get_document(document_id)
        if document is None:
            raise KeyError(f"no document with id {document_id}")
        rows = []
        for span in spans:
            start, end, label, surface = span[:4]
            confidence = span[4] if len(span) > 4 else None
            if label not in ENTITY_LABELS:
                raise ValueError(f"unknown entity label {label!r}")
            if not (0 <= start < end <= len(document.text)) or document.text[start:end] != surface:
                raise ValueError(
                    f"entity {surface!r} [{start}, {end}) does not match document {document_id}"
                )
            if confidence is not None and not (
                isinstance(confidence, int | float) and 0.0 <= confidence <= 1.0
            ):
                raise ValueError(f"confidence {confidence!r} of {surface!r} is not in [0, 1]")
            rows.append((document_id, start, end, label, surface, confidence))
        with self.transaction():
            self.db.execute("DELETE FROM model_entities WHERE document_id = ?", [document_id])
            self.db.conn.executemany(
                'INSERT INTO model_entities (document_id, start, "end", label, text, confidence)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.db.execute(
                "INSERT OR REPLACE INTO entity_runs"
                " (document_id, pipeline_version, entity_count, finished_at) VALUES (?, ?, 0, ?)",
                [document_id, pipeline_version, utc_now()],
            )
            dictionary = dict(self.db.execute("SELECT surface, label FROM user_dictionary"))
            return self._refresh_one(document_id, dictionary, document.text)

    def refresh_entities(self, document_ids: Iterable[int]) -> None:
        """Derive the shown model entities and dictionary matches of these documents again
        from the model's output and the user's corrections; user entities stay."""
        dictionary = dict(self.db.execute("SELECT surface, label FROM user_dictionary"))
        with self.transaction():
            for document_id in document_ids:
                self._refresh_one(document_id, dictionary)

    def _refresh_one(
        self, document_id: int, dictionary: dict[str, str | None], text: str | None = None
    ) -> int:
        """Derive one document's shown entities (its ``text`` if the caller has it already);
        returns how many it now shows."""
        if text is None:
            row = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id])
            row = row.fetchone()
            if row is None:
                return 0
            text = row[0]
        model = [
            ModelSpan(*r)
            for r in self.db.execute(
                'SELECT start, "end", label, text, confidence FROM model_entities'
                " WHERE document_id = ?",
                [document_id],
            )
        ]
        user = self.db.execute(
            'SELECT start, "end" FROM entities WHERE document_id = ? AND origin = ?'
            " AND from_dictionary = 0",
            [document_id, ORIGIN_USER],
        ).fetchall()
        rejected = self.db.execute(
            'SELECT start, "end" FROM entity_rejections WHERE document_id = ?', [document_id]
        ).fetchall()
        derived = derive(text, model, user, rejected, dictionary)
        wanted = Counter(
            [
                (m.start, m.end, m.label, m.text, ORIGIN_MODEL, m.confidence, 0)
                for m in derived.model
            ]
            + [(s, e, label, text[s:e], ORIGIN_USER, None, 1) for s, e, label in derived.dictionary]
        )
        # Only what differs is written: one correction in a long report stays cheap.
        stale = []
        for entity_id, *row in self.db.execute(
            'SELECT id, start, "end", label, text, origin, confidence, from_dictionary'
            " FROM entities WHERE document_id = ? AND (origin = ? OR from_dictionary = 1)",
            [document_id, ORIGIN_MODEL],
        ).fetchall():
            if wanted[tuple(row)] > 0:
                wanted[tuple(row)] -= 1
            else:
                stale.append((entity_id,))
        self.db.conn.executemany("DELETE FROM entities WHERE id = ?", stale)
        self.db.conn.executemany(
            'INSERT INTO entities (document_id, start, "end", label, text, origin, confidence,'
            " from_dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(document_id, *row) for row in wanted.elements()],
        )
        count = self._entity_count(document_id)
        self.db.execute(
            "UPDATE entity_runs SET entity_count = ? WHERE document_id = ?", [count, document_id]
        )
        return count

    def _entity_count(self, document_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM entities WHERE document_id = ?", [document_id]
        ).fetchone()[0]

    # --- settings stored with the data ---------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])

    # --- write-ahead log -------------------------------------------------------------

    @contextmanager
    def without_fsync(self) -> Iterator[Store]:
        """Commits that need not survive a power cut (results the entity pipeline can compute
        again) skip the fsync: still atomic and consistent in WAL mode, and the next user
        edit's commit makes them durable. An fsync queued behind a checkpoint's writes could
        hold the window for 0.1 s."""
        self.db.execute("PRAGMA synchronous = NORMAL")
        try:
            yield self
        finally:
            self.db.execute("PRAGMA synchronous = FULL")

    def defer_checkpoints(self) -> None:
        """Stop copying the write-ahead log into the database file during commits (SQLite
        does so when the log passes 1,000 pages: 0.2 s in the commit that crosses it). The
        caller then runs :func:`checkpoint` now and then from another thread."""
        self.db.execute("PRAGMA wal_autocheckpoint = 0")


def open_reader(path: Path) -> Store:
    """A read-only connection to an existing, already opened database, for a long count in
    another thread (SQLite connections are not shared between threads). No checks, no
    migrations: ``open_store`` did those when the database was opened."""
    connection = sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False
    )
    return Store(Database(connection), path)


def checkpoint(path: Path) -> tuple[int, int]:
    """Copy what the write-ahead log holds into the database file, from a connection of its
    own and without waiting for or blocking the writer (a PASSIVE checkpoint). Returns the
    log's frames and how many of them are now in the file."""
    # mode=rw: a database that vanished is an error here, not a new empty file
    connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        _busy, frames, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        connection.close()
    return frames, copied


def open_store(path: str | Path | None, *, check: bool = False) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; ``None`` = in memory.

    Raises :class:`StoreError` with a one-line reason when the file is not a vnreader
    database, is newer than this version of vnreader, is damaged, is read-only or cannot be
    opened. A file that is not a vnreader database is never written to. With ``check``, the
    whole file is read first (``PRAGMA quick_check``, about 0.1 s per 100 MB) so that a
    damaged database is refused before anything is written to it.
    """
    file = Path(path) if path is not None else None
    if file is not None:
        _check_file(file)
    try:
        conn = sqlite3.connect(
            str(file) if file else ":memory:", timeout=BUSY_TIMEOUT_S, isolation_level=None
        )
    except sqlite3.Error as error:
        raise database_error(file, error) from error
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        check_schema(db, file)
        if check and file is not None:
            problem = integrity_problem(conn)
            if problem:
                raise sqlite3.DatabaseError(f"database disk image is malformed: {problem}")
        if file is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        if migrations.pending(db):
            if file is not None and set(db.table_names()):
                _back_up_before_migrating(file)
            migrations.apply(db)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as error:
        conn.close()
        raise database_error(file, error) from error
    except StoreError:
        conn.close()
        raise
    return Store(db, file)


def integrity_problem(conn: sqlite3.Connection, *, full: bool = False) -> str | None:
    """What SQLite's check of the whole file finds wrong (None: nothing). ``quick_check``
    (about 0.1 s per 100 MB) unless ``full`` (``integrity_check``, indexes compared too)."""
    pragma = "integrity_check(1)" if full else "quick_check(1)"
    result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    detail = result.replace("*** in database main ***", "")
    return None if result == "ok" else " ".join(detail.split())


def database_error(file: Path | None, error: sqlite3.Error) -> StoreError:
    """One line for an SQLite error met opening or using the database ``file``, saying what
    to do: the same words for the window, the CLI and every command."""
    reason = " ".join(str(error).split()) or type(error).__name__
    if any(word in reason for word in ("malformed", "not a database", "corrupt")):
        return StoreError(
            tr(
                "{file} is damaged ({reason}). Restore a backup"
                " (vnreader backup --list, then vnreader restore BACKUP.db)",
                file=file,
                reason=reason,
            )
        )
    if "readonly" in reason or "read-only" in reason:
        return StoreError(
            tr(
                "{file} is read-only ({reason}); make it writable or choose another one with --db",
                file=file,
                reason=reason,
            )
        )
    if "unable to open" in reason and file is not None:
        return StoreError(
            tr(
                "cannot open {file} ({reason}); check that you may write in {folder},"
                " or choose another database with --db",
                file=file,
                reason=reason,
                folder=file.parent,
            )
        )
    if "full" in reason:
        return StoreError(
            tr(
                "cannot write to {file} ({reason}); free some disk space and run the command again",
                file=file,
                reason=reason,
            )
        )
    return StoreError(tr("cannot use the database {file}: {reason}", file=file, reason=reason))


def _back_up_before_migrating(file: Path) -> None:
    """A database is upgraded only once a copy of it is safe in ``backups/``."""
    from vnreader.core.backup import backup_database

    try:
        backup_database(file, "before-migration")
    except (OSError, sqlite3.Error) as error:
        raise StoreError(
            tr(
                "{file} needs an upgrade, but it could not be backed up first ({error});"
                " it was left untouched",
                file=file,
                error=error,
            )
        ) from error


def _check_file(file: Path) -> None:
    if file.is_dir():
        raise StoreError(tr("{file} is a folder, not a database file", file=file))
    if not file.exists():
        if not file.parent.exists():
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    tr(
                        "cannot create the folder {folder}: {reason}",
                        folder=file.parent,
                        reason=error.strerror,
                    )
                ) from error
        return
    try:
        with file.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise StoreError(
            tr("cannot read {file}: {reason}", file=file, reason=error.strerror)
        ) from error
    if header and header != _SQLITE_HEADER:
        raise NotAVnreaderDatabaseError(
            tr("{file} is not a SQLite database; it was left untouched", file=file)
        )


def check_schema(db: Database, file: Path | None) -> None:
    """Refuse (:class:`StoreError`) a database newer than this vnreader or of another
    program; a new, empty one passes."""
    tables = set(db.table_names())
    user_version = db.execute("PRAGMA user_version").fetchone()[0]
    if user_version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            tr(
                "{file} was written by a newer vnreader (schema {schema}, this version knows"
                " {known}); update vnreader to open it. The file was left untouched.",
                file=file,
                schema=user_version,
                known=SCHEMA_VERSION,
            )
        )
    if not tables:
        return
    if migrations.migrations_table not in tables:
        raise NotAVnreaderDatabaseError(_of_another_program(file))
    applied = db.execute(
        f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    unknown = sorted({row[0] for row in applied} - KNOWN_NAMES)
    if unknown:
        raise NewerDatabaseError(
            tr(
                "{file} was written by a newer vnreader (unknown schema change {change});"
                " update vnreader to open it. The file was left untouched.",
                file=file,
                change=unknown[0],
            )
        )
    if not applied:
        raise NotAVnreaderDatabaseError(_of_another_program(file))


def _of_another_program(file: Path | None) -> str:
    return tr("{file} is a SQLite database of another program; it was left untouched", file=file)
