"""Preflight: check finished PDFs as a print shop would, page by page.

Read with pypdf (fonts, metadata) and pypdfium2 (page boxes; every character's size,
colour and place; the page rendered to pixels, see preflight_page.py). Checks: body
type at least the layout's floor (18 pt for fridge cards and large print, 14 pt
otherwise, read from the `layout:KIND` keyword the build writes), text contrast at
least 7:1 against what is really under it, every font embedded, MediaBox ⊇ BleedBox
⊇ TrimBox, colour that reaches the trim running on through the bleed, no text in the
5 mm safe margin, images at least 300 dpi at their printed size, and every character
visible (not clipped away, covered or off the page). A damaged file ends in findings,
never in an exception.
"""
from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from .errors import HandoutsError, Problem
from .layout import LAYOUT_KINDS
from .model.layout import LARGE_PRINT, LARGE_PRINT_BODY_FLOOR
from .preflight_access import ACCESS_CHECKS, access_findings
from .preflight_page import Boxes, Finding, Rect, drawn_findings, guarded, inside, why
from .preflight_print import PRINT_SHOP_CHECKS, print_shop_findings

DEFAULT_FLOOR = 14.0
CHECKS = ("type size", "contrast", "fonts embedded", "page boxes", "bleed", "safe margin",
          "images", "text visible") + ACCESS_CHECKS


@dataclass
class Report:
    """What preflight found in one file."""

    name: str
    pages: int = 0
    floor: float = DEFAULT_FLOOR
    findings: list[Finding] = field(default_factory=list)
    checks: tuple[str, ...] = CHECKS

    @property
    def ok(self) -> bool:
        return not self.findings

    def format(self) -> str:
        if self.ok:
            return (f"{self.name}: ok: {self.pages} page(s), type ≥ {self.floor:g} pt; "
                    + ", ".join(self.checks))
        return "\n".join(f"{self.name}: {f'page {f.page}: ' if f.page else ''}error: "
                         f"{f.check}: {f.message}" for f in self.findings)


def body_floor(keywords: str) -> float:
    """The type floor of the layout named in the keywords (`layout:fridge-card` -> 18)."""
    for word in keywords.replace(";", ",").split(","):
        word = word.strip()
        if word.startswith("layout:"):
            name = word.removeprefix("layout:")
            if name == LARGE_PRINT:
                return LARGE_PRINT_BODY_FLOOR
            cls = LAYOUT_KINDS.get(name)
            return float(getattr(cls, "body_floor", DEFAULT_FLOOR))
    return DEFAULT_FLOOR


def _rect(values: tuple[float, ...]) -> Rect | None:
    """(left, bottom, right, top) from corners in either order, as PDF allows; None if empty."""
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        return None
    left, right = sorted(values[0::2])
    bottom, top = sorted(values[1::2])
    if right - left < 1 or top - bottom < 1:
        return None
    return (left, bottom, right, top)


_BOX_READERS = {"MediaBox": "get_mediabox", "CropBox": "get_cropbox",
                "BleedBox": "get_bleedbox", "TrimBox": "get_trimbox"}


