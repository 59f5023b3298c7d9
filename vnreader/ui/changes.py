"""One signal that says what a user operation changed, so each view decides what to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Change:
    """``documents``: ids whose passages changed (None = possibly all); ``themes``: the
    codebook changed; ``ranges``: (document id, start, end) touched, for partial redraws;
    ``entities``: ids whose shown entities changed (None = possibly all); ``streamed``: the
    change is one of a stream of background results, which views may gather and redraw once."""

    documents: frozenset[int] | None = frozenset()
    themes: bool = False
    ranges: tuple[tuple[int, int, int], ...] = field(default=())
    entities: frozenset[int] | None = frozenset()
    streamed: bool = False


class ChangeHub(QObject):
    changed = Signal(object)  # Change
    failed = Signal(str)  # an undo or redo step could not be carried out

    def announce(self, change: Change) -> None:
        self.changed.emit(change)
