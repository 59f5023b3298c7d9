"""``vnreader eval-ner`` and ``vnreader train-ner``, and the shipped model's quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ner_data import SHIPPED, digest
from tests.test_cli import run_cli
from vnreader.core.entities import extract_entities, pipeline_version
from vnreader.core.entities.evaluation import score
from vnreader.core.entities.gazetteer import gazetteer_fingerprint
from vnreader.core.entities.gold import read_gold
from vnreader.core.entities.training import heldout_path


def _gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    records = [
        {
            "text": "Bộ trưởng Ngoại giao Lê Hoài Trung gặp Ngoại trưởng Nhật Bản tại Hà Nội.",
            "entities": [[21, 34, "PER"], [53, 61, "LOC"], [66, 72, "LOC"]],
        },
        {"text": "Giá vàng tăng 2% trong tuần qua.", "entities": []},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def test_eval_ner_prints_strict_and_partial_scores_per_label(tmp_path: Path) -> None:
    result = run_cli("eval-ner", str(_gold_file(tmp_path)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "2 sentences" in lines[0]
    assert "engine vnreader" in result.stdout
    assert "strict P" in result.stdout and "partial P" in result.stdout
    rows = {line.split()[0]: line.split() for line in lines if line[:3] in ("PER", "LOC", "ove")}
    assert rows["PER"][1:3] == ["1", "1"]  # one gold, one predicted
    assert rows["overall"][1] == "3"


def test_eval_ner_all_engines_and_error_listing(tmp_path: Path) -> None:
    result = run_cli("eval-ner", str(_gold_file(tmp_path)), "--engine", "all", "--errors")
    assert result.returncode == 0, result.stderr
    for engine in ("vnreader", "crf", "underthesea"):
        assert f"engine {engine}" in result.stdout
    assert "wrong" in result.stdout or "missed" in result.stdout  # underthesea errs here


def test_eval_ner_refuses_a_bad_gold_file_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Huế", "entities": [[0, 9, "LOC"]]}\n', encoding="utf-8")
    result = run_cli("eval-ner", str(bad))
    assert result.returncode == 1
    assert "bad.jsonl, line 1" in result.stderr and "outside the text" in result.stderr
    missing = run_cli("eval-ner", str(tmp_path / "nowhere.jsonl"))
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_train_ner_writes_a_model_and_reports_before_and_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "models" / "mine.crfsuite"
    result = run_cli("train-ner", "--no-corrections", "--out", str(out), db=tmp_path / "x.db")
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 10_000
    assert "held-out strict F1  before" in result.stdout
    assert "0 corrected sentences" in result.stdout
    shipped_version = pipeline_version()
    monkeypatch.setenv("VNREADER_NER_MODEL", str(out))
    assert pipeline_version() != shipped_version  # stored entities become stale
    text = "Thủ tướng Nhật Bản thăm Hà Nội."
    assert any(e.text == "Hà Nội" for e in extract_entities(text))


def test_shipped_model_is_trained_on_the_shipped_data() -> None:
    record = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))
    assert record["training_sha256"] == digest(SHIPPED / "training.jsonl"), "run make model"
    assert record["gazetteers"] == gazetteer_fingerprint(), "gazetteers changed: run make model"


def test_shipped_pipeline_beats_the_target_on_the_held_out_sentences() -> None:
    heldout = read_gold(heldout_path())

    def predict(text: str) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.label) for e in extract_entities(text)]

    overall = score(heldout, predict).overall
    assert overall.f1() >= 0.90
    assert overall.f1(partial=True) >= overall.f1()
