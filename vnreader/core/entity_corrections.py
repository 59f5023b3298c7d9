"""The user's corrections of named entities: mark, retype, accept, reject, everywhere.

What the user decides is kept apart from what the model found, so that it survives every
re-run of the pipeline:

* a *user entity*: a row of ``entities`` with origin ``user`` ("this span is a PER");
  marking, retyping and accepting all write one;
* a *rejection*: a row of ``entity_rejections`` ("this span of this document is not an
  entity", whatever the model or the dictionary says);
* a *dictionary entry*: a row of ``user_dictionary`` ("this surface form is an ORG", or
  "is not an entity", in every document, also in those imported later).

After each change the shown entities of the documents concerned are derived again
(:meth:`Store.refresh_entities`, rules in :mod:`vnreader.core.entity_layers`). Every
operation returns a :class:`Correction` holding its before- and after-images;
:func:`undo_correction` and :func:`redo_correction` write them back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vnreader.core.entity_layers import is_occurrence, normalize_surface
from vnreader.core.models import ENTITY_LABELS, ORIGIN_USER, Entity
from vnreader.core.store import ENTITY_COLUMNS, Store, entity_from_row, utc_now
from vnreader.i18n import tr


class CorrectionError(ValueError):
    """A correction that cannot be carried out; the message says why in one line."""


@dataclass(frozen=True)
class UserEntity:
    """An entity the user marked, retyped or accepted (not one the dictionary put there)."""

    document_id: int
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Rejection:
    document_id: int
    start: int
    end: int
    text: str
    created_at: str


@dataclass(frozen=True)
class DictionaryEntry:
    surface: str
    label: str | None  # None: "not an entity"
    created_at: str


@dataclass(frozen=True)
class Correction:
    """What one correction changed. Undo removes ``added`` and ``rejected`` and puts back
    ``removed``, ``unrejected`` and ``entry_before``; redo does the opposite."""

    removed: tuple[UserEntity, ...] = ()
    added: tuple[UserEntity, ...] = ()
    unrejected: tuple[Rejection, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    surface: str | None = None  # the dictionary entry this correction changed, if any
    entry_before: DictionaryEntry | None = None
    entry_after: DictionaryEntry | None = None
    documents: frozenset[int] = field(default=frozenset())  # whose entities were derived again


# --- reading ------------------------------------------------------------------------------


def entities_at(store: Store, document_id: int, start: int, end: int) -> list[Entity]:
    """Shown entities overlapping ``[start, end)``, or holding ``start`` if the range is
    empty; in text order."""
    end = max(end, start + 1)
    rows = store.db.execute(
        f"SELECT {ENTITY_COLUMNS} FROM entities"
        ' WHERE document_id = ? AND start < ? AND "end" > ? ORDER BY start, "end"',
        [document_id, end, start],
    ).fetchall()
    return [entity_from_row(row) for row in rows]


def dictionary_entries(store: Store) -> list[DictionaryEntry]:
    rows = store.db.execute(
        "SELECT surface, label, created_at FROM user_dictionary ORDER BY surface"
    ).fetchall()
    return [DictionaryEntry(*row) for row in rows]


def rejections_for(store: Store, document_id: int) -> list[Rejection]:
    rows = store.db.execute(
        'SELECT document_id, start, "end", text, created_at FROM entity_rejections'
        ' WHERE document_id = ? ORDER BY start, "end"',
        [document_id],
    ).fetchall()
    return [Rejection(*row) for row in rows]


def documents_containing(store: Store, surface: str) -> set[int]:
    """Documents that may hold ``surface`` (a superset: searched by its longest word)."""
    longest = max(surface.split(" "), key=len)
    rows = store.db.execute("SELECT id FROM documents WHERE instr(text, ?) > 0", [longest])
    return {row[0] for row in rows}


# --- operations ---------------------------------------------------------------------------


def mark_entities(
    store: Store, document_id: int, spans: Iterable[tuple[int, int]], label: str
) -> Correction:
    """Make each span a user entity of type ``label`` (mark, retype or accept).

    Spans are trimmed of surrounding spaces; a user entity they overlap is replaced, and a
    rejection of exactly that span is lifted.
    """
    _check_label(label)
    with store.transaction():
        text = _document_text(store, document_id)
        spans = _checked_spans(text, spans)
        added = tuple(UserEntity(document_id, s, e, label, text[s:e]) for s, e in spans)
        removed = tuple(u for s, e in spans for u in _user_entities(store, document_id, s, e))
        if set(added) == set(removed):
            if len(added) > 1:
                raise CorrectionError(
                    tr("an entity is already marked as {label}", label=_type_name(label))
                )
            raise CorrectionError(
                tr(
                    "“{surface}” is already marked as {label}",
                    surface=added[0].text,
                    label=_type_name(label),
                )
            )
        unrejected = tuple(
            r for r in rejections_for(store, document_id) if (r.start, r.end) in set(spans)
        )
        correction = Correction(
            removed=tuple(dict.fromkeys(removed)),
            added=added,
            unrejected=unrejected,
            documents=frozenset({document_id}),
        )
        _write(store, correction, forward=True)
    return correction


def reject_entities(store: Store, document_id: int, spans: Iterable[tuple[int, int]]) -> Correction:
    """Say that each span is not an entity: a user entity there is removed, and neither
    the model nor the dictionary may put one there again."""
    with store.transaction():
        text = _document_text(store, document_id)
        spans = _checked_spans(text, spans, trim=False)
        already = {(r.start, r.end) for r in rejections_for(store, document_id)}
        now = utc_now()
        rejected = tuple(
            Rejection(document_id, s, e, text[s:e], now) for s, e in spans if (s, e) not in already
        )
        removed = tuple(
            u
            for s, e in spans
            for u in _user_entities(store, document_id, s, e)
            if (u.start, u.end) == (s, e)
        )
        if not rejected and not removed:
            raise CorrectionError(tr("this span is already marked as not an entity"))
        correction = Correction(
            removed=removed, rejected=rejected, documents=frozenset({document_id})
        )
        _write(store, correction, forward=True)
    return correction


def correct_everywhere(
    store: Store, document_id: int, start: int, end: int, label: str | None
) -> Correction:
    """Mark ``text[start:end]`` as ``label`` here and make it a dictionary entry, so that
    every whole-word occurrence in every document (also those imported later) is one;
    ``label=None``: the surface is not an entity anywhere.

    User entities with this surface elsewhere take the new type (or go, for None), and
    rejections of its occurrences are lifted (for a label).
    """
    if label is not None:
        _check_label(label)
    with store.transaction():
        text = _document_text(store, document_id)
        ((start, end),) = _checked_spans(text, [(start, end)])
        surface = normalize_surface(text[start:end])
        before = _dictionary_entry(store, surface)
        after = DictionaryEntry(surface, label, utc_now())
        if before is not None and before.label == label:
            if label is None:
                raise CorrectionError(
                    tr("“{surface}” is already not an entity in every report", surface=surface)
                )
            raise CorrectionError(
                tr(
                    "“{surface}” is already {label} in every report",
                    surface=surface,
                    label=_type_name(label),
                )
            )
        documents = documents_containing(store, surface)
        elsewhere = [u for u in _all_user_entities(store) if normalize_surface(u.text) == surface]
        here = _user_entities(store, document_id, start, end)
        if label is None:
            removed = elsewhere + [u for u in here if (u.start, u.end) == (start, end)]
            added: tuple[UserEntity, ...] = ()
            unrejected: tuple[Rejection, ...] = ()
        else:
            removed = _occurrences(store, elsewhere, surface) + here
            added = (UserEntity(document_id, start, end, label, text[start:end]),)
            rejections = _all_rejections(store)
            unrejected = tuple(
                _occurrences(
                    store, [r for r in rejections if normalize_surface(r.text) == surface], surface
                )
            )
        removed = tuple(dict.fromkeys(removed))
        correction = Correction(
            removed=removed,
            added=added,
            unrejected=unrejected,
            surface=surface,
            entry_before=before,
            entry_after=after,
            documents=frozenset(documents | {u.document_id for u in removed} | {document_id}),
        )
        _write(store, correction, forward=True, holding=documents)
    return correction


def undo_correction(store: Store, correction: Correction) -> None:
    with store.transaction():
        _write(store, correction, forward=False)


def redo_correction(store: Store, correction: Correction) -> None:
    with store.transaction():
        _write(store, correction, forward=True)


# --- writing ------------------------------------------------------------------------------


def _write(
    store: Store, correction: Correction, *, forward: bool, holding: set[int] | None = None
) -> None:
    """Apply ``correction`` (or, with ``forward=False``, take it back) and derive the
    entities of its documents again. Raises :class:`CorrectionError` if the database no
    longer holds what the step expects (changed behind the history's back). ``holding``:
    the documents that may hold its surface, when the caller has just looked them up."""
    c = correction
    old, new = (c.removed, c.added) if forward else (c.added, c.removed)
    lifted, placed = (c.unrejected, c.rejected) if forward else (c.rejected, c.unrejected)
    expected, entry = (
        (c.entry_before, c.entry_after) if forward else (c.entry_after, c.entry_before)
    )
    db = store.db
    for u in old:
        cursor = db.execute(
            'DELETE FROM entities WHERE document_id = ? AND start = ? AND "end" = ?'
            " AND label = ? AND origin = ? AND from_dictionary = 0",
            [u.document_id, u.start, u.end, u.label, ORIGIN_USER],
        )
        if cursor.rowcount != 1:
            raise CorrectionError(tr("the entity “{surface}” is no longer there", surface=u.text))
    for u in new:
        if _user_entities(store, u.document_id, u.start, u.end):
            raise CorrectionError(
                tr("“{surface}” overlaps another entity marked by you", surface=u.text)
            )
        db.execute(
            'INSERT INTO entities (document_id, start, "end", label, text, origin)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            [u.document_id, u.start, u.end, u.label, u.text, ORIGIN_USER],
        )
    for r in lifted:
        cursor = db.execute(
            'DELETE FROM entity_rejections WHERE document_id = ? AND start = ? AND "end" = ?',
            [r.document_id, r.start, r.end],
        )
        if cursor.rowcount != 1:
            raise CorrectionError(
                tr("the rejection of “{surface}” is no longer there", surface=r.text)
            )
    db.conn.executemany(
        'INSERT INTO entity_rejections (document_id, start, "end", text, created_at)'
        " VALUES (?, ?, ?, ?, ?)",
        [(r.document_id, r.start, r.end, r.text, r.created_at) for r in placed],
    )
    documents = set(c.documents)
    if c.surface is not None:
        if _dictionary_entry(store, c.surface) != expected:
            raise CorrectionError(
                tr("the dictionary entry for “{surface}” has changed", surface=c.surface)
            )
        db.execute("DELETE FROM user_dictionary WHERE surface = ?", [c.surface])
        if entry is not None:
            db.execute(
                "INSERT INTO user_dictionary (surface, label, created_at) VALUES (?, ?, ?)",
                [entry.surface, entry.label, entry.created_at],
            )
        # also those imported since the correction was first made
        documents |= documents_containing(store, c.surface) if holding is None else holding
    store.refresh_entities(sorted(documents))


# --- helpers ------------------------------------------------------------------------------


def _check_label(label: str) -> None:
    if label not in ENTITY_LABELS:
        raise CorrectionError(tr("unknown entity type {label!r}", label=label))


def _type_name(label: str) -> str:
    """An entity type in a message: its code in English, its name in a translation."""
    names = {
        "PER": tr("PER", context="entity type"),
        "ORG": tr("ORG", context="entity type"),
        "LOC": tr("LOC", context="entity type"),
    }
    return names.get(label, label)


def _document_text(store: Store, document_id: int) -> str:
    document = store.get_document(document_id)
    if document is None:
        raise CorrectionError(tr("document {id} does not exist", id=document_id))
    return document.text


def _checked_spans(
    text: str, spans: Iterable[tuple[int, int]], *, trim: bool = True
) -> list[tuple[int, int]]:
    """Spans inside ``text``, not empty, not overlapping each other; trimmed of spaces."""
    checked = []
    for start, end in spans:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise CorrectionError(
                tr("range {start}–{end} is not inside the document", start=start, end=end)
            )
        if trim:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if start == end:
            raise CorrectionError(tr("the selection holds no text"))
        checked.append((start, end))
    checked.sort()
    if not checked:
        raise CorrectionError(tr("nothing to correct"))
    if any(a[1] > b[0] for a, b in zip(checked, checked[1:], strict=False)):
        raise CorrectionError(tr("the spans overlap each other"))
    return checked


def _user_entities(store: Store, document_id: int, start: int, end: int) -> list[UserEntity]:
    """The user's own (not dictionary) entities overlapping ``[start, end)``."""
    rows = store.db.execute(
        'SELECT document_id, start, "end", label, text FROM entities'
        ' WHERE document_id = ? AND origin = ? AND from_dictionary = 0 AND start < ? AND "end" > ?'
        " ORDER BY start",
        [document_id, ORIGIN_USER, end, start],
    ).fetchall()
    return [UserEntity(*row) for row in rows]


def _all_user_entities(store: Store) -> list[UserEntity]:
    rows = store.db.execute(
        'SELECT document_id, start, "end", label, text FROM entities'
        " WHERE origin = ? AND from_dictionary = 0 ORDER BY document_id, start",
        [ORIGIN_USER],
    ).fetchall()
    return [UserEntity(*row) for row in rows]


def _all_rejections(store: Store) -> list[Rejection]:
    rows = store.db.execute(
        'SELECT document_id, start, "end", text, created_at FROM entity_rejections'
        " ORDER BY document_id, start"
    ).fetchall()
    return [Rejection(*row) for row in rows]


def _occurrences(store: Store, records: list, surface: str) -> list:
    """The records (user entities or rejections) whose span is a whole-word occurrence of
    ``surface`` in their document."""
    texts: dict[int, str] = {}
    found = []
    for record in records:
        if record.document_id not in texts:
            texts[record.document_id] = _document_text(store, record.document_id)
        if is_occurrence(texts[record.document_id], record.start, record.end, surface):
            found.append(record)
    return found


def _dictionary_entry(store: Store, surface: str) -> DictionaryEntry | None:
    row = store.db.execute(
        "SELECT surface, label, created_at FROM user_dictionary WHERE surface = ?", [surface]
    ).fetchone()
    return DictionaryEntry(*row) if row else None
