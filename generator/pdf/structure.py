"""Render (structure tree): the tagging records written as StructTreeRoot, ParentTree, outlines.

Runs once per file, after the last page and before ReportLab writes the bytes, with
ReportLab's own PDF objects: no second parse of the file, which would cost a batch
more than the 10 % the tagging may. Reading order is the order of the records, with
the document's top-level parts sorted by the `order` compose gave them (a tri-fold's
cover before the inside panels, the fold-in flap after them).
"""
from __future__ import annotations

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from .tagging import Annotation, Element, Marked, Marker

_PAGE_KEYS = ("StructParents", "Tabs")


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


def page_ref(canvas: Canvas, page: int) -> PDFObjectReference:
    """ReportLab names its pages Page1, Page2, … in the order they are shown."""
    return PDFObjectReference(f"Page{page + 1}")


def mark_page(canvas: Canvas, marker: Marker) -> None:
    """Called right after `showPage`: the page just written gets its /StructParents."""
    page = canvas._doc.Pages.pages[-1]
    page.__NoDefault__ = list(page.__NoDefault__) + list(_PAGE_KEYS)
    page.StructParents = marker.page
    page.Tabs = PDFName("S") if any(a.page == marker.page for a in marker.annotations) else None


def add_link(canvas: Canvas, annotation: Annotation) -> PDFDictionary:
    """A link annotation on the current page: invisible border, printable, described."""
    link = PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Link"),
        "Rect": PDFArray([round(v, 2) for v in annotation.rect]),
        "Border": PDFArray([0, 0, 0]), "F": 4,
        "Contents": PDFString(annotation.contents),
        "A": PDFDictionary({"Type": PDFName("Action"), "S": PDFName("URI"),
                            "URI": PDFString(annotation.uri)})})
    canvas._addAnnotation(link, annotation.name)
    return link


def write_tree(canvas: Canvas, marker: Marker) -> None:
    """Write the structure tree, the parent tree and the bookmarks into the document."""
    doc = canvas._doc
    root = marker.root
    reading_order(root)
    elements = _walk(root)
    # /Type /StructElem is optional: left out, as each file holds hundreds of elements.
    dictionaries = {id(e): PDFDictionary({"S": PDFName(str(e.role))}) for e in elements}
    refs = {key: doc.Reference(value) for key, value in dictionaries.items()}
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = doc.Reference(tree_root)
    pages = len(marker.parents)
    annotation_key = {a.name: pages + i for i, a in enumerate(marker.annotations)}
    owners: dict[str, PDFObjectReference] = {}

    def fill(element: Element, parent: PDFObjectReference) -> None:
        entry = dictionaries[id(element)]
        entry["P"] = parent
        if element.page is not None and any(isinstance(k, Marked) for k in element.kids):
            entry["Pg"] = page_ref(canvas, element.page)
        for key, value in (("Alt", element.alt), ("Lang", element.lang)):
            if value:
                entry[key] = PDFString(value)
        kids: list[object] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(refs[id(kid)])
                fill(kid, refs[id(element)])
            elif isinstance(kid, Marked):
                kids.append(kid.mcid if kid.page == element.page else PDFDictionary(
                    {"Type": PDFName("MCR"), "Pg": page_ref(canvas, kid.page),
                     "MCID": kid.mcid}))
            else:
                marker.links[kid.name]["StructParent"] = annotation_key[kid.name]
                owners[kid.name] = refs[id(element)]
                kids.append(PDFDictionary({"Type": PDFName("OBJR"),
                                           "Pg": page_ref(canvas, kid.page),
                                           "Obj": doc.refAnnotation(kid.name)}))
        if kids:
            entry["K"] = kids[0] if len(kids) == 1 and element is not root else PDFArray(kids)

    fill(root, tree_ref)
    numbers: list[object] = []
    for page, elements_on_page in enumerate(marker.parents):
        numbers += [page, PDFArray([refs[id(e)] for e in elements_on_page])]
    for annotation in marker.annotations:
        numbers += [annotation_key[annotation.name], owners[annotation.name]]
    tree_root["K"] = refs[id(root)]
    tree_root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(numbers)}))
    tree_root["ParentTreeNextKey"] = pages + len(marker.annotations)
    # Aside (the "Avoid" box) is a PDF 2.0 type; PDF/UA-1 readers are told it is a Sect.
    tree_root["RoleMap"] = PDFDictionary({"Aside": PDFName("Sect")})
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_ref
    catalog.MarkInfo = PDFDictionary({"Marked": pdfdoc.PDFtrue})
    _bookmarks(canvas, elements)


def _bookmarks(canvas: Canvas, elements: list[Element]) -> None:
    """One outline entry per element that set a bookmark while drawn, in reading order."""
    marked = [e for e in elements if e.bookmark]
    if len(canvas._doc.Pages.pages) < 2:
        return  # a one-page card needs no bookmarks
    for element in marked:
        canvas.addOutlineEntry(element.title, element.bookmark, level=0)
    if marked:
        canvas.showOutline()
