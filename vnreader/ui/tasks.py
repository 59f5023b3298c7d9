"""One helper for short background work in a thread; the result comes back on the GUI thread.

Only Qt-free functions that never write the database run here (reading and decoding
files, copying the database with its own reading connection for a backup); the GUI thread
stays the single writer of the database. CPU-heavy NLP runs in a process instead
(:mod:`vnreader.ui.entity_jobs`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # handed to the GUI thread, which reports it
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


_live: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    owner: QObject | None = None,
) -> None:
    """Run ``fn()`` on the global thread pool; call ``on_done(result)`` or ``on_error(e)``
    later on the GUI thread, unless ``owner`` (the widget the callbacks update) has been
    deleted by then: a window rebuilt for a new language drops its old tasks' results."""
    relay = _Relay()
    _live.add(relay)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _live.discard(relay)
        if owner is None or shiboken6.isValid(owner):
            callback(value)

    relay.finished.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda error: finish(on_error, error))
    QThreadPool.globalInstance().start(_Task(fn, relay))
