"""import_files: the same library whether files are read here or by worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

import vnreader.core.library as library
from vnreader.core.migrations import SEARCH_TABLE
from vnreader.core.store import open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for number in range(24):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        (folder / f"r{number:02d}.txt").write_text(f"Bản tin {number}\n{text}", encoding="utf-8")
    (folder / "r05.txt").write_bytes(b"\x00\x01binary\x00")  # refused, the rest goes on
    (folder / "r07.txt").write_text("")
    (folder / "r30.txt").write_text("Bản tin 3\n" + seeds[3].read_text(encoding="utf-8"))
    return folder


def _library(db: Path) -> list[tuple]:
    with open_store(db) as store:
        return store.db.execute(
            f"SELECT d.id, d.title, d.text, f.folded FROM documents d"
            f" JOIN {SEARCH_TABLE} f ON f.rowid = d.id ORDER BY d.id"
        ).fetchall()


def _recorder(steps: list[tuple[int, int]]):
    return lambda done, total: steps.append((done, total))


def test_worker_processes_give_the_same_library_and_report(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    reports = {}
    for name, threshold in (("here", 10_000), ("workers", 1)):
        monkeypatch.setattr(library, "PARALLEL_FROM", threshold)
        progress: list[tuple[int, int]] = []
        with open_store(tmp_path / f"{name}.db") as store:
            report = library.import_files(store, [folder], progress=_recorder(progress))
        assert progress[-1] == (25, 25)
        reports[name] = report
    here, workers = reports["here"], reports["workers"]
    assert _library(tmp_path / "here.db") == _library(tmp_path / "workers.db")
    assert len(here.added) == 22
    assert [str(e) for e in workers.failed] == [str(e) for e in here.failed]
    assert [e.path.name for e in workers.failed] == ["r05.txt", "r07.txt"]
    assert workers.duplicates == here.duplicates
    assert [Path(f).name for f, _ in workers.duplicates] == ["r30.txt"]


def _workers() -> list[int]:
    """Process ids of this process's spawned workers (Linux /proc; multiprocessing's own
    resource tracker is left out)."""
    import os

    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
            except OSError:
                continue
            mine = int(stat.rsplit(b")", 1)[1].split()[1]) == os.getpid()
            if mine and b"spawn_main" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_killed_reading_worker_costs_no_file(tmp_path, monkeypatch):
    """The out-of-memory killer may take a worker: the files it had not returned are read
    here instead, and every one is imported."""
    import os
    import signal

    folder = _folder(tmp_path)
    monkeypatch.setattr(library, "PARALLEL_FROM", 1)
    monkeypatch.setattr(library, "CHUNK_FILES", 2)
    progress: list[tuple[int, int]] = []
    killed: list[int] = []

    def kill_a_worker_once(done: int, total: int) -> None:
        progress.append((done, total))
        if done == 3 and not killed:
            killed.extend(_workers()[:1])
            os.kill(killed[0], signal.SIGKILL)

    with open_store(tmp_path / "killed.db") as store:
        report = library.import_files(store, [folder], progress=kill_a_worker_once)
    assert killed and progress[-1] == (25, 25)
    assert len(report.added) == 22 and len(report.failed) == 2
    with open_store(tmp_path / "here.db") as store:
        library.import_files(store, [folder])
    assert _library(tmp_path / "killed.db") == _library(tmp_path / "here.db")
    assert _workers() == []  # the other worker was stopped too
