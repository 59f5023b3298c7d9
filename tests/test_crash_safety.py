"""Killing vnreader (SIGKILL) during an import, while tagging and during an export loses
nothing that was reported as done, leaves no half-imported report and no partial CSV."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnreader.core import annotations, themes
from vnreader.core.store import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

ROUNDS = 4
_rng = random.Random(20261123)


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "VNREADER_DB": str(db)}


def _kill_after(process: subprocess.Popen, low: float, high: float) -> None:
    time.sleep(_rng.uniform(low, high))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _check_database(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def test_killed_imports_leave_whole_reports_only(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(300):
        body = f"Báo cáo số {n}. Đoàn công tác tỉnh Quảng Ninh làm việc tại Hà Nội. " * 20
        (folder / f"{n:03}.txt").write_text(body, encoding="utf-8")
    db = tmp_path / "lib.db"
    command = [sys.executable, "-m", "vnreader", "import", str(folder)]
    counts = []
    for _ in range(ROUNDS):
        process = subprocess.Popen(
            command, env=_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _kill_after(process, 0.4, 1.6)
        if not db.exists():
            continue
        with _check_database(db) as conn:
            rows = conn.execute("SELECT id, text, char_count FROM documents").fetchall()
            assert all(len(text) == count for _id, text, count in rows)
            indexed = {r[0] for r in conn.execute("SELECT rowid FROM documents_fts")}
            assert indexed == {r[0] for r in rows}  # every report is searchable, no orphan
            counts.append(len(rows))
        conn.close()
    assert counts == sorted(counts)  # nothing imported before a kill was lost
    finished = subprocess.run(command, env=_env(db), capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    with _check_database(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 300
    conn.close()


_TAGGER = """
import sys
from vnreader.core import annotations
from vnreader.core.store import open_store
store = open_store(sys.argv[1])
doc, theme = int(sys.argv[2]), int(sys.argv[3])
start = int(sys.argv[4])
for k in range(start, start + 5000):
    a = annotations.add_annotation(store, doc, theme, k, k + 5, note=str(k))
    print(a.id, flush=True)
"""


def test_every_passage_reported_saved_survives_a_kill(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with open_store(db) as store:
        text = "Hà Nội và Đà Nẵng hợp tác phát triển du lịch biển. " * 500
        doc_id = store.add_document("Tin", text).document_id
        theme = themes.create_theme(store, "Du lịch").id
    saved: set[int] = set()
    for round_ in range(ROUNDS):
        first = round_ * 5000  # each round tags passages of its own
        process = subprocess.Popen(
            [sys.executable, "-c", _TAGGER, str(db), str(doc_id), str(theme), str(first)],
            stdout=subprocess.PIPE,
            text=True,
        )
        _kill_after(process, 0.6, 1.4)
        printed = {int(line) for line in process.stdout.read().split()}
        process.stdout.close()
        saved |= printed
        with _check_database(db) as conn:
            stored = {row[0] for row in conn.execute("SELECT id FROM annotations")}
        conn.close()
        assert printed, "the tagger never got to tag"
        assert saved <= stored


def test_a_killed_export_never_leaves_a_partial_csv(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with open_store(db) as store:
        text = "Hà Nội và Đà Nẵng hợp tác phát triển du lịch biển. " * 40
        doc = store.add_document("Tin", text).document_id
        theme = themes.create_theme(store, "Du lịch").id
        with store.transaction():
            for k in range(20_000):
                start = k % 2000
                annotations.add_annotation(store, doc, theme, start, start + 10 + k // 2000)
    out = tmp_path / "passages.csv"
    command = [sys.executable, "-m", "vnreader", "export", "annotations", "--out", str(out)]
    done = subprocess.run(command, env=_env(db), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    complete = out.read_bytes()
    assert complete.count(b"\n") == 20_001
    for _ in range(ROUNDS):
        process = subprocess.Popen(
            command, env=_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _kill_after(process, 0.3, 1.2)
        assert out.read_bytes() == complete  # the old file, whole, or the new one, whole
