"""The Vietnamese catalogues against the code, and the translation functions themselves."""

from __future__ import annotations

import unicodedata

import pytest

from tests.translations import (
    extract_messages,
    fields,
    load_catalogue,
    non_literal_calls,
    po_stub,
)
from vnreader import i18n


@pytest.fixture
def vietnamese():
    i18n.set_language("vi")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue("vi")


@pytest.fixture(scope="module")
def messages():
    return extract_messages()


def test_every_message_in_the_code_has_a_vietnamese_translation(messages, catalogue):
    missing = [
        f"{m.where}: {m.source!r}"
        for key, m in messages.items()
        if not catalogue.get(key, ("",))[0]
    ]
    assert not missing, "untranslated (python -m tests.translations --stubs):\n" + "\n".join(
        missing
    )


def test_the_catalogue_holds_no_message_the_code_no_longer_uses(messages, catalogue):
    unused = [
        f"{where}: {key[1]!r}" for key, (_, where) in catalogue.items() if key not in messages
    ]
    assert not unused, "\n".join(unused)


def test_translations_keep_the_placeholders_of_the_english(catalogue):
    wrong = [
        f"{where}: {source!r} has {sorted(fields(source))}, translation {sorted(fields(text))}"
        for (_, source), (text, where) in catalogue.items()
        if fields(source) != fields(text)
    ]
    assert not wrong, "\n".join(wrong)


def test_translations_keep_one_mnemonic_when_the_english_has_one(catalogue):
    def mnemonics(text: str) -> int:
        return text.replace("&&", "").count("&")

    wrong = [
        f"{where}: {source!r} -> {text!r}"
        for (_, source), (text, where) in catalogue.items()
        if mnemonics(source) != mnemonics(text)
    ]
    assert not wrong, "\n".join(wrong)


def test_translations_keep_ellipses_and_are_precomposed(catalogue):
    wrong = [
        f"{where}: {text!r}"
        for (_, source), (text, where) in catalogue.items()
        if source.endswith("…") != text.endswith("…") or unicodedata.normalize("NFC", text) != text
    ]
    assert not wrong, "\n".join(wrong)


def test_messages_are_literals_the_extractor_can_see():
    assert non_literal_calls() == []


def test_tr_translates_and_fills_fields_after_translating(vietnamese, catalogue):
    (context, source), (text, _) = next(
        (key, value) for key, value in catalogue.items() if fields(key[1]) and key[0] is None
    )
    filled = {name: f"<{name}>" for name in fields(source)}
    assert i18n.tr(source, **filled) == text.format(**filled)
    i18n.set_language("en")
    assert i18n.tr(source, **filled) == source.format(**filled)


def test_unknown_text_falls_back_to_english(vietnamese):
    assert i18n.tr("No such message {x}", x=3) == "No such message 3"


def test_grouped_numbers_follow_the_language(vietnamese):
    assert i18n.tr("No such message {x:,} {y:,.1f} {w:.1f} {z}", x=12345, y=1234.5, w=2.5, z=7) == (
        "No such message 12.345 1.234,5 2,5 7"
    )
    i18n.set_language("en")
    assert i18n.tr("No such message {x:,}", x=12345) == "No such message 12,345"


def test_trn_picks_the_english_form_and_the_one_vietnamese_form(vietnamese, catalogue):
    plural = next(key for key in catalogue if key == (None, "{n} report"))
    vietnamese_form = catalogue[plural][0]
    assert i18n.trn("{n} report", "{n} reports", 1) == vietnamese_form.format(n=1)
    assert i18n.trn("{n} report", "{n} reports", 3) == vietnamese_form.format(n=3)
    i18n.set_language("en")
    assert i18n.trn("{n} report", "{n} reports", 1) == "1 report"
    assert i18n.trn("{n} report", "{n} reports", 3) == "3 reports"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANGUAGE": "fr:vi", "LANG": "fr_FR.UTF-8"}, "vi"),
        ({"LC_ALL": "vi_VN", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LC_MESSAGES": "en_US", "LANG": "vi_VN"}, "en"),
    ],
)
def test_system_language_reads_the_locale_variables(environ, expected):
    assert i18n.system_language(environ) == expected


def test_language_of_locale_names():
    assert i18n.language_of_locale("vi_VN") == "vi"
    assert i18n.language_of_locale("vi-VN") == "vi"
    assert i18n.language_of_locale("en_US.UTF-8") == "en"
    assert i18n.language_of_locale("") == "en"
    assert i18n.set_language("de") == "en"


PO = r"""
msgid ""
msgstr ""
"Language: vi\n"

#: vnreader/ui/x.py:1
msgid "Open"
msgstr "Mở"

msgctxt "noun"
msgid "Open"
msgstr "Đang mở"

msgid "Two "
"lines\n"
msgstr "Hai "
"dòng\n"

#, fuzzy
msgid "Unsure"
msgstr "Chưa chắc"

msgid "{n} report"
msgid_plural "{n} reports"
msgstr[0] "{n} báo cáo"
msgstr[1] "never used"

msgid "Quote \"me\""
msgstr "Trích \"tôi\""
"""


def test_parse_po_reads_contexts_continuations_plurals_fuzzy_and_escapes():
    parsed = {(m.context, m.source): m for m in i18n.parse_po(PO)}
    assert parsed[(None, "Open")].translation == "Mở"
    assert parsed[("noun", "Open")].translation == "Đang mở"
    assert parsed[(None, "Two lines\n")].translation == "Hai dòng\n"
    assert parsed[(None, "Unsure")].fuzzy
    assert not parsed[(None, "Open")].fuzzy
    assert parsed[(None, "{n} report")].plural == "{n} reports"
    assert parsed[(None, "{n} report")].translation == "{n} báo cáo"
    assert parsed[(None, 'Quote "me"')].translation == 'Trích "tôi"'
    assert len(parsed) == 6  # the header is not a message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b\n', 2),
        ('msgstr "b"\n', 1),
        ('msgid "a"\nnonsense\n', 2),
        ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 2),  # a msgstr missing
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3),
        ('msgid "a"\nmsgstr "\\q"\n', 2),  # not a C escape
    ],
)
def test_parse_po_names_the_line_it_cannot_read(text, line):
    with pytest.raises(ValueError, match=f"line {line}:"):
        i18n.parse_po(text)


def test_a_stub_parses_back_to_its_message(messages):
    for message in list(messages.values())[:50]:
        (parsed,) = i18n.parse_po(po_stub(message))
        assert (parsed.context, parsed.source, parsed.plural) == (
            message.context,
            message.source,
            message.plural,
        )
