"""read_document and collect_paths over every supported format and every refusal."""

from __future__ import annotations

import codecs
import os
import pickle
import unicodedata
import zipfile
from pathlib import Path

import pytest

import vnreader.core.importers as importers
from vnreader.core.importers import (
    SUPPORTED_SUFFIXES,
    ImportedText,
    UnreadableFileError,
    collect_paths,
    docx_text,
    read_document,
)

SEEDS = Path(__file__).parents[2] / "seeds"
TITLE = "Bộ trưởng Ngoại giao Bùi Thanh Sơn thăm Hoa Kỳ"
BODY = "Ngày 25-3, tại thủ đô Washington D.C., hai bên đã hội đàm về quan hệ Việt Nam - Hoa Kỳ."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refusal(path: Path) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path.name}: {caught.value.reason}"
    return caught.value


def make_docx(tmp_path: Path, name: str, body_xml: str) -> Path:
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    )
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml.encode("utf-8"))
    return path


# --- plain text ---------------------------------------------------------------------------


def test_txt_happy_path(tmp_path: Path) -> None:
    path = write(tmp_path, "report.txt", f"\n\n{TITLE}\n{BODY}\n\n")
    result = read_document(path)
    assert result == ImportedText(TITLE, f"{TITLE}\n{BODY}", os.path.abspath(path), "utf-8")


def test_txt_keeps_inner_layout(tmp_path: Path) -> None:
    text = f"{TITLE}\n\n  {BODY}  \n\tThụt lề."
    assert read_document(write(tmp_path, "a.txt", text)).text == text


def test_nfd_becomes_nfc_and_newlines_become_lf(tmp_path: Path) -> None:
    raw = unicodedata.normalize("NFD", f"{TITLE}\r\n{BODY}\rDòng cuối")
    result = read_document(write(tmp_path, "nfd.txt", raw))
    assert result.text == f"{TITLE}\n{BODY}\nDòng cuối"
    assert unicodedata.is_normalized("NFC", result.text)
    assert result.title == TITLE


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + f"{TITLE}\n{BODY}".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + f"{TITLE}\r\n{BODY}".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + f"{TITLE}\r\n{BODY}".encode("utf-16-be"), "utf-16"),
        (f"{TITLE}\r\n{BODY}".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    result = read_document(write(tmp_path, "enc.txt", data))
    assert (result.title, result.text, result.encoding) == (TITLE, f"{TITLE}\n{BODY}", encoding)
    assert not result.text.startswith("\ufeff")


def test_windows_1258_text(tmp_path: Path) -> None:
    original = "Hòa bình, Đà Nẵng, Nguyễn Thị Ánh"
    data = b"Ho\xcca bi\xccnh, \xd0\xe0 N\xe3\xdeng, Nguy\xea\xden Thi\xf2 \xc1nh"
    result = read_document(write(tmp_path, "legacy.txt", data))
    assert result.encoding == "cp1258"
    assert result.text == unicodedata.normalize("NFC", original)
    assert result.title == "Hòa bình, Đà Nẵng, Nguyễn Thị Ánh"


def test_emoji_and_zero_width_characters_survive(tmp_path: Path) -> None:
    text = "Hà Nội 🇻🇳 hôm nay\u200b đẹp"
    assert read_document(write(tmp_path, "e.txt", text)).text == text


# --- refusals ------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert refusal(write(tmp_path, "empty.txt", b"")).reason == "the file is empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "blank.txt", " \r\n\t\n  \n"))
    assert str(error) == "blank.txt: the file holds only whitespace"


def test_png_named_txt_is_binary(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert "binary" in refusal(write(tmp_path, "image.txt", data)).reason


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    data = bytes((i * 37) % 256 for i in range(5000)) + b"\x00" * 10
    error = refusal(write(tmp_path, "report.txt", data))
    assert error.reason == "looks like a binary file, not text"


def test_invalid_utf8_reports_offset(tmp_path: Path) -> None:
    data = b"The quick brown fox jumps over the lazy dog. " * 5 + b"\x9d tail"
    error = refusal(write(tmp_path, "x.txt", data))
    assert error.reason == f"not valid UTF-8 or Windows-1258 text (bad byte 0x9d at offset {225})"


def test_truncated_utf8(tmp_path: Path) -> None:
    data = f"{TITLE}\n{BODY} Nguyễn".encode() + "ễ".encode()[:2]
    error = refusal(write(tmp_path, "cut.txt", data))
    assert error.reason == "the file ends in the middle of a UTF-8 character (truncated?)"


def test_unsupported_suffix(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "x.pdf", b"%PDF-1.4"))
    supported = ", ".join(SUPPORTED_SUFFIXES)
    assert error.reason == f"unsupported file type .pdf (supported: {supported})"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert str(refusal(tmp_path / "missing.txt")) == "missing.txt: file not found"
    (tmp_path / "dir").mkdir()
    assert str(refusal(tmp_path / "dir")) == "dir: is a directory"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", TITLE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # chmod 000 does not stop root
    assert str(refusal(path)) == "secret.txt: permission denied"


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path, "big.txt", b"a" * (1024 * 1024 + 200 * 1024))
    assert str(refusal(path)) == (
        "big.txt: the file is 1.2 MB; vnreader reads files of up to 1 MB. Split it into"
        " smaller files (one per chapter, say) and import those"
    )


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs, never read
    message = str(refusal(path))
    assert message.startswith("huge.txt: the file is 50.0 MB; vnreader reads files of up to 32 MB")


