"""Tagged passages: add, read, update, delete, and the before-images that undo needs.

Every span is ``[start, end)`` in code points of the document's stored text, and the stored
``text`` of an annotation is always ``document.text[start:end]``.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from vnreader.core.models import Annotation
from vnreader.core.store import Store, in_ids, utc_now
from vnreader.i18n import tr


class _Unset:
    """Marker for "leave this field as it is" in update functions."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final[Any] = _Unset()

# Characters that do not make a passage worth tagging on their own, besides str.isspace().
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

_COLUMNS = 'id, document_id, theme_id, start, "end", text, note, created_at, updated_at'
# The same, of the annotations table named ``a`` in a join.
COLUMNS_OF_A = ", ".join(f"a.{c.strip()}" for c in _COLUMNS.split(","))

AnnotationRow = tuple[int, int, str, int, int, int, str, str, str, str]


class AnnotationError(ValueError):
    """A request about passages that cannot be carried out; the message says why in one line."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clean_note(note: object) -> str:
    if not isinstance(note, str):
        raise AnnotationError(tr("a note must be text"))
    return unicodedata.normalize("NFC", note)


def _validated_text(
    store: Store,
    document_id: int,
    theme_id: int,
    start: int,
    end: int,
    *,
    exclude_id: int | None = None,
) -> str:
    """Check a proposed passage and return its text; raise :class:`AnnotationError` if bad."""
    if not _is_int(document_id) or (document := store.get_document(document_id)) is None:
        raise AnnotationError(tr("document {id} does not exist", id=document_id))
    if not _is_int(theme_id) or not _theme_exists(store, theme_id):
        raise AnnotationError(tr("unknown theme {id}", id=theme_id))
    if not (_is_int(start) and _is_int(end)):
        raise AnnotationError(
            tr("range {start!r}–{end!r} must be whole numbers", start=start, end=end)
        )
    if end <= start:
        raise AnnotationError(tr("range {start}–{end} is empty or reversed", start=start, end=end))
    size = len(document.text)
    if start < 0 or end > size:
        raise AnnotationError(
            tr(
                "range {start}–{end} is outside document {id} ({size:,} characters)",
                start=start,
                end=end,
                id=document_id,
                size=size,
            )
        )
    text = document.text[start:end]
    if not text.strip().strip(_INVISIBLE).strip():
        raise AnnotationError(tr("the passage is only whitespace"))
    duplicate = store.db.execute(
        "SELECT id FROM annotations WHERE document_id = ? AND theme_id = ? AND start = ?"
        ' AND "end" = ? AND id IS NOT ?',
        [document_id, theme_id, start, end, exclude_id],
    ).fetchone()
    if duplicate:
        raise AnnotationError(
            tr(
                "this passage ({start}–{end}) is already tagged with this theme (annotation {id})",
                start=start,
                end=end,
                id=duplicate[0],
            )
        )
    return text


def _theme_exists(store: Store, theme_id: int) -> bool:
    return store.db.execute("SELECT 1 FROM themes WHERE id = ?", [theme_id]).fetchone() is not None


def add_annotation(
    store: Store, document_id: int, theme_id: int, start: int, end: int, note: str = ""
) -> Annotation:
    """Tag ``document.text[start:end]`` with a theme; overlaps with other passages are fine."""
    note = _clean_note(note)
    with store.transaction():
        text = _validated_text(store, document_id, theme_id, start, end)
        now = utc_now()
        cursor = store.db.execute(
            'INSERT INTO annotations (document_id, theme_id, start, "end", text, note,'
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, theme_id, start, end, text, note, now, now],
        )
    return Annotation(cursor.lastrowid, document_id, theme_id, start, end, text, note, now, now)


def get_annotation(store: Store, annotation_id: int) -> Annotation | None:
    """One passage by id, or None."""
    row = store.db.execute(
        f"SELECT {_COLUMNS} FROM annotations WHERE id = ?", [annotation_id]
    ).fetchone()
    return Annotation(*row) if row else None


def annotations_for_document(store: Store, document_id: int) -> list[Annotation]:
    """The passages of one document, ordered by start, end, id."""
    rows = store.db.execute(
        f'SELECT {_COLUMNS} FROM annotations WHERE document_id = ? ORDER BY start, "end", id',
        [document_id],
    ).fetchall()
    return [Annotation(*row) for row in rows]


def _filters(
    theme_ids: Iterable[int] | None, document_ids: Iterable[int] | None, prefix: str = ""
) -> tuple[str, list[str]]:
    """A WHERE clause (possibly empty) and its parameters; id lists travel as one JSON array."""
    clauses: list[str] = []
    params: list[str] = []
    for column, ids in (("theme_id", theme_ids), ("document_id", document_ids)):
        if ids is not None:
            clause, param = in_ids(f"{prefix}{column}", ids)
            clauses.append(clause)
            params.append(param)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def list_annotations(
    store: Store,
    *,
    theme_ids: Iterable[int] | None = None,
    document_ids: Iterable[int] | None = None,
) -> list[Annotation]:
    """Passages ordered by document, start, id; optionally only those exact themes/documents."""
    where, params = _filters(theme_ids, document_ids)
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM annotations{where} ORDER BY document_id, start, id", params
    ).fetchall()
    return [Annotation(*row) for row in rows]


def iter_annotation_rows(
    store: Store,
    *,
    theme_ids: Iterable[int] | None = None,
    document_ids: Iterable[int] | None = None,
) -> Iterator[AnnotationRow]:
    """Flat rows for export, from one query: ``(annotation_id, document_id, document_title,
    theme_id, start, end, text, note, created_at, updated_at)``, ordered like
    :func:`list_annotations`."""
    where, params = _filters(theme_ids, document_ids, prefix="a.")
    cursor = store.db.execute(
        'SELECT a.id, a.document_id, d.title, a.theme_id, a.start, a."end", a.text, a.note,'
        " a.created_at, a.updated_at FROM annotations a JOIN documents d ON d.id = a.document_id"
        f"{where} ORDER BY a.document_id, a.start, a.id",
        params,
    )
    yield from cursor


def count_annotations(store: Store) -> int:
    """How many passages are tagged in the whole library."""
    return store.db.execute("SELECT count(*) FROM annotations").fetchone()[0]


def _page_filters(
    theme_ids: Iterable[int] | None, title_words: Sequence[str]
) -> tuple[str, list[str]]:
    where, params = _filters(theme_ids, None, prefix="a.")
    clauses = [where.removeprefix(" WHERE ")] if where else []
    if title_words:
        # A sub-query over the title index: reading title_key from the documents rows
        # would walk past each report's text (10x slower at 10k reports).
        words = " AND ".join(["instr(title_key, ?) > 0"] * len(title_words))
        clauses.append(f"a.document_id IN (SELECT id FROM documents WHERE {words})")
        params.extend(title_words)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count_passages(
    store: Store, *, theme_ids: Iterable[int] | None = None, title_words: Sequence[str] = ()
) -> int:
    """How many passages :func:`passage_page` can list with these filters."""
    where, params = _page_filters(theme_ids, title_words)
    return store.db.execute(
        f"SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document_id{where}",
        params,
    ).fetchone()[0]


def passage_page(
    store: Store,
    *,
    theme_ids: Iterable[int] | None = None,
    title_words: Sequence[str] = (),
    offset: int = 0,
    limit: int = 200,
) -> list[tuple[Annotation, str]]:
    """Up to ``limit`` passages from position ``offset``, each with its document's title,
    ordered like :func:`list_annotations`. ``title_words`` are folded words (see
    :func:`vnreader.core.text.fold`) that the document's folded title must all contain."""
    where, params = _page_filters(theme_ids, title_words)
    rows = store.db.execute(
        f"SELECT {COLUMNS_OF_A}, d.title"
        f" FROM annotations a JOIN documents d ON d.id = a.document_id"
        f"{where} ORDER BY a.document_id, a.start, a.id LIMIT ? OFFSET ?",
        [*params, max(0, limit), max(0, offset)],
    ).fetchall()
    return [(Annotation(*row[:-1]), row[-1]) for row in rows]


