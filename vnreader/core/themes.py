"""The codebook: a tree of themes, with validation for every change.

Sibling positions are kept numbered 0..n-1. Names are unique (ignoring case) among siblings,
so a path such as ``"Kinh tế > Thương mại"`` names one theme. Deleting and merging, which
need undo records, live in :mod:`vnreader.core.theme_records` and are re-exported here.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from vnreader.core.annotations import UNSET
from vnreader.core.models import Theme
from vnreader.core.palette import is_hex_color, next_color
from vnreader.core.store import Store, utc_now
from vnreader.core.theme_records import (
    THEME_COLUMNS,
    DeletedTheme,
    MergedTheme,
    ThemeError,
    children_of,
    delete_theme,
    descendant_ids,
    get_theme,
    merge_themes,
    name_key,
    renumber,
    require_theme,
    restore_theme,
    sibling_ids,
    unmerge_themes,
)
from vnreader.i18n import tr

__all__ = [
    "UNSET",
    "DeletedTheme",
    "MergedTheme",
    "ThemeError",
    "PATH_SEPARATOR",
    "MAX_NAME_LENGTH",
    "list_themes",
    "get_theme",
    "find_theme",
    "theme_paths",
    "children_of",
    "create_theme",
    "update_theme",
    "move_theme",
    "annotation_counts",
    "delete_theme",
    "restore_theme",
    "merge_themes",
    "unmerge_themes",
]

PATH_SEPARATOR = " > "
MAX_NAME_LENGTH = 200


# --- reading -------------------------------------------------------------------------------


def _all_themes(store: Store) -> list[Theme]:
    rows = store.db.execute(f"SELECT {THEME_COLUMNS} FROM themes ORDER BY position, id").fetchall()
    return [Theme(*row) for row in rows]


def list_themes(store: Store) -> list[Theme]:
    """All themes in tree order: each root (by position, id) followed by its subtree."""
    children: dict[int | None, list[Theme]] = defaultdict(list)
    for theme in _all_themes(store):
        children[theme.parent_id].append(theme)
    ordered: list[Theme] = []
    stack = list(reversed(children[None]))
    while stack:
        theme = stack.pop()
        ordered.append(theme)
        stack.extend(reversed(children[theme.id]))
    return ordered


def theme_paths(store: Store) -> dict[int, str]:
    """Every theme's full path, e.g. ``{7: "Kinh tế > Thương mại"}``."""
    paths: dict[int, str] = {}
    for theme in list_themes(store):  # a parent always comes before its children
        parent = paths.get(theme.parent_id) if theme.parent_id is not None else None
        paths[theme.id] = f"{parent}{PATH_SEPARATOR}{theme.name}" if parent else theme.name
    return paths


def find_theme(store: Store, name: str) -> Theme | None:
    """The theme named by a full path (``"A > B"``) or a bare name, ignoring case and NFC/NFD."""
    parts = [name_key(part) for part in name.split(">")]
    themes = list_themes(store)
    if len(parts) == 1:
        matches = [theme for theme in themes if name_key(theme.name) == parts[0]]
        if len(matches) > 1:
            paths = theme_paths(store)
            raise ThemeError(
                tr(
                    "ambiguous theme name {name!r}: {count} themes have it;"
                    " use the full path, e.g. {path!r}",
                    name=name.strip(),
                    count=len(matches),
                    path=paths[matches[0].id],
                )
            )
        return matches[0] if matches else None
    parent_id: int | None = None
    found: Theme | None = None
    for part in parts:
        found = next(
            (t for t in themes if t.parent_id == parent_id and name_key(t.name) == part), None
        )
        if found is None:
            return None
        parent_id = found.id
    return found


def annotation_counts(store: Store) -> dict[int, int]:
    """Number of passages per theme id, for the themes that have any."""
    rows = store.db.execute("SELECT theme_id, count(*) FROM annotations GROUP BY theme_id")
    return dict(rows.fetchall())


# --- validation ----------------------------------------------------------------------------


def _clean_name(name: object) -> str:
    if not isinstance(name, str):
        raise ThemeError(tr("a theme name must be text"))
    cleaned = unicodedata.normalize("NFC", name.strip())
    if any(unicodedata.category(char) == "Cc" for char in cleaned):
        raise ThemeError(
            tr("a theme name cannot contain control characters: {name!r}", name=cleaned)
        )
    if not cleaned:
        raise ThemeError(tr("a theme name cannot be empty"))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ThemeError(
            tr(
                "a theme name can have at most {limit} characters (this one has {length})",
                limit=MAX_NAME_LENGTH,
                length=len(cleaned),
            )
        )
    if ">" in cleaned:
        raise ThemeError(
            tr(
                "a theme name cannot contain '>' (it separates path parts): {name!r}",
                name=cleaned,
            )
        )
    return cleaned


def _clean_color(store: Store, color: object, exclude_id: int | None = None) -> str:
    if color is None:
        used = store.db.execute("SELECT color FROM themes WHERE id IS NOT ?", [exclude_id])
        return next_color(row[0] for row in used)
    if not is_hex_color(color):
        raise ThemeError(
            tr("invalid colour {color!r}: use the form #rrggbb, e.g. #9ccaff", color=color)
        )
    return str(color).lower()


