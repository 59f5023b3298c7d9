"""Markdown -> plain reading text: markup dropped, one paragraph per line."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FRONT_MATTER_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_FRONT_TITLE = re.compile(r"""^title\s*[:=]\s*["']?(.*?)["']?\s*$""", re.I)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,9}[.)])\s+(.*)$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[([^\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STAR = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE = re.compile(r"(?<![\w\\])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
# Escaped characters hide in a private-use plane while emphasis is removed.
_HIDDEN_BASE = 0xF0000


@dataclass(frozen=True)
class MarkdownDocument:
    """A title ("" if no front-matter title or heading) and the plain text."""

    title: str
    text: str


def markdown_to_text(source: str) -> MarkdownDocument:
    """Turn normalised Markdown into plain text; the first heading becomes the title."""
    lines = source.split("\n")
    lines, title = _front_matter(lines)
    lines = _COMMENT.sub("", "\n".join(lines)).split("\n")
    out: list[str] = []
    paragraph: list[str] = []
    fence = ""

    def flush() -> None:
        if paragraph:
            out.append(_inline(" ".join(paragraph)))
            paragraph.clear()

    for line in lines:
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            elif line.strip():
                out.append(line.rstrip())
            continue
        stripped = line.strip()
        fence_match = _FENCE.match(line)
        if fence_match:
            flush()
            fence = fence_match.group(1)
            continue
        if not stripped:
            flush()
            continue
        if paragraph and _SETEXT.match(line):
            heading = _inline(" ".join(paragraph))
            paragraph.clear()
            out.append(heading)
            title = title or heading
            continue
        if _RULE.match(line) or _REFERENCE.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            heading = _inline(atx.group(1) or "")
            if heading:
                out.append(heading)
                title = title or heading
            continue
        line = _QUOTE.sub("", line)
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if numbered and paragraph and numbered[1][:-1] != "1":
            numbered = None  # only "1." may interrupt a paragraph (CommonMark)
        if bullet or numbered:
            flush()
            paragraph.append(bullet[1] if bullet else f"{numbered[1]} {numbered[2]}")
        elif stripped.startswith("|"):
            flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            out.append(_inline("\t".join(cells)))
            continue
        else:
            paragraph.append(stripped.removesuffix("\\").rstrip())
        if line.endswith(("  ", "\\")):
            flush()  # a hard line break
    flush()
    return MarkdownDocument(title, "\n".join(line for line in out if line.strip()))


def _front_matter(lines: list[str]) -> tuple[list[str], str]:
    """Drop a leading YAML (---) or TOML (+++) block; return the rest and its title."""
    if not lines or lines[0].strip() not in _FRONT_MATTER_FENCES:
        return lines, ""
    closers = _FRONT_MATTER_FENCES[lines[0].strip()]
    for end in range(1, len(lines)):
        if lines[end].strip() in closers:
            title = ""
            for entry in lines[1:end]:
                match = _FRONT_TITLE.match(entry.strip())
                if match and match.group(1).strip():
                    title = match.group(1).strip()
                    break
            return lines[end + 1 :], title
    return lines, ""


def _hide(match: re.Match[str]) -> str:
    return chr(_HIDDEN_BASE + ord(match.group(1)))


def _reveal(text: str, escaped: bool = False) -> str:
    """Put escaped characters back (with their backslash inside code spans)."""
    out = []
    for ch in text:
        code = ord(ch) - _HIDDEN_BASE
        if 0 <= code < 128:
            out.append(("\\" if escaped else "") + chr(code))
        else:
            out.append(ch)
    return "".join(out)


def _inline(text: str) -> str:
    """Remove inline markup: code ticks, links, images, tags, emphasis, escapes."""
    text = _ESCAPE.sub(_hide, text)
    pieces: list[str] = []
    position = 0
    for code in _CODE_SPAN.finditer(text):
        pieces.append(_plain(text[position : code.start()]))
        content = code.group(2)
        if content.startswith(" ") and content.endswith(" ") and content.strip():
            content = content[1:-1]
        pieces.append(_reveal(content, escaped=True))
        position = code.end()
    pieces.append(_plain(text[position:]))
    return "".join(pieces).strip()


def _plain(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis: ***a*** or **a _b_ c**
        before = text
        text = _STRIKE.sub(r"\1", text)
        text = _STAR.sub(r"\2", text)
        text = _UNDERSCORE.sub(r"\2", text)
        if text == before:
            break
    return _reveal(html.unescape(text))
