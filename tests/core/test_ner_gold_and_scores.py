"""Gold markup, JSONL gold files and strict/partial scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ner_data import MARKUP, SHIPPED, heldout_sentences, training_sentences
from vnreader.core.entities.evaluation import Scores, format_scores
from vnreader.core.entities.gold import (
    GoldError,
    GoldSentence,
    parse_markup,
    read_gold,
    to_markup,
    write_jsonl,
)

SEEDS = Path(__file__).parents[2] / "seeds"


def test_markup_gives_code_point_spans() -> None:
    text, spans = parse_markup("😀 Bộ trưởng [PER Bùi Thanh Sơn] đến [LOC Việt Nam]-[LOC Hoa Kỳ].")
    assert text == "😀 Bộ trưởng Bùi Thanh Sơn đến Việt Nam-Hoa Kỳ."
    assert [text[s:e] for s, e, _ in spans] == ["Bùi Thanh Sơn", "Việt Nam", "Hoa Kỳ"]
    assert [label for _, _, label in spans] == ["PER", "LOC", "LOC"]


def test_markup_round_trips_with_escaped_brackets() -> None:
    line = r"Theo \[1\], [ORG Liên minh châu Âu] ([ORG EU]) họp."
    text, spans = parse_markup(line)
    assert text == "Theo [1], Liên minh châu Âu (EU) họp."
    assert to_markup(text, spans) == line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[PR Hà Nội]", "must be followed by one of"),
        ("[LOC Hà Nội", "never closed"),
        ("Hà Nội]", "closes no entity"),
        ("[LOC [ORG Bộ] Hà]", "nesting"),
        ("[LOC  Hà Nội]", "edge spaces"),
    ],
)
def test_bad_markup_is_refused_with_its_reason(line: str, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        parse_markup(line)


def test_jsonl_gold_accepts_lists_and_checks_surfaces(tmp_path: Path) -> None:
    good = tmp_path / "g.jsonl"
    good.write_text(
        json.dumps({"text": "Ông Nam ở Huế.", "entities": [[4, 7, "PER"], [10, 13, "LOC"]]}) + "\n",
        encoding="utf-8",
    )
    [sentence] = read_gold(good)
    assert sentence.entities == ((4, 7, "PER"), (10, 13, "LOC"))
    bad = tmp_path / "b.jsonl"
    bad.write_text(
        json.dumps(
            {"text": "Ở Huế.", "entities": [{"start": 0, "end": 1, "label": "LOC", "text": "Huế"}]}
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="b.jsonl, line 1"):
        read_gold(bad)


def test_write_then_read_jsonl_is_identity(tmp_path: Path) -> None:
    sentences = [GoldSentence("x:1", "Hà Nội và Huế", ((0, 6, "LOC"), (10, 13, "LOC")))]
    write_jsonl(sentences, tmp_path / "out.jsonl")
    assert [(s.text, s.entities) for s in read_gold(tmp_path / "out.jsonl")] == [
        (sentences[0].text, sentences[0].entities)
    ]


def test_strict_and_partial_scores() -> None:
    scores = Scores()
    gold = [(0, 10, "PER"), (20, 26, "LOC"), (30, 40, "ORG"), (50, 55, "MISC")]
    predicted = [(0, 10, "PER"), (18, 26, "LOC"), (30, 40, "LOC"), (50, 55, "ORG")]
    scores.add(gold, predicted)
    per, loc, org = scores.by_label["PER"], scores.by_label["LOC"], scores.by_label["ORG"]
    assert (per.strict, per.partial, per.predicted, per.gold) == (1, 1, 1, 1)
    assert (loc.strict, loc.partial, loc.predicted, loc.gold) == (0, 1, 2, 1)
    assert (org.strict, org.partial, org.predicted, org.gold) == (0, 0, 1, 1)
    overall = scores.overall
    assert overall.precision() == pytest.approx(1 / 4)
    assert overall.recall(partial=True) == pytest.approx(2 / 3)
    assert "overall" in format_scores(scores)


def test_one_gold_entity_makes_only_one_partial_match() -> None:
    scores = Scores()
    scores.add([(0, 20, "ORG")], [(0, 5, "ORG"), (6, 20, "ORG")])
    assert scores.by_label["ORG"].partial == 1


def test_seed_gold_text_is_the_seed_text() -> None:
    by_document: dict[str, list[str]] = {}
    for sentence in read_gold(MARKUP / "seeds.txt"):
        by_document.setdefault(sentence.document, []).append(sentence.text)
    assert sorted(by_document) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for stem, lines in by_document.items():
        seed = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        assert lines == [line.rstrip() for line in seed.splitlines() if line.strip()]


def test_annotated_data_is_large_enough_and_separate() -> None:
    heldout = heldout_sentences()
    assert len(heldout) >= 80
    assert sum(len(s.entities) for s in heldout) >= 250
    assert any(not s.entities for s in heldout)
    training_texts = {s.text for s in training_sentences()}
    assert not training_texts & {s.text for s in heldout}


def test_shipped_jsonl_is_built_from_the_markup() -> None:
    for name, sentences in (
        ("training.jsonl", training_sentences()),
        ("heldout.jsonl", heldout_sentences()),
    ):
        shipped = read_gold(SHIPPED / name)
        assert [(s.text, s.entities) for s in shipped] == [
            (s.text, s.entities) for s in sentences
        ], f"{name} is stale: run make model"
