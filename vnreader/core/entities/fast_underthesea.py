"""``underthesea.ner()`` with the same output, several times faster.

``underthesea.ner(sentence)`` runs four CRFs in a row: word segmentation, POS tagging,
chunking and NER, each on the output of the one before. For the last three, underthesea
builds the CRF features in Python, and for every token and every template it re-parses
the template with a regular expression and copies every column of the sentence: O(n²)
work in the sentence length, over 95 % of the time of ``ner()``. Word segmentation
builds its features in ``underthesea_core`` (Rust), which is linear but still costs about
40 µs a token.

This module runs the same steps with the same models, loaded from underthesea's own files
(the three ``*_crf_2017_*.bin`` taggers through underthesea's own predictor singletons,
with their template lists, and the ``ws_crf_vlsp2013_20230727`` segmenter) and tagged by
``underthesea_core.CRFTagger``, but parses each template once and builds each feature
column once per sentence. The output is identical because each tagger sees exactly the
feature strings, in the same order, that underthesea would have given it:

* the text is normalised and cut into syllables by underthesea's own functions, regular
  expression and token map (read at every call, as underthesea does);
* a feature value is computed by the same Python function underthesea applies (``lower``,
  ``istitle``) or, for the segmenter, by a Python function with the semantics of the Rust
  featurizer (``isdigit`` means "parses as an i32", ``istitle`` compares the first
  letter of each part with its upper case, ``is_in_dict`` looks the lower case up);
* Python's and Rust's Unicode tables differ for the letters that became cased after
  Python's Unicode version, so every character is checked once against the Rust
  featurizer, and a sentence with a character where they disagree (or a ``Σ``, whose
  lower case depends on its neighbours) is segmented by the Rust featurizer itself.

``tests/core/test_fast_underthesea.py`` compares the two on the seed texts and on
awkward inputs. Nothing is downloaded: every model ships inside the underthesea wheel.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["ner"]

NerToken = tuple[str, str, str, str]

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\[(\d+)\])?(?:\.(\w+))?")
_I32 = re.compile(r"[+-]?[0-9]+")
_WORD_SEGMENTER = "ws_crf_vlsp2013_20230727"


@dataclass(frozen=True)
class _Template:
    """One parsed feature template such as ``T[-1,0][1]`` or ``T[2].lower``."""

    name: str
    first: int
    last: int
    column: int
    function: str | None

    @classmethod
    def parse(cls, name: str) -> _Template:
        match = _TEMPLATE.fullmatch(name)
        if match is None:
            raise ValueError(f"unsupported CRF feature template {name!r}")
        first, last, column, function = match.groups()
        last = first if last is None else last
        if int(last) < int(first):
            raise ValueError(f"unsupported CRF feature template {name!r}")
        return cls(name, int(first), int(last), int(column or 0), function)


class _Featurizer:
    """CRF features of a sentence, built column by column from templates parsed once."""

    def __init__(self, templates: Sequence[str], functions: Mapping[str, Callable[[str], str]]):
        self._templates = [_Template.parse(name) for name in templates]
        unknown = {t.function for t in self._templates} - {None, *functions}
        if unknown:
            raise ValueError(f"unsupported CRF feature functions {sorted(unknown)}")
        self._functions = functions

    def __call__(self, columns: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
        """Features of each token; ``columns[c][i]`` is column ``c`` of token ``i``."""
        n = len(columns[0])
        values: dict[tuple[int, int, str | None], list[str]] = {}
        feature_columns = []
        for t in self._templates:
            key = (t.column, t.last - t.first, t.function)
            if key not in values:
                values[key] = self._values(columns[t.column], *key[1:])
            # Tokens before `bos` see the sentence start, tokens from `eos` on its end.
            bos = min(n, max(0, -t.first))
            eos = min(n, max(bos, n - t.last))
            prefix = t.name + "="
            middle = values[key][bos + t.first : eos + t.first]
            feature_columns.append(
                [prefix + "BOS"] * bos + [prefix + v for v in middle] + [prefix + "EOS"] * (n - eos)
            )
        return list(zip(*feature_columns, strict=True))

    def _values(self, column: Sequence[str], width: int, function: str | None) -> list[str]:
        """Value of the n-gram of ``width + 1`` items starting at each position."""
        if width:
            grams = [" ".join(column[j : j + width + 1]) for j in range(len(column) - width)]
        else:
            grams = list(column)
        return grams if function is None else list(map(self._functions[function], grams))


def _python_istitle(word: str) -> str:
    # underthesea's text_istitle: every space-separated part starts with a title letter.
    if not word:
        return "False"
    for part in word.split(" "):
        if not part[:1].istitle():
            return "False"
    return "True"


def _rust_istitle(word: str) -> str:
    # CRFFeaturizer: the first letter of every part equals its upper case.
    for part in word.split(" "):
        first = part[0]
        if first.upper() != first:
            return "False"
    return "True"


def _rust_isdigit(word: str) -> str:
    # CRFFeaturizer: the text parses as a Rust i32.
    return str(_I32.fullmatch(word) is not None and -(2**31) <= int(word) < 2**31)


_PYTHON_FUNCTIONS: Mapping[str, Callable[[str], str]] = {
    "lower": str.lower,
    "istitle": _python_istitle,
}


@dataclass(frozen=True)
class _Stage:
    """One of underthesea's 2017 CRFs (POS, chunk, NER) with its templates."""

    tagger: Any  # underthesea_core.CRFTagger
    featurize: _Featurizer

    @classmethod
    def of(cls, predictor: Any) -> _Stage:
        return cls(predictor.model, _Featurizer(predictor.transformer.template, _PYTHON_FUNCTIONS))

    def tag(self, columns: Sequence[Sequence[str]]) -> list[str]:
        return self.tagger.tag(self.featurize(columns))


