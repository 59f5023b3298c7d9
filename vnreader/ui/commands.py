"""Undoable user operations. Each command calls core functions, which write to the database
at once, and announces what changed. The operation runs once before the command is pushed
(so a refused operation never enters the undo stack); ``redo`` after an ``undo`` replays it
with the same ids.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QUndoCommand

from vnreader.core import annotations as ann
from vnreader.core import entity_corrections as ec
from vnreader.core import themes as th
from vnreader.core.models import Annotation, Theme
from vnreader.core.store import Store
from vnreader.i18n import N_, tr
from vnreader.ui.changes import Change, ChangeHub
from vnreader.ui.models.annotation_table import excerpt


class _Command(QUndoCommand):
    def __init__(self, store: Store, hub: ChangeHub, title: str) -> None:
        super().__init__(title)
        self.store, self.hub = store, hub
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done by the constructor's caller
            self._first = False
        else:
            self._replay(self._redo)
        self.hub.announce(self.change())

    def undo(self) -> None:
        self._replay(self._undo)
        self.hub.announce(self.change())

    def _replay(self, step) -> None:
        """Run an undo or redo step; if the database no longer allows it (changed from
        outside), say so instead of raising, and let the window drop the history."""
        try:
            with self.store.transaction():
                step()
        except (ValueError, sqlite3.Error) as error:
            self.hub.failed.emit(
                tr(
                    "Could not {action}: {error}",
                    action=self.text()[:1].lower() + self.text()[1:],
                    error=error,
                )
            )

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def change(self) -> Change:
        raise NotImplementedError


# The titles of edits: callers name the edit by its verb ("Rename", or its translation),
# and the whole title is translated here, so a language can put the name where it wants.
_PASSAGE_EDITS = {
    "Edit note of": N_("Edit note of “{name}”"),
    "Change theme of": N_("Change theme of “{name}”"),
    "Adjust": N_("Adjust “{name}”"),
}
_THEME_EDITS = {
    "Rename": N_("Rename “{name}”"),
    "Recolour": N_("Recolour “{name}”"),
    "Describe": N_("Describe “{name}”"),
    "Set key of": N_("Set key of “{name}”"),
}


def _title(templates: dict[str, str], verb: str, name: str) -> str:
    """The undo title of the edit ``verb`` (a key of ``templates``, in English or in the
    interface language) of ``name``; an unknown verb is put before the name."""
    for english, template in templates.items():
        if verb in (english, tr(english)):
            return tr(template, name=name)
    return f"{verb} “{name}”"


def _passage_change(*annotations: Annotation) -> Change:
    return Change(
        documents=frozenset(a.document_id for a in annotations),
        ranges=tuple((a.document_id, a.start, a.end) for a in annotations),
    )


class TagPassage(_Command):
    def __init__(self, store, hub, document_id, theme: Theme, start, end, note="") -> None:
        self.annotation = ann.add_annotation(store, document_id, theme.id, start, end, note)
        text = excerpt(self.annotation.text, 30)
        super().__init__(
            store, hub, tr("Tag “{passage}” as {theme}", passage=text, theme=theme.name)
        )

    def _redo(self) -> None:
        ann.restore_annotation(self.store, self.annotation)

    def _undo(self) -> None:
        ann.delete_annotation(self.store, self.annotation.id)

    def change(self) -> Change:
        return _passage_change(self.annotation)


class DeletePassage(_Command):
    def __init__(self, store, hub, annotation_id: int) -> None:
        self.annotation = ann.delete_annotation(store, annotation_id)
        text = excerpt(self.annotation.text, 30)
        super().__init__(store, hub, tr("Remove tag from “{passage}”", passage=text))

    def _redo(self) -> None:
        ann.delete_annotation(self.store, self.annotation.id)

    def _undo(self) -> None:
        ann.restore_annotation(self.store, self.annotation)

    def change(self) -> Change:
        return _passage_change(self.annotation)


class EditPassage(_Command):
    """Change a passage's note, theme or span (keyword arguments as in update_annotation)."""

    def __init__(self, store, hub, annotation_id: int, title: str, **changes) -> None:
        self.before, self.after = ann.update_annotation(store, annotation_id, **changes)
        super().__init__(store, hub, _title(_PASSAGE_EDITS, title, excerpt(self.after.text, 30)))

    def _redo(self) -> None:
        ann.replace_annotation(self.store, self.after)

    def _undo(self) -> None:
        ann.replace_annotation(self.store, self.before)

    def change(self) -> Change:
        return _passage_change(self.before, self.after)


