"""Corpus search and in-text find that ignore accents and treat đ as d.

The database holds an FTS5 index of a folded shadow of every document
(:func:`vnreader.core.text.fold_same_length`: same length, so offsets line up). FTS5 picks
and ranks candidate documents; the hit spans and snippets of the best ones are then found
in Python with the same word rules, so they are code-point offsets of the stored text.

Query language: words (all must match), ``"quoted phrases"`` (consecutive words), and
``prefix*``. A hyphenated or dotted word (``Hà-Nội``, ``U.S``) is a phrase of its parts.
Anything else is ignored rather than an error: unbalanced quotes, brackets, ``^ : +``,
and the FTS5 operators ``AND OR NOT NEAR`` (dropped when other words are present).

Exact mode: letters, vowel marks and tones must match (case still does not), but the
position of the tone is free, so "hòa" finds both "hòa" and the old-style "hoà".
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vnreader.core.migrations import SEARCH_TABLE
from vnreader.core.store import Store
from vnreader.core.text import fold, fold_same_length

MAX_QUERY_CHARS = 1000
MAX_TERMS = 16
MAX_PHRASE_WORDS = 16
SNIPPET_CHARS = 160
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})

# Word characters: letters and digits, plus the combining marks that SQLite's unicode61
# tokenizer keeps inside a word (and drops with remove_diacritics). "_" separates words.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff"
_W = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = re.compile(rf"{_W}+")
_MARK = re.compile(f"[{_MARKS}]")
_SEPARATOR = rf"(?:[^\w{_MARKS}]|_)+"
_TOKEN = re.compile(r'"([^"]*)"(\*?)|[^\s"()\[\]{}^,;+]+')
_PREFIX_END = re.compile(rf"{_W}\*+$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "＂": '"'})
_GAP = re.compile("[ \t\u00a0]+")
_FLAT = str.maketrans({"\n": " ", "\t": " ", "\r": " "})
_ETH = str.maketrans("ðÐ", "đĐ")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


@dataclass(frozen=True)
class Term:
    """A word, a prefix (``prefix`` applies to the last word) or a phrase of words (NFC)."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def folded(self) -> tuple[str, ...]:
        """The words as the index holds them: folded, without stray combining marks."""
        return tuple(_MARK.sub("", fold_same_length(word)) for word in self.words)


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class SearchHit:
    """A matching document. Offsets are code points: ``spans`` into the stored text,
    ``snippet_spans`` into ``snippet_text`` (a window of the text, newlines flattened).
    ``focus`` is the span where most terms of the query meet (the earliest such), the
    one to show first: for ``bo ngoai giao`` the phrase, not the first "bộ"."""

    document_id: int
    title: str
    hits: int
    snippet_text: str
    snippet_spans: tuple[tuple[int, int], ...]
    spans: tuple[tuple[int, int], ...]
    focus: tuple[int, int] | None = None


def parse_query(raw: str) -> Query:
    """Parse what a user typed into terms. Never raises; nothing usable gives ``Query()``."""
    if not isinstance(raw, str):
        return Query()
    text = unicodedata.normalize("NFC", raw[:MAX_QUERY_CHARS].translate(_QUOTES))
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    terms: list[Term] = []
    operators: list[Term] = []
    for match in _TOKEN.finditer(text):
        if match.group(1) is not None:  # a quoted phrase
            inside = match.group(1).rstrip()
            prefix = bool(match.group(2)) or bool(_PREFIX_END.search(inside))
            chunk, quoted = inside, True
        else:
            chunk, quoted = match.group(0), False
            prefix = bool(_PREFIX_END.search(chunk))
        words = tuple(_WORD.findall(chunk))[:MAX_PHRASE_WORDS]
        if not words:
            continue
        term = Term(words, prefix)
        if not quoted and not prefix and len(words) == 1 and words[0] in OPERATORS:
            operators.append(term)
        elif all(term.folded) and term not in terms:
            terms.append(term)
    if not terms:
        terms = [term for term in dict.fromkeys(operators)]
    return Query(tuple(terms[:MAX_TERMS]))


