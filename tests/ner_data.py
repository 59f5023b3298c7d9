"""``make model``: build the shipped entity data and model from the markup in tests/data/ner.

* ``vnreader/resources/ner/training.jsonl``: the seeds' gold plus every ``train_*.txt``;
* ``vnreader/resources/ner/heldout.jsonl``: ``heldout.txt``, shipped only for scoring;
* ``vnreader/resources/ner/model.crfsuite``: our CRF trained on ``training.jsonl``, with
  ``model.json`` recording the digest of the data it was trained on (a test checks that
  the model is not stale).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from vnreader.core.entities.gold import GoldSentence, read_markup, write_jsonl

REPO = Path(__file__).resolve().parents[1]
MARKUP = REPO / "tests" / "data" / "ner"
SHIPPED = REPO / "vnreader" / "resources" / "ner"


def training_sentences() -> list[GoldSentence]:
    files = [MARKUP / "seeds.txt", *sorted(MARKUP.glob("train_*.txt"))]
    return [sentence for path in files for sentence in read_markup(path)]


def heldout_sentences() -> list[GoldSentence]:
    return read_markup(MARKUP / "heldout.txt")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(train: bool = True) -> None:
    from vnreader.core.entities.gazetteer import gazetteer_fingerprint
    from vnreader.core.entities.training import train_model

    SHIPPED.mkdir(parents=True, exist_ok=True)
    write_jsonl(training_sentences(), SHIPPED / "training.jsonl")
    write_jsonl(heldout_sentences(), SHIPPED / "heldout.jsonl")
    if not train:
        return
    result = train_model(training_sentences(), SHIPPED / "model.crfsuite")
    record = {
        "training_sha256": digest(SHIPPED / "training.jsonl"),
        "gazetteers": gazetteer_fingerprint(),
    }
    (SHIPPED / "model.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(
        f"trained on {result.sentences} sentences ({result.tokens} tokens)"
        f" in {result.seconds:.1f} s -> {result.path.relative_to(REPO)}"
    )


if __name__ == "__main__":
    build(train="--data-only" not in sys.argv[1:])