class CorrectEntities(_Command):
    """An entity correction: ``operation(store, *args)`` is one of the operations of
    :mod:`vnreader.core.entity_corrections`; undo and redo write its images back."""

    def __init__(self, store, hub, title: str, operation, *args) -> None:
        self.correction = operation(store, *args)
        super().__init__(store, hub, title)

    def _redo(self) -> None:
        ec.redo_correction(self.store, self.correction)

    def _undo(self) -> None:
        ec.undo_correction(self.store, self.correction)

    def change(self) -> Change:
        surface = self.correction.surface
        if surface is not None:  # documents imported since may be concerned too
            return Change(entities=None)
        return Change(entities=self.correction.documents)


class CreateTheme(_Command):
    def __init__(self, store, hub, name: str, **options) -> None:
        self.theme = th.create_theme(store, name, **options)
        self._deleted = None
        super().__init__(store, hub, tr("New theme “{name}”", name=self.theme.name))

    def _redo(self) -> None:
        th.restore_theme(self.store, self._deleted)

    def _undo(self) -> None:
        self._deleted = th.delete_theme(self.store, self.theme.id)

    def change(self) -> Change:
        return Change(themes=True)


class EditTheme(_Command):
    """Rename, recolour, describe or re-key a theme (keywords as in update_theme)."""

    def __init__(self, store, hub, theme_id: int, title: str, **changes) -> None:
        self.before, self.after = th.update_theme(store, theme_id, **changes)
        self._changes = changes
        super().__init__(store, hub, _title(_THEME_EDITS, title, self.after.name))

    def _fields(self, theme: Theme) -> dict:
        return {key: getattr(theme, key) for key in self._changes}

    def _redo(self) -> None:
        th.update_theme(self.store, self.after.id, **self._fields(self.after))

    def _undo(self) -> None:
        th.update_theme(self.store, self.before.id, **self._fields(self.before))

    def change(self) -> Change:
        colour_shown = "color" in self._changes
        return Change(documents=None if colour_shown else frozenset(), themes=True)


class MoveTheme(_Command):
    def __init__(self, store, hub, theme_id: int, parent_id: int | None, position: int) -> None:
        self.before, self.after = th.move_theme(store, theme_id, parent_id, position)
        super().__init__(store, hub, tr("Move theme “{name}”", name=self.after.name))

    def _redo(self) -> None:
        th.move_theme(self.store, self.after.id, self.after.parent_id, self.after.position)

    def _undo(self) -> None:
        th.move_theme(self.store, self.before.id, self.before.parent_id, self.before.position)

    def change(self) -> Change:
        return Change(themes=True)


class DeleteTheme(_Command):
    def __init__(self, store, hub, theme_id: int) -> None:
        self.record = th.delete_theme(store, theme_id)
        super().__init__(store, hub, tr("Delete theme “{name}”", name=self.record.theme.name))

    def _redo(self) -> None:
        self.record = th.delete_theme(self.store, self.record.theme.id)

    def _undo(self) -> None:
        th.restore_theme(self.store, self.record)

    def change(self) -> Change:
        return Change(documents=None, themes=True)


class MergeThemes(_Command):
    def __init__(self, store, hub, source_id: int, target_id: int) -> None:
        source, target = th.get_theme(store, source_id), th.get_theme(store, target_id)
        self.record = th.merge_themes(store, source_id, target_id)
        self._ids = (source_id, target_id)
        title = tr("Merge “{source}” into “{target}”", source=source.name, target=target.name)
        super().__init__(store, hub, title)

    def _redo(self) -> None:
        self.record = th.merge_themes(self.store, *self._ids)

    def _undo(self) -> None:
        th.unmerge_themes(self.store, self.record)

    def change(self) -> Change:
        return Change(documents=None, themes=True)


class ImportCodebook(_Command):
    """Themes added from a .qdc file; undo deletes exactly the themes it added."""

    def __init__(self, store, hub, path) -> None:
        from vnreader.core import qdc

        before = {t.id for t in th.list_themes(store)}
        self.result = qdc.import_codebook(store, path)
        added = [t.id for t in th.list_themes(store) if t.id not in before]
        self._added = added  # tree order: parents first
        self._records: list = []
        super().__init__(store, hub, tr("Import codebook {name}", name=path.name))

    def _redo(self) -> None:
        for record in reversed(self._records):
            th.restore_theme(self.store, record)
        self._records = []

    def _undo(self) -> None:
        self._records = [th.delete_theme(self.store, tid) for tid in reversed(self._added)]

    def change(self) -> Change:
        return Change(themes=True)
