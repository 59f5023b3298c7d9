"""Codebook exchange with other QDA tools: the REFI-QDA Codebook format (``.qdc``).

A ``.qdc`` file is XML in the namespace ``urn:QDA-XML:codebook:1.0``::

    <CodeBook origin="vnreader 0.1"><Codes>
      <Code guid="…" name="Kinh tế" isCodable="true" color="#1f77b4">
        <Description>…</Description>
        <Code guid="…" name="Thương mại" isCodable="true" color="#ff7f0e"/>
      </Code>
    </Codes><Sets/></CodeBook>

Export writes a fresh uuid4 ``guid`` per code and stores nothing extra; import matches codes
to existing themes by their full path (``"Kinh tế > Thương mại"``, case-insensitive), so
importing the same file twice creates nothing the second time. Existing themes keep their
description and colour. Files with a DTD or entity declarations are refused (no entity
expansion, no external fetches); files without the namespace are accepted.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from vnreader import __version__
from vnreader.core.csv_export import atomic_output
from vnreader.core.models import Theme
from vnreader.core.store import Store
from vnreader.core.themes import ThemeError, create_theme, list_themes, theme_paths
from vnreader.i18n import tr, trn

NAMESPACE = "urn:QDA-XML:codebook:1.0"
PATH_SEPARATOR = " > "
_NAME_SEPARATOR_REPLACEMENT = "›"
_COLOR = re.compile(r"#?([0-9A-Fa-f]{6})")
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


class CodebookError(ValueError):
    """A codebook file cannot be imported; the message says why in one line."""


@dataclass
class CodebookImport:
    """What an import did: full paths created / already present, and reasons for skips."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# --- export ---------------------------------------------------------------------------