def _clean_description(description: object) -> str:
    if not isinstance(description, str):
        raise ThemeError(tr("a theme description must be text"))
    return unicodedata.normalize("NFC", description.strip())


def _check_parent(store: Store, parent_id: int | None) -> None:
    if parent_id is not None and get_theme(store, parent_id) is None:
        raise ThemeError(tr("parent theme {id} does not exist", id=parent_id))


def _check_name_free(
    store: Store, name: str, parent_id: int | None, exclude_id: int | None = None
) -> None:
    for sibling in children_of(store, parent_id):
        if sibling.id != exclude_id and name_key(sibling.name) == name_key(name):
            if parent_id:
                raise ThemeError(
                    tr(
                        "a theme named {name!r} already exists under {parent!r}",
                        name=sibling.name,
                        parent=theme_paths(store)[parent_id],
                    )
                )
            raise ThemeError(
                tr("a theme named {name!r} already exists at the top level", name=sibling.name)
            )


def _check_shortcut(store: Store, shortcut: object, exclude_id: int | None = None) -> None:
    if shortcut is None:
        return
    if not isinstance(shortcut, int) or isinstance(shortcut, bool) or not 1 <= shortcut <= 9:
        raise ThemeError(
            tr("a shortcut must be a digit from 1 to 9, not {shortcut!r}", shortcut=shortcut)
        )
    row = store.db.execute(
        "SELECT id FROM themes WHERE shortcut = ? AND id IS NOT ?", [shortcut, exclude_id]
    ).fetchone()
    if row:
        raise ThemeError(
            tr(
                "shortcut {shortcut} is already used by {theme!r}",
                shortcut=shortcut,
                theme=theme_paths(store)[row[0]],
            )
        )


# --- changes -------------------------------------------------------------------------------


def create_theme(
    store: Store,
    name: str,
    *,
    color: str | None = None,
    parent_id: int | None = None,
    description: str = "",
    shortcut: int | None = None,
    position: int | None = None,
) -> Theme:
    """Add a theme (by default at the end of its siblings, with the next free palette colour)."""
    name = _clean_name(name)
    description = _clean_description(description)
    with store.transaction():
        _check_parent(store, parent_id)
        _check_name_free(store, name, parent_id)
        _check_shortcut(store, shortcut)
        color = _clean_color(store, color)
        siblings = sibling_ids(store, parent_id)
        index = len(siblings) if position is None else _clamp_position(position, len(siblings))
        cursor = store.db.execute(
            "INSERT INTO themes (name, color, description, parent_id, position, shortcut,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, color, description, parent_id, index, shortcut, utc_now()],
        )
        siblings.insert(index, cursor.lastrowid)
        renumber(store, parent_id, siblings)
    return require_theme(store, cursor.lastrowid)


def _clamp_position(position: object, sibling_count: int) -> int:
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        raise ThemeError(
            tr("a position must be a whole number from 0, not {position!r}", position=position)
        )
    return min(position, sibling_count)


def update_theme(
    store: Store,
    theme_id: int,
    *,
    name: str = UNSET,
    color: str = UNSET,
    description: str = UNSET,
    shortcut: int | None = UNSET,
) -> tuple[Theme, Theme]:
    """Change a theme's name, colour, description or shortcut (None removes it).

    Returns ``(before, after)``.
    """
    with store.transaction():
        before = require_theme(store, theme_id)
        new_name = before.name if name is UNSET else _clean_name(name)
        if name is not UNSET:
            _check_name_free(store, new_name, before.parent_id, exclude_id=theme_id)
        new_color = before.color if color is UNSET else _clean_color(store, color, theme_id)
        new_description = (
            before.description if description is UNSET else _clean_description(description)
        )
        new_shortcut = before.shortcut if shortcut is UNSET else shortcut
        if shortcut is not UNSET:
            _check_shortcut(store, shortcut, exclude_id=theme_id)
        store.db.execute(
            "UPDATE themes SET name = ?, color = ?, description = ?, shortcut = ? WHERE id = ?",
            [new_name, new_color, new_description, new_shortcut, theme_id],
        )
        after = require_theme(store, theme_id)
    return before, after


def move_theme(
    store: Store, theme_id: int, parent_id: int | None, position: int
) -> tuple[Theme, Theme]:
    """Nest, unnest or reorder a theme; returns ``(before, after)``."""
    with store.transaction():
        before = require_theme(store, theme_id)
        _check_parent(store, parent_id)
        if parent_id is not None and (
            parent_id == theme_id or parent_id in descendant_ids(store, theme_id)
        ):
            raise ThemeError(tr("cannot move a theme inside itself"))
        _check_name_free(store, before.name, parent_id, exclude_id=theme_id)
        renumber(store, before.parent_id, sibling_ids(store, before.parent_id, theme_id))
        siblings = sibling_ids(store, parent_id, exclude_id=theme_id)
        siblings.insert(_clamp_position(position, len(siblings)), theme_id)
        renumber(store, parent_id, siblings)
        after = require_theme(store, theme_id)
    return before, after