def test_text_beyond_the_length_limit_is_refused_with_the_count(tmp_path: Path) -> None:
    sentence = "Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Hoa Kỳ. "
    text = sentence * (importers.MAX_TEXT_CHARS // len(sentence) + 1)
    path = write(tmp_path, "long.txt", text.encode("utf-8"))
    assert str(refusal(path)).startswith(
        "long.txt: the text is 2.0 million characters; vnreader opens reports of up to"
        " 2 million (about 800 pages)"
    )
    ok = write(tmp_path, "ok.txt", text[: importers.MAX_TEXT_CHARS].encode("utf-8"))
    assert len(read_document(ok).text) <= importers.MAX_TEXT_CHARS


def test_error_survives_pickling() -> None:
    error = UnreadableFileError(Path("a/report.bin"), "looks like a binary file, not text")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))


# --- docx ----------------------------------------------------------------------------------


def test_docx_happy_path(tmp_path: Path) -> None:
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>{TITLE}</w:t></w:r></w:p>'
        "<w:p/>"
        f'<w:p><w:r><w:t xml:space="preserve">{BODY[:20]}</w:t></w:r>'
        f"<w:del><w:r><w:delText>XOÁ BỎ</w:delText></w:r></w:del>"
        f"<w:r><w:t>{BODY[20:]}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Cột A</w:t><w:tab/><w:t>Cột B</w:t><w:br/><w:t>Dòng mới</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ô một</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Ô hai</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    result = read_document(make_docx(tmp_path, "bao-cao.docx", body))
    assert result.encoding == "docx"
    assert result.title == TITLE
    assert result.text == f"{TITLE}\n{BODY}\nCột A\tCột B\nDòng mới\nÔ một\nÔ hai"


def test_docx_title_falls_back_to_first_line(tmp_path: Path) -> None:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in (TITLE, BODY))
    assert read_document(make_docx(tmp_path, "d.docx", body)).title == TITLE


def test_docx_that_is_a_zip_of_junk(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "xin chào")
    error = refusal(path)
    assert error.reason == "not a Word document (the zip holds no word/document.xml)"


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, "bad.docx", f"{TITLE}\n{BODY}"))
    assert error.reason == "not a valid .docx (not a zip archive)"


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert "damaged" in refusal(path).reason


