"""Training our CRF from gold sentences (shipped data plus the user's corrections).

The shipped training corpus (``vnreader/resources/ner/training.jsonl``) is built by
``make model`` from the markup in ``tests/data/ner`` (seed reports and training
sentences); the held-out sentences ship beside it only to report scores.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vnreader.core.entities.features import sentence_features
from vnreader.core.entities.gazetteer import Gazetteer, load_gazetteer
from vnreader.core.entities.gold import GoldSentence
from vnreader.core.entities.tokens import Token, tokenize

__all__ = [
    "TrainingResult",
    "bio_tags",
    "heldout_path",
    "shipped_training_path",
    "train_model",
]

# Chosen by 5-fold cross-validation on the training data (tests/benchmarks/ner_cv.py):
# l1=0.01, l2=0.1 gave strict F1 0.943 against 0.939 for l1=0.05, l2=0.01 and 0.939 for
# l1=0.1, l2=0.01; make bench reports the held-out score the shipped model reaches.
L1_PENALTY = 0.01
L2_PENALTY = 0.1
ITERATIONS = 150


def _data_file(name: str) -> Path:
    return Path(str(resources.files("vnreader") / "resources" / "ner" / name))


def shipped_training_path() -> Path:
    return _data_file("training.jsonl")


def heldout_path() -> Path:
    return _data_file("heldout.jsonl")


@dataclass(frozen=True)
class TrainingResult:
    path: Path
    sentences: int
    tokens: int
    seconds: float


def bio_tags(tokens: Sequence[Token], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """``B-X``/``I-X``/``O`` for each token, from ``(start, end, label)`` character spans.

    A token belongs to a span when it lies inside it; MISC is kept as a label so the model
    learns what is *not* a PER, ORG or LOC.
    """
    tags = ["O"] * len(tokens)
    for start, end, label in spans:
        inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
        for k, i in enumerate(inside):
            tags[i] = f"{'B' if k == 0 else 'I'}-{label}"
    return tags


def _examples(
    sentences: Sequence[GoldSentence], gazetteer: Gazetteer
) -> tuple[list[list[list[str]]], list[list[str]]]:
    features, tags = [], []
    for sentence in sentences:
        tokens = tokenize(sentence.text)
        if tokens:
            features.append(sentence_features(tokens, gazetteer))
            tags.append(bio_tags(tokens, sentence.entities))
    return features, tags


def train_model(
    sentences: Sequence[GoldSentence],
    out: Path,
    *,
    gazetteer: Gazetteer | None = None,
    l1: float = L1_PENALTY,
    l2: float = L2_PENALTY,
    iterations: int = ITERATIONS,
) -> TrainingResult:
    """Train a CRF on ``sentences`` and write it to ``out`` atomically."""
    from underthesea_core import CRFTrainer

    began = time.perf_counter()
    features, tags = _examples(sentences, gazetteer or load_gazetteer())
    if not features:
        raise ValueError("no training sentences")
    trainer = CRFTrainer(l1_penalty=l1, l2_penalty=l2, max_iterations=iterations, verbose=0)
    model = trainer.train(features, tags)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".model-", dir=out.parent)
    os.close(handle)
    try:
        model.save(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return TrainingResult(
        out, len(features), sum(len(row) for row in features), time.perf_counter() - began
    )