class _Segmenter:
    """underthesea's word segmentation: regex syllables, then a CRF joins them into words."""

    _PROBES = ("T[0].lower", "T[0].istitle")

    def __init__(self) -> None:
        from os.path import dirname, join

        import joblib
        from underthesea.pipeline.text_normalize import token_normalize
        from underthesea.pipeline.text_normalize.character_normalize import (
            normalize_characters_in_text,
        )
        from underthesea.pipeline.word_tokenize import regex_tokenize
        from underthesea_core import CRFFeaturizer, CRFTagger

        folder = join(dirname(regex_tokenize.__file__), "models", _WORD_SEGMENTER)
        templates = joblib.load(join(folder, "features.bin"))
        dictionary = joblib.load(join(folder, "dictionary.bin"))
        self._tagger = CRFTagger()
        self._tagger.load(join(folder, "models.bin"))
        self._rust_featurize = CRFFeaturizer(templates, dictionary)
        self._featurize = _Featurizer(
            templates,
            {
                "lower": str.lower,
                "istitle": _rust_istitle,
                "isdigit": _rust_isdigit,
                "is_in_dict": lambda word: str(word.lower() in dictionary),
            },
        )
        self._probe = CRFFeaturizer(list(self._PROBES), set())
        # A space only ever separates parts (syllables hold one after fixed_words, below).
        self._agreeing = {" "}
        self._disagreeing = {"Σ"}  # its lower case depends on the letters around it
        self._regex_tokenize = regex_tokenize
        self._normalize_text = normalize_characters_in_text
        # token_normalize returns tokens longer than 6 unchanged; short ones repeat a lot.
        self._normalize_short = lru_cache(maxsize=1 << 16)(token_normalize)

    def __call__(self, sentence: str) -> list[str]:
        text = self._normalize_text(sentence)
        # Read at every call: underthesea replaces this pattern when given fixed_words.
        pattern = self._regex_tokenize.patterns
        syllables = [m.group() for m in pattern.finditer(text)]
        syllables = [s if len(s) > 6 else self._normalize_short(s) for s in syllables]
        if not syllables:
            return []
        if self._python_agrees("".join(syllables)):
            features: Sequence[Sequence[str]] = self._featurize([syllables])
        else:
            features = self._rust_featurize.process([[[s] for s in syllables]])[0]
        words: list[str] = []
        for tag, syllable in zip(self._tagger.tag(features), syllables, strict=True):
            if tag == "I-W" and words:
                words[-1] += " " + syllable
            else:
                words.append(syllable)
        return words

    def _python_agrees(self, text: str) -> bool:
        """Whether Python's case functions agree with the Rust featurizer on all of ``text``."""
        new = set(text) - self._agreeing
        if not new:
            return True
        if new & self._disagreeing:
            return False
        chars = sorted(new)
        expected = self._probe.process([[[c] for c in chars]])[0]
        for char, rust in zip(chars, expected, strict=True):
            python = [
                f"{self._PROBES[0]}={char.lower()}",
                f"{self._PROBES[1]}={_rust_istitle(char)}",
            ]
            (self._agreeing if python == rust else self._disagreeing).add(char)
        return not new & self._disagreeing


@dataclass(frozen=True)
class _Pipeline:
    segment: _Segmenter
    pos: _Stage
    chunk: _Stage
    ner: _Stage


_lock = threading.Lock()
_pipeline: _Pipeline | None = None


def _load() -> _Pipeline:
    global _pipeline
    with _lock:
        if _pipeline is None:
            from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
            from underthesea.pipeline.ner.model_crf import CRFNERPredictor
            from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

            _pipeline = _Pipeline(
                _Segmenter(),
                _Stage.of(CRFPOSTagPredictor.Instance()),
                _Stage.of(CRFChunkingPredictor.Instance()),
                _Stage.of(CRFNERPredictor.Instance()),
            )
        return _pipeline


def ner(sentence: str) -> list[NerToken]:
    """``underthesea.ner(sentence)``: (word, POS tag, chunk tag, NER tag) for each word."""
    pipeline = _pipeline or _load()
    words = pipeline.segment(sentence)
    if not words:
        return []
    blank = ["X"] * len(words)  # the "previous tags" column underthesea fills with a dummy
    pos = pipeline.pos.tag([words, blank])
    chunks = pipeline.chunk.tag([words, pos, blank])
    entities = pipeline.ner.tag([words, pos, chunks, blank])
    return list(zip(words, pos, chunks, entities, strict=True))
