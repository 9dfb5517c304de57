"""Render (structure tree): the tagging records written as StructTreeRoot, ParentTree, outlines.

Runs once per file, after the last page and before ReportLab writes the bytes, with
ReportLab's own PDF objects: no second parse of the file, which would cost a batch
more than the 10 % the tagging may. Reading order is the order of the records, with
the document's top-level parts sorted by the `order` compose gave them (a tri-fold's
cover before the inside panels, the fold-in flap after them).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import quote

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
from reportlab.pdfgen.canvas import Canvas

from .compact import RawObject, TailObject
from .tagging import Annotation, Block, Element, Marked, Marker, Owner, Role

# a tagged page's entries: ReportLab's, then the tagging's (one tuple for every page)
_PAGE_KEYS = (*pdfdoc.PDFPage.__NoDefault__, "StructParents", "Tabs")
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"  # a URI is 7-bit ASCII: anything else is %-encoded


def reading_order(root: Element) -> None:
    """Sort the document's parts by their `order`; parts without one keep their place."""
    indexed = list(enumerate(root.kids))

    def key(pair: tuple[int, object]) -> tuple[float, int]:
        index, kid = pair
        order = kid.order if isinstance(kid, Element) else None
        return (order if order is not None else index, index)

    root.kids = [kid for _, kid in sorted(indexed, key=key)]


def walk(element: Element) -> list[Element | Block]:
    """`element` and every element and block under it, in reading order (depth first;
    a block's own elements are in that order inside it)."""
    found: list[Element | Block] = []
    stack: list[Element | Block] = [element]
    while stack:
        item = stack.pop()
        found.append(item)
        if type(item) is Element:
            stack.extend(kid for kid in reversed(item.kids)
                         if type(kid) is Element or type(kid) is Block)
    return found


def _ref(document: Any, name: str) -> bytes:
    return b"%d %d R" % document.idToObjectNumberAndVersion[name]


# Where PDFDocEncoding and Latin-1 agree (ISO 32000-1, Annex D): ASCII and A1-FF but AD;
# anything else in a text makes it UTF-16
_NOT_LATIN = re.compile("[^\x20-\x7e\xa1-\xac\xae-\xff]")


