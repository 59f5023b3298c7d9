"""Row-level theme operations, and the ones that remove rows with their exact undo records.

:func:`delete_theme` and :func:`merge_themes` return frozen records holding everything they
removed or moved (same ids, timestamps and positions), so :func:`restore_theme` and
:func:`unmerge_themes` put the database back exactly as it was. Use them through
:mod:`vnreader.core.themes`.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, replace

from vnreader.core.annotations import list_annotations, replace_annotation, restore_annotations
from vnreader.core.models import Annotation, Theme
from vnreader.core.store import Store, utc_now
from vnreader.i18n import tr

THEME_COLUMNS = "id, name, color, description, parent_id, position, shortcut"

# (theme id, parent id before, position before)
ChildPlace = tuple[int, int | None, int]
# (theme id, position before) of every sibling under one parent
SiblingPositions = tuple[tuple[int, int], ...]


class ThemeError(ValueError):
    """A request about themes that cannot be carried out; the message says why in one line."""


@dataclass(frozen=True)
class DeletedTheme:
    """What :func:`vnreader.core.themes.delete_theme` removed or moved."""

    theme: Theme
    created_at: str
    annotations: tuple[Annotation, ...]  # the passages deleted with the theme
    children: tuple[ChildPlace, ...]  # moved up to the theme's parent
    sibling_positions: SiblingPositions  # the theme's siblings (itself included) before


@dataclass(frozen=True)
class MergedTheme:
    """What :func:`vnreader.core.themes.merge_themes` changed."""

    source: Theme
    created_at: str  # of the source theme
    target_id: int
    moved_annotation_ids: tuple[int, ...]  # passages moved from the source to the target
    dropped: tuple[Annotation, ...]  # source passages the target already had, deleted
    target_notes_before: tuple[Annotation, ...]  # target passages whose note was taken over
    children: tuple[ChildPlace, ...]  # the source's children, now the target's
    sibling_positions: SiblingPositions  # the source's siblings (itself included) before


# --- rows --------------------------------------------------------------------------------


def get_theme(store: Store, theme_id: int) -> Theme | None:
    """One theme by id, or None."""
    row = store.db.execute(
        f"SELECT {THEME_COLUMNS} FROM themes WHERE id = ?", [theme_id]
    ).fetchone()
    return Theme(*row) if row else None


def children_of(store: Store, parent_id: int | None) -> list[Theme]:
    """The direct children of a theme (``None``: the roots), by position."""
    rows = store.db.execute(
        f"SELECT {THEME_COLUMNS} FROM themes WHERE parent_id IS ? ORDER BY position, id",
        [parent_id],
    ).fetchall()
    return [Theme(*row) for row in rows]


def name_key(name: str) -> str:
    """The comparison key of a name: stripped, NFC, case-folded."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name.strip()).casefold())


def require_theme(store: Store, theme_id: int) -> Theme:
    """The theme with this id; :class:`ThemeError` if there is none."""
    theme = get_theme(store, theme_id)
    if theme is None:
        raise ThemeError(tr("unknown theme {id}", id=theme_id))
    return theme


def sibling_ids(store: Store, parent_id: int | None, exclude_id: int | None = None) -> list[int]:
    """Ids of the children of ``parent_id`` in order, leaving out ``exclude_id``."""
    rows = store.db.execute(
        "SELECT id FROM themes WHERE parent_id IS ? AND id IS NOT ? ORDER BY position, id",
        [parent_id, exclude_id],
    )
    return [row[0] for row in rows.fetchall()]


def sibling_positions(store: Store, parent_id: int | None) -> tuple[tuple[int, int], ...]:
    """``(id, position)`` of every child of ``parent_id``, to put back later."""
    rows = store.db.execute("SELECT id, position FROM themes WHERE parent_id IS ?", [parent_id])
    return tuple((row[0], row[1]) for row in rows.fetchall())


def renumber(store: Store, parent_id: int | None, ids: list[int]) -> None:
    """Make ``ids`` the children of ``parent_id`` at positions 0..n-1."""
    store.db.conn.executemany(
        "UPDATE themes SET parent_id = ?, position = ? WHERE id = ?",
        [(parent_id, position, theme_id) for position, theme_id in enumerate(ids)],
    )


def set_positions(store: Store, parent_id: int | None, pairs: tuple[tuple[int, int], ...]) -> None:
    """Put the ``(id, position)`` pairs under ``parent_id`` as recorded."""
    store.db.conn.executemany(
        "UPDATE themes SET parent_id = ?, position = ? WHERE id = ?",
        [(parent_id, position, theme_id) for theme_id, position in pairs],
    )


def descendant_ids(store: Store, theme_id: int) -> set[int]:
    """Ids of every theme below ``theme_id`` (children, grandchildren, ...)."""
    rows = store.db.execute(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM themes WHERE parent_id = ?"
        " UNION SELECT t.id FROM themes t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub",
        [theme_id],
    )
    return {row[0] for row in rows.fetchall()}


def _created_at(store: Store, theme_id: int) -> str:
    return store.db.execute("SELECT created_at FROM themes WHERE id = ?", [theme_id]).fetchone()[0]


