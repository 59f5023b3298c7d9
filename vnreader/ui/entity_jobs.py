"""Runs the entity pipeline in a child process and delivers results on the GUI thread.

underthesea is pure-Python-heavy and would hold the GIL from a thread, so it runs in
``vnreader ner-worker`` (see :mod:`vnreader.core.entity_worker`). Documents are sent one at
a time so the one the user opens can jump the queue. Results are validated and stored by
the GUI thread, the only writer of the database.
"""

from __future__ import annotations

import json
import sys
from collections import deque

from PySide6.QtCore import QObject, QProcess, Signal

from vnreader.core.store import Store
from vnreader.i18n import tr


class EntityJobs(QObject):
    document_started = Signal(int)
    progress = Signal(int, int, int)  # document id, characters done, characters in total
    document_done = Signal(int)
    document_failed = Signal(int, str)
    queue_changed = Signal(int, int)  # documents finished, documents in this run
    worker_failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.command = [sys.executable, "-m", "vnreader", "ner-worker"]  # program, arguments
        self._queue: deque[int] = deque()
        self._queued: set[int] = set()  # the ids in _queue, for O(1) look-ups at 10k
        self._current: int | None = None
        self._done = 0
        self._total = 0
        self._buffer = b""
        self._process: QProcess | None = None
        self._stopping = False

    # --- queue ---------------------------------------------------------------------

    def enqueue(self, document_ids: list[int]) -> None:
        fresh = list(
            dict.fromkeys(d for d in document_ids if d not in self._queued and d != self._current)
        )
        self._queue.extend(fresh)
        self._queued.update(fresh)
        self._total += len(fresh)
        if fresh:
            self.queue_changed.emit(self._done, self._total)
        self._pump()

    def prioritise(self, document_id: int) -> None:
        if document_id in self._queued and self._queue[0] != document_id:
            self._queue.remove(document_id)
            self._queue.appendleft(document_id)

    def is_pending(self, document_id: int) -> bool:
        return document_id == self._current or document_id in self._queued

    def is_busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    # --- process -------------------------------------------------------------------

    def _ensure_process(self) -> QProcess:
        if self._process is None:
            process = QProcess(self)
            process.setProgram(self.command[0])
            process.setArguments(self.command[1:])
            process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
            process.readyReadStandardOutput.connect(self._read)
            process.readyReadStandardError.connect(self._drain_stderr)
            process.finished.connect(self._on_finished)
            process.errorOccurred.connect(self._on_error)
            process.start()
            self._process = process
        return self._process

    def _pump(self) -> None:
        if self._current is not None or not self._queue or self._stopping:
            return
        document_id = self._queue.popleft()
        self._queued.discard(document_id)
        document = self._store.get_document(document_id)
        if document is None:  # deleted meanwhile
            self._finish_one()
            return
        self._current = document_id
        self.document_started.emit(document_id)
        request = json.dumps({"id": document_id, "text": document.text}, ensure_ascii=False)
        self._ensure_process().write((request + "\n").encode("utf-8"))

    def _read(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if not line.strip():
                continue
            try:
                message = json.loads(line.decode("utf-8"))
            except ValueError:
                sys.stderr.write(f"entity worker: unreadable line {line[:80]!r}\n")
                continue
            self._handle(message)

    def _drain_stderr(self) -> None:
        data = bytes(self._process.readAllStandardError().data())
        if data:
            sys.stderr.write(data.decode("utf-8", "replace"))

    def _handle(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "progress" and message.get("id") == self._current:
            self.progress.emit(message["id"], message["done"], message["total"])
        elif kind == "result" and message.get("id") == self._current:
            document_id = self._current
            try:
                with self._store.without_fsync():  # computed again if a power cut loses it
                    self._store.replace_model_entities(
                        document_id, [tuple(span) for span in message["spans"]], message["version"]
                    )
            except (KeyError, ValueError) as error:
                self.document_failed.emit(document_id, str(error))
            else:
                self.document_done.emit(document_id)
            self._finish_one()
        elif kind == "error" and message.get("id") == self._current:
            self.document_failed.emit(self._current, message.get("message") or tr("unknown error"))
            self._finish_one()

    def _finish_one(self) -> None:
        self._current = None
        self._done += 1
        self.queue_changed.emit(self._done, self._total)
        if not self._queue:
            self._done = self._total = 0
        self._pump()

    def _on_finished(self, exit_code: int, _status) -> None:
        self._process = None
        if self._stopping:
            return
        failed = self._current
        self._current = None
        if failed is not None:
            self.worker_failed.emit(
                tr("the entity worker stopped (exit code {code})", code=exit_code)
            )
            self._forget_queue()
            self._done = self._total = 0
            self.queue_changed.emit(0, 0)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._process = None
            self._current = None
            self._forget_queue()
            self.worker_failed.emit(tr("the entity worker could not be started"))
            self.queue_changed.emit(0, 0)

    def _forget_queue(self) -> None:
        self._queue.clear()
        self._queued.clear()

    def restart(self) -> None:
        """Forget the queue and the worker: the next document starts a new worker, which
        loads the entity model in use now (after a retraining, say)."""
        self.stop()
        self._stopping = False
        self._done = self._total = 0
        self.queue_changed.emit(0, 0)

    def stop(self) -> None:
        """Kill the worker (nothing half-done is stored) and forget the queue."""
        self._stopping = True
        self._forget_queue()
        if self._process is not None:
            self._process.kill()
            self._process.waitForFinished(2000)
            self._process = None
        self._current = None
        self._buffer = b""
