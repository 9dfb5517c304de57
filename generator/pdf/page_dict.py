"""Render (page dictionaries): a page of a compact file written directly, in a third of the time.

ReportLab builds each page's dictionary from generic objects when the file is written
(a resource dictionary, a dictionary of boxes and references, formatted key by key):
some 25 µs a page, a fifth of writing a card. A card's pages hold only a few kinds of
entry, so the compact writer (compact.py) writes those itself, without the entries that
say nothing: `/Rotate 0`, an empty `/Trans`, and the `/ProcSet` that PDF 1.4 made
obsolete (ISO 32000-1, 14.2). A page with anything else (colour spaces, shadings,
graphics states, a turned page, a transition, a thumbnail, ReportLab's own compilation
switched off) is left to ReportLab. The new object ReportLab would number while writing
the page (its content stream) is numbered at the same point, so numbering is unchanged.
"""
from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    BasicFonts,
    PDFArray,
    PDFBase85Encode,
    PDFName,
    PDFPage,
    PDFStream,
    PDFZCompress,
    fp_str,
)

from .quick_format import quick_format

# what a card page may hold; any other entry set leaves the page to ReportLab
_WRITTEN = frozenset(("Parent", "MediaBox", "Resources", "Contents", "CropBox", "Rotate",
                      "Annots", "ArtBox", "TrimBox", "BleedBox", "Trans", "StructParents",
                      "Tabs"))
_BOXES = ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox")
# per list of entries a page may have: what gets those it does not write
_OTHERS: dict[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] = {}


def _filters() -> list[Any]:  # (what ReportLab compresses a page's stream with)
    return [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]


def page_body(document: Any, page: Any) -> bytes | None:
    """The page's dictionary, or None when ReportLab must write it."""
    entries = page.__NoDefault__
    others = _OTHERS.get(entries if type(entries) is tuple else tuple(entries))
    if others is None:
        others = _OTHERS[tuple(entries)] = attrgetter(  # (ReportLab's list has a dozen)
            *(key for key in entries if key not in _WRITTEN))
    if (type(page) is not PDFPage or page.Override_default_compilation or page.Rotate
            or page.Resources is not None or page.Contents is not None or not page.stream
            or page.ExtGState or page._colorsUsed or page._shadingUsed
            or (page.Trans is not None and page.Trans.dict)
            or _any_set(others(page))):
        return None
    numbers = document.idToObjectNumberAndVersion
    # its content stream as ReportLab's `check_format` makes it, numbered where it numbers it
    page.Contents = PDFStream(content=page.stream, filters=_filters() if page.compression
                              else None)
    contents = document.Reference(page.Contents).name
    parent = page.Parent or document.Reference(document.Pages)
    out = [b"<</Type/Page/Parent %d %d R" % numbers[parent.name]]
    if page.MediaBox is None:
        out.append(b"/MediaBox[0 0 %s]" % fp_str(page.pagewidth, page.pageheight).encode())
    for key in _BOXES:
        box = getattr(page, key)
        if box is not None:
            out.append(b"/%s[%s]" % (key.encode("ascii"), _numbers(box)))
    out.append(b"/Resources<</Font %d %d R" % numbers[BasicFonts])
    if page.XObjects is not None and page.XObjects.dict:
        forms = page.XObjects.dict
        out.append(b"/XObject<<%s>>" % b"".join(
            PDFName(name).encode("ascii") + b" %d %d R" % numbers[forms[name].name]
            for name in sorted(forms)))
    out.append(b">>/Contents %d %d R" % numbers[contents])
    if page.Annots:
        out.append(b"/Annots[%s]" % b" ".join(
            b"%d %d R" % numbers[reference.name]
            for reference in getattr(page.Annots, "sequence", page.Annots)))
    structure, tabs = getattr(page, "StructParents", None), getattr(page, "Tabs", None)
    if structure is not None:  # (tagging.py's entries)
        out.append(b"/StructParents %d" % structure)
    if tabs is not None:
        out.append(b"/Tabs" + quick_format(tabs, document))
    out.append(b">>")
    return b"".join(out)


def _any_set(values: tuple[Any, ...]) -> bool:
    return values.count(None) != len(values)


def _numbers(box: Any) -> bytes:
    values = box.sequence if isinstance(box, PDFArray) else box
    return fp_str(*values).encode("ascii")
