"""The entity worker: a child process that runs the NER pipeline for the GUI.

Protocol, one JSON object per line (UTF-8):

* requests on stdin: ``{"id": 7, "text": "..."}``; end of input ends the worker.
* replies on stdout: ``{"type": "ready", "version": V}`` once, then per request
  ``{"type": "progress", "id": 7, "done": 120, "total": 5000}`` (a few per document),
  and ``{"type": "result", "id": 7, "version": V, "spans": [[start, end, label, text,
  confidence], ...]}`` (confidence: the model's probability for the span, 0–1)
  or ``{"type": "error", "id": 7, "message": "..."}``.

Anything a library prints goes to stderr so it cannot corrupt the protocol.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import IO

PROGRESS_INTERVAL_S = 0.25


def serve(requests: IO[str], replies: IO[str]) -> int:
    from vnreader.core.entities import extract_entities, pipeline_version

    version = pipeline_version()

    def send(message: dict) -> None:
        replies.write(json.dumps(message, ensure_ascii=False) + "\n")
        replies.flush()

    send({"type": "ready", "version": version})
    for line in requests:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            doc_id, text = int(request["id"]), str(request["text"])
        except (ValueError, KeyError, TypeError) as error:
            send({"type": "error", "id": None, "message": f"bad request: {error}"})
            continue
        last = 0.0

        def progress(done: int, total: int, doc_id: int = doc_id) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL_S:
                last = now
                send({"type": "progress", "id": doc_id, "done": done, "total": total})

        try:
            spans = extract_entities(text, progress=progress)
        except Exception as error:  # one bad document must not end the batch
            send({"type": "error", "id": doc_id, "message": f"{type(error).__name__}: {error}"})
            continue
        send(
            {
                "type": "result",
                "id": doc_id,
                "version": version,
                "spans": [[s.start, s.end, s.label, s.text, s.confidence] for s in spans],
            }
        )
    return 0


def main() -> int:
    """Run the worker on the process's stdin/stdout."""
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # stray prints from libraries (even from C) must not reach the protocol
    sys.stdout = sys.stderr
    with (
        open(sys.stdin.fileno(), encoding="utf-8", closefd=False) as requests,
        protocol_out,
    ):
        return serve(requests, protocol_out)
