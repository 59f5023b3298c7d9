"""Align tokens from the tokeniser back to code-point spans of the original text.

underthesea rewrites what it tokenises (NFC, ``ð`` -> ``đ``, old-style tone placement,
spelling fixes such as ``nghành`` -> ``ngành``, whitespace collapsed or moved into tokens),
so ``text.find(token)`` is not reliable. Both sides are compared through a *key*: every
character is case-folded, NFKD-decomposed, stripped of combining marks, ``đ``/``ð`` become
``d``, quotes and dashes are unified, and whitespace and format characters (zero-width
space, joiners, BOM) vanish. Each key character remembers the source index it came from.

Tokens are then matched left to right with a cursor over the key:

1. exact match at the cursor;
2. a spelling rewrite at the cursor: same first character, edit distance of at most 1
   (tokens of 3-5 key characters) or 2 (longer), preferring a length after which the
   next token matches exactly;
3. an exact match a little further on (source characters the tokeniser dropped),
   checked against the next token for short tokens;
4. a token with an empty key (a lone combining mark, a zero-width character) is looked
   up verbatim between the previous span and the next key character.

Afterwards, a single unresolved token between two resolved neighbours receives the key
gap between them when that gap is non-empty and at most about twice the token's length
(it is the text the tokeniser rewrote beyond recognition). Anything else stays ``None``.
Spans always cover whole source characters, including combining marks that follow the
last one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["align_tokens", "key_of"]

Span = tuple[int, int]

# How far (in key characters) a token may be found beyond the cursor.
SEARCH_WINDOW = 60

_UNIFY = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ı": "i",
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "‹": "'",
        "›": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)
_KEY_CACHE: dict[str, str] = {}


def _char_key(ch: str) -> str:
    """Key characters of one source character (possibly none, possibly several)."""
    cached = _KEY_CACHE.get(ch)
    if cached is not None:
        return cached
    if ch.isspace() or unicodedata.category(ch) == "Cf":
        key = ""
    else:
        decomposed = unicodedata.normalize("NFKD", ch.casefold())
        key = "".join(
            c
            for c in decomposed
            if not unicodedata.combining(c)
            and not c.isspace()
            and unicodedata.category(c) not in ("Cf", "Mn", "Mc", "Me")
        ).translate(_UNIFY)
    if len(_KEY_CACHE) < 50_000:
        _KEY_CACHE[ch] = key
    return key


def key_of(text: str, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
    """The comparison key of ``text[start:end]`` and, per key character, its source index."""
    stop = len(text) if end is None else end
    parts: list[str] = []
    index: list[int] = []
    for i in range(start, stop):
        k = _char_key(text[i])
        if k:
            parts.append(k)
            index.extend([i] * len(k))
    return "".join(parts), index


def _token_key(token: str) -> str:
    return "".join(_char_key(ch) for ch in token)


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of two short strings (``limit + 1`` once it exceeds ``limit``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _fuzzy_at(key: str, cursor: int, token: str, following: str | None) -> Span | None:
    """A rewritten spelling of ``token`` starting exactly at ``cursor``, as a key range."""
    if len(token) < 3 or cursor >= len(key) or key[cursor] != token[0]:
        return None
    limit = 1 if len(token) <= 5 else 2
    best: tuple[bool, int, int] | None = None
    best_len = 0
    for length in range(max(1, len(token) - limit), len(token) + limit + 1):
        if cursor + length > len(key):
            break
        d = _distance(token, key[cursor : cursor + length], limit)
        if d > limit:
            continue
        next_ok = following is None or key.startswith(following, cursor + length)
        score = (next_ok, -d, -abs(length - len(token)))
        if best is None or score > best:
            best, best_len = score, length
    if best is None:
        return None
    next_ok, neg_d, _ = best
    if not next_ok and -neg_d > 1:
        return None
    return cursor, cursor + best_len


def _forward(key: str, cursor: int, token: str, following: str | None) -> Span | None:
    """An exact match of ``token`` a little beyond ``cursor``, as a key range."""
    limit = cursor + SEARCH_WINDOW + len(token)
    pos = key.find(token, cursor + 1, limit)
    while pos >= 0:
        end = pos + len(token)
        if len(token) >= 4 or following is None or key.startswith(following, end):
            return pos, end
        pos = key.find(token, pos + 1, limit)
    return None


def _source_span(text: str, index: list[int], first: int, last: int, stop: int) -> Span:
    """Source span of key range ``[first, last)``, extended over trailing combining marks."""
    end = index[last - 1] + 1
    while end < stop and unicodedata.category(text[end])[0] == "M":
        end += 1
    return index[first], end


def align_tokens(
    text: str, tokens: Sequence[str], start: int = 0, end: int | None = None
) -> list[Span | None]:
    """Code-point spans of ``tokens`` within ``text[start:end]``; ``None`` where not found."""
    stop = len(text) if end is None else min(end, len(text))
    key, index = key_of(text, start, stop)
    keys = [_token_key(token) for token in tokens]
    following: list[str | None] = [None] * len(keys)
    upcoming: str | None = None
    for i in range(len(keys) - 1, -1, -1):
        following[i] = upcoming
        if keys[i]:
            upcoming = keys[i]

    result: list[Span | None] = [None] * len(tokens)
    ranges: list[Span | None] = [None] * len(tokens)
    cursor = 0
    source_pos = start
    for i, (token, tk) in enumerate(zip(tokens, keys, strict=True)):
        if not tk:
            limit = index[cursor] if cursor < len(key) else stop
            raw = _verbatim(text, token, source_pos, limit)
            if raw is not None:
                result[i] = raw
                source_pos = raw[1]
            continue
        if key.startswith(tk, cursor):
            found: Span | None = (cursor, cursor + len(tk))
        else:
            found = _fuzzy_at(key, cursor, tk, following[i]) or _forward(
                key, cursor, tk, following[i]
            )
        if found is None:
            continue
        ranges[i] = found
        span = _source_span(text, index, found[0], found[1], stop)
        result[i] = span
        cursor = found[1]
        source_pos = span[1]
    _fill_gaps(text, index, keys, ranges, result, stop)
    return result


def _verbatim(text: str, token: str, source_pos: int, limit: int) -> Span | None:
    """Find a token with an empty key (marks, zero-width characters) literally."""
    needle = token.strip()
    if not needle:
        return None
    pos = text.find(needle, source_pos, limit)
    return None if pos < 0 else (pos, pos + len(needle))


def _fill_gaps(
    text: str,
    index: list[int],
    keys: list[str],
    ranges: list[Span | None],
    result: list[Span | None],
    stop: int,
) -> None:
    """Give a lone unresolved token the key gap between its two resolved neighbours."""
    for i in range(1, len(keys) - 1):
        if result[i] is not None or not keys[i]:
            continue
        before, after = ranges[i - 1], ranges[i + 1]
        if before is None or after is None:
            continue
        gap = after[0] - before[1]
        if 0 < gap <= 2 * len(keys[i]) + 2:
            ranges[i] = (before[1], after[0])
            result[i] = _source_span(text, index, before[1], after[0], stop)
