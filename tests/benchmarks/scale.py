"""The budgets at 10k reports (issue 6): import, start-up, sidebar, search, background
entity extraction and memory, on a generated corpus written to disk as the user's files.

``python -m tests.benchmarks.scale [N] [SECONDS]`` runs it alone (default 10,000 reports
and 30 s of entity extraction); ``make bench`` runs it with the other benchmarks.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.corpus import bench_search, write_corpus
from tests.benchmarks.timing import median_time


def bench_import(corpus: Path, db: Path) -> None:
    """Import the folder as ``vnreader import`` does, against only reading its files."""
    from vnreader.core.library import import_files
    from vnreader.core.store import open_store

    files = sorted(corpus.glob("*.txt"))
    start = time.perf_counter()
    for path in files:
        path.read_bytes()
    reading = time.perf_counter() - start
    with open_store(db) as store:
        start = time.perf_counter()
        report = import_files(store, [corpus])
        took = time.perf_counter() - start
    size = sum(path.stat().st_size for path in files) / 1024 / 1024
    print(
        f"import {len(report.added):,} reports ({size:.0f} MB) without entities: {took:5.1f} s"
        f"   reading the files alone {reading:.1f} s   budget 15 s"
    )


def bench_startup_at_scale(db: Path, folder: Path) -> None:
    probe = [sys.executable, "-m", "tests.benchmarks.startup_probe"]
    small = [*probe, str(folder / "small.db"), str(folder / "small.ini")]
    large = [*probe, str(db), str(folder / "large.ini")]
    for command in (small, large):  # the first run seeds or upgrades the database
        subprocess.run(command, check=True, capture_output=True)
    small_t = median_time(lambda: subprocess.run(small, check=True, capture_output=True), 5)
    large_t = median_time(lambda: subprocess.run(large, check=True, capture_output=True), 5)
    print(
        f"start to first window with 10k reports: {large_t * 1000:6.0f} ms"
        f"   with the 5 samples {small_t * 1000:.0f} ms   ratio {large_t / small_t:.2f}x"
        "   budget 1500 ms"
    )


def bench_window_at_scale(db: Path, folder: Path, seconds: float) -> None:
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.scale_probe",
        str(db),
        str(folder / "probe.ini"),
        str(seconds),
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    keys = result["filter_ms"]
    print(
        f"sidebar filter keystroke, {result['documents']:,} reports: median"
        f" {statistics.median(keys):5.1f} ms, max {max(keys):.1f} ms   budget 50 ms"
    )
    print(
        f"sidebar scrolled through {result['rows']:,} rows, {result['scroll_steps']} screens:"
        f" median {result['scroll_step_median_ms']:.1f} ms a screen,"
        f" max {result['scroll_step_max_ms']:.1f} ms"
    )
    print(
        f"longest UI stall while entities are found in the background ({seconds:.0f} s,"
        f" {result['ner_documents']} reports, {result['ner_kb_per_s']:.0f} KB/s):"
        f" {result['stall_max_ms']:5.1f} ms (99th percentile {result['stall_p99_ms']:.1f} ms,"
        f" {result['stalls_over_100ms']} over 100 ms)   idle {result['idle_max_ms']:.1f} ms"
        "   budget 100 ms"
    )
    total = result["rss_window_mb"] + result["rss_worker_mb"]
    print(
        f"resident memory with 10k reports: window {result['rss_window_mb']:.0f} MB"
        f" (peak {result['peak_rss_window_mb']:.0f}) + entity worker"
        f" {result['rss_worker_mb']:.0f} MB = {total:.0f} MB   budget 500 MB"
    )


def bench_scale(n: int = 10_000, seconds: float = 30.0) -> None:
    from vnreader.core.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = write_corpus(folder / "corpus", n)
        db = folder / "scale.db"
        bench_import(corpus, db)
        with open_store(db) as store:
            bench_search(store)
        bench_startup_at_scale(db, folder)
        bench_window_at_scale(db, folder, seconds)


if __name__ == "__main__":
    bench_scale(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        float(sys.argv[2]) if len(sys.argv) > 2 else 30.0,
    )
