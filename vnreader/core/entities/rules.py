"""Rules applied after our CRF, for the conventions a statistical model gets wrong at times.

Each rule works on the tagged token spans of one sentence:

* titles and honorifics never start a PER ("Tổng thống [Biden]"), nor lowercase generic
  words any entity ("tỉnh [Quảng Ninh]", "tập đoàn [Samsung]"), unless the whole span is a
  gazetteer name ("châu Âu");
* a comma or semicolon separates two names ("Siemens Energy, BASF");
* a dash between two names makes two entities ("[Việt Nam]-[Hoa Kỳ]"), but not inside
  one hyphenated name ("Ô-xtrây-li-a", "Jean-Pierre");
* a country or organisation the gazetteer knows never starts a person's name
  ("[Pháp] [Emmanuel Macron]");
* a "person" longer than a Vietnamese name whose first word is no family name is an
  organisation followed by the person ("Chủ tịch [Phúc Sinh] [Phan Minh Thông]");
* an acronym in parentheses after an organisation is an organisation too ("(EU)"), unless
  the gazetteer knows it as a place;
* dates, weekdays, numbers and ordinals are never entities;
* a span that is exactly a gazetteer name takes the gazetteer's label ("Hoa Kỳ" is LOC).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from vnreader.core.entities.gazetteer import Gazetteer, Match
from vnreader.core.entities.model import TaggedSpan
from vnreader.core.entities.tokens import Token

__all__ = ["refine"]

_DASHES = {"-", "–", "—", "‐", "‑"}
_NOT_NAMES = {
    "Thứ", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tết",
    "Quý", "Tháng", "Ngày", "Khóa", "Khoá", "Lần",
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
    "XIV", "XV", "XVI", "XX", "XXI",
}  # fmt: skip


def refine(
    tokens: Sequence[Token],
    spans: Sequence[TaggedSpan],
    gaz: Gazetteer,
    matches: Sequence[Match] | None = None,
) -> list[TaggedSpan]:
    """The spans after the rules; ``matches`` are the gazetteer's matches in the tokens, if
    the caller has them."""
    words = [token.text for token in tokens]
    spaced = [
        0 < k < len(tokens) - 1
        and tokens[k - 1].end < tokens[k].start
        and tokens[k].end < tokens[k + 1].start
        for k in range(len(tokens))
    ]
    title_ends = _title_ends(gaz.matches(words) if matches is None else matches)
    out: list[TaggedSpan] = []
    for span in spans:
        span = _strip_front(words, span, title_ends, gaz)
        if span is None:
            continue
        parts = [span]
        splits = (_split_lists, partial(_split_pairs, spaced=spaced), _split_known_prefix)
        for split in (*splits, _split_vietnamese_name):
            parts = [piece for part in parts for piece in split(words, part, gaz)]
        for part in parts:  # a part after a comma may start with "tỉnh" or a title
            part = _strip_front(words, part, title_ends, gaz) if part is not span else part
            if part is not None and _is_name(words[part.first : part.last]):
                out.append(_relabel(words, part, gaz))
    out = _acronyms(words, out, gaz)
    return sorted(out, key=lambda s: s.first)


def _title_ends(matches: Sequence[Match]) -> dict[int, int]:
    """For each token that starts a title, the token after the title and its fields."""
    ends: dict[int, int] = {}
    fields = {m.first: m.last for m in matches if m.kind == "FIELD"}
    for match in matches:
        if match.kind == "TITLE":
            end = match.last
            while end in fields:
                end = fields[end]
            ends[match.first] = max(ends.get(match.first, 0), end)
    return ends


def _strip_front(
    words: Sequence[str], span: TaggedSpan, title_ends: dict[int, int], gaz: Gazetteer
) -> TaggedSpan | None:
    if gaz.label_of_words(words[span.first : span.last]) is not None:
        return span
    first = span.first
    while first < span.last:
        end = title_ends.get(first)
        if span.label == "PER" and end is not None and end < span.last:
            first = end
        elif words[first][:1].islower() or not words[first][:1].isalnum():
            first += 1
        else:
            break
    return replace(span, first=first) if first < span.last else None


def _split_lists(words: Sequence[str], span: TaggedSpan, gaz: Gazetteer) -> list[TaggedSpan]:
    """``[Siemens Energy, BASF]`` -> two names: a comma or semicolon sits inside a name
    only in a gazetteer name ("Washington, D.C.") or in an organisation that lists its
    fields ("Bộ Văn hóa, Thể thao và Du lịch")."""
    inside = words[span.first : span.last]
    if gaz.label_of_words(inside) is not None or (span.label == "ORG" and "và" in inside):
        return [span]
    parts, first = [], span.first
    for k in range(span.first, span.last + 1):
        if k == span.last or words[k] in (",", ";"):
            if first < k:
                parts.append(replace(span, first=first, last=k))
            first = k + 1
    return parts


def _split_pairs(
    words: Sequence[str], span: TaggedSpan, gaz: Gazetteer, *, spaced: Sequence[bool]
) -> list[TaggedSpan]:
    """Split at a dash between two names. Both sides known to the gazetteer always split;
    otherwise a LOC or PER splits at a spaced dash between names of two syllables or more,
    and an ORG never does ("Bộ Lao động - Thương binh và Xã hội" is one name)."""
    if gaz.label_of_words(words[span.first : span.last]) is not None:
        return [span]
    for k in range(span.first + 1, span.last - 1):
        if words[k] not in _DASHES:
            continue
        left, right = words[span.first : k], words[k + 1 : span.last]
        known = gaz.label_of_words(left), gaz.label_of_words(right)
        guess = (
            span.label != "ORG"
            and len(left) > 1
            and len(right) > 1
            and right[0][:1].isupper()
            and spaced[k]
        )
        if all(known) or guess:
            head = replace(span, last=k, label=known[0] or span.label)
            tail = replace(span, first=k + 1, label=known[1] or span.label)
            return [head, *_split_pairs(words, tail, gaz, spaced=spaced)]
    return [span]


def _split_known_prefix(words: Sequence[str], span: TaggedSpan, gaz: Gazetteer) -> list[TaggedSpan]:
    """``[PER Pháp Emmanuel Macron]`` -> ``[LOC Pháp] [PER Emmanuel Macron]``: a person's
    name never starts with a country or an organisation the gazetteer knows."""
    if span.label != "PER":
        return [span]
    for k in range(span.last - 1, span.first, -1):
        label = gaz.label_of_words(words[span.first : k])
        # "Hàn Chính" is a person whose surname is also a short name of Korea: a one-syllable
        # prefix only splits off a name of two syllables or more.
        long_enough = k - span.first > 1 or span.last - k > 1
        if label is not None and long_enough and words[k][:1].isupper():
            return [replace(span, last=k, label=label), replace(span, first=k)]
    return [span]


def _split_vietnamese_name(
    words: Sequence[str], span: TaggedSpan, gaz: Gazetteer
) -> list[TaggedSpan]:
    """``[PER Phúc Sinh Phan Minh Thông]`` -> ``[ORG Phúc Sinh] [PER Phan Minh Thông]``: a
    Vietnamese name has at most four syllables and starts with a family name, so a longer
    "person" whose first word is no family name ends with the person, and what comes first
    is the organisation named before them ("Chủ tịch Phúc Sinh Phan Minh Thông")."""
    size = span.last - span.first
    first = words[span.first]
    if span.label != "PER" or size < 4 or gaz.is_kind([first], "SURNAME"):
        return [span]
    if first == "Y" or first.startswith(("H'", "H’")):  # Ê Đê names: "Y Thanh Hà Niê Kdăm"
        return [span]
    for k in range(span.first + 1, span.last - 2):
        if span.last - k in (3, 4) and gaz.is_kind([words[k]], "SURNAME"):
            person = replace(span, first=k)
            if k - span.first == 1:
                return [person]
            return [replace(span, last=k, label="ORG"), person]
    return [span]


def _is_name(words: Sequence[str]) -> bool:
    if [w.lower() for w in words] == ["chủ", "nhật"]:  # Sunday; "Nhật" alone is Japan
        return False
    capitals = [w for w in words if w[:1].isupper()]
    return bool(capitals) and not all(w in _NOT_NAMES for w in capitals)


def _relabel(words: Sequence[str], span: TaggedSpan, gaz: Gazetteer) -> TaggedSpan:
    """The gazetteer's label for a name it knows, but a one-syllable person stays a person
    ("ông Đức" is not Germany)."""
    label = gaz.label_of_words(words[span.first : span.last])
    if not label or label == span.label:
        return span
    if span.label == "PER" and span.last - span.first == 1:
        return span
    return replace(span, label=label)


def _acronyms(words: Sequence[str], spans: list[TaggedSpan], gaz: Gazetteer) -> list[TaggedSpan]:
    """``Organisation (ACR)``: the acronym is an organisation too, unless the gazetteer
    knows it as something else."""
    by_first = {span.first: span for span in spans}
    out = list(spans)
    for span in spans:
        k = span.last
        if span.label != "ORG" or k + 2 >= len(words):
            continue
        if words[k] != "(" or words[k + 2] != ")":
            continue
        acronym = words[k + 1]
        if len(acronym) < 2 or not acronym[:1].isupper() or acronym[1:].islower():
            continue
        if gaz.label_of_words([acronym]) not in (None, "ORG"):
            continue
        found = by_first.get(k + 1)
        if found is None:
            out.append(TaggedSpan(k + 1, k + 2, "ORG", span.confidence))
        elif found.label != "ORG" and found.last == k + 2:
            out[out.index(found)] = replace(found, label="ORG")
    return out