def _box_findings(number: int, page: pdfium.PdfPage,
                  info: DictionaryObject | None) -> tuple[list[Finding], Boxes | None]:
    """The page's boxes as pdfium reads them, and what is wrong with them.

    pdfium reads a number it cannot parse (`-nan`) as 0 and a box that is not four
    numbers as no box; pypdf's page (`info`, when it can read it, with the MediaBox
    inherited from the page tree) tells a box that is missing from a broken one. A
    missing BleedBox is the CropBox, a missing CropBox the MediaBox. Without boxes to
    trust, no other check can place the text.
    """
    raw = {name: getattr(page, reader)(fallback_ok=False) for name, reader in
           _BOX_READERS.items()}
    broken = {name for name, box in raw.items() if (
        box is None and info is not None and f"/{name}" in info) or (
        box is not None and _rect(tuple(box)) is None)}
    media = raw["MediaBox"] or page.get_bbox()
    bleed = raw["BleedBox"] or raw["CropBox"] or media
    trim = raw["TrimBox"]
    found = [] if trim is not None or "TrimBox" in broken else [Finding(
        number, "page boxes", "no TrimBox: a printer cannot tell the finished size")]
    found += [Finding(number, "page boxes", f"the {name} is empty or not four numbers; a box "
                      "is two corners of the page, four numbers in points")
              for name in _BOX_READERS if name in broken]
    read = [_rect(tuple(box)) for box in (media, bleed, trim or raw["CropBox"] or media)]
    if broken or None in read:
        return found, None
    media_box, bleed_box, trim_box = cast(list[Rect], read)
    nesting = []
    if trim is not None and not inside(bleed_box, media_box):
        nesting.append(Finding(number, "page boxes", "the BleedBox reaches outside the "
                               "MediaBox"))
    if trim is not None and not inside(trim_box, bleed_box):
        nesting.append(Finding(number, "page boxes", "the TrimBox reaches outside the "
                               "BleedBox"))
    return found + nesting, Boxes(media_box, bleed_box, trim_box, nested=not nesting)


def _dict(value: object) -> DictionaryObject | None:
    """`value` resolved, when it is a dictionary; a damaged file has anything there."""
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    return resolved if isinstance(resolved, DictionaryObject) else None


def _fonts(resources: DictionaryObject, seen: set[int]) -> Iterator[tuple[str, bool | None]]:
    """(name, embedded) for every font of these resources and the forms they use.

    `embedded` is None for a font whose dictionary is damaged past reading.
    """
    fonts = _dict(resources.get("/Font"))
    for reference in (fonts.values() if fonts else ()):
        font = _dict(reference)
        if font is None:
            yield "?", None
            continue
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        if font.get("/Subtype") == "/Type3":
            yield str(font.get("/Name", "Type3")), True
            continue
        described: DictionaryObject | None = font
        if font.get("/Subtype") == "/Type0":
            descendants = font.get("/DescendantFonts")
            descendants = descendants.get_object() if isinstance(descendants, PdfObject) else None
            described = _dict(descendants[0]) if isinstance(descendants, ArrayObject) and len(
                descendants) else None
        if described is None:
            yield name, None
            continue
        descriptor = _dict(described.get("/FontDescriptor"))
        yield name, descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    objects = _dict(resources.get("/XObject"))
    for reference in (objects.values() if objects else ()):
        form = _dict(reference)
        if form is None or id(form) in seen or form.get("/Subtype") != "/Form":
            continue
        seen.add(id(form))
        inner = _dict(form.get("/Resources"))
        if inner is not None:
            yield from _fonts(inner, seen)


def _font_findings(number: int, page: DictionaryObject) -> list[Finding]:
    resources = _dict(page.get("/Resources"))
    if resources is None:
        return []
    fonts = set(_fonts(resources, set()))
    missing = sorted(name for name, embedded in fonts if embedded is False)
    damaged = sorted(name for name, embedded in fonts if embedded is None)
    return [Finding(number, "fonts embedded", f"the font {name} is not embedded")
            for name in missing] + [
        Finding(number, "fonts embedded", f"the font {name} is damaged: its dictionary "
                "cannot be read") for name in damaged]


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file; the report says it once, plainly."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _access(reader: PdfReader) -> list[Finding]:
    """The accessibility checks (preflight_access.py); a damaged tree is a finding too."""
    try:
        return [Finding(*found) for found in access_findings(reader)]
    except Exception as error:  # a damaged file may break pypdf anywhere in its tree
        return [Finding(0, "tags", f"the structure tree cannot be read ({why(error)})")]