def export_codebook(store: Store, out: Path) -> int:
    """Write the whole theme tree to ``out`` as a REFI-QDA codebook; return the code count."""
    themes = list_themes(store)
    children: dict[int | None, list[Theme]] = {}
    known = {theme.id for theme in themes}
    for theme in themes:
        parent = theme.parent_id if theme.parent_id in known else None
        children.setdefault(parent, []).append(theme)

    # Elements are built without a namespace and the root declares it as the default one:
    # ElementTree's ``default_namespace`` option refuses unqualified attributes.
    root = ET.Element("CodeBook", {"xmlns": NAMESPACE, "origin": f"vnreader {__version__}"})
    codes = ET.SubElement(root, "Codes")
    count = _append_codes(codes, children, None)
    ET.SubElement(root, "Sets")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    with atomic_output(Path(out), encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n')
        handle.write(body)
        handle.write("\n")
    return count


def _append_codes(
    parent: ET.Element, children: dict[int | None, list[Theme]], parent_id: int | None
) -> int:
    count = 0
    for theme in children.get(parent_id, []):
        attributes = {
            "guid": str(uuid.uuid4()),
            "name": theme.name,
            "isCodable": "true",
            "color": theme.color.upper(),
        }
        code = ET.SubElement(parent, "Code", attributes)
        if theme.description:
            ET.SubElement(code, "Description").text = theme.description
        count += 1 + _append_codes(code, children, theme.id)
    return count


# --- import ---------------------------------------------------------------------------


def import_codebook(store: Store, path: Path) -> CodebookImport:
    """Add the codes of a ``.qdc`` file that are not themes yet, in one transaction."""
    path = Path(path)
    root = _parse(path)
    codes = [child for child in root if _local(child.tag) == "Codes"]
    result = CodebookImport()
    try:
        with store.transaction():
            importer = _Importer(store, result)
            for element in codes:
                importer.walk(element, None, (), "")
    except RecursionError:
        raise CodebookError(
            tr("{file}: codes are nested too deeply to import", file=path.name)
        ) from None
    return result


def _existing_index(store: Store) -> dict[tuple[str, ...], int]:
    """Every theme by its path of normalised names (so "A>B" matches an imported "A›B")."""
    keys: dict[int, tuple[str, ...]] = {}
    for theme in list_themes(store):  # tree order: a parent comes before its children
        prefix = keys.get(theme.parent_id, ()) if theme.parent_id is not None else ()
        keys[theme.id] = (*prefix, _key(_clean_name(theme.name)))
    return {key: theme_id for theme_id, key in keys.items()}


def _parse(path: Path) -> ET.Element:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CodebookError(
            tr("cannot read {file}: {reason}", file=path, reason=error.strerror or error)
        ) from error
    if not raw.strip():
        raise CodebookError(tr("{file} is empty", file=path.name))
    upper = raw.upper()
    for marker in _FORBIDDEN:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if marker.decode().encode(encoding) in upper:
                raise CodebookError(
                    tr(
                        "{file} declares a DTD or entities, which vnreader refuses to read",
                        file=path.name,
                    )
                )
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise CodebookError(
            tr("{file} is not a valid XML file ({error})", file=path.name, error=error)
        ) from error
    if _local(root.tag) != "CodeBook":
        raise CodebookError(
            tr(
                "{file} is not a REFI-QDA codebook (root element <{element}>, expected <CodeBook>)",
                file=path.name,
                element=_local(root.tag),
            )
        )
    return root


def _local(tag: object) -> str:
    """The element name without its namespace (comments and PIs have no string tag)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _clean_name(raw: str | None) -> str:
    name = unicodedata.normalize("NFC", " ".join((raw or "").split()))
    return name.replace(">", _NAME_SEPARATOR_REPLACEMENT)


def _clean_color(raw: str | None) -> str | None:
    match = _COLOR.fullmatch((raw or "").strip())
    return f"#{match.group(1).lower()}" if match else None


def _description(code: ET.Element) -> str:
    for child in code:
        if _local(child.tag) == "Description":
            text = "".join(child.itertext()).strip()
            return unicodedata.normalize("NFC", text)
    return ""


class _Importer:
    """Walks the ``<Code>`` tree, creating the themes that are missing."""

    def __init__(self, store: Store, result: CodebookImport) -> None:
        self.store = store
        self.result = result
        self.index = _existing_index(store)
        self.paths = theme_paths(store)  # reports name matched themes as they are stored
        self.created: set[tuple[str, ...]] = set()

    def walk(
        self, element: ET.Element, parent_id: int | None, parent_key: tuple[str, ...], path: str
    ) -> None:
        for code in element:
            if _local(code.tag) != "Code":
                continue
            name = _clean_name(code.get("name"))
            if not name:
                subtree = sum(1 for c in code.iter() if _local(c.tag) == "Code") - 1
                self.result.skipped.append(_nameless_skipped(path, subtree))
                continue
            full_path = f"{path}{PATH_SEPARATOR}{name}" if path else name
            key = (*parent_key, _key(name))
            theme_id = self.index.get(key)
            if theme_id is not None:
                full_path = self.paths.get(theme_id, full_path)
                if key in self.created:
                    self.result.skipped.append(
                        tr("duplicate code '{path}' was merged into the first one", path=full_path)
                    )
                else:
                    self.result.existing.append(full_path)
            else:
                try:
                    theme = create_theme(
                        self.store,
                        name,
                        color=_clean_color(code.get("color")),
                        parent_id=parent_id,
                        description=_description(code),
                    )
                except ThemeError as error:
                    self.result.skipped.append(
                        tr("code '{path}' was skipped: {error}", path=full_path, error=error)
                    )
                    continue
                theme_id = theme.id
                self.index[key] = theme_id
                self.paths[theme_id] = full_path
                self.created.add(key)
                self.result.created.append(full_path)
            self.walk(code, theme_id, key, full_path)


def _nameless_skipped(path: str, subtree: int) -> str:
    """Why a code without a name (and the ``subtree`` codes under it) was left out."""
    if path and subtree:
        return trn(
            "a code without a name under '{path}' and its {n} sub-code(s) was skipped",
            "a code without a name under '{path}' and its {n} sub-code(s) was skipped",
            subtree,
            path=path,
        )
    if subtree:
        return trn(
            "a code without a name at the top level and its {n} sub-code(s) was skipped",
            "a code without a name at the top level and its {n} sub-code(s) was skipped",
            subtree,
        )
    if path:
        return tr("a code without a name under '{path}' was skipped", path=path)
    return tr("a code without a name at the top level was skipped")
