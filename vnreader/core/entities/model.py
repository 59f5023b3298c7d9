"""Our CRF entity model: where it lives, loading it, and tagging a sentence with it.

The shipped model (``vnreader/resources/ner/model.crfsuite``) is trained on the project's
own annotated data. ``vnreader train-ner`` writes a user model, trained on that data plus
the user's corrections, to the user data directory; when present it is used instead.
``VNREADER_NER_MODEL`` names another user model file (tests use it).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from platformdirs import user_data_path

from vnreader.core.entities.features import sentence_features
from vnreader.core.entities.gazetteer import Gazetteer, Match, load_gazetteer
from vnreader.core.entities.tokens import Token

__all__ = [
    "EntityModel",
    "TaggedSpan",
    "active_model_path",
    "load_model",
    "model_fingerprint",
    "shipped_model_path",
    "user_model_path",
]

MODEL_ENV_VAR = "VNREADER_NER_MODEL"


def shipped_model_path() -> Path:
    return Path(str(resources.files("vnreader") / "resources" / "ner" / "model.crfsuite"))


def user_model_path() -> Path:
    override = os.environ.get(MODEL_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_path("vnreader", appauthor=False) / "ner-model.crfsuite"


def active_model_path() -> Path:
    """The user's model if there is one, else the shipped one."""
    user = user_model_path()
    return user if user.is_file() else shipped_model_path()


@dataclass(frozen=True)
class TaggedSpan:
    """Tokens ``[first, last)`` tagged ``label``; ``confidence`` is the lowest marginal
    probability of the span's tags."""

    first: int
    last: int
    label: str
    confidence: float


class EntityModel:
    """A trained CRF and the gazetteer its features were built with."""

    def __init__(self, path: Path, gazetteer: Gazetteer | None = None) -> None:
        from underthesea_core import CRFTagger  # deferred with the rest of the NLP stack

        self.path = path
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self._tagger = CRFTagger()
        self._tagger.load(str(path))
        self._column = {label: k for k, label in enumerate(self._tagger.labels())}

    def tag(
        self, tokens: Sequence[Token], matches: Sequence[Match] | None = None
    ) -> list[TaggedSpan]:
        """The entity spans the model finds among ``tokens`` (one sentence); ``matches``
        are the gazetteer's matches in them, if the caller has them."""
        if not tokens:
            return []
        features = sentence_features(tokens, self.gazetteer, matches)
        tags = self._tagger.tag(features)
        marginals = self._tagger.marginals(features)
        spans: list[TaggedSpan] = []
        first, label, lowest = -1, "", 1.0
        for i, tag in enumerate([*tags, "O"]):
            prefix, _, kind = tag.partition("-")
            continues = prefix == "I" and kind == label
            if first >= 0 and not continues:
                spans.append(TaggedSpan(first, i, label, lowest))
                first = -1
            if prefix in ("B", "I") and not continues:
                first, label, lowest = i, kind, 1.0
            if first >= 0:
                lowest = min(lowest, marginals[i][self._column[tag]])
        return spans


def model_fingerprint(path: Path | None = None) -> str:
    """A short digest of a model file (default: the active one), computed once per version."""
    path = active_model_path() if path is None else path
    return _fingerprint(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _fingerprint(path: Path, mtime_ns: int) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:10]


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> EntityModel:
    return EntityModel(path)


def load_model(path: Path | None = None) -> EntityModel:
    """The model at ``path`` (default: :func:`active_model_path`), loaded once per version."""
    path = active_model_path() if path is None else path
    return _load(path, path.stat().st_mtime_ns)
