"""Property-based tests (hypothesis) of the Qt-free text contracts.

Normalisation and folding (vnreader.core.text), syllable tokens (entities.tokens), aligning
rewritten tokens back to the text (entities.align), word spans for double-click and snapping
(words), code point <-> UTF-16 offsets (text.Utf16Map) and the CSV writer (csv_export).
Strategies and the settings profile live in tests/strategies.py.
"""

from __future__ import annotations

import csv
import os
import re
import string
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from tests.strategies import (
    PUNCTUATION,
    SPACES,
    VIETNAMESE_LETTERS,
    ZERO_WIDTH,
    any_text,
    stored_text,
    syllables,
    vietnamese_text,
)
from vnreader.core.annotations import AnnotationError, add_annotation
from vnreader.core.csv_export import (
    ANNOTATION_COLUMNS,
    ENTITY_COLUMNS,
    export_annotations,
    export_entities,
    neutralise,
    restore_cell,
    write_csv,
)
from vnreader.core.entities.align import align_tokens, key_of
from vnreader.core.entities.tokens import tokenize
from vnreader.core.store import open_store
from vnreader.core.text import (
    Utf16Map,
    fold,
    fold_same_length,
    normalize_text,
    strip_marks,
)
from vnreader.core.themes import MAX_NAME_LENGTH, create_theme, theme_paths
from vnreader.core.words import snap_to_words, word_at, word_spans

LINE_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
FORMULA_STARTS = "=+-@\t\r"
TOKEN_GAP = ZERO_WIDTH  # besides whitespace, what the syllable tokeniser skips


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def drop_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def is_word_char(ch: str) -> bool:
    return (ch.isalnum() and ch != "_") or "\u0300" <= ch <= "\u036f"


# --- normalisation ---------------------------------------------------------------------


@given(any_text())
def test_normalized_text_is_nfc_with_plain_newlines_and_no_controls(text: str) -> None:
    out = normalize_text(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not set(out) & set(LINE_BREAKS.replace("\n", ""))
    assert all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in out)
    assert not out.startswith("\ufeff")


