"""Correcting entities in the reader: mark a selection, retype, accept or reject an entity,
here or in every report; the reader's entity tooltips; and keeping the panes, panels and
library in step with every correction.

Each correction is a :class:`vnreader.ui.commands.CorrectEntities` on the window's undo
stack; the core (:mod:`vnreader.core.entity_corrections`) writes it at once.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMenu

from vnreader.core import entity_corrections as ec
from vnreader.core.entity_review import UncertainEntity, percent
from vnreader.core.models import ORIGIN_USER, Entity
from vnreader.i18n import tr, trn
from vnreader.ui import commands as cmd
from vnreader.ui.changes import Change
from vnreader.ui.entity_style import ENTITY_KINDS, KIND_BY_LABEL, add_kind_actions
from vnreader.ui.models.annotation_table import excerpt
from vnreader.ui.models.entity_list import EntityGroup


def _quoted(text: str, limit: int = 40) -> str:
    return f"“{excerpt(text, limit)}”"


def _kind(label: str) -> str:
    return tr(KIND_BY_LABEL[label].singular)


def describe_entity(entity: Entity) -> str:
    """One line for a tooltip: type, then the model's confidence or who set it."""
    parts = [_kind(entity.label)]
    if entity.origin == ORIGIN_USER:
        parts.append(tr("from your dictionary") if entity.from_dictionary else tr("marked by you"))
    else:
        if entity.confidence is not None:
            parts.append(percent(entity.confidence))
        parts.append(tr("found by the model"))
    return " · ".join(parts)


