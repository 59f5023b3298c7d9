"""The entity pipeline on real underthesea output: offsets, labels, progress, cancelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnreader.core.entities import (
    ENGINES,
    Cancelled,
    EntitySpan,
    extract_entities,
    fast_underthesea,
    pipeline_version,
    rules,
)
from vnreader.core.text import normalize_text

SEEDS = Path(__file__).parents[2] / "seeds"


def _check_contract(text: str, entities: list[EntitySpan]) -> None:
    for entity in entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        assert entity.label in {"PER", "ORG", "LOC"}
        assert entity.text == entity.text.strip()
        assert any(ch.isalpha() for ch in entity.text)
    for before, after in zip(entities, entities[1:], strict=False):
        assert before.end <= after.start


def _found(entities: list[EntitySpan], text: str, label: str, start: int) -> bool:
    return (start, start + len(text), label, text) in {
        (e.start, e.end, e.label, e.text) for e in entities
    }


def test_pipeline_versions_name_the_engine_and_model() -> None:
    assert pipeline_version("underthesea").startswith("underthesea-")
    ours = pipeline_version()
    assert ours.startswith("vnreader-") and "+" in ours
    assert pipeline_version("crf") != ours


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown entity engine"):
        extract_entities("Hà Nội", engine="spacy")


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_keeps_the_offset_contract(engine: str) -> None:
    text = "😀 Bộ trưởng Ngoại giao Lê Văn Nam đến Việt Nam-Hoa Kỳ, “Hà Nội”.\nÔng tới Huế."
    entities = extract_entities(text, engine=engine)
    _check_contract(text, entities)
    assert _found(entities, "Huế", "LOC", text.index("Huế"))


def test_diplomatic_sentence() -> None:
    text = "Bộ trưởng Ngoại giao Bùi Thanh Sơn đã gặp Ngoại trưởng Hoa Kỳ tại Hà Nội."
    entities = extract_entities(text)
    _check_contract(text, entities)
    assert _found(entities, "Hà Nội", "LOC", text.index("Hà Nội"))


def test_emoji_before_name_keeps_code_point_offsets() -> None:
    text = "😀 Ông Nguyễn Văn Nam đến Hà Nội hôm qua."
    entities = extract_entities(text)
    _check_contract(text, entities)
    assert _found(entities, "Nguyễn Văn Nam", "PER", 6)
    assert _found(entities, "Hà Nội", "LOC", text.index("Hà Nội"))


def test_tabs_double_spaces_old_tones_and_lines() -> None:
    raw = "Đoàn\tđại biểu  đã đến Hà Nội.\r\nHoà bình ở Đà Nẵng và Thành phố Hồ Chí Minh."
    text = normalize_text(raw)
    entities = extract_entities(text)
    _check_contract(text, entities)
    assert _found(entities, "Hà Nội", "LOC", text.index("Hà Nội"))
    assert _found(entities, "Đà Nẵng", "LOC", text.index("Đà Nẵng"))


def test_nfd_input_after_normalisation() -> None:
    import unicodedata

    text = normalize_text(unicodedata.normalize("NFD", "Ông Trần Văn A đến từ Huế ."))
    entities = extract_entities(text)
    _check_contract(text, entities)
    assert _found(entities, "Huế", "LOC", text.index("Huế"))


def test_odd_characters_never_break_offsets() -> None:
    text = "Ông Nguyễn\u200bVăn Nam đến ðà Nẵng.\n\n“Hà Nội” và Việt Nam-Hoa Kỳ 👍🏽 Huế."
    _check_contract(text, extract_entities(text))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    entities = extract_entities(text)
    assert entities
    _check_contract(text, entities)


def test_seed_count() -> None:
    assert len(sorted(SEEDS.glob("*.txt"))) == 5


def test_should_stop_raises_cancelled() -> None:
    text = "Ông A đến Hà Nội. Ông B đến Huế."
    with pytest.raises(Cancelled):
        extract_entities(text, should_stop=lambda: True)
    calls: list[int] = []

    def stop_after_first() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        extract_entities(text, should_stop=stop_after_first)


def test_progress_increases_to_total() -> None:
    text = "Ông A đến Hà Nội. Ông B đến Huế.\nĐà Nẵng đẹp.  "
    seen: list[tuple[int, int]] = []
    extract_entities(text, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 3
    assert all(total == len(text) for _, total in seen)
    dones = [done for done, _ in seen]
    assert dones == sorted(set(dones))
    assert dones[-1] == len(text)


def test_empty_text() -> None:
    seen: list[tuple[int, int]] = []
    assert extract_entities("", progress=lambda d, t: seen.append((d, t))) == []
    assert seen == [(0, 0)]


@pytest.mark.parametrize("engine", ["underthesea", "vnreader"])
def test_failing_sentence_is_skipped(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module, name = (fast_underthesea, "ner") if engine == "underthesea" else (rules, "refine")
    real = getattr(module, name)

    def flaky(*args):
        if "Huế" in str(args[0]) or any(getattr(t, "text", "") == "Huế" for t in args[0]):
            raise RuntimeError("boom")
        return real(*args)

    monkeypatch.setattr(module, name, flaky)
    text = "Ông A đến Huế. Ông B đến Hà Nội."
    entities = extract_entities(text, engine=engine)
    _check_contract(text, entities)
    assert _found(entities, "Hà Nội", "LOC", text.index("Hà Nội"))
    assert all(entity.text != "Huế" for entity in entities)


def test_bio_merging_labels_and_trimming(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Liên minh châu Âu (EU) họp tại “Washington D.C.”, gặp ông Biden, Mỹ."
    tagged = [
        ("Liên minh", "B-ORG"),
        ("châu Âu", "I-ORG"),
        ("(", "I-ORG"),
        ("EU", "I-ORG"),
        (")", "I-ORG"),
        ("họp", "O"),
        ("tại", "I-LOC"),  # I- after O starts a new entity
        ("“", "I-LOC"),
        ("Washington D.C.", "I-LOC"),
        ("”", "I-LOC"),
        (",", "I-PER"),  # a new type starts a new entity; punctuation only: dropped
        ("gặp", "B-MISC"),
        ("ông", "O"),
        ("Biden", "B-PER"),
        (",", "O"),
        ("Mỹ", "B-LOC"),
        (".", "I-LOC"),
    ]
    monkeypatch.setattr(
        fast_underthesea, "ner", lambda sentence: [(tok, "X", "O", tag) for tok, tag in tagged]
    )
    entities = extract_entities(text, engine="underthesea")
    _check_contract(text, entities)
    assert [(e.label, e.text) for e in entities] == [
        ("ORG", "Liên minh châu Âu (EU)"),
        ("LOC", "tại “Washington D.C."),
        ("PER", "Biden"),
        ("LOC", "Mỹ"),
    ]


def test_importing_the_package_does_not_import_underthesea() -> None:
    import subprocess
    import sys

    code = "import sys, vnreader.core.entities; print('underthesea' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
