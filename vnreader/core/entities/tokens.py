"""Syllable tokens with code-point offsets: what our entity model reads.

A token is a run of letters and digits (a Vietnamese syllable, a foreign word, a number,
an acronym) or a single other non-space character ("-", ".", "(", ...). Combining marks
stay with their letter, so offsets are always those of the stored text and
``text[token.start:token.end] == token.text``. Nothing is rewritten: unlike
``word_tokenize``, no alignment step is needed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "shape", "tokenize"]

_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+|[^\s\u200b-\u200d\u2060\ufeff]")


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, with offsets into ``text``."""
    return [
        Token(m.start(), m.end(), m.group())
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
    ]


def shape(token: str) -> str:
    """A coarse shape: ``Aa`` title case, ``A`` all capitals, ``a`` lower, ``0`` digits,
    ``0a`` mixed digits and letters, ``Aa0`` other mixes, or the character itself for
    punctuation."""
    if token.isdigit():
        return "0"
    if not token[0].isalnum():
        return token if len(token) == 1 else "p"
    if token.isalpha():
        if token.islower():
            return "a"
        if token.isupper():
            return "A" if len(token) > 1 else "Aa"
        if token[0].isupper() and token[1:].islower():
            return "Aa"
        return "aA"
    return "0a" if token[0].isdigit() else "Aa0"