def text_string(value: str) -> bytes:
    """A text string: literal where every character is in PDFDocEncoding's Latin part
    (Swedish, Finnish, English alternative texts: a quarter of the bytes), else UTF-16BE
    hex with its byte-order mark (Arabic, and any typographic quote or dash)."""
    if not _NOT_LATIN.search(value):
        return b"(" + value.encode("latin-1").replace(b"\\", b"\\\\").replace(
            b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def page_name(page: int) -> str:
    """ReportLab names its pages Page1, Page2, … in the order they are shown."""
    return f"Page{page + 1}"


def mark_page(canvas: Canvas, marker: Marker) -> None:
    """Called right after `showPage`: the page just written gets its /StructParents."""
    page = canvas._doc.Pages.pages[-1]
    page.__NoDefault__ = _PAGE_KEYS
    page.StructParents = marker.page
    annotations = marker.annotations  # drawn page by page: this page's come last
    page.Tabs = PDFName("S") if annotations and annotations[-1].page == marker.page else None


def add_link(canvas: Canvas, annotation: Annotation, marker: Marker) -> None:
    """A link annotation on the current page: invisible border, printable, described;
    its /StructParent follows the pages' keys (`Marker.link_key`)."""
    canvas._addAnnotation(_LinkAnnotation(
        b"<</Type/Annot/Subtype/Link/Rect[%.2f %.2f %.2f %.2f]/Border[0 0 0]/F 4/StructParent "
        % annotation.rect, _described_target(annotation.uri, annotation.contents) + b">>",
        marker, annotation), annotation.name)


class _LinkAnnotation(RawObject):
    """A link's annotation: its bytes but the /StructParent key, known once every page
    is drawn."""

    def __init__(self, head: bytes, rest: bytes, marker: Marker,
                 annotation: Annotation) -> None:
        self.head, self.rest, self.marker, self.annotation = head, rest, marker, annotation

    def make(self, document: Any) -> bytes:  # type: ignore[override]
        return b"%s%d%s" % (self.head, self.marker.link_key(self.annotation), self.rest)


@lru_cache(maxsize=256)
def _described_target(uri: str, contents: str) -> bytes:
    """A link's description and action (the same on every card back of a batch)."""
    return b"/Contents%s/A<</S/URI/URI(%s)>>" % (
        text_string(contents), quote(uri, safe=_URI_SAFE).encode("ascii")
        .replace(b"(", b"\\(").replace(b")", b"\\)"))


def write_tree(canvas: Canvas, marker: Marker) -> None:
    """Write the structure tree, the parent tree and the bookmarks into the document."""
    doc = canvas._doc
    root = marker.root
    reading_order(root)
    elements = walk(root)
    catalog = doc.Catalog
    catalog.StructTreeRoot = doc.Reference(_Tree(marker, elements))
    catalog.MarkInfo = PDFDictionary({"Marked": pdfdoc.PDFtrue})
    _bookmarks(canvas, elements)


class _Tree(TailObject):
    """The StructTreeRoot, and its elements."""

    def __init__(self, marker: Marker, elements: list[Element | Block]) -> None:
        self.marker, self.elements = marker, elements

    def tail(self, document: Any, own: int, first: int) -> tuple[bytes, list[bytes]]:
        number, at = {}, first
        for item in self.elements:
            number[id(item)] = at
            at += item.template.size if type(item) is Block else 1
        parent = {id(self.marker.root): own}  # (each element notes its kids' as written)
        refs = _numbers(document)
        pages = [refs[page_name(page)] for page in range(len(self.marker.parents))]
        bodies: list[bytes] = []
        for item in self.elements:
            if isinstance(item, Block):
                annotations = [refs[document.annotationName(a.name)] for a in item.annotations]
                bodies.extend(item.template.bodies(number[id(item)], parent[id(item)],
                                                   pages[item.page], annotations))
            else:
                bodies.append(_element(item, number, parent, pages, refs, document))
        return _tree_root(self.marker, number), bodies


_OPENING = {role: b"<</S/" + role.value.encode() + b"/P " for role in Role}


def _element(element: Element, number: dict[int, int], parent: dict[int, int],
             pages: list[bytes], refs: _References, document: Any) -> bytes:
    """One structure element: /S, /P, /Pg where it holds content, /Alt, /Lang, /K;
    `pages` holds each page's reference. Its kids' parent is noted in `parent` (its
    own was noted by its parent, written before it)."""
    own = number[id(element)]
    out = _OPENING[element.role] + b"%d 0 R" % parent[id(element)]
    kids = []
    marked = False
    for kid in element.kids:
        if type(kid) is Marked:
            marked = True
            kids.append(b"%d" % kid.mcid if kid.page == element.page else
                        b"<</Type/MCR/Pg %s/MCID %d>>" % (pages[kid.page], kid.mcid))
        elif type(kid) is Annotation:
            kids.append(b"<</Type/OBJR/Pg %s/Obj %s>>" % (
                pages[kid.page], refs[document.annotationName(kid.name)]))
        elif type(kid) is Block:
            parent[id(kid)] = own
            base = number[id(kid)]
            kids.extend(b"%d 0 R" % (base + top) for top in kid.template.top)
        else:
            parent[id(kid)] = own
            kids.append(b"%d 0 R" % number[id(kid)])
    if marked and element.page is not None:
        out += b"/Pg " + pages[element.page]
    if element.alt:
        out += b"/Alt" + text_string(element.alt)
    if element.lang:
        out += b"/Lang" + text_string(element.lang)
    if kids:
        out += b"/K[" + b" ".join(kids) + b"]"
    return out + b">>"


# A template's holes: an element of the block (its index, >= 0), or one of these
_OUTER, _PAGE, _LINK = -1, -2, -3  # the element drawn in, the page, link j's (-3 - j)


class Template(NamedTuple):
    """A recorded subtree's elements (replay.py) as one format, written as `_element`
    writes each: `bodies` fills in the numbers and references of where it is drawn."""

    size: int
    format: bytes  # the elements' bodies, a line each; numbers and references as holes
    holes: tuple[int, ...]
    top: tuple[int, ...]  # its top-level elements

    def bodies(self, first: int, outer: int, page: bytes, links: list[bytes]) -> list[bytes]:
        """The bodies when its elements are numbered from `first`, its top ones inside
        element `outer`, on the page `page`, with its links' annotations `links`."""
        given = (None, outer, page, *links)
        return (self.format % tuple([first + hole if hole >= 0 else given[-hole]
                                     for hole in self.holes])).split(b"\n")


def freeze(nodes: Sequence[Any], top: Sequence[int]) -> Template:
    """The template of recorded elements, parents first: each has role, alt, lang,
    on_page (its page is set) and kids: an element's index (>= 0), an MCID on its page
    (-1 - mcid) or a link's slot (a tuple: the link's index)."""
    parent = {kid: index for index, node in enumerate(nodes)
              for kid in node.kids if type(kid) is int and kid >= 0}
    lines, holes = [], []
    for index, node in enumerate(nodes):
        kids: list[bytes] = []
        kid_holes: list[int] = []
        marked = False
        for kid in node.kids:
            if type(kid) is not int:
                kids.append(b"<</Type/OBJR/Pg %s/Obj %s>>")
                kid_holes += (_PAGE, _LINK - kid[0])
            elif kid >= 0:
                kids.append(b"%d 0 R")
                kid_holes.append(kid)
            elif node.on_page:
                marked = True
                kids.append(b"%d" % (-1 - kid))
            else:
                marked = True
                kids.append(b"<</Type/MCR/Pg %%s/MCID %d>>" % (-1 - kid))
                kid_holes.append(_PAGE)
        out = [_OPENING[node.role] + b"%d 0 R"]
        holes.append(parent.get(index, _OUTER))
        if marked and node.on_page:
            out.append(b"/Pg %s")
            holes.append(_PAGE)
        if node.alt:
            out.append(b"/Alt" + text_string(node.alt).replace(b"%", b"%%"))
        if node.lang:
            out.append(b"/Lang" + text_string(node.lang).replace(b"%", b"%%"))
        if kids:
            out.append(b"/K[" + b" ".join(kids) + b"]")
            holes.extend(kid_holes)
        lines.append(b"".join(out) + b">>")  # (a text string has no line break)
    return Template(len(nodes), b"\n".join(lines), tuple(holes), tuple(top))


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


def _tree_root(marker: Marker, number: dict[int, int]) -> bytes:
    """StructTreeRoot with its parent tree inline: page i's MCIDs under key i, then
    each link annotation's element under its own key."""
    def of(owner: Owner) -> int:
        return number[id(owner)] if type(owner) is Element else (
            number[id(owner[0])] + owner[1])  # type: ignore[index]

    numbers = [b"%d[%s]" % (page, b" ".join([b"%d 0 R" % of(e) for e in owners]))
               for page, owners in enumerate(marker.parents)]
    for annotation in marker.annotations:
        numbers.append(b"%d %d 0 R" % (marker.link_key(annotation),
                                       of(marker.link_owner[annotation.name])))
    # Aside (the "Avoid" box) is a PDF 2.0 type; PDF/UA-1 readers are told it is a Sect.
    return (b"<</Type/StructTreeRoot/K %d 0 R/ParentTree<</Nums[%s]>>/ParentTreeNextKey %d"
            b"/RoleMap<</Aside/Sect>>>>" % (
                number[id(marker.root)], b" ".join(numbers),
                len(marker.parents) + len(marker.annotations)))


def _bookmarks(canvas: Canvas, elements: list[Element | Block]) -> None:
    """One outline entry per element with a title, in reading order, to its page."""
    marks: list[tuple[str, int]] = []
    for item in elements:
        if isinstance(item, Block):
            marks.extend((title, item.page) for title in item.titles)
        elif item.title and item.page is not None:
            marks.append((item.title, item.page))
    document = canvas._doc
    if not marks or len(document.Pages.pages) < 2:
        return  # a one-page card needs no bookmarks (ReportLab's empty outline is dropped)
    outline = _Outline(marks)
    document.Outlines = document.outline = outline  # (what ReportLab prepares and writes)
    document.Catalog.Outlines = document.Reference(outline)
    canvas.showOutline()


class _Outline(TailObject):
    """The bookmarks: the Outlines dictionary, then an entry per title showing its page
    whole. ReportLab's own outline makes a named destination per entry while drawing
    and a dictionary object per entry when written: a tenth of what tagging costs."""

    ready = 1  # (ReportLab's outline has nothing left to prepare)

    def __init__(self, marks: list[tuple[str, int]]) -> None:
        self.marks = marks

    def prepare(self, document: Any, canvas: Canvas) -> None:
        return None

    def tail(self, document: Any, own: int, first: int) -> tuple[bytes, list[bytes]]:
        refs = _numbers(document)
        last = first + len(self.marks) - 1
        entries = []
        for number, (title, page) in enumerate(self.marks, start=first):
            entries.append(b"<</Title%s/Parent %d 0 R%s%s/Dest[%s/Fit]>>" % (
                text_string(title), own, b"/Prev %d 0 R" % (number - 1) if number > first
                else b"", b"/Next %d 0 R" % (number + 1) if number < last else b"",
                refs[page_name(page)]))
        return (b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>"
                % (first, last, len(entries)), entries)
