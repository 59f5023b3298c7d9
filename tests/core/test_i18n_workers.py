"""The reasons for refusing a file are in the interface language, also when a big batch is
read by spawned worker processes (which start in English and must be told the language)."""

from __future__ import annotations

from pathlib import Path

import pytest

import vnreader.core.library as library
from vnreader import i18n
from vnreader.core.store import open_store

FILES = 210  # above library.PARALLEL_FROM: read by worker processes
BAD = "r100.txt"
BINARY_VI = f"{BAD}: có vẻ là tệp nhị phân, không phải văn bản"
BINARY_EN = f"{BAD}: looks like a binary file, not text"


@pytest.fixture
def vietnamese():
    i18n.set_language("vi")
    try:
        yield
    finally:
        i18n.set_language("en")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(FILES):
        text = f"Bản tin số {number}\nNội dung thử nghiệm của báo cáo {number}.\n"
        (folder / f"r{number:03d}.txt").write_text(text, encoding="utf-8")
    (folder / BAD).write_bytes(b"\x00\x01binary\x00")
    return folder


@pytest.fixture
def read_here(monkeypatch) -> list[Path]:
    """Workers are used even on one core; the files read in this process are listed (a
    spawned worker imports the module afresh, so it does not see this spy)."""
    assert FILES >= library.PARALLEL_FROM
    monkeypatch.setattr(library.os, "cpu_count", lambda: 2)
    here: list[Path] = []
    prepare = library.prepare_file

    def spy(path):
        here.append(Path(path))
        return prepare(path)

    monkeypatch.setattr(library, "prepare_file", spy)
    return here


def test_workers_refuse_a_file_in_the_interface_language(tmp_path, folder, read_here, vietnamese):
    with open_store(tmp_path / "vi.db") as store:
        report = library.import_files(store, [folder])
    assert read_here == []  # every file was read by a worker
    assert len(report.added) == FILES - 1
    assert [str(error) for error in report.failed] == [BINARY_VI]
    assert report.summary() == f"{FILES - 1} tệp được nhập, 1 tệp không đọc được"


def test_workers_refuse_a_file_in_english_by_default(tmp_path, folder, read_here):
    assert i18n.language() == "en"
    with open_store(tmp_path / "en.db") as store:
        report = library.import_files(store, [folder])
    assert read_here == []
    assert [str(error) for error in report.failed] == [BINARY_EN]
    assert report.summary() == f"{FILES - 1} imported, 1 could not be read"