def preflight(data: bytes, name: str, print_shop: bool = False) -> Report:
    """Check one PDF's bytes; `name` is how the report names the file. `print_shop` adds
    a print shop's checks (preflight_print.py): CMYK, output intent, ink, hairlines.

    A damaged file ends in findings, never in an exception: a file neither reader can
    open is "not a readable PDF", and a check that fails on a page is named on that page.
    """
    report = Report(name, checks=CHECKS + (PRINT_SHOP_CHECKS if print_shop else ()))
    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            document = pdfium.PdfDocument(data)
        except Exception as error:  # pypdf raises many kinds of error on a damaged file
            report.findings.append(Finding(0, "file", f"this is not a readable PDF "
                                           f"({why(error)})"))
            return report
        try:
            report.floor = body_floor(_keywords(reader))
            report.pages = len(document)
            if not report.pages:
                report.findings.append(Finding(0, "file", "the PDF has no pages"))
            report.findings += _access(reader)
            readable = _readable_pages(reader)
            if readable < report.pages:
                report.findings.append(Finding(0, "fonts embedded", "the page tree is damaged: "
                                               f"the fonts of only {readable} of "
                                               f"{report.pages} pages can be read"))
            for index in range(report.pages):
                info = _pypdf_page(reader, index) if index < readable else None
                report.findings += _page_findings(index + 1, info, document, report.floor)
            if print_shop:
                report.findings += guarded(0, "print shop", lambda: [
                    Finding(*found) for found in print_shop_findings(reader)])
        finally:
            document.close()
    return report


def _keywords(reader: PdfReader) -> str:
    """The document's keywords (they name its layout), or "" when they cannot be read."""
    try:
        return str(reader.metadata.get("/Keywords", "") or "") if reader.metadata else ""
    except Exception:  # a damaged info dictionary only costs the layout's own floor
        return ""


def _readable_pages(reader: PdfReader) -> int:
    """How many pages pypdf can find (fewer than pdfium finds when the page tree is damaged)."""
    try:
        return len(reader.pages)
    except Exception:  # the catalogue or the page tree itself
        return 0


def _pypdf_page(reader: PdfReader, index: int) -> DictionaryObject | None:
    try:
        return reader.pages[index]
    except Exception:  # counted as unreadable with the rest of the damaged page tree
        return None


def _page_findings(number: int, info: DictionaryObject | None, document: pdfium.PdfDocument,
                   floor: float) -> list[Finding]:
    """Every check of one page; `info` is the page as pypdf reads it, if it can."""
    found = [] if info is None else guarded(number, "fonts embedded",
                                             lambda: _font_findings(number, info))
    try:
        page = document[number - 1]
    except Exception as error:  # pdfium counts the page but cannot load it
        return found + [Finding(number, "page boxes", f"the page cannot be read "
                                f"({why(error)})")]
    try:
        boxes: Boxes | None = None

        def read_boxes() -> list[Finding]:
            nonlocal boxes
            box_findings, boxes = _box_findings(number, page, info)
            return box_findings

        found += guarded(number, "page boxes", read_boxes)
        if boxes is not None:
            found += guarded(number, "text", lambda: drawn_findings(number, page, floor,
                                                                       boxes))
    finally:
        page.close()
    return found



class PreflightFailed(HandoutsError):
    """At least one file failed a check; the reports have been shown."""


def read_pdfs(paths: list[Path]) -> list[tuple[str, bytes]]:
    """The bytes of PDF files named on the command line, each with the name it was given."""
    found = []
    for path in paths:
        try:
            found.append((str(path), path.read_bytes()))
        except OSError as error:
            raise HandoutsError([Problem("pdf.unreadable", {"reason": error.strerror},
                                         str(path))]) from None
    return found


def failed(reports: list[Report]) -> PreflightFailed | None:
    """The error to end with when any report found a problem."""
    bad = [r for r in reports if not r.ok]
    if not bad:
        return None
    problems = sum(len(r.findings) for r in bad)
    return PreflightFailed([Problem("preflight.failed", {
        "count": problems, "bad": len(bad), "files": len(reports)}, product="preflight")])
