"""The window on a large library, measured from inside: run by ``make bench`` in a fresh
interpreter (``python -m tests.benchmarks.scale_probe DB SETTINGS SECONDS``) so that its
memory is the app's own. Prints one JSON object.

- filter: time of each keystroke typed into the sidebar filter, key press to repainted list,
  with the last report of the list open;
- scroll: the sidebar scrolled from top to bottom a screen at a time, each screen painted;
- stall: the longest gap of a 10 ms timer in the GUI thread, first while idle (the
  machine's floor), then while the entity pipeline runs over the library in its worker
  process and the window stores every result;
- memory: resident set of the window process and of the entity worker.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from vnreader.core.store import open_store
from vnreader.ui.main_window import MainWindow
from vnreader.ui.style import apply_style

TICK_MS = 10


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (Linux), 0 if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def peak_rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def gaps_while(seconds: float) -> list[float]:
    """Gaps (ms) between ticks of a 10 ms timer over ``seconds``, beyond the 10 ms."""
    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append(max(0.0, (now - last[0]) / 1e6 - TICK_MS))
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    timer.start(TICK_MS)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return gaps


def main() -> int:
    db_path, settings_path, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    app = QApplication(sys.argv[:1])
    apply_style(app)
    store = open_store(db_path)
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    window = MainWindow(store, settings, find_entities_on_show=False)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    library = window.library

    # The open report is the last in the list: filtering must not read every row before it.
    window.open_document(library.model.document_at(library.model.rowCount() - 1).id)
    keystrokes = []
    for key in "bao cao 12":
        start = time.perf_counter()
        QTest.keyClicks(library.filter_edit, key)
        library.view.viewport().repaint()
        keystrokes.append(time.perf_counter() - start)
    for _ in range(4):
        start = time.perf_counter()
        QTest.keyClick(library.filter_edit, Qt.Key.Key_Backspace)
        library.view.viewport().repaint()
        keystrokes.append(time.perf_counter() - start)
    shown = library.model.total_rows()
    library.filter_edit.clear()

    library.view.scrollToTop()
    bar = library.view.verticalScrollBar()
    steps = []
    while bar.value() < bar.maximum():
        start = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        library.view.viewport().repaint()
        steps.append(time.perf_counter() - start)
    library.view.scrollToTop()

    idle = gaps_while(2.0)
    done: list[int] = []
    window.jobs.document_done.connect(done.append)
    window.start_entity_jobs()
    busy = gaps_while(seconds)
    worker = window.jobs._process.processId() if window.jobs._process else 0
    characters = sum(len(store.get_document(d).text.encode("utf-8")) for d in done)
    result = {
        "documents": store.document_count(),
        "filter_ms": [k * 1000 for k in keystrokes],
        "filter_shown": shown,
        "scroll_steps": len(steps),
        "scroll_step_median_ms": statistics.median(steps) * 1000,
        "scroll_step_max_ms": max(steps) * 1000,
        "rows": library.model.rowCount(),
        "idle_max_ms": max(idle),
        "stall_max_ms": max(busy),
        "stall_p99_ms": statistics.quantiles(busy, n=100)[98],
        "stalls_over_100ms": sum(g > 100 for g in busy),
        "ner_documents": len(done),
        "ner_kb_per_s": characters / 1024 / seconds,
        "rss_window_mb": rss_mb(),
        "peak_rss_window_mb": peak_rss_mb(),
        "rss_worker_mb": rss_mb(worker) if worker else 0.0,
    }
    window.jobs.stop()
    window.close()
    store.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
