"""The ``themes``, ``tag`` and ``export`` commands, run as a user would run them."""

from __future__ import annotations

import csv

import pytest

from tests.test_cli import run_cli
from vnreader.cli import main
from vnreader.core.csv_export import ANNOTATION_COLUMNS, ENTITY_COLUMNS
from vnreader.core.store import open_store

TEXT = "Bộ trưởng Công Thương Nguyễn Hồng Diên làm việc với Nhật Bản về xuất khẩu gạo."


@pytest.fixture
def library(db_path):
    """A database with one document; returns (db path, document id)."""
    with open_store(db_path) as store:
        doc_id = store.add_document("Tin thương mại", TEXT).document_id
        store.replace_model_entities(doc_id, [(22, 38, "PER", "Nguyễn Hồng Diên")], "v1")
    return db_path, doc_id


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def add_themes(db) -> None:
    assert run_cli("themes", "add", "Kinh tế", "--key", "1", db=db).returncode == 0
    result = run_cli(
        "themes", "add", "Thương mại", "--parent", "kinh tế", "--color", "#AA0000", db=db
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("\t")[1] == "Kinh tế > Thương mại"


@pytest.mark.parametrize("command", ["themes", "tag", "export"])
def test_new_commands_have_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: vnreader" in capsys.readouterr().out


def test_themes_add_and_list(library):
    db, _ = library
    add_themes(db)
    result = run_cli("themes", db=db)
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0][1:] == ["1", lines[0][2], "0", "Kinh tế"]
    assert lines[1][1:] == ["-", "#aa0000", "0", "Kinh tế > Thương mại"]
    tree = run_cli("themes", "list", "--tree", db=db)
    assert [line.split("\t")[-1] for line in tree.stdout.splitlines()] == [
        "Kinh tế",
        "  Thương mại",
    ]


def test_themes_add_reports_bad_input_in_one_line(library):
    db, _ = library
    add_themes(db)
    for args, message in [
        (("Kinh TẾ",), "already exists"),
        (("X", "--parent", "Không có"), "unknown theme 'Không có'"),
        (("X", "--color", "đỏ"), "invalid colour"),
        (("Y", "--key", "1"), "already used"),
    ]:
        result = run_cli("themes", "add", *args, db=db)
        assert result.returncode == 1, args
        assert result.stderr.startswith("vnreader: ") and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert run_cli("themes", "add", "Z", "--key", "12", db=db).returncode == 2


