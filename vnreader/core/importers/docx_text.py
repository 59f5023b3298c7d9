"""The text of a Word .docx document (zipfile + ElementTree, no third-party code)."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from vnreader.core.importers.decoding import ContentError
from vnreader.i18n import tr

DOCUMENT_PART = "word/document.xml"
# document.xml of a real report is a few MB at most; beyond this it is a zip bomb.
MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _T, _TAB, _BR, _CR = f"{_W}p", f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
# Deleted revisions, field instructions, properties and duplicate fallback content.
_SKIP = frozenset(
    (
        f"{_W}del",
        f"{_W}delText",
        f"{_W}instrText",
        f"{_W}delInstrText",
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}sectPr",
        f"{_MC}Fallback",
    )
)
_TITLE_STYLES = ("title", "heading1", "heading 1")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class DocxDocument:
    """A document's title ("" if no paragraph is styled as one) and text."""

    title: str
    text: str


def docx_to_text(data: bytes) -> DocxDocument:
    """Extract paragraphs (one per line) from .docx bytes; raise ContentError if unreadable."""
    root = _parse(_document_xml(data))
    body = root.find(f"{_W}body")
    if body is None:
        raise ContentError(tr("not a valid .docx (word/document.xml has no body)"))
    lines: list[str] = []
    title = ""
    for paragraph, style in _paragraphs(body):
        parts: list[str] = []
        _collect(paragraph, parts)
        text = "".join(parts)
        for line in text.split("\n"):
            if line.strip():
                lines.append(line)
        if not title and text.strip() and style.lower() in _TITLE_STYLES:
            title = " ".join(text.split())
    return DocxDocument(title, "\n".join(lines))


def _document_xml(data: bytes) -> bytes:
    if data.startswith(_OLE_MAGIC):
        raise ContentError(
            tr("not a valid .docx (an old .doc file or a password-protected document)")
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo(DOCUMENT_PART)
            except KeyError:
                raise ContentError(
                    tr("not a Word document (the zip holds no {part})", part=DOCUMENT_PART)
                ) from None
            if info.file_size > MAX_DOCUMENT_XML_BYTES:
                size_mb = info.file_size / (1024 * 1024)
                raise ContentError(
                    tr(
                        "the document text would unpack to {size:.0f} MB; refusing to open it",
                        size=size_mb,
                    )
                )
            return archive.read(info)
    except ContentError:
        raise
    except zipfile.BadZipFile as error:
        if not data.startswith(b"PK"):
            raise ContentError(tr("not a valid .docx (not a zip archive)")) from None
        raise ContentError(tr("the .docx archive is damaged ({error})", error=error)) from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        raise ContentError(tr("the .docx archive is damaged ({error})", error=error)) from None


def _parse(xml: bytes) -> ElementTree.Element:
    # A WordprocessingML part never declares a DTD; refusing one shuts out entity tricks.
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ContentError(tr("not a valid .docx (word/document.xml declares entities)"))
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise ContentError(
            tr("not a valid .docx (word/document.xml is damaged: {error})", error=error)
        ) from None


def _paragraphs(element: ElementTree.Element) -> list[tuple[ElementTree.Element, str]]:
    """Top-level paragraphs in order, also those inside tables, with their style id."""
    found: list[tuple[ElementTree.Element, str]] = []
    pending = list(reversed(element))
    while pending:
        current = pending.pop()
        if current.tag in _SKIP:
            continue
        if current.tag == _P:
            style = current.find(f"{_W}pPr/{_W}pStyle")
            found.append((current, style.get(f"{_W}val", "") if style is not None else ""))
        else:
            pending.extend(reversed(current))
    return found


def _collect(element: ElementTree.Element, parts: list[str]) -> None:
    """Append the visible text under ``element``; nested paragraphs (text boxes) add breaks."""
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == _P:
            parts.append("\n")
            _collect(child, parts)
            parts.append("\n")
        else:
            _collect(child, parts)