class EntityEditor(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.store, self.hub, self.stack = window.store, window.hub, window.undo_stack
        for pane in window.panes:
            pane.reader.describe_entity = lambda offset, pane=pane: self.describe(pane, offset)
        window.entity_panel.fix_requested.connect(self.fix_group)
        window.uncertain.entity_chosen.connect(self.show_uncertain)
        window.uncertain.fix_requested.connect(self.fix_uncertain)
        self.hub.changed.connect(self._on_change)

    # --- targets -------------------------------------------------------------------

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        """The shown (visible) entities of the active pane overlapping ``[start, end)``."""
        document_id = self.window.current_document_id
        if document_id is None:
            return []
        visible = self.window.reader.visible_labels()
        found = ec.entities_at(self.store, document_id, start, end)
        return [entity for entity in found if entity.label in visible]

    def _selected_entities(self) -> list[Entity]:
        """Entities the selection touches, or the one holding the cursor."""
        return self._entities_in(*self.window.reader.selected_span())

    # --- operations ----------------------------------------------------------------

    def run(self, title: str, operation, *args) -> bool:
        """Carry out a correction as an undoable command; say why if it is refused."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # "everywhere" takes a while
        try:
            command = cmd.CorrectEntities(self.store, self.hub, title, operation, *args)
        except ValueError as error:  # CorrectionError, or a document deleted meanwhile
            self.window.show_status(str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.stack.push(command)
        self.window.show_status(command.text())
        return True

    def mark(self, document_id: int, start: int, end: int, label: str) -> bool:
        text = self.store.text_span(document_id, start, end)
        found = ec.entities_at(self.store, document_id, start, end)
        exact = next((e for e in found if (e.start, e.end) == (start, end)), None)
        fields = {"words": _quoted(text), "kind": _kind(label)}
        if exact is None:
            title = tr("Mark {words} as {kind}", **fields)
        elif exact.label == label:
            title = tr("Accept {words} as {kind}", **fields)
        else:
            title = tr("Change {words} to {kind}", **fields)
        return self.run(title, ec.mark_entities, document_id, [(start, end)], label)

    def reject(self, document_id: int, entities: list[Entity]) -> bool:
        names = ", ".join(_quoted(e.text) for e in entities[:3])
        more = len(entities) - 3
        title = (
            tr("Not an entity: {names} and {count} more", names=names, count=more)
            if more > 0
            else tr("Not an entity: {names}", names=names)
        )
        spans = [(e.start, e.end) for e in entities]
        return self.run(title, ec.reject_entities, document_id, spans)

    def everywhere(self, document_id: int, start: int, end: int, label: str | None) -> bool:
        text = _quoted(self.store.text_span(document_id, start, end))
        title = (
            tr("{words} is not an entity in any report", words=text)
            if label is None
            else tr("Mark {words} as {kind} in every report", words=text, kind=_kind(label))
        )
        return self.run(title, ec.correct_everywhere, document_id, start, end, label)

    # --- menu and shortcut actions (on the active pane's selection) ------------------

    def mark_selection(self, label: str) -> None:
        """Mark the selection as ``label``; with no selection, retype the entity at the
        cursor."""
        document_id = self.window.current_document_id
        start, end = self.window.reader.selected_span()
        if document_id is None:
            return
        if end > start:
            self.mark(document_id, start, end, label)
        elif entities := self._selected_entities():
            self.mark(document_id, entities[0].start, entities[0].end, label)
        else:
            self.window.show_status(tr("Select the words to mark, or click in an entity"))

    def accept_selection(self) -> None:
        entities = self._selected_entities()
        if len(entities) != 1:
            self.window.show_status(tr("Select one entity to accept it"))
            return
        entity = entities[0]
        self.mark(entity.document_id, entity.start, entity.end, entity.label)

    def reject_selection(self) -> None:
        entities = self._selected_entities()
        if not entities:
            self.window.show_status(tr("There is no entity in the selection"))
            return
        self.reject(entities[0].document_id, entities)

    def everywhere_selection(self, label: str | None) -> None:
        """Apply to all occurrences: the selection's words, or the entity at the cursor."""
        document_id = self.window.current_document_id
        start, end = self.window.reader.selected_span()
        if document_id is None:
            return
        if end == start:
            entities = self._selected_entities()
            if not entities:
                self.window.show_status(tr("Select the words to mark, or click in an entity"))
                return
            start, end = entities[0].start, entities[0].end
        self.everywhere(document_id, start, end, label)

    # --- the entity panel and the review list ------------------------------------------

    def fix_group(self, group: EntityGroup, label: str | None, everywhere: bool) -> None:
        """A correction asked for in the entity panel: every mention of a name in the open
        report (``label`` None: not an entity), or in every report."""
        document_id = self.window.current_document_id
        if document_id is None:
            return
        if everywhere:
            self.everywhere(document_id, *group.occurrences[0], label)
        elif label is None:
            entities = [
                e
                for e in self.store.entities_for(document_id)
                if (e.start, e.end) in set(group.occurrences)
            ]
            self.reject(document_id, entities)
        else:
            mentions = len(group.occurrences)
            fields = {"words": _quoted(group.text), "kind": _kind(label)}
            self.run(
                trn(
                    "Change {words} to {kind} ({n} mention)",
                    "Change {words} to {kind} ({n} mentions)",
                    mentions,
                    **fields,
                )
                if mentions > 1
                else tr("Change {words} to {kind}", **fields),
                ec.mark_entities,
                document_id,
                list(group.occurrences),
                label,
            )

    def show_uncertain(self, item: UncertainEntity) -> None:
        """Open the report of a listed entity and select it."""
        if item.document_id != self.window.current_document_id:
            self.window.open_document(item.document_id)
        self.window.reader.select_span(item.start, item.end)

    def fix_uncertain(self, item: UncertainEntity, label: str | None) -> None:
        """Accept (``label`` = its own), retype or (None) reject a listed entity."""
        if label is None:
            self.run(
                tr("Not an entity: {names}", names=_quoted(item.text)),
                ec.reject_entities,
                item.document_id,
                [(item.start, item.end)],
            )
        else:
            self.mark(item.document_id, item.start, item.end, label)

    # --- the reader's context menu and tooltips ---------------------------------------

    def fill_menu(self, menu: QMenu, offset: int) -> None:
        """Entity items for the reader's context menu: the selection, and the entity under
        the mouse at ``offset``."""
        window = self.window
        document_id = window.current_document_id
        if document_id is None:
            return
        start, end = window.reader.selected_span()
        marks = menu.addMenu(tr("Mark Selection As"))
        marks.setEnabled(end > start)
        for number, kind in enumerate(ENTITY_KINDS, start=1):
            marks.addAction(
                f"{tr(kind.singular)}\tCtrl+{number}",
                lambda label=kind.label: self.mark(document_id, start, end, label),
            )
        here = self._entities_in(offset, offset)
        if not here:
            if end > start:
                self._everywhere_menu(menu, document_id, start, end)
            return
        entity = here[0]
        menu.addSeparator()
        menu.addSection(f"{_quoted(entity.text, 30)}: {describe_entity(entity)}")
        span = (entity.start, entity.end)
        if entity.origin != ORIGIN_USER:
            menu.addAction(
                tr("Accept as {kind}", kind=_kind(entity.label)),
                lambda: self.mark(document_id, *span, entity.label),
            )
        add_kind_actions(
            menu.addMenu(tr("Change Type To")),
            lambda label: self.mark(document_id, *span, label),
            skip=entity.label,
        )
        menu.addAction(
            tr("Not an Entity") + "\tCtrl+Del", lambda: self.reject(document_id, [entity])
        )
        self._everywhere_menu(menu, document_id, *span)

    def _everywhere_menu(self, menu: QMenu, document_id: int, start: int, end: int) -> None:
        text = self.store.text_span(document_id, start, end)
        everywhere = menu.addMenu(tr("In Every Report"))
        for kind in ENTITY_KINDS:
            everywhere.addAction(
                tr("Mark {words} as {kind}", words=_quoted(text, 30), kind=tr(kind.singular)),
                lambda label=kind.label: self.everywhere(document_id, start, end, label),
            )
        everywhere.addAction(
            tr("{words} Is Not an Entity", words=_quoted(text, 30)),
            lambda: self.everywhere(document_id, start, end, None),
        )

    def describe(self, pane, offset: int) -> str:
        if pane.document_id is None:
            return ""
        visible = pane.reader.visible_labels()
        found = ec.entities_at(self.store, pane.document_id, offset, offset)
        entity = next((e for e in found if e.label in visible), None)
        return html.escape(describe_entity(entity)) if entity else ""

    def review(self) -> None:
        """Show the review list of uncertain entities, up to date."""
        self.window.uncertain_dock.show()
        self.window.uncertain_dock.raise_()
        self.window.uncertain.reload()
        self.window.uncertain.view.setFocus()

    # --- keeping views in step ---------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.entities != frozenset():
            self.window.entities_changed(change.entities, streamed=change.streamed)