def test_tag_prints_the_passage_and_refuses_bad_input(library):
    db, doc_id = library
    add_themes(db)
    ok = run_cli(
        "tag", "--document", str(doc_id), "--start", "22", "--end", "38", "--theme",
        "Kinh tế > Thương mại", "--note", "=cmd", db=db,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    annotation_id, text = ok.stdout.rstrip("\n").split("\t")
    assert int(annotation_id) >= 1 and text == "Nguyễn Hồng Diên"
    for args, message in [
        (("--start", "5", "--end", "500", "--theme", "Kinh tế"), "outside"),
        (("--start", "9", "--end", "3", "--theme", "Kinh tế"), "reversed"),
        (("--start", "0", "--end", "3", "--theme", "Văn hóa"), "unknown theme 'Văn hóa'"),
    ]:
        bad = run_cli("tag", "--document", str(doc_id), *args, db=db)
        assert bad.returncode == 1, args
        assert bad.stderr.startswith("vnreader: ") and message in bad.stderr, bad.stderr
        assert "Traceback" not in bad.stderr
    missing = run_cli("tag", "--document", "99", "--start", "0", "--end", "3", "--theme",
                      "Kinh tế", db=db)  # fmt: skip
    assert missing.returncode == 1 and "no document with id 99" in missing.stderr
    listing = run_cli("themes", db=db).stdout.splitlines()
    assert listing[1].split("\t")[3] == "1"  # one passage for Thương mại


def test_export_annotations_with_theme_filter(library, tmp_path):
    db, doc_id = library
    add_themes(db)
    for start, end, theme in [(0, 9, "Kinh tế"), (22, 38, "Thương mại"), (52, 60, "Thương mại")]:
        args = ("--document", str(doc_id), "--start", str(start), "--end", str(end))
        assert run_cli("tag", *args, "--theme", theme, db=db).returncode == 0
    out = tmp_path / "out" / "passages.csv"
    out.parent.mkdir()
    result = run_cli("export", "annotations", "--out", str(out), "--theme", "Thương mại", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"2 annotations written to {out}"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert tuple(rows[0]) == ANNOTATION_COLUMNS
    assert [row[7] for row in rows[1:]] == ["Nguyễn Hồng Diên", "Nhật Bản"]
    assert {row[4] for row in rows[1:]} == {"Kinh tế > Thương mại"}
    everything = run_cli("export", "annotations", "--out", str(out), db=db)
    assert everything.stderr.strip() == f"3 annotations written to {out}"
    by_doc = run_cli("export", "annotations", "--out", str(out), "--document", str(doc_id), db=db)
    assert by_doc.returncode == 0 and by_doc.stderr.startswith("3 annotations")
    unknown = run_cli("export", "annotations", "--out", str(out), "--theme", "X", db=db)
    assert (unknown.returncode, unknown.stderr.strip()) == (
        1,
        "vnreader: unknown theme 'X'; vnreader themes lists the themes",
    )
    no_doc = run_cli("export", "annotations", "--out", str(out), "--document", "42", db=db)
    assert no_doc.returncode == 1 and "no document with id 42" in no_doc.stderr
    assert len(read_csv(out)) == 4  # the failed commands left the last export alone
    nowhere = run_cli("export", "annotations", "--out", str(tmp_path / "no" / "x.csv"), db=db)
    assert nowhere.returncode == 1 and nowhere.stderr.startswith("vnreader: cannot write")


def test_export_entities(library, tmp_path):
    db, doc_id = library
    out = tmp_path / "entities.csv"
    result = run_cli("export", "entities", "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"1 entities written to {out}"
    rows = read_csv(out)
    assert tuple(rows[0]) == ENTITY_COLUMNS
    assert rows[1] == [
        str(doc_id),
        "Tin thương mại",
        "PER",
        "22",
        "38",
        "Nguyễn Hồng Diên",
        "model",
    ]


def test_export_without_a_kind_is_a_usage_error(library):
    db, _ = library
    assert run_cli("export", db=db).returncode == 2


def test_codebook_export_and_import(library, tmp_path):
    db, _ = library
    add_themes(db)
    qdc = tmp_path / "codebook.qdc"
    result = run_cli("export", "codebook", "--out", str(qdc), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"2 themes written to {qdc}"
    other = tmp_path / "other.db"
    imported = run_cli("themes", "import", str(qdc), db=other)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == ["Kinh tế", "Kinh tế > Thương mại"]
    assert "2 themes created, 0 already present" in imported.stderr
    again = run_cli("themes", "import", str(qdc), db=other)
    assert again.returncode == 0 and again.stdout == ""
    assert "0 themes created, 2 already present" in again.stderr
    listing = run_cli("themes", db=other).stdout.splitlines()
    assert listing[1].split("\t")[2:] == ["#aa0000", "0", "Kinh tế > Thương mại"]
    junk = tmp_path / "junk.qdc"
    junk.write_bytes(b"\x00\x01 not xml")
    bad = run_cli("themes", "import", str(junk), db=other)
    assert bad.returncode == 1
    assert bad.stderr.startswith("vnreader: junk.qdc is not a valid XML file")


def test_huge_ids_are_usage_errors_not_tracebacks(tmp_path):
    db = tmp_path / "v.db"
    result = run_cli(
        "tag",
        "--document",
        "99999999999999999999",
        "--start",
        "0",
        "--end",
        "1",
        "--theme",
        "X",
        db=db,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_deeply_nested_codebook_is_refused_with_a_reason(tmp_path):
    db, qdc_file = tmp_path / "v.db", tmp_path / "deep.qdc"
    depth = 3000
    body = "".join(f'<Code guid="{n}" name="c{n}" isCodable="true">' for n in range(depth))
    qdc_file.write_text(
        f'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{body}'
        + "</Code>" * depth
        + "</Codes></CodeBook>",
        encoding="utf-8",
    )
    result = run_cli("themes", "import", str(qdc_file), db=db)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
