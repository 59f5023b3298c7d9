"""import_files: the same library whether files are read here or by worker processes."""

from __future__ import annotations

from pathlib import Path

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
