"""Tagging in the reader: theme keys, clicks on the codebook, the context menu, tooltips,
and keeping the reader's passage highlights in step with every change."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu, QMessageBox

from vnreader.core import annotations as ann
from vnreader.core import themes as th
from vnreader.i18n import tr
from vnreader.ui import commands as cmd
from vnreader.ui.changes import Change


class TaggingController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.store, self.hub, self.stack = window.store, window.hub, window.undo_stack
        for reader in window.readers():
            reader.theme_key_pressed.connect(self.tag_with_key)
            reader.context_requested.connect(self.context_menu)
            reader.describe_passages = self.describe
        window.codebook.theme_clicked.connect(self.tag_with_theme)
        self.hub.changed.connect(self._on_change)

    # --- tagging -------------------------------------------------------------------

    def selection(self) -> tuple[int, int, int] | None:
        document_id = self.window.current_document_id
        start, end = self.window.reader.selected_span()
        if document_id is None or end <= start:
            return None
        return document_id, start, end

    def tag_with_key(self, key: int) -> None:
        theme = next((t for t in th.list_themes(self.store) if t.shortcut == key), None)
        if theme is None:
            self.window.show_status(
                tr("No theme has the key {key}; set one in the codebook", key=key)
            )
            return
        self.tag_with_theme(theme.id)

    def tag_with_theme(self, theme_id: int) -> None:
        selection = self.selection()
        if selection is None:
            return
        theme = th.get_theme(self.store, theme_id)
        document_id, start, end = selection
        try:
            command = cmd.TagPassage(self.store, self.hub, document_id, theme, start, end)
        except (ann.AnnotationError, ValueError) as error:
            self.window.show_status(str(error))
            return
        self.stack.push(command)
        self.window.show_status(command.text())

    # --- reader ----------------------------------------------------------------------

    def passages(self, document_id: int | None = None) -> list:
        document_id = self.window.current_document_id if document_id is None else document_id
        return [] if document_id is None else ann.annotations_for_document(self.store, document_id)

    def theme_colors(self) -> dict[int, str]:
        return {t.id: t.color for t in th.list_themes(self.store)}

    def _on_change(self, change: Change) -> None:
        colors = self.theme_colors()
        for pane in self.window.panes:
            document_id = pane.document_id
            if document_id is None:
                continue
            if change.themes or change.documents is None:
                changed = None
            elif document_id in change.documents:
                changed = [(s, e) for doc, s, e in change.ranges if doc == document_id] or None
            else:
                continue
            spans = [(a.start, a.end, a.theme_id) for a in self.passages(document_id)]
            pane.reader.set_passages(spans, colors, changed)

    def describe(self, theme_ids: tuple[int, ...], offset: int) -> str:
        paths = th.theme_paths(self.store)
        lines = []
        for passage in self.passages():
            if passage.start <= offset < passage.end and passage.theme_id in theme_ids:
                line = f"<b>{html.escape(paths.get(passage.theme_id, '?'))}</b>"
                if passage.note:
                    line += f": {html.escape(passage.note)}"
                lines.append(line)
        return "<br>".join(lines)

    def context_menu(self, global_pos: QPoint, offset: int) -> None:
        menu = QMenu(self.window)
        paths = th.theme_paths(self.store)
        tag_menu = menu.addMenu(tr("Tag Selection With"))
        tag_menu.setEnabled(self.selection() is not None)
        for theme in th.list_themes(self.store):
            key = f"\t{theme.shortcut}" if theme.shortcut else ""
            tag_menu.addAction(paths[theme.id] + key, lambda tid=theme.id: self.tag_with_theme(tid))
        self.window.entity_editor.fill_menu(menu, offset)
        here = [p for p in self.passages() if p.start <= offset < p.end]
        if here:
            menu.addSeparator()
        for passage in here:
            name = paths.get(passage.theme_id, "?")
            menu.addAction(
                tr("Edit Note on “{name}”…", name=name), lambda p=passage: self.edit_note(p)
            )
            menu.addAction(
                tr("Remove Tag “{name}”", name=name),
                lambda p=passage: self.window.passages.run(cmd.DeletePassage, p.id),
            )
        menu.addSeparator()
        menu.addAction(self.window.copy_action)
        menu.exec(global_pos)

    def edit_note(self, passage) -> None:
        from PySide6.QtWidgets import QInputDialog

        note, ok = QInputDialog.getMultiLineText(
            self.window, tr("Note"), tr("Note on this passage:"), passage.note
        )
        if ok and note != passage.note:
            try:
                self.stack.push(
                    cmd.EditPassage(self.store, self.hub, passage.id, "Edit note of", note=note)
                )
            except (ann.AnnotationError, ValueError) as error:
                QMessageBox.warning(self.window, "vnreader", str(error))
