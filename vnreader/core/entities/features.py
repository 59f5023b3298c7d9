"""Features of each syllable token for our CRF: the words, their shapes and gazetteer hits.

Everything a token's features need is computed once per sentence (lowercase forms,
shapes, gazetteer matches), so building them is linear in the sentence length.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from vnreader.core.entities.gazetteer import Gazetteer, Match
from vnreader.core.entities.tokens import Token, shape

__all__ = ["sentence_features"]

_VIETNAMESE_ONLY = set("ăâđêôơư")
_FOREIGN_ONLY = set("fjwz")
# Characters after which a capital letter says nothing (a new sentence or a quotation).
_OPENERS = {'"', "“", "‘", "'", "(", ":", "-", "–", "—", "•", "*", "|", "«"}


@lru_cache(maxsize=65536)
def _script(lower: str) -> str:
    """ "vn" for a syllable only Vietnamese writes, "fw" for only foreign words, else ""."""
    base = unicodedata.normalize("NFD", lower)
    if any(ch in _VIETNAMESE_ONLY for ch in lower) or any(unicodedata.combining(ch) for ch in base):
        return "vn"
    if any(ch in _FOREIGN_ONLY for ch in lower):
        return "fw"
    return ""


def sentence_features(
    tokens: Sequence[Token], gazetteer: Gazetteer, matches: Sequence[Match] | None = None
) -> list[list[str]]:
    """One feature list per token (strings such as ``w=hà``, ``s=Aa``, ``g=LOC:B``);
    ``matches`` are the gazetteer's matches in the tokens, if the caller has them."""
    n = len(tokens)
    words = [token.text for token in tokens]
    lower = [word.lower() for word in words]
    shapes = [shape(word) for word in words]
    hits: list[list[str]] = [[] for _ in range(n)]
    for match in gazetteer.matches(words) if matches is None else matches:
        hits[match.first].append(f"{match.kind}:B")
        for k in range(match.first + 1, match.last):
            hits[k].append(f"{match.kind}:I")
        if match.last < n:
            hits[match.last].append(f"{match.kind}:after")
    lw = ["<s>", "<s>", *lower, "</s>", "</s>"]
    sh = ["<s>", "<s>", *shapes, "</s>", "</s>"]
    features: list[list[str]] = []
    for i in range(n):
        j = i + 2
        row = [
            "b",
            f"w={lw[j]}",
            f"w-1={lw[j - 1]}",
            f"w+1={lw[j + 1]}",
            f"w-2={lw[j - 2]}",
            f"w+2={lw[j + 2]}",
            f"w-1w={lw[j - 1]}|{lw[j]}",
            f"ww+1={lw[j]}|{lw[j + 1]}",
            f"s={sh[j]}",
            f"s-1={sh[j - 1]}",
            f"s+1={sh[j + 1]}",
            f"s-2={sh[j - 2]}",
            f"s+2={sh[j + 2]}",
            f"s-1s={sh[j - 1]}|{sh[j]}",
            f"ss+1={sh[j]}|{sh[j + 1]}",
            f"s-1ss+1={sh[j - 1]}|{sh[j]}|{sh[j + 1]}",
            f"sc={_script(lower[i])}",
        ]
        if i == 0 or words[i - 1] in _OPENERS or words[i - 1] in ".!?;":
            row.append("first")
        row.extend(f"g={hit}" for hit in hits[i])
        if i > 0:
            row.extend(f"g-1={hit}" for hit in hits[i - 1])
        if i + 1 < n:
            row.extend(f"g+1={hit}" for hit in hits[i + 1])
        features.append(row)
    return features
