"""The ``search`` command: one hit per line, hits marked «», any query safe."""

from __future__ import annotations

import pytest

from tests.test_cli import run_cli
from vnreader.cli import main
from vnreader.core.store import open_store

TEXT = "Thủ tướng thăm Đà Nẵng.\nTại Đà Nẵng, Thủ tướng làm việc với lãnh đạo thành phố."


@pytest.fixture
def library(db_path):
    with open_store(db_path) as store:
        doc_id = store.add_document("Tin\tmiền Trung", TEXT).document_id
        store.add_document("Khác", "Bộ Ngoại giao họp báo thường kỳ.")
    return db_path, doc_id


def test_search_prints_id_title_hits_and_marked_snippet(library, capsys):
    db, doc_id = library
    assert main(["--db", str(db), "search", "da nang"]) == 0
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    fields = line.split("\t")
    assert fields[:3] == [str(doc_id), "Tin miền Trung", "2"]
    assert (
        fields[3]
        == "Thủ tướng thăm «Đà Nẵng». Tại «Đà Nẵng», Thủ tướng làm việc với lãnh đạo thành phố."
    )
    assert "1 document" in err


def test_search_limit_and_exact(library, capsys):
    db, _doc_id = library
    assert main(["--db", str(db), "search", "Da Nang", "--exact"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 documents" in err
    assert main(["--db", str(db), "search", "đà nẵng", "--exact", "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["--db", str(db), "search", "x", "--limit", "0"]) == 1


@pytest.mark.parametrize("query", ["Hà-Nội", "NEAR(a b)", "col:val", "OR NOT", "'; DROP TABLE x"])
def test_hostile_queries_exit_zero(library, query, capsys):  # no words: tests/bad_input/
    db, _doc_id = library
    assert main(["--db", str(db), "search", query]) == 0
    assert "documents" in capsys.readouterr().err


def test_search_as_a_user_runs_it(library):
    db, doc_id = library
    result = run_cli("search", '"unterminated (Đà-Nẵng', db=db)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    result = run_cli("search", "ngoai giao", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[3].startswith("Bộ «Ngoại giao» họp báo")