def _delete_row(store: Store, theme: Theme) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Delete a childless theme row and renumber its siblings; return what undo needs."""
    created_at = _created_at(store, theme.id)
    siblings_before = sibling_positions(store, theme.parent_id)
    store.db.execute("DELETE FROM themes WHERE id = ?", [theme.id])
    renumber(store, theme.parent_id, sibling_ids(store, theme.parent_id))
    return created_at, siblings_before


def _insert_row(store: Store, theme: Theme, created_at: str) -> None:
    try:
        store.db.execute(
            f"INSERT INTO themes ({THEME_COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                theme.id,
                theme.name,
                theme.color,
                theme.description,
                theme.parent_id,
                theme.position,
                theme.shortcut,
                created_at,
            ],
        )
    except sqlite3.IntegrityError as error:
        raise ThemeError(
            tr("cannot restore theme {name!r}: {error}", name=theme.name, error=error)
        ) from error


def delete_theme(store: Store, theme_id: int) -> DeletedTheme:
    """Delete a theme and its passages; its children take its place under its parent."""
    with store.transaction():
        theme = require_theme(store, theme_id)
        annotations = tuple(list_annotations(store, theme_ids=[theme_id]))
        children = tuple((c.id, theme_id, c.position) for c in children_of(store, theme_id))
        taken = {name_key(t.name) for t in children_of(store, theme.parent_id) if t.id != theme_id}
        for child in children_of(store, theme_id):
            if name_key(child.name) in taken:
                raise ThemeError(
                    tr(
                        "cannot delete {name!r}: its sub-theme {child!r} would sit next"
                        " to another theme of the same name; rename or merge one of them first",
                        name=theme.name,
                        child=child.name,
                    )
                )
        siblings_before = sibling_positions(store, theme.parent_id)
        order = sibling_ids(store, theme.parent_id)
        index = order.index(theme_id)
        order[index : index + 1] = [child[0] for child in children]
        store.db.execute("DELETE FROM annotations WHERE theme_id = ?", [theme_id])
        renumber(store, theme.parent_id, order)
        created_at = _created_at(store, theme_id)
        store.db.execute("DELETE FROM themes WHERE id = ?", [theme_id])
    return DeletedTheme(theme, created_at, annotations, children, siblings_before)


def restore_theme(store: Store, deleted: DeletedTheme) -> Theme:
    """Undo :func:`delete_theme`: the same ids, passages, children and positions."""
    theme = deleted.theme
    with store.transaction():
        _insert_row(store, theme, deleted.created_at)
        for child_id, parent_id, position in deleted.children:
            set_positions(store, parent_id, ((child_id, position),))
        set_positions(store, theme.parent_id, deleted.sibling_positions)
        restore_annotations(store, deleted.annotations)
    return require_theme(store, theme.id)


def merge_themes(store: Store, source_id: int, target_id: int) -> MergedTheme:
    """Move the passages and sub-themes of ``source`` into ``target``, then delete ``source``.

    A passage the target already has (same document and span) is dropped; the target keeps its
    note unless that is empty and the source's is not.
    """
    with store.transaction():
        source = require_theme(store, source_id)
        target = require_theme(store, target_id)
        if source_id == target_id:
            raise ThemeError(tr("cannot merge a theme into itself"))
        if target_id in descendant_ids(store, source_id):
            raise ThemeError(
                tr(
                    "cannot merge {source!r} into {target!r}, one of its own sub-themes",
                    source=source.name,
                    target=target.name,
                )
            )
        target_children = children_of(store, target_id)
        taken = {name_key(child.name): child.name for child in target_children}
        moved_children = children_of(store, source_id)
        for child in moved_children:
            if name_key(child.name) in taken:
                raise ThemeError(
                    tr(
                        "cannot merge: both themes have a sub-theme named {name!r};"
                        " rename or merge it first",
                        name=child.name,
                    )
                )
        existing = {
            (a.document_id, a.start, a.end): a
            for a in list_annotations(store, theme_ids=[target_id])
        }
        moved_ids: list[int] = []
        dropped: list[Annotation] = []
        notes_before: list[Annotation] = []
        for passage in list_annotations(store, theme_ids=[source_id]):
            key = (passage.document_id, passage.start, passage.end)
            kept = existing.get(key)
            if kept is None:
                moved_ids.append(passage.id)
                existing[key] = passage
                continue
            dropped.append(passage)
            if not kept.note.strip() and passage.note.strip() and kept.theme_id == target_id:
                notes_before.append(kept)
                existing[key] = replace(kept, note=passage.note, updated_at=utc_now())
                replace_annotation(store, existing[key])
        store.db.execute(
            f"DELETE FROM annotations WHERE id IN ({','.join('?' * len(dropped))})",
            [a.id for a in dropped],
        )
        store.db.conn.executemany(
            "UPDATE annotations SET theme_id = ? WHERE id = ?", [(target_id, i) for i in moved_ids]
        )
        children = tuple((c.id, source_id, c.position) for c in moved_children)
        start = max((c.position for c in target_children), default=-1) + 1
        set_positions(
            store, target_id, tuple((c.id, start + i) for i, c in enumerate(moved_children))
        )
        created_at, siblings_before = _delete_row(store, source)
    return MergedTheme(
        source,
        created_at,
        target_id,
        tuple(moved_ids),
        tuple(dropped),
        tuple(notes_before),
        children,
        siblings_before,
    )


def unmerge_themes(store: Store, merged: MergedTheme) -> Theme:
    """Undo :func:`merge_themes` exactly: the source theme, its passages, notes and children."""
    source = merged.source
    with store.transaction():
        _insert_row(store, source, merged.created_at)
        set_positions(store, source.parent_id, merged.sibling_positions)
        for child_id, parent_id, position in merged.children:
            set_positions(store, parent_id, ((child_id, position),))
        store.db.conn.executemany(
            "UPDATE annotations SET theme_id = ? WHERE id = ?",
            [(source.id, i) for i in merged.moved_annotation_ids],
        )
        for before in merged.target_notes_before:
            replace_annotation(store, before)
        restore_annotations(store, merged.dropped)
    return require_theme(store, source.id)
