"""Render (structure tree): the tagging records written as StructTreeRoot, ParentTree, outlines.

Runs once per file, after the last page and before ReportLab writes the bytes, with
ReportLab's own PDF objects: no second parse of the file, which would cost a batch
more than the 10 % the tagging may. Reading order is the order of the records, with
the document's top-level parts sorted by the `order` compose gave them (a tri-fold's
cover before the inside panels, the fold-in flap after them).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject
from reportlab.pdfgen.canvas import Canvas

from .tagging import Annotation, Element, Marked, Marker

_PAGE_KEYS = ("StructParents", "Tabs")
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"  # a URI is 7-bit ASCII: anything else is %-encoded


def reading_order(root: Element) -> None:
    """Sort the document's parts by their `order`; parts without one keep their place."""
    indexed = list(enumerate(root.kids))

    def key(pair: tuple[int, object]) -> tuple[float, int]:
        index, kid = pair
        order = kid.order if isinstance(kid, Element) else None
        return (order if order is not None else index, index)

    root.kids = [kid for _, kid in sorted(indexed, key=key)]


def _walk(element: Element) -> list[Element]:
    found = [element]
    for kid in element.text_kids():
        found.extend(_walk(kid))
    return found


class RawObject(PDFObject):  # type: ignore[misc]
    """An object written as the bytes `make` returns when the file is written.

    ReportLab's generic dictionaries cost more to format than the whole page they tag;
    a structure element is a few fixed keys, so it is written directly, compactly.
    """

    def __init__(self, make: Callable[[Any], bytes]) -> None:
        self.make = make

    def format(self, document: Any) -> bytes:
        return self.make(document)


def _ref(document: Any, name: str) -> bytes:
    return b"%d %d R" % document.idToObjectNumberAndVersion[name]


def _text(value: str) -> bytes:
    """A text string as UTF-16BE hex with its byte-order mark: any language, no escaping."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def page_name(page: int) -> str:
    """ReportLab names its pages Page1, Page2, … in the order they are shown."""
    return f"Page{page + 1}"


def mark_page(canvas: Canvas, marker: Marker) -> None:
    """Called right after `showPage`: the page just written gets its /StructParents."""
    page = canvas._doc.Pages.pages[-1]
    page.__NoDefault__ = list(page.__NoDefault__) + list(_PAGE_KEYS)
    page.StructParents = marker.page
    page.Tabs = PDFName("S") if any(a.page == marker.page for a in marker.annotations) else None


def add_link(canvas: Canvas, annotation: Annotation, key: Callable[[], int]) -> None:
    """A link annotation on the current page: invisible border, printable, described;
    `key` gives its /StructParent once the parent tree is numbered."""
    rect = b" ".join(b"%.2f" % v for v in annotation.rect)

    def make(document: Any) -> bytes:
        return (b"<</Type/Annot/Subtype/Link/Rect[%s]/Border[0 0 0]/F 4/StructParent %d"
                b"/Contents%s/A<</S/URI/URI(%s)>>>>" % (
                    rect, key(), _text(annotation.contents),
                    quote(annotation.uri, safe=_URI_SAFE).encode("ascii")
                    .replace(b"(", b"\\(").replace(b")", b"\\)")))

    canvas._addAnnotation(RawObject(make), annotation.name)


def write_tree(canvas: Canvas, marker: Marker) -> None:
    """Write the structure tree, the parent tree and the bookmarks into the document."""
    doc = canvas._doc
    root = marker.root
    reading_order(root)
    elements = _walk(root)
    names: dict[int, str] = {}
    parents: dict[int, str] = {}
    for element in elements:
        names[id(element)] = doc.Reference(RawObject(partial(_element, element, names,
                                                        parents, marker))).name
        for kid in element.text_kids():
            parents[id(kid)] = names[id(element)]
    tree = doc.Reference(RawObject(lambda document: _tree_root(document, marker, names)))
    parents[id(root)] = tree.name
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree
    catalog.MarkInfo = PDFDictionary({"Marked": pdfdoc.PDFtrue})
    _bookmarks(canvas, elements)


def _element(element: Element, names: dict[int, str], parents: dict[int, str],
             marker: Marker, document: Any) -> bytes:
    """One structure element: /S, /P, /Pg where it holds content, /Alt, /Lang, /K."""
    refs = _numbers(document)
    out = b"<</S/%s/P %s" % (element.role.value.encode(), refs[parents[id(element)]])
    kids = []
    marked = False
    for kid in element.kids:
        if type(kid) is Marked:
            marked = True
            kids.append(b"%d" % kid.mcid if kid.page == element.page else
                        b"<</Type/MCR/Pg %s/MCID %d>>" % (refs[page_name(kid.page)], kid.mcid))
        elif type(kid) is Annotation:
            kids.append(b"<</Type/OBJR/Pg %s/Obj %s>>" % (
                refs[page_name(kid.page)], refs[document.annotationName(kid.name)]))
        else:
            kids.append(refs[names[id(kid)]])
    if marked and element.page is not None:
        out += b"/Pg " + refs[page_name(element.page)]
    if element.alt:
        out += b"/Alt" + _text(element.alt)
    if element.lang:
        out += b"/Lang" + _text(element.lang)
    if kids:
        out += b"/K[" + b" ".join(kids) + b"]"
    return out + b">>"


class _References(dict[str, bytes]):
    """Each named object's reference syntax, made when first asked for (one per file)."""

    def __init__(self, document: Any) -> None:
        super().__init__()
        self.numbers = document.idToObjectNumberAndVersion

    def __missing__(self, name: str) -> bytes:
        value = self[name] = b"%d %d R" % self.numbers[name]
        return value


def _numbers(document: Any) -> _References:
    refs: _References | None = getattr(document, "_handouts_refs", None)
    if refs is None:
        refs = document._handouts_refs = _References(document)
    return refs


def _tree_root(document: Any, marker: Marker, names: dict[int, str]) -> bytes:
    """StructTreeRoot with its parent tree inline: page i's MCIDs under key i, then
    each link annotation's element under its own key."""
    numbers = []
    for page, owners in enumerate(marker.parents):
        numbers.append(b"%d[%s]" % (page, b" ".join(_ref(document, names[id(e)])
                                                    for e in owners)))
    for annotation in marker.annotations:
        owner = marker.link_owner[annotation.name]
        numbers.append(b"%d %s" % (marker.link_key(annotation.name),
                                   _ref(document, names[id(owner)])))
    # Aside (the "Avoid" box) is a PDF 2.0 type; PDF/UA-1 readers are told it is a Sect.
    return (b"<</Type/StructTreeRoot/K %s/ParentTree<</Nums[%s]>>/ParentTreeNextKey %d"
            b"/RoleMap<</Aside/Sect>>>>" % (
                _ref(document, names[id(marker.root)]), b" ".join(numbers),
                len(marker.parents) + len(marker.annotations)))


def _bookmarks(canvas: Canvas, elements: list[Element]) -> None:
    """One outline entry per element that set a bookmark while drawn, in reading order."""
    marked = [e for e in elements if e.bookmark]
    if len(canvas._doc.Pages.pages) < 2:
        return  # a one-page card needs no bookmarks
    for element in marked:
        canvas.addOutlineEntry(element.title, element.bookmark, level=0)
    if marked:
        canvas.showOutline()