def to_fts(query: Query) -> str | None:
    """A safe FTS5 MATCH expression for ``query`` (every term quoted, all ANDed)."""
    parts = []
    for term in query.terms:
        words = [word for word in term.folded if word]
        if words:
            phrase = '"' + " ".join(words).replace('"', '""') + '"'
            parts.append(phrase + " *" if term.prefix else phrase)
    return " AND ".join(parts) if parts else None


# --- matching in Python -------------------------------------------------------------------


def _exact_parts(word: str) -> tuple[str, str]:
    """What exact mode compares: the letters with their vowel marks (no case; ð = đ), and
    the tones wherever they sit ("hòa" and "hoà" agree, "hoa" and "họa" do not)."""
    decomposed = unicodedata.normalize("NFD", word.translate(_ETH))
    tones = "".join(sorted(ch for ch in decomposed if ch in _TONES))
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return letters.casefold(), tones


@lru_cache(maxsize=256)
def _exact_keys(term: Term) -> tuple[tuple[str, str], ...]:
    return tuple(_exact_parts(word) for word in term.words)


def _is_exact(term: Term, text: str, start: int, end: int) -> bool:
    """Whether the folded hit ``text[start:end]`` of ``term`` also matches it exactly.

    The last word of a prefix term must begin with the query's letters and carry the tone
    typed, if any: "hò*" finds "hòa" and "hoà", "ho*" finds both and "hoa"."""
    keys = _exact_keys(term)
    words = _WORD.findall(text, start, end)
    if len(words) != len(keys):
        return False
    parts = [_exact_parts(word) for word in words]
    last = len(keys) - 1 if term.prefix else len(keys)
    if parts[:last] != list(keys[:last]):
        return False
    if not term.prefix:
        return True
    (letters, tones), (want_letters, want_tones) = parts[last], keys[last]
    return letters.startswith(want_letters) and all(t in tones for t in want_tones)


@lru_cache(maxsize=256)
def _pattern(term: Term, tolerant: bool) -> re.Pattern[str]:
    """The regex of one term, run on folded text (``tolerant``: it has stray marks)."""
    end = f"{_W}*" if term.prefix else f"(?!{_W})"
    words = [word for word in term.folded if word]
    if tolerant:
        marked = ["".join(re.escape(ch) + f"[{_MARKS}]*" for ch in word) for word in words]
        return re.compile(f"(?<!{_W})" + _SEPARATOR.join(marked) + end)
    # A literal first lets the regex engine skip ahead; the word start is checked after it.
    first = re.escape(words[0]) + f"(?<!{_W}.{{{len(words[0])}}})"
    return re.compile("(?s)" + _SEPARATOR.join([first, *map(re.escape, words[1:])]) + end)


class _Target:
    """A text prepared for matching: its fold (taken from the index when it fits)."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        self.text = text
        fits = folded is not None and len(folded) == len(text)
        self.folded = folded if fits else fold_same_length(text)
        self.tolerant = _MARK.search(self.folded) is not None

    def spans(self, term: Term, exact: bool) -> list[tuple[int, int]]:
        """[start, end) spans of the hits of ``term``."""
        found = [m.span() for m in _pattern(term, self.tolerant).finditer(self.folded)]
        if exact:
            return [(s, e) for s, e in found if _is_exact(term, self.text, s, e)]
        return found


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted spans; overlapping ones, and ones only spaces apart ("Đà" "Nẵng"), joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or _GAP.fullmatch(text, merged[-1][1], start)):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_in_text(text: str, raw_query: str, *, exact: bool = False) -> list[tuple[int, int]]:
    """[start, end) code-point spans of every hit of any term of ``raw_query`` in ``text``."""
    query = parse_query(raw_query)
    if not query or not text:
        return []
    target = _Target(text)
    return _merge([span for term in query.terms for span in target.spans(term, exact)], text)


# --- corpus search ------------------------------------------------------------------------


def _focus(
    merged: list[tuple[int, int]], per_term: list[list[tuple[int, int]]]
) -> tuple[int, int] | None:
    """The earliest merged span holding hits of the most terms."""
    best, best_count = None, 0
    for start, end in merged:
        count = sum(any(start <= s and e <= end for s, e in spans) for spans in per_term)
        if count > best_count:
            best, best_count = (start, end), count
            if count == len(per_term):
                break
    return best


def _snippet(
    text: str, spans: list[tuple[int, int]], focus: tuple[int, int] | None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS of ``text`` around ``focus`` (or the first span), cut at spaces."""
    first_start, first_end = focus or (spans[0] if spans else (0, 0))
    start = max(0, first_start - SNIPPET_CHARS // 3)
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), max(start + SNIPPET_CHARS, first_end))
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space > first_end else end
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(head) - start
    inside = tuple((s + shift, e + shift) for s, e in spans if start <= s and e <= end)
    return head + text[start:end].translate(_FLAT) + tail, inside


