"""Preflight (accessibility): is a PDF tagged, are its pictures described, does it say its
language and carry an output intent? For any PDF, ours or not, read with pypdf.

A file whose title begins "Tryckark" is a printer's sheet (the imposed `…-ark.pdf`
files): it is not meant for reading, so it is not held to these checks.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject

ACCESS_CHECKS = ("tags", "alt text", "language", "output intent")
PRINTER_TITLE = "Tryckark"
_PAINTING = {b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b",
             b"b*", b"Do", b"sh", b"INLINE IMAGE"}
_MAX_DEPTH = 64  # a structure tree deeper than this is broken; stop rather than recurse

Found = tuple[int, str, str]  # page (0 for the file), check, message


def _untagged_marks(page) -> int:  # type: ignore[no-untyped-def]
    """How many text or painting operators stand outside every marked-content sequence."""
    contents = page.get_contents()
    if contents is None:
        return 0
    depth, outside = 0, 0
    for _, operator in ContentStream(contents, page.pdf).operations:
        if operator in (b"BDC", b"BMC"):
            depth += 1
        elif operator == b"EMC":
            depth = max(0, depth - 1)
        elif operator in _PAINTING and depth == 0:
            outside += 1
    return outside


def _elements(node: object, role_map: dict[str, str], depth: int = 0) -> Iterator[
        tuple[str, DictionaryObject]]:
    """Every structure element under `node`, with its role after the RoleMap."""
    if depth > _MAX_DEPTH:
        return
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, ArrayObject):
        for kid in node:
            yield from _elements(kid, role_map, depth + 1)
        return
    if not isinstance(node, DictionaryObject) or node.get("/Type") in ("/MCR", "/OBJR"):
        return
    if "/S" in node:
        role = str(node["/S"])[1:]
        yield role_map.get(role, role), node
    if "/K" in node:
        yield from _elements(node["/K"], role_map, depth + 1)


def access_findings(reader: PdfReader) -> list[Found]:
    """What keeps a screen reader or an archive from using the file, as findings."""
    title = str(reader.metadata.get("/Title", "") or "") if reader.metadata else ""
    if title.startswith(PRINTER_TITLE):
        return []
    catalog = cast(DictionaryObject, reader.trailer["/Root"].get_object())
    found: list[Found] = []
    if not str(catalog.get("/Lang", "")).strip():
        found.append((0, "language", "the file does not say its language (/Lang): a screen "
                      "reader will read Swedish with the wrong voice"))
    intents = catalog.get("/OutputIntents")
    if not intents or not any("/DestOutputProfile" in i.get_object() for i in intents):
        found.append((0, "output intent", "no output intent with a colour profile: the file "
                      "is not PDF/A, an archive cannot keep its colours"))
    tree = catalog.get("/StructTreeRoot")
    mark_info = catalog.get("/MarkInfo")
    marked = bool(mark_info.get_object().get("/Marked", False)) if mark_info else False
    if tree is None or not marked:
        found.append((0, "tags", "the file is not tagged: a screen reader cannot tell "
                      "headings, lists and pictures apart, nor read it in order"))
        return found
    tree = cast(DictionaryObject, tree.get_object())
    role_map = {str(k)[1:]: str(v)[1:] for k, v in tree.get("/RoleMap", {}).items()}
    missing = sum(1 for role, element in _elements(tree.get("/K"), role_map)
                  if role == "Figure" and not str(element.get("/Alt", "")).strip())
    if missing:
        found.append((0, "alt text", f"{missing} picture(s) tagged as Figure without "
                      "alternative text (/Alt)"))
    for number, page in enumerate(reader.pages, 1):
        outside = _untagged_marks(page)
        if outside:
            found.append((number, "tags", f"{outside} piece(s) of text or drawing are neither "
                          "tagged nor marked as decoration (artifact)"))
    return found
