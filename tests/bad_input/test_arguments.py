"""Search queries and command-line arguments that cannot be used: a specific line,
a non-zero exit, nothing changed.

Part of the bad-input suite of issue 6 (see tests/bad_input/support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input.support import assert_intact, cli, run_vnreader
from vnreader.core import themes
from vnreader.core.store import open_store

# --- search and command-line arguments ------------------------------------------------------


@pytest.mark.parametrize("query", ['"', "*", "", "   ", "()", "^:+", "😀", "\u200b", "\x00"])
def test_a_query_without_a_word_is_refused(library: Path, capsys, query: str):
    code, out, err = cli(capsys, "--db", library, "search", query)
    assert code == 1 and out == ""
    assert err.startswith("vnreader: the query ")
    assert err.endswith(" has no word to search for; type at least one letter or digit\n")
    assert len(err.splitlines()) == 1
    assert_intact(library)


def test_a_hostile_query_with_words_is_searched_literally(library: Path):
    result = run_vnreader("--db", library, "search", '"Hà Nội" OR (NEAR x* -- \'; DROP')
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_intact(library)


TAG = ("tag", "--document", "1", "--theme", "Kinh tế")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((*TAG, "--start", "30", "--end", "500"), 1, "range 30–500 is outside document 1"),
        ((*TAG, "--start", "500", "--end", "501"), 1, "range 500–501 is outside document 1"),
        ((*TAG, "--start", "9", "--end", "3"), 1, "range 9–3 is empty or reversed"),
        ((*TAG, "--start", "4", "--end", "4"), 1, "range 4–4 is empty or reversed"),
        ((*TAG, "--start", "-1", "--end", "3"), 2, "argument --start: offsets count from 0: -1"),
        ((*TAG, "--start", "0", "--end", "-3"), 2, "argument --end: offsets count from 0: -3"),
        ((*TAG, "--start", "a", "--end", "3"), 2, "argument --start: not a number: 'a'"),
        ((*TAG, "--start", "0", "--end", str(2**64)), 2, "offsets count from 0"),
        (
            ("tag", "--document", "77", "--theme", "Kinh tế", "--start", "0", "--end", "2"),
            1,
            "no document with id 77; vnreader list shows the ids",
        ),
        (
            ("tag", "--document", "0", "--theme", "Kinh tế", "--start", "0", "--end", "2"),
            2,
            "argument --document: no such id: 0",
        ),
        (
            ("tag", "--document", "1", "--theme", "Văn hóa", "--start", "0", "--end", "2"),
            1,
            "unknown theme 'Văn hóa'; vnreader themes lists the themes",
        ),
        (
            ("themes", "add", "Con", "--parent", "Không có"),
            1,
            "unknown theme 'Không có'; vnreader themes lists the themes",
        ),
        (
            ("export", "annotations", "--out", "x.csv", "--theme", "Không có"),
            1,
            "unknown theme 'Không có'; vnreader themes lists the themes",
        ),
        (
            ("export", "annotations", "--out", "x.csv", "--document", "42"),
            1,
            "no document with id 42; vnreader list shows the ids",
        ),
        (("search", "Hà Nội", "--limit", "0"), 1, "--limit must be at least 1"),
        (("search", "Hà Nội", "--limit", "nhiều"), 2, "invalid int value: 'nhiều'"),
    ],
    ids=lambda value: value if isinstance(value, int) else None,
)
def test_bad_arguments_get_a_specific_message(
    library, capsys, tmp_path, monkeypatch, args, code, message
):
    monkeypatch.chdir(tmp_path)  # export --out x.csv: never written, nor in the repository
    got, out, err = cli(capsys, "--db", library, *args)
    assert got == code
    assert message in err, err
    assert "Traceback" not in err and out == ""
    if code == 1:
        assert err.startswith("vnreader: ") and len(err.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
    assert_intact(library)
    with open_store(library) as store:
        assert [t.name for t in themes.list_themes(store)] == ["Kinh tế"]
