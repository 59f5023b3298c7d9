"""Hypothesis strategies for Vietnamese-ish text, and the settings profiles of the fuzz tests.

The text mixes precomposed Vietnamese syllables (NFC), the same syllables decomposed (NFD)
or with a stray combining mark, runs of spaces and tabs, every newline convention,
punctuation and typographic quotes, zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner,
BOM) and characters outside the BMP (emoji with skin tones and ZWJ sequences, flags,
mathematical letters, a CJK extension B ideograph).

Profiles: ``vnreader`` (the default: about 100 examples a test, no deadline, no example
database written into the repository) and ``fuzz`` (many more examples, for a long run:
``HYPOTHESIS_PROFILE=fuzz make test``). Failures print the falsifying example and a
``@reproduce_failure`` blob; ``--hypothesis-seed=N`` replays a whole run.
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "vnreader",
    max_examples=60,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("fuzz", parent=settings.get_profile("vnreader"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "vnreader"))

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx" + "fjwz"  # the last four appear in foreign names
VIETNAMESE_LETTERS = "".join(
    sorted(
        {
            unicodedata.normalize("NFC", vowel + tone)
            for vowel in VOWELS + VOWELS.upper()
            for tone in ["", *TONES]
        }
        | set(CONSONANTS + CONSONANTS.upper())
    )
)
DIGITS = "0123456789"
PUNCTUATION = ".,;:!?-–—()[]\"'“”‘’«»…/%&_#*=+@"
SPACES = [" ", "  ", "\t", "\u00a0"]
NEWLINES = ["\n", "\r\n", "\r", "\n\n"]
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
ASTRAL = [
    "😀",
    "👍🏽",  # with a skin-tone modifier
    "👨\u200d👩\u200d👧",  # a ZWJ family
    "🇻🇳",  # a flag: two regional indicators
    "❤\ufe0f",  # BMP emoji with a variation selector
    "𝐀𝐁",  # mathematical bold letters (alphanumeric)
    "𠀀",  # CJK extension B
    "\U0001f600\u0301",  # an astral character with a combining mark
]

letters = st.sampled_from(VIETNAMESE_LETTERS)
syllables = st.text(alphabet=letters, min_size=1, max_size=7)
numbers = st.text(alphabet=DIGITS, min_size=1, max_size=4)
nfd_syllables = syllables.map(lambda s: unicodedata.normalize("NFD", s))
stray_marks = st.sampled_from(TONES + "\u0302\u0306\u031b")


def _pieces(*, newlines: bool) -> st.SearchStrategy[str]:
    options = [
        syllables,
        syllables,
        syllables,
        nfd_syllables,
        numbers,
        st.sampled_from(SPACES),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(ZERO_WIDTH),
        st.sampled_from(ASTRAL),
        stray_marks,
    ]
    if newlines:
        options.append(st.sampled_from(NEWLINES))
    return st.one_of(*options)


def vietnamese_text(*, max_pieces: int = 40, newlines: bool = True) -> st.SearchStrategy[str]:
    """Vietnamese-ish text; NFC or not, with any newline convention unless ``newlines`` is
    False."""
    return st.lists(_pieces(newlines=newlines), max_size=max_pieces).map("".join)


def any_text(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """Vietnamese-ish text or arbitrary Unicode (surrogates excluded: they cannot be stored)."""
    arbitrary = st.text(st.characters(exclude_categories=["Cs"]), max_size=max_size)
    return st.one_of(vietnamese_text(), arbitrary)


def stored_text(*, max_pieces: int = 40) -> st.SearchStrategy[str]:
    """Text as vnreader stores it (after :func:`vnreader.core.text.normalize_text`)."""
    from vnreader.core.text import normalize_text

    return vietnamese_text(max_pieces=max_pieces).map(normalize_text)
