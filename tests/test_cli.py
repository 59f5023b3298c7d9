"""The command line: every command has help, errors are one line with a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from vnreader.cli import build_parser, main


def run_cli(*args: str, db=None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if db is not None:
        env["VNREADER_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "vnreader", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=180,
    )


def _visible_commands():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return {c.dest: c.help for c in subparsers._choices_actions}


def test_every_visible_command_has_help():
    commands = _visible_commands()
    assert {"import", "list", "entities"} <= set(commands)
    assert "ner-worker" not in commands
    for name, text in commands.items():
        assert text and len(text) > 15, name


@pytest.mark.parametrize("command", ["import", "list", "entities"])
def test_command_help_exits_cleanly(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: vnreader" in capsys.readouterr().out


def test_import_reports_bad_files_and_imports_the_rest(tmp_path, db_path, seed_paths):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code = main(["--db", str(db_path), "import", str(seed_paths[0]), str(bad)])
    assert code == 1
    assert main(["--db", str(db_path), "import", str(seed_paths[0])]) == 0  # duplicate: fine
    result = run_cli("list", db=db_path)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].split("\t")[0] == "1"


def test_import_output_names_the_failure(tmp_path, db_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run_cli("--db", str(db_path), "import", str(junk))
    assert result.returncode == 1
    assert "junk.txt:" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_flag_beats_environment(tmp_path, seed_paths):
    flag_db, env_db = tmp_path / "flag.db", tmp_path / "env.db"
    result = run_cli("--db", str(flag_db), "import", str(seed_paths[1]), db=env_db)
    assert result.returncode == 0, result.stderr
    assert flag_db.exists()
    assert not env_db.exists()


def test_refuses_a_file_that_is_not_a_database(tmp_path):
    not_db = tmp_path / "thesis.docx"
    not_db.write_bytes(b"PK\x03\x04 not sqlite at all")
    before = not_db.read_bytes()
    result = run_cli("--db", str(not_db), "list")
    assert result.returncode == 1
    assert "not a SQLite database" in result.stderr
    assert not_db.read_bytes() == before


def test_entities_jsonl_offsets_index_the_normalised_text(tmp_path):
    text = "😀 Ông Nguyễn Văn Nam đến Hà Nội.\nSau đó ông tới Đà Nẵng.\n"
    source = tmp_path / "tin.txt"
    source.write_text(text, encoding="utf-8")
    result = run_cli("entities", str(source))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"Hà Nội", "Đà Nẵng"} <= {r["text"] for r in records}
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
        assert record["label"] in {"PER", "ORG", "LOC"}


def test_entities_reads_standard_input_as_tsv():
    result = run_cli("entities", "-", "--format", "tsv", stdin="Bão đổ bộ vào Quảng Ninh.")
    assert result.returncode == 0, result.stderr
    start, end, label, text = result.stdout.splitlines()[0].split("\t")
    assert (label, text) == ("LOC", "Quảng Ninh")
    assert "Bão đổ bộ vào Quảng Ninh."[int(start) : int(end)] == "Quảng Ninh"


def test_entities_of_an_unreadable_file_fails_with_a_reason(tmp_path):
    empty = tmp_path / "blank.txt"
    empty.write_text("   \n  ", encoding="utf-8")
    result = run_cli("entities", str(empty))
    assert result.returncode == 1
    assert result.stderr.startswith("vnreader: blank.txt:")


def test_unknown_command_is_a_usage_error():
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_entities_offsets_count_from_the_start_of_the_file(tmp_path):
    text = "\n\n  Chủ tịch nước thăm Hải Phòng.\n"
    source = tmp_path / "leading-blank-lines.txt"
    source.write_text(text, encoding="utf-8")
    result = run_cli("entities", str(source))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert text[record["start"] : record["end"]] == record["text"] == "Hải Phòng"


def test_entities_from_standard_input_refuses_binary_bytes():
    result = subprocess.run(
        [sys.executable, "-m", "vnreader", "entities", "-"],
        input=b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.decode().startswith("vnreader: standard input:")
