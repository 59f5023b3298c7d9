"""fast_underthesea.ner() gives exactly what underthesea.ner() gives."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from vnreader.core.entities import fast_underthesea
from vnreader.core.text import sentence_spans

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_sentences() -> dict[str, str]:
    sentences = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for k, (start, end) in enumerate(sentence_spans(text)):
            sentences[f"{path.stem[:3]}-{k}"] = text[start:end]
    return sentences


SEED_SENTENCES = _seed_sentences()
_FIRST = next(iter(SEED_SENTENCES.values()))

AWKWARD = {
    "empty": "",
    "blank": " \t ",
    "one-word": "Hà",
    "punctuation": "... ?!… “” – ;",
    "400-words": " ".join(" ".join(SEED_SENTENCES.values()).split()[:400]),
    "nfd": unicodedata.normalize("NFD", _FIRST),
    "emoji": "Thủ tướng 👍 gặp đoàn 🇻🇳 tại Hà Nội 😀.",
    "hyphenated": "Việt Nam-Hoa Kỳ",
    "numbers": "Ngày 12/3/2024, 60.542.000 đồng, 4,5 %, +12 -5 2147483648 -2147483648 0012.",
    "mixed-case": "BỘ NGOẠI GIAO việt nam Hà nội hÀ NỘI iPhone McDonald",
    "newlines": "Hà Nội\nngày 5\n\nthủ đô\r\nTP. HCM\tĐà Nẵng",
    "old-spelling": "Ðà Nẵng, Hoà Bình, nghành ngoại giao",
    "url-email": "Xem https://baoquocte.vn/abc?x=1 hoặc gửi a.b@mofa.gov.vn",
    # Letters cased differently in Python's and Rust's Unicode tables (Python 3.11 has
    # Unicode 14), and a Σ whose lower case depends on such a neighbour ("ʕ").
    "case-tables": "Ông ƛ và ꟍ gặp nhau",
    "final-sigma": "ΟΔΥΣΣΕΥΣ tại Αθήνα, ʕΣ",
}


@pytest.mark.parametrize(
    "sentence",
    [*SEED_SENTENCES.values(), *AWKWARD.values()],
    ids=[*SEED_SENTENCES, *AWKWARD],
)
def test_same_output_as_underthesea(sentence: str) -> None:
    import underthesea

    expected = underthesea.ner(sentence)
    got = fast_underthesea.ner(sentence)
    assert type(got) is type(expected)
    assert [type(token) for token in got] == [type(token) for token in expected]
    assert got == expected


def test_every_seed_sentence_is_compared() -> None:
    assert len(SEED_SENTENCES) >= 100
    assert len(list(SEEDS.glob("*.txt"))) == 5


def test_features_equal_underthesea_features() -> None:
    """Stronger than equal tags: every stage sees the very feature strings underthesea builds."""
    import underthesea
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    pipeline = fast_underthesea._load()
    segment = pipeline.segment
    stages = [
        (pipeline.pos, CRFPOSTagPredictor, 1),
        (pipeline.chunk, CRFChunkingPredictor, 2),
        (pipeline.ner, CRFNERPredictor, 3),
    ]
    python_segmented = 0
    for sentence in [*SEED_SENTENCES.values(), *AWKWARD.values()]:
        text = segment._normalize_text(sentence)
        syllables = [m.group() for m in segment._regex_tokenize.patterns.finditer(text)]
        # Where the segmenter trusts its Python features, they equal the Rust featurizer's.
        if syllables and segment._python_agrees("".join(syllables)):
            python_segmented += 1
            ours = [list(row) for row in segment._featurize([syllables])]
            assert ours == segment._rust_featurize.process([[[s] for s in syllables]])[0]

        tagged = underthesea.ner(sentence)
        for stage, predictor, known in stages if tagged else []:
            rows = [(*token[:known], "X") for token in tagged]
            theirs = predictor.Instance().transformer.transform([rows])[0][0]
            ours = [list(row) for row in stage.featurize(list(zip(*rows, strict=True)))]
            assert ours == theirs
    assert python_segmented >= len(SEED_SENTENCES)


def test_follows_underthesea_fixed_words_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """underthesea keeps the pattern of the last fixed_words call; ner() then changes too."""
    import underthesea
    from underthesea.pipeline.word_tokenize import regex_tokenize

    monkeypatch.setattr(regex_tokenize, "patterns", regex_tokenize.patterns)  # undone after
    sentence = "Ông Biden thăm Hoa Kỳ và Việt Nam"
    underthesea.word_tokenize("x", fixed_words=["thăm Hoa"])
    assert ("thăm Hoa Kỳ", "V", "B-VP", "O") in underthesea.ner(sentence)
    assert fast_underthesea.ner(sentence) == underthesea.ner(sentence)


def test_import_does_not_load_underthesea() -> None:
    code = (
        "import sys, vnreader.core.entities.fast_underthesea; "
        "sys.exit('underthesea' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