@example("\x00\ufeffHà Nội")  # a control character hid the BOM until the fix
@example("\ufeff\ufeffHà Nội")  # so did a second BOM
@given(any_text())
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(any_text())
def test_normalize_text_keeps_every_line_and_every_visible_character(text: str) -> None:
    out = normalize_text(text)
    breaks = re.findall("\r\n|[" + LINE_BREAKS + "]", text)
    assert out.count("\n") == len(breaks)
    # Only line breaks are rewritten and only controls and a leading BOM dropped.
    kept = re.sub("\r\n|[" + LINE_BREAKS + "]", "\n", text.removeprefix("\ufeff"))
    kept = "".join(ch for ch in kept if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    assert nfd(out).lstrip("\ufeff") == nfd(kept).lstrip("\ufeff")


@given(any_text())
def test_normalize_text_ignores_how_characters_are_composed(text: str) -> None:
    assert normalize_text(nfd(text)) == normalize_text(text)


# --- folding ---------------------------------------------------------------------------


@given(any_text())
def test_fold_same_length_keeps_offsets_one_to_one(text: str) -> None:
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert not set(folded) & set("đĐðÐ")


@given(any_text(), any_text())
def test_fold_same_length_folds_each_character_on_its_own(left: str, right: str) -> None:
    # Also checks that the ASCII fast path agrees with the per-character table.
    assert fold_same_length(left + right) == fold_same_length(left) + fold_same_length(right)


@given(any_text())
def test_fold_same_length_is_idempotent(text: str) -> None:
    folded = fold_same_length(text)
    assert fold_same_length(folded) == folded


@given(vietnamese_text())
def test_fold_same_length_of_vietnamese_is_plain_ascii_letters(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    folded = fold_same_length(text)
    # Stray combining marks stay (same length); everything else matches strip_marks.
    assert drop_marks(folded) == strip_marks(text).lower()
    for original, ch in zip(text, folded, strict=True):
        if original in VIETNAMESE_LETTERS:
            assert ch in string.ascii_lowercase, (original, ch)


@given(vietnamese_text())
def test_fold_same_length_of_nfd_matches_nfc_once_marks_are_ignored(text: str) -> None:
    nfc_text = unicodedata.normalize("NFC", text)
    assert drop_marks(fold_same_length(nfd(text))) == drop_marks(fold_same_length(nfc_text))


@given(any_text())
def test_fold_is_idempotent_and_trimmed(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert not re.search(r"\s\s", folded)
    assert not set(folded) & set("đĐðÐ")


@given(vietnamese_text())
def test_fold_ignores_case_composition_and_d_with_stroke(text: str) -> None:
    expected = fold(text)
    assert fold(nfd(text)) == expected
    assert fold(text.upper()) == expected
    assert fold(text.replace("đ", "d").replace("Đ", "D")) == expected


@given(any_text())
def test_strip_marks_is_idempotent_and_leaves_no_marks(text: str) -> None:
    bare = strip_marks(text)
    assert strip_marks(bare) == bare
    assert not any(unicodedata.combining(ch) for ch in bare)
    assert not set(bare) & set("đĐðÐ")


# --- syllable tokens -------------------------------------------------------------------


@given(any_text())
def test_tokens_slice_the_text_in_order(text: str) -> None:
    tokens = tokenize(text)
    position = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert position <= token.start < token.end
        position = token.end


@given(any_text())
def test_tokens_skip_only_whitespace_and_zero_width_characters(text: str) -> None:
    covered = [False] * len(text)
    for token in tokenize(text):
        for i in range(token.start, token.end):
            covered[i] = True
        assert not any(ch.isspace() or ch in TOKEN_GAP for ch in token.text)
        if len(token.text) > 1:
            assert all(is_word_char(ch) for ch in token.text)
    for ch, is_covered in zip(text, covered, strict=True):
        assert is_covered or ch.isspace() or ch in TOKEN_GAP


@given(any_text())
def test_tokens_are_maximal_runs_with_marks_kept_on_their_letter(text: str) -> None:
    tokens = tokenize(text)
    for before, after in zip(tokens, tokens[1:], strict=False):
        if before.end == after.start:
            assert not (is_word_char(text[before.end - 1]) and is_word_char(text[after.start]))


@given(vietnamese_text())
def test_tokens_of_nfd_text_match_tokens_of_nfc_text(text: str) -> None:
    nfc_tokens = [token.text for token in tokenize(unicodedata.normalize("NFC", text))]
    nfd_tokens = [unicodedata.normalize("NFC", token.text) for token in tokenize(nfd(text))]
    assert nfd_tokens == nfc_tokens


@given(any_text(), st.data())
def test_tokenizing_a_range_equals_tokenizing_the_slice(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [(t.start + start, t.end + start, t.text) for t in tokenize(text[start:end])]
    assert [tuple(t) for t in tokenize(text, start, end)] == expected


# --- aligning rewritten tokens ---------------------------------------------------------

words = st.lists(syllables, min_size=1, max_size=3).map(" ".join)
punctuation_tokens = st.sampled_from(PUNCTUATION)
gaps = st.sampled_from([*SPACES, "\n", " \n ", "\u200b", " \ufeff"])
separators = st.one_of(st.just(""), gaps)
rewrites = st.sampled_from(
    [
        lambda w: w,
        str.upper,
        str.lower,
        strip_marks,
        nfd,
        lambda w: w.replace("đ", "d").replace("Đ", "D"),
        lambda w: w.replace(" ", "  "),
        lambda w: w.replace(" ", "\u00a0"),
    ]
)


@st.composite
def tokenised_text(draw: st.DrawFn) -> tuple[str, list[str], list[tuple[int, int]]]:
    """A text, the tokens a tokeniser might return for it (case, marks, đ, NFC/NFD and
    spacing rewritten) and the spans those tokens came from."""
    pieces = draw(st.lists(st.one_of(words, words, punctuation_tokens), min_size=1, max_size=8))
    nfd_source = draw(st.booleans())
    text, tokens, spans = draw(separators), [], []
    for piece in pieces:
        source = nfd(piece) if nfd_source else piece
        spans.append((len(text), len(text) + len(source)))
        text += source
        tokens.append(draw(rewrites)(piece))
        # Two glued pieces must not be a prefix of one another's key (then even a human
        # could not say where one ends), so word pieces are always separated.
        text += draw(separators if piece in PUNCTUATION else gaps)
    return text, tokens, spans


@given(tokenised_text())
def test_align_recovers_spans_of_rewritten_tokens(case) -> None:
    text, tokens, spans = case
    assert align_tokens(text, tokens) == spans


@given(stored_text(), st.lists(st.one_of(syllables, words, any_text(max_size=6)), max_size=15))
def test_aligned_spans_are_ordered_and_cover_whole_characters(text: str, tokens) -> None:
    spans = align_tokens(text, tokens)
    assert len(spans) == len(tokens)
    position = 0
    for token, span in zip(tokens, spans, strict=True):
        if span is None:
            continue
        start, end = span
        assert position <= start < end <= len(text)
        if key_of(token)[0]:  # found through the key: starts on a character that counts
            assert key_of(text[start])[0]
        # Never ends between a letter and its combining marks.
        assert end == len(text) or unicodedata.category(text[end])[0] != "M"
        position = end


def spelling_fixed(text: str) -> str:
    """``text`` with underthesea's own per-syllable spelling fixes (``qui`` -> ``quy``)."""
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    return " ".join(token_normalize(syllable) for syllable in text.split())


@example("Các nghành kinh tế và qui định 😀, Hoà bình\u200b")
@given(stored_text())
def test_align_real_word_tokenize_output(text: str) -> None:
    from underthesea import word_tokenize

    for line in text.split("\n"):
        tokens = word_tokenize(line)
        position = 0
        for token, span in zip(tokens, align_tokens(line, tokens), strict=True):
            if span is None:
                # Only a token made of nothing but marks or zero-width characters may be lost.
                assert not key_of(token)[0], (line, token)
                continue
            start, end = span
            assert position <= start < end <= len(line)
            assert not line[start].isspace() and not line[end - 1].isspace()
            # The span is the token up to case, marks, đ, spacing and spelling fixes.
            assert key_of(token)[0] in (
                key_of(line, start, end)[0],
                key_of(spelling_fixed(line[start:end]))[0],
            )
            position = end


# --- word spans (double-click, snapping) -----------------------------------------------


@given(stored_text(max_pieces=30), st.data())
def test_word_spans_lie_in_order_inside_the_text(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    position = 0
    for start, end in word_spans(text, offset):
        assert position <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert not text[start].isspace() and not text[end - 1].isspace()
        position = end
    word = word_at(text, offset)
    if word is not None:
        assert word in word_spans(text, offset)
        assert word[0] <= offset <= word[1]


@given(stored_text(max_pieces=30), st.data())
def test_snapping_grows_to_whole_words_and_is_stable(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    snapped = snap_to_words(text, start, end)
    inner = text[start:end]
    trimmed_start = start + len(inner) - len(inner.lstrip())
    trimmed_end = end - (len(inner) - len(inner.rstrip()))
    if trimmed_start >= trimmed_end:
        assert snapped[0] == snapped[1]
        return
    assert 0 <= snapped[0] <= trimmed_start < trimmed_end <= snapped[1] <= len(text)
    assert not text[snapped[0]].isspace() and not text[snapped[1] - 1].isspace()
    assert snap_to_words(text, *snapped) == snapped


# --- code points <-> UTF-16 ------------------------------------------------------------


@given(any_text())
def test_utf16_offsets_count_utf16_units(text: str) -> None:
    mapping = Utf16Map(text)
    for i in range(len(text) + 1):
        assert mapping.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2
        assert mapping.to_code_point(mapping.to_utf16(i)) == i
    assert mapping.is_identity == (len(text.encode("utf-16-le")) // 2 == len(text))


@given(any_text())
def test_utf16_positions_map_down_onto_the_character_holding_them(text: str) -> None:
    mapping = Utf16Map(text)
    total = mapping.to_utf16(len(text))
    previous = 0
    for position in range(total + 1):
        offset = mapping.to_code_point(position)
        assert previous <= offset <= len(text)
        assert mapping.to_utf16(offset) <= position
        if offset < len(text):
            assert position < mapping.to_utf16(offset + 1)
        previous = offset


# --- CSV -------------------------------------------------------------------------------

# Each example writes and fsyncs a file (and opens a fresh database): fewer examples.
with_files = settings(max_examples=max(10, settings.default.max_examples // 3))


cells = st.one_of(
    any_text(max_size=20),
    st.tuples(st.sampled_from(FORMULA_STARTS + "'\"\n,\0"), any_text(max_size=10)).map("".join),
)


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@given(cells)
@example("'=1")
@example("''-x")
@example("'plain")
def test_neutralised_cells_never_start_a_formula(cell: str) -> None:
    safe = neutralise(cell)
    assert safe in (cell, "'" + cell)
    assert not safe.startswith(tuple(FORMULA_STARTS))
    # The documented way back is exact, a stored "'=1" included (written "''=1").
    assert restore_cell(safe) == cell


@with_files
@given(st.lists(st.lists(st.one_of(cells, st.integers()), min_size=1, max_size=4), max_size=5))
def test_write_csv_round_trips_any_cell(rows) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "rows.csv"
        assert write_csv(out, ["a", "b"], rows) == len(rows)
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        assert read_rows(out) == [["a", "b"], *[[str(cell) for cell in row] for row in rows]]
        assert os.listdir(folder) == ["rows.csv"]


theme_names = st.one_of(syllables, cells).filter(
    # Names that create_theme refuses (test_themes.py checks how) are left out.
    lambda name: (
        name.strip()
        and not any(unicodedata.category(char) == "Cc" for char in name.strip())
        and ">" not in name
        and len(name.strip()) <= MAX_NAME_LENGTH
    )
)


@with_files
@given(
    title=cells,
    text=stored_text().filter(bool),
    name=theme_names,
    note=cells,
    data=st.data(),
)
def test_annotation_export_round_trips_with_offsets_into_the_stored_text(
    title: str, text: str, name: str, note: str, data: st.DataObject
) -> None:
    ranges = data.draw(
        st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))), max_size=4)
    )
    ranges = [(start, end) for start, end in ranges if start < end]
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "v.db") as store:
        doc_id = store.add_document(title, text).document_id
        parent = create_theme(store, "Kinh tế")
        theme = create_theme(store, name, parent_id=parent.id)
        for start, end in list(ranges):
            try:
                add_annotation(store, doc_id, theme.id, start, end, note=note)
            except AnnotationError:  # whitespace only or a duplicate: refused, tested elsewhere
                ranges.remove((start, end))
        out = Path(folder) / "passages.csv"
        out.write_text("an older export")
        assert export_annotations(store, out) == len(ranges)
        rows = read_rows(out)
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        # Written atomically over the old file: no temporary file is left next to it.
        assert [name for name in os.listdir(folder) if not name.startswith("v.db")] == [
            "passages.csv"
        ]
        path = theme_paths(store)[theme.id]
    assert rows[0] == list(ANNOTATION_COLUMNS)
    records = [dict(zip(ANNOTATION_COLUMNS, row, strict=True)) for row in rows[1:]]
    offsets = [(int(r["start"]), int(r["end"])) for r in records]
    assert sorted(offsets) == sorted(ranges)
    assert [start for start, _ in offsets] == sorted(start for start, _ in offsets)
    for record, (start, end) in zip(records, offsets, strict=True):
        # Plain integers, in code points of the stored text (it holds astral characters).
        assert (record["start"], record["end"]) == (str(start), str(end))
        assert record["document_id"] == str(doc_id)
        assert record["text"] == neutralise(text[start:end])
        assert record["document_title"] == neutralise(title)
        assert record["theme"] == neutralise(theme.name)
        assert record["theme_path"] == neutralise(path)
        assert record["note"] == neutralise(unicodedata.normalize("NFC", note))


@with_files
@given(title=cells, text=stored_text().filter(lambda t: t.strip()), data=st.data())
def test_entity_export_round_trips(title: str, text: str, data: st.DataObject) -> None:
    tokens = tokenize(text)
    assume(tokens)
    chosen = data.draw(st.lists(st.sampled_from(tokens), max_size=4, unique=True))
    entities = [
        (t.start, t.end, data.draw(st.sampled_from(["PER", "ORG", "LOC"])), t.text) for t in chosen
    ]
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "v.db") as store:
        doc_id = store.add_document(title, text).document_id
        store.replace_model_entities(doc_id, entities, "v1")
        out = Path(folder) / "entities.csv"
        assert export_entities(store, out) == len(entities)
        rows = read_rows(out)
    assert rows[0] == list(ENTITY_COLUMNS)
    expected = sorted(
        [str(doc_id), neutralise(title), label, str(s), str(e), neutralise(surface), "model"]
        for s, e, label, surface in entities
    )
    assert sorted(rows[1:]) == expected