def update_annotation(
    store: Store,
    annotation_id: int,
    *,
    note: str = UNSET,
    theme_id: int = UNSET,
    start: int = UNSET,
    end: int = UNSET,
) -> tuple[Annotation, Annotation]:
    """Change a passage's note, theme or span; returns ``(before, after)``."""
    with store.transaction():
        before = get_annotation(store, annotation_id)
        if before is None:
            raise AnnotationError(_missing(annotation_id))
        new_note = before.note if note is UNSET else _clean_note(note)
        new_theme = before.theme_id if theme_id is UNSET else theme_id
        new_start = before.start if start is UNSET else start
        new_end = before.end if end is UNSET else end
        text = _validated_text(
            store, before.document_id, new_theme, new_start, new_end, exclude_id=annotation_id
        )
        after = Annotation(
            before.id,
            before.document_id,
            new_theme,
            new_start,
            new_end,
            text,
            new_note,
            before.created_at,
            utc_now(),
        )
        replace_annotation(store, after)
    return before, after


def delete_annotation(store: Store, annotation_id: int) -> Annotation:
    """Remove a passage and return it as it was (keep it to undo)."""
    with store.transaction():
        before = get_annotation(store, annotation_id)
        if before is None:
            raise AnnotationError(_missing(annotation_id))
        store.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
    return before


def _values(a: Annotation) -> tuple:
    """The row of ``a`` in the order of ``_COLUMNS``."""
    return (
        a.id,
        a.document_id,
        a.theme_id,
        a.start,
        a.end,
        a.text,
        a.note,
        a.created_at,
        a.updated_at,
    )


_INSERT = f"INSERT INTO annotations ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


def restore_annotation(store: Store, annotation: Annotation) -> None:
    """Re-insert a deleted passage with its id and timestamps (undo of a delete)."""
    try:
        with store.transaction():
            store.db.execute(_INSERT, _values(annotation))
    except sqlite3.IntegrityError as error:
        raise AnnotationError(
            tr("cannot restore annotation {id}: {error}", id=annotation.id, error=error)
        ) from error


def restore_annotations(store: Store, annotations: Iterable[Annotation]) -> None:
    """Re-insert many deleted passages at once (undo of a theme deletion or merge)."""
    rows = [_values(a) for a in annotations]
    try:
        with store.transaction():
            store.db.conn.executemany(_INSERT, rows)
    except sqlite3.IntegrityError as error:
        raise AnnotationError(
            tr("cannot restore {count} annotations: {error}", count=len(rows), error=error)
        ) from error


def replace_annotation(store: Store, annotation: Annotation) -> None:
    """Write every field of ``annotation`` back over the stored row with its id (undo of an
    update)."""
    a = annotation
    try:
        with store.transaction():
            cursor = store.db.execute(
                'UPDATE annotations SET document_id = ?, theme_id = ?, start = ?, "end" = ?,'
                " text = ?, note = ?, created_at = ?, updated_at = ? WHERE id = ?",
                [*_values(a)[1:], a.id],
            )
    except sqlite3.IntegrityError as error:
        raise AnnotationError(
            tr("cannot write back annotation {id}: {error}", id=a.id, error=error)
        ) from error
    if cursor.rowcount == 0:
        raise AnnotationError(_missing(a.id))


def _missing(annotation_id: object) -> str:
    return tr("annotation {id} does not exist", id=annotation_id)