def _hit(
    query: Query, exact: bool, doc_id: int, title: str, text: str, *folds: str | None
) -> SearchHit | None:
    """The hit for one candidate document, or None when not every term is in it."""
    body, head = _Target(text, folds[0]), None
    per_term = []
    for term in query.terms:
        spans = body.spans(term, exact)
        if not spans:
            head = head or _Target(title, folds[1])
            if not head.spans(term, exact):
                return None
        per_term.append(spans)
    spans = _merge([span for term_spans in per_term for span in term_spans], text)
    focus = _focus(spans, per_term)
    snippet_text, snippet_spans = _snippet(text, spans, focus)
    return SearchHit(doc_id, title, len(spans), snippet_text, snippet_spans, tuple(spans), focus)


class SearchResults(list):
    """The hits, best first. ``complete`` is False when a time budget ran out before every
    candidate was checked (only exact mode checks candidates that may all fail)."""

    complete = True


def search(
    store: Store,
    raw_query: str,
    *,
    limit: int = 50,
    exact: bool = False,
    time_budget: float | None = None,
) -> SearchResults:
    """The best ``limit`` documents matching ``raw_query``, by relevance then hit count.

    Any input is safe: at worst the result is empty. With ``time_budget`` (seconds), the
    search stops checking candidates once it is spent and says so in ``complete``.
    """
    results = SearchResults()
    query = parse_query(raw_query)
    match = to_fts(query)
    if match is None or limit <= 0:
        return results
    deadline = None if time_budget is None else time.perf_counter() + time_budget
    try:
        cursor = store.db.execute(
            f"SELECT rowid, bm25({SEARCH_TABLE}, 1.0, 2.0) AS score FROM {SEARCH_TABLE}"
            f" WHERE {SEARCH_TABLE} MATCH ? ORDER BY score",
            [match],
        )
    except sqlite3.OperationalError as error:
        if "fts5" in str(error):  # a query the parser should have made safe; never shown
            return results
        raise
    found: list[tuple[float, SearchHit]] = []
    try:
        batch_size = limit if not exact else max(4 * limit, 100)
        while len(found) < limit:
            scores = dict(cursor.fetchmany(batch_size))
            if not scores:
                break
            ids = list(scores)
            marks = ",".join("?" * len(ids))
            rows = store.db.execute(
                "SELECT d.id, d.title, d.text, f.folded, f.title_folded FROM documents d"
                f" LEFT JOIN {SEARCH_TABLE} f ON f.rowid = d.id WHERE d.id IN ({marks})",
                ids,
            ).fetchall()
            by_id = {row[0]: row for row in rows}
            for doc_id in ids:
                if doc_id in by_id and len(found) < limit:
                    hit = _hit(query, exact, *by_id[doc_id])
                    if hit is not None:
                        found.append((scores[doc_id], hit))
            if deadline is not None and len(found) < limit and time.perf_counter() > deadline:
                results.complete = cursor.fetchone() is None
                break
    finally:
        cursor.close()
    found.sort(key=lambda item: (item[0], -item[1].hits))  # bm25: lower is better
    results.extend(hit for _score, hit in found)
    return results


def documents_mentioning(store: Store, entity_text: str, label: str | None = None) -> list[int]:
    """Ids of documents with an entity whose text folds like ``entity_text`` (any label,
    or only ``label``)."""
    wanted = fold(entity_text)
    if not wanted:
        return []
    sql = "SELECT DISTINCT document_id, text FROM entities"
    rows = store.db.execute(sql + " WHERE label = ?", [label]) if label else store.db.execute(sql)
    keys: dict[str, bool] = {}
    ids = set()
    for doc_id, text in rows:
        if text not in keys:
            keys[text] = fold(text) == wanted
        if keys[text]:
            ids.add(doc_id)
    return sorted(ids)
