"""The readable article text of an HTML page (stdlib html.parser only)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from vnreader.core.importers.decoding import ContentError, decode_html
from vnreader.i18n import N_, tr


def _words(names: str) -> frozenset[str]:
    return frozenset(names.split())


_VOID = _words("area base br col embed hr img input keygen link meta param source track wbr")
# Never part of the article, whatever their attributes.
_SKIP_TAGS = _words(
    "head title script style noscript template svg math nav header footer aside form "
    "button select option textarea iframe object canvas video audio dialog"
)
_BLOCK_TAGS = _words(
    "address article blockquote body caption center dd details div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table "
    "tbody thead tfoot tr ul"
)
# Start tags that end an open <p>, as browsers do ("<p>a<p>b" are siblings, not nested).
_CLOSES_P = _words(
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul"
)
_P_SCOPE = _words("button table td th caption template object")
# Start tag -> (open elements it ends, elements that bound the search): "<li>a<li>b".
_ENDS_SIBLING = {
    tag: (_words(ends), _words(scope))
    for tag, ends, scope in (
        ("li", "li", "ul ol"), ("dt", "dt dd", "dl"), ("dd", "dt dd", "dl"),
        ("tr", "tr", "table"), ("td", "td th", "tr table"), ("th", "td th", "tr table"),
        ("option", "option", "select datalist"),
    )
}  # fmt: skip
# Words in class/id values that mark page furniture rather than article text.
_NOISE_WORDS = _words(
    "menu menus nav navbar navigation sidebar footer comment comments share sharing social "
    "advert adverts advertisement ads ad banner breadcrumb breadcrumbs related popup modal "
    "cookie cookies newsletter subscribe"
)
_NOISE_ROLES = _words("navigation banner contentinfo complementary search menu menubar")
# Containers that must never be dropped for a class name ("<body class='has-sidebar'>").
_NEVER_NOISE = frozenset(("html", "body", "main"))
_WORDS = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_SPACE_RUN = re.compile(r"\s+")
NO_TEXT = N_("no readable article text in the page")


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None = field(default=None, repr=False)
    children: list[_Node | str] = field(default_factory=list)
    furniture: bool | None = None  # cached _is_furniture()


@dataclass(frozen=True)
class HtmlDocument:
    """What a page yields: its title ("" if none), its text and the encoding read."""

    title: str
    text: str
    encoding: str


def html_to_text(data: bytes) -> HtmlDocument:
    """Extract the article text of an HTML page given as bytes; raise ContentError if none."""
    markup, encoding = decode_html(data)
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    root = builder.root
    content = _content_nodes(root)
    texts = [(_render(node), node) for node in content if _is_article(node)]
    texts = [(text, node) for text, node in texts if text]
    if texts:
        text, chosen = max(texts, key=lambda pair: len(pair[0]))
    else:
        text, chosen = _render(root), root
    if not text:
        raise ContentError(tr(NO_TEXT))
    headings = [(node, " ".join(_render(node).split())) for node in content if node.tag == "h1"]
    headings = [(node, heading) for node, heading in headings if heading]
    inside = [heading for node, heading in headings if _is_below(node, chosen)]
    title = (inside or [heading for _, heading in headings] or [builder.title])[0]
    return HtmlDocument(title, text, encoding)


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unmatched end tags are ignored, open ones closed at EOF."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self._stack = [self.root]
        self.title = ""  # the text of the first <title>
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close(_words("p"), _P_SCOPE)
        if tag in _ENDS_SIBLING:
            self._close(*_ENDS_SIBLING[tag])
        node = _Node(tag, {name: value or "" for name, value in attrs}, self._stack[-1])
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)
        self._in_title = tag == "title" and not self.title

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        self._close(frozenset((tag,)), frozenset())

    def _close(self, tags: frozenset[str], scope: frozenset[str]) -> None:
        """Close the innermost open element named in ``tags`` unless ``scope`` comes first."""
        for depth in range(len(self._stack) - 1, 0, -1):
            name = self._stack[depth].tag
            if name in tags:
                del self._stack[depth:]
                return
            if name in scope:
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)
        if self._in_title:
            self.title = " ".join(f"{self.title} {data}".split())


def _is_noise(node: _Node, in_article: bool) -> bool:
    if node.tag == "header":
        return not in_article  # an article's own header holds its headline
    if node.furniture is None:
        node.furniture = _is_furniture(node)
    return node.furniture


def _is_furniture(node: _Node) -> bool:
    if node.tag in _SKIP_TAGS:
        return True
    attrs = node.attrs
    if not attrs:
        return False
    hidden = "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true"
    style = _SPACE_RUN.sub("", attrs.get("style", "")).lower()
    if hidden or "display:none" in style or attrs.get("role", "").lower() in _NOISE_ROLES:
        return True
    if node.tag in _NEVER_NOISE:
        return False
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    words = _WORDS.findall(_CAMEL.sub(r"\1 \2", names).lower())
    return any(word in _NOISE_WORDS for word in words)


def _is_article(node: _Node) -> bool:
    return node.tag in ("article", "main") or node.attrs.get("role", "").lower() == "main"


def _content_nodes(node: _Node) -> list[_Node]:
    """All elements below ``node`` that are not inside page furniture, in document order."""
    found: list[_Node] = []
    inside = _is_article(node)
    pending = [(c, inside) for c in reversed(node.children) if isinstance(c, _Node)]
    while pending:
        current, in_article = pending.pop()
        if _is_noise(current, in_article):
            continue
        found.append(current)
        in_article = in_article or _is_article(current)
        pending.extend((c, in_article) for c in reversed(current.children) if isinstance(c, _Node))
    return found


class _Lines:
    """Collects text into lines: one paragraph per line, whitespace collapsed."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._parts: list[str] = []
        self._pre = False

    def text(self, data: str, pre: bool) -> None:
        if pre:
            for index, line in enumerate(data.split("\n")):
                if index:
                    self.break_line()
                self._parts.append(line)
                self._pre = True
            return
        data = _SPACE_RUN.sub(" ", data)
        if data.startswith(" ") and (not self._parts or self._parts[-1].endswith((" ", "\t"))):
            data = data[1:]
        if data:
            self._parts.append(data)

    def separator(self, sep: str) -> None:
        if self._parts:
            self._parts.append(sep)

    def break_line(self) -> None:
        line = "".join(self._parts)
        line = line.rstrip() if self._pre else line.strip()
        if line.strip():
            self.lines.append(line)
        self._parts, self._pre = [], False

    def result(self) -> str:
        self.break_line()
        return "\n".join(self.lines)


def _render(node: _Node) -> str:
    lines = _Lines()
    _render_into(node, lines, pre=False, in_article=_is_article(node))
    return lines.result()


def _render_into(node: _Node, lines: _Lines, pre: bool, in_article: bool) -> None:
    for child in node.children:
        if isinstance(child, str):
            lines.text(child, pre)
            continue
        if _is_noise(child, in_article):
            continue
        tag = child.tag
        inside = in_article or _is_article(child)
        if tag == "br":
            lines.break_line()
        elif tag in ("td", "th"):
            lines.separator("\t")
            _render_into(child, lines, pre, inside)
        elif tag in _BLOCK_TAGS:
            lines.break_line()
            _render_into(child, lines, pre or tag == "pre", inside)
            lines.break_line()
        else:
            _render_into(child, lines, pre, inside)


def _is_below(node: _Node | None, ancestor: _Node) -> bool:
    while node is not None and node is not ancestor:
        node = node.parent
    return node is ancestor