def test_docx_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_text, "MAX_DOCUMENT_XML_BYTES", 1000)
    path = make_docx(tmp_path, "bomb.docx", "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 100)
    assert "refusing to open it" in refusal(path).reason


def test_docx_without_text(tmp_path: Path) -> None:
    path = make_docx(tmp_path, "empty.docx", "<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")
    assert refusal(path).reason == "the document holds no text"


# --- html ----------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Trang tin | Báo Quốc tế</title>
<style>p {{ color: red }}</style><script>var x = "<p>không</p>";</script></head>
<body class="has-sidebar">
<header><div class="logo">Báo Quốc tế</div><nav><a href="/">Trang chủ</a></nav></header>
<div class="breadcrumb">Trang chủ &gt; Thời sự</div>
<main>
  <article>
    <h1>{TITLE}</h1>
    <p>{BODY[:30]}<b>{BODY[30:50]}</b><a href="#">{BODY[50:]}</a></p>
    <div class="share-buttons">Chia sẻ Facebook</div>
    <p>Hai bên   nhất trí
       &amp; cam kết&nbsp;hợp tác.<br>Dòng sau ngắt.</p>
    <ul><li>Điểm một</li><li>Điểm hai</ul>
  </article>
  <aside class="related-news"><p>Tin liên quan khác</p></aside>
</main>
<div id="comments"><p>Bình luận của độc giả</p></div>
<footer><p>Bản quyền © Báo Quốc tế</p></footer>
<script>track();</script>
</body></html>"""


def test_html_article_only(tmp_path: Path) -> None:
    result = read_document(write(tmp_path, "page.html", PAGE))
    assert result.title == TITLE
    assert result.encoding == "utf-8"
    assert result.text.split("\n") == [
        TITLE,
        BODY,
        "Hai bên nhất trí & cam kết hợp tác.",  # &nbsp; collapses too
        "Dòng sau ngắt.",
        "Điểm một",
        "Điểm hai",
    ]


def test_html_title_element_when_no_h1(tmp_path: Path) -> None:
    page = "<html><head><title>Tin Đà Nẵng</title></head><body><p>Nội dung bài.</p></body></html>"
    result = read_document(write(tmp_path, "t.htm", page))
    assert (result.title, result.text) == ("Tin Đà Nẵng", "Nội dung bài.")


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    data = head + b"</head><body><p>Thi\xf2 tr\xe2\xf2n Nguy\xea\xden</p></body></html>"
    result = read_document(write(tmp_path, "old.html", data))
    assert result.encoding == "cp1258"
    assert result.text == unicodedata.normalize("NFC", "Thị trận Nguyễn")


def test_html_unclosed_paragraphs_lists_and_cells(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>Đoạn {i}" for i in range(3000))  # would nest 3000 deep
    page = (
        f"<body><div role='main'>{paragraphs}<ul><li>một<li>hai</ul>"
        "<table><tr><td>A<td>B<tr><td>C</table><pre>  mã = 1\n  x = 2</pre></div>"
    )
    lines = read_document(write(tmp_path, "old.html", page)).text.split("\n")
    assert lines[:2] == ["Đoạn 0", "Đoạn 1"] and lines[2999] == "Đoạn 2999"
    assert lines[3000:] == ["một", "hai", "A\tB", "C", "  mã = 1", "  x = 2"]


def test_html_with_nothing_readable(tmp_path: Path) -> None:
    page = "<html><head><title>x</title><script>a()</script></head><body><nav>Menu</nav></body>"
    error = refusal(write(tmp_path, "page.html", page))
    assert str(error) == "page.html: no readable article text in the page"


# --- markdown ------------------------------------------------------------------------------

MARKDOWN = f"""---
layout: post
tags: [ngoại giao]
---

# {TITLE}

Đoạn **in đậm** và *nghiêng* với `mã_nguồn` và biến snake_case_name,
tiếp tục [liên kết](https://example.com/a_(b)) và ![ảnh minh họa](x.png).

> Trích dẫn _quan trọng_.

- Mục một
* Mục hai
1. Bước đầu

***

```python
def hàm():
    return 1
```
Chữ <span class="x">trong thẻ</span>\\*sao\\*.
"""


def test_markdown(tmp_path: Path) -> None:
    result = read_document(write(tmp_path, "note.md", MARKDOWN))
    assert result.title == TITLE
    assert result.text.split("\n") == [
        TITLE,
        "Đoạn in đậm và nghiêng với mã_nguồn và biến snake_case_name, tiếp tục liên kết "
        "và ảnh minh họa.",
        "Trích dẫn quan trọng.",
        "Mục một",
        "Mục hai",
        "1. Bước đầu",
        "def hàm():",
        "    return 1",
        "Chữ trong thẻ*sao*.",
    ]


def test_markdown_front_matter_title_and_setext(tmp_path: Path) -> None:
    source = 'title: "Tiêu đề riêng"\n'
    result = read_document(write(tmp_path, "a.markdown", f"---\n{source}---\nĐầu đề\n===\nThân."))
    assert (result.title, result.text) == ("Tiêu đề riêng", "Đầu đề\nThân.")


# --- collect_paths -------------------------------------------------------------------------


def test_collect_paths(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    expected = [
        write(root, "a.txt", TITLE),
        write(root, "B/c.md", TITLE),
        write(root, "c/sub/z.docx", b""),
        write(root, "d.HTML", TITLE),
    ]
    write(root, ".hidden.txt", TITLE)
    write(root, ".git/x.txt", TITLE)
    write(root, "notes.pdf", b"%PDF")
    write(root, "c/~$lock.docx", b"")
    explicit = write(tmp_path, "loose.pdf", b"%PDF")
    files, errors = collect_paths([root, explicit, root / "a.txt", tmp_path / "missing.txt"])
    assert files == [*sorted(expected, key=lambda p: str(p).casefold()), explicit]
    assert [str(error) for error in errors] == ["missing.txt: file not found"]


# --- the shipped sample reports ------------------------------------------------------------


def test_seeds_import() -> None:
    seeds = sorted(SEEDS.iterdir())
    assert seeds
    for path in seeds:
        result = read_document(path)
        assert result.text and unicodedata.is_normalized("NFC", result.text)
        assert "\r" not in result.text and result.text == result.text.strip()
        assert result.title != "Untitled" and 10 <= len(result.title) <= 121
        assert result.text.startswith(result.title.rstrip("…"))
