"""Preflight: check finished PDFs as a print shop would, page by page.

Read with pypdf (boxes, fonts, metadata) and pypdfium2 (every character's size, colour
and place; the page rendered to pixels). Checks: body type at least the layout's floor
(18 pt for fridge cards, 14 pt otherwise, read from the `layout:KIND` keyword the build
writes), text contrast at least 7:1 against what is really under it, every font
embedded, MediaBox ⊇ BleedBox ⊇ TrimBox, colour that reaches the trim running on
through the bleed, no text in the 5 mm safe margin, images at least 300 dpi at their
printed size, and every character visible (not clipped away, covered or off the page).
"""
from __future__ import annotations

import ctypes
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject, RectangleObject

from .errors import HandoutsError, Problem
from .layout import LAYOUT_KINDS, MIN_CONTRAST, MM, SAFE_MARGIN_MM
from .model.colour import Colour
from .preflight_print import print_shop_findings

DEFAULT_FLOOR = 14.0
MIN_DPI = 300.0
RENDER_DPI = 150
CHECKS = ("type size", "contrast", "fonts embedded", "page boxes", "bleed", "safe margin",
          "images", "text visible")
_TOLERANCE_PT = 0.05
_EDGE_SHARE = 0.02  # share of an edge where colour may stop at the trim (anti-aliasing)


@dataclass(frozen=True)
class Finding:
    page: int  # 1-based; 0 for the file as a whole
    check: str
    message: str


@dataclass
class Report:
    """What preflight found in one file."""

    name: str
    pages: int = 0
    floor: float = DEFAULT_FLOOR
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def format(self) -> str:
        if self.ok:
            return (f"{self.name}: ok: {self.pages} page(s), type ≥ {self.floor:g} pt; "
                    + ", ".join(CHECKS))
        return "\n".join(f"{self.name}: {f'page {f.page}: ' if f.page else ''}error: "
                         f"{f.check}: {f.message}" for f in self.findings)


def body_floor(keywords: str) -> float:
    """The type floor of the layout named in the keywords (`layout:fridge-card` -> 18)."""
    for word in keywords.replace(";", ",").split(","):
        word = word.strip()
        if word.startswith("layout:"):
            cls = LAYOUT_KINDS.get(word.removeprefix("layout:"))
            return float(getattr(cls, "body_floor", DEFAULT_FLOOR))
    return DEFAULT_FLOOR


def _rect(box: RectangleObject) -> tuple[float, float, float, float]:
    return (float(box.left), float(box.bottom), float(box.right), float(box.top))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01
            and inner[2] <= outer[2] + 0.01 and inner[3] <= outer[3] + 0.01)


def _box_findings(number: int, page) -> list[Finding]:  # type: ignore[no-untyped-def]
    if "/TrimBox" not in page:
        return [Finding(number, "page boxes", "no TrimBox: a printer cannot tell the "
                        "finished size")]
    media, bleed, trim = _rect(page.mediabox), _rect(page.bleedbox), _rect(page.trimbox)
    found = []
    if not _inside(bleed, media):
        found.append(Finding(number, "page boxes", "the BleedBox reaches outside the MediaBox"))
    if not _inside(trim, bleed):
        found.append(Finding(number, "page boxes", "the TrimBox reaches outside the BleedBox"))
    return found


def _fonts(resources: DictionaryObject, seen: set[int]) -> Iterator[tuple[str, bool]]:
    """(name, embedded) for every font of these resources and the forms they use."""
    fonts = resources.get("/Font")
    for font in (fonts.get_object().values() if fonts else ()):
        font = font.get_object()
        described = font
        if font.get("/Subtype") == "/Type0":
            described = font["/DescendantFonts"][0].get_object()
        if font.get("/Subtype") == "/Type3":
            yield str(font.get("/Name", "Type3")), True
            continue
        descriptor = described.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor else {}
        embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        yield str(font.get("/BaseFont", "?")).lstrip("/"), embedded
    objects = resources.get("/XObject")
    for reference in (objects.get_object().values() if objects else ()):
        form = reference.get_object()
        if id(form) in seen or form.get("/Subtype") != "/Form" or "/Resources" not in form:
            continue
        seen.add(id(form))
        yield from _fonts(form["/Resources"].get_object(), seen)


def _font_findings(number: int, page) -> list[Finding]:  # type: ignore[no-untyped-def]
    resources = page.get("/Resources")
    if resources is None:
        return []
    missing = sorted({name for name, embedded in _fonts(resources.get_object(), set())
                      if not embedded})
    return [Finding(number, "fonts embedded", f"the font {name} is not embedded")
            for name in missing]


@dataclass(frozen=True)
class Glyph:
    index: int  # in the page's text, for quoting the words around it
    text: str
    size: float
    colour: tuple[int, int, int]
    box: tuple[float, float, float, float]  # the ink: left, bottom, right, top in points
    cell: tuple[float, float, float, float]  # the glyph's whole cell: ink and ground


def _glyphs(textpage: pdfium.PdfTextPage) -> list[Glyph]:
    glyphs = []
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    for index in range(textpage.count_chars()):
        character = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if character.isspace() or pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        pdfium_c.FPDFText_GetFillColor(textpage, index, red, green, blue, alpha)
        glyphs.append(Glyph(index, character, pdfium_c.FPDFText_GetFontSize(textpage, index),
                            (red.value, green.value, blue.value),
                            textpage.get_charbox(index),
                            textpage.get_charbox(index, loose=True)))
    return glyphs


def _quote(glyphs: list[Glyph], page_text: str) -> str:
    """The words from the first glyph on, as a person finds them on the page."""
    start = glyphs[0].index
    text = " ".join(page_text[start:start + 40].split())
    return f"”{text[:30]}{'…' if len(text) > 30 else ''}”"


class _Pixels:
    """The page rendered at RENDER_DPI, addressed in PDF points."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.scale = RENDER_DPI / 72
        self.image: Image.Image = page.render(scale=self.scale).to_pil().convert("RGB")
        self.height_pt = page.get_height()

    def region(self, box: tuple[float, float, float, float]) -> Image.Image:
        left, bottom, right, top = box
        s = self.scale
        return self.image.crop((int(left * s), int((self.height_pt - top) * s),
                                max(int(left * s) + 1, round(right * s)),
                                max(int((self.height_pt - top) * s) + 1,
                                    round((self.height_pt - bottom) * s))))

    def at(self, x: float, y: float) -> tuple[int, int, int]:
        px = min(max(int(x * self.scale), 0), self.image.width - 1)
        py = min(max(int((self.height_pt - y) * self.scale), 0), self.image.height - 1)
        return self.image.getpixel((px, py))  # type: ignore[return-value]


def _hex(colour: tuple[int, int, int]) -> str:
    return Colour.rgb(*colour).hex


def _distance(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


def _ground(colours: list[tuple[int, tuple[int, int, int]]],
            ink: tuple[int, int, int]) -> tuple[int, int, int]:
    """The colour under a glyph: the commonest one in its cell that is not its own ink.

    When nearly the whole cell is the ink's colour, the text stands on its own colour.
    """
    total = sum(count for count, _ in colours)
    others = [(count, colour) for count, colour in colours if _distance(colour, ink) > 8]
    if not others or sum(count for count, _ in others) < 0.15 * total:
        return ink
    return max(others)[1]


def _text_findings(number: int, textpage: pdfium.PdfTextPage, pixels: _Pixels, floor: float,
                   media: tuple[float, ...], trim: tuple[float, ...]) -> list[Finding]:
    found = []
    glyphs = _glyphs(textpage)
    page_text = textpage.get_text_range()

    def _sample(flagged: list[Glyph]) -> str:
        return _quote(flagged, page_text)

    small = [g for g in glyphs if g.size < floor - _TOLERANCE_PT]
    if small:
        smallest = min(g.size for g in small)
        found.append(Finding(number, "type size", f"text at {smallest:g} pt is below the "
                             f"{floor:g} pt floor: {_sample(small)}"))
    safe = SAFE_MARGIN_MM * MM
    zone = (trim[0] + safe, trim[1] + safe, trim[2] - safe, trim[3] - safe)
    off = [g for g in glyphs if not _inside(g.box, media)]
    if off:
        found.append(Finding(number, "text visible", f"text runs off the page: {_sample(off)}"))
    near = [g for g in glyphs if g not in off and not _inside(g.box, zone)]
    if near:
        found.append(Finding(number, "safe margin", f"text inside the {SAFE_MARGIN_MM:g} mm "
                             f"safe margin of the trim: {_sample(near)}"))
    low: list[tuple[float, Glyph, tuple[int, int, int]]] = []
    hidden = []
    for glyph in glyphs:
        if glyph in off:
            continue
        region = pixels.region(glyph.cell)
        # an RGB picture: each colour is an (r, g, b) tuple
        colours = cast(list[tuple[int, tuple[int, int, int]]],
                       region.getcolors(region.width * region.height) or [])
        if not colours:
            continue
        background = _ground(colours, glyph.colour)
        ratio = Colour.rgb(*glyph.colour).contrast(Colour.rgb(*background))
        if ratio < MIN_CONTRAST - 0.05:
            low.append((ratio, glyph, background))
        reach = _distance(glyph.colour, background) / 2
        if not any(_distance(c, glyph.colour) < reach for _, c in colours):
            hidden.append(glyph)
    if low:
        ratio, glyph, background = min(low, key=lambda item: item[0])
        found.append(Finding(number, "contrast", f"text {_hex(glyph.colour)} on "
                             f"{_hex(background)} has a contrast of {ratio:.1f}:1, below "
                             f"{MIN_CONTRAST:g}:1: {_sample([g for _, g, _ in low])}"))
    if hidden:
        found.append(Finding(number, "text visible", "text is clipped or covered and does "
                             f"not show: {_sample(hidden)}"))
    return found


def _bleed_findings(number: int, pixels: _Pixels, trim: tuple[float, ...],
                    bleed: tuple[float, ...]) -> list[Finding]:
    """Colour that reaches an edge of the trim must carry on into the bleed."""
    found = []
    inside, step = 1.0 * MM, 1.0 * MM
    left, bottom, right, top = trim
    edges = {
        "left": [((left + inside, y), (left - (left - bleed[0]) / 2, y)) for y in
                 _steps(bottom, top, step)],
        "right": [((right - inside, y), (right + (bleed[2] - right) / 2, y)) for y in
                  _steps(bottom, top, step)],
        "bottom": [((x, bottom + inside), (x, bottom - (bottom - bleed[1]) / 2)) for x in
                   _steps(left, right, step)],
        "top": [((x, top - inside), (x, top + (bleed[3] - top) / 2)) for x in
                _steps(left, right, step)],
    }
    reach = {"left": left - bleed[0], "right": bleed[2] - right,
             "bottom": bottom - bleed[1], "top": bleed[3] - top}
    white = (255, 255, 255)
    for edge, pairs in edges.items():
        coloured = [(pixels.at(*a), pixels.at(*b)) for a, b in pairs]
        without = reach[edge] < 1 * MM  # no bleed here: colour at the trim is enough to fail
        stops = [1 for a, b in coloured
                 if _distance(a, white) > 24 and (without or _distance(a, b) > 24)]
        if pairs and len(stops) > _EDGE_SHARE * len(pairs):
            missing = "there is no bleed" if without else "it stops at the trim"
            found.append(Finding(number, "bleed", f"colour reaches the {edge} edge of the "
                                 f"trim but {missing}; extend it 3 mm past the trim"))
    return found


def _steps(start: float, end: float, step: float) -> list[float]:
    margin = 3 * MM  # leave the corners, where crop marks meet
    count = int((end - start - 2 * margin) / step)
    return [start + margin + i * step for i in range(count + 1)]


def _image_findings(number: int, page: pdfium.PdfPage) -> list[Finding]:
    found = []
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8):
        metadata = image.get_metadata()
        dpi = min(metadata.horizontal_dpi, metadata.vertical_dpi)
        if dpi < MIN_DPI - 0.5:
            found.append(Finding(number, "images", f"an image of {metadata.width} x "
                                 f"{metadata.height} px prints at {dpi:.0f} dpi, below "
                                 f"{MIN_DPI:.0f} dpi"))
    return found


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


def preflight(data: bytes, name: str, print_shop: bool = False) -> Report:
    """Check one PDF's bytes; `name` is how the report names the file. `print_shop` adds
    a print shop's checks (preflight_print.py): CMYK, output intent, ink, hairlines."""
    report = Report(name)
    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data))
        keywords = str(reader.metadata.get("/Keywords", "") or "") if reader.metadata else ""
        document = pdfium.PdfDocument(data)
    except (PdfReadError, pdfium.PdfiumError, ValueError) as error:
        report.findings.append(Finding(0, "file", f"this is not a readable PDF ({error})"))
        return report
    report.floor = body_floor(keywords)
    report.pages = len(document)
    if print_shop:
        with _quiet_pypdf():
            report.findings += [Finding(*found) for found in print_shop_findings(reader)]
    try:
        for index, page in enumerate(document):
            number, info = index + 1, reader.pages[index]
            report.findings += _box_findings(number, info) + _font_findings(number, info)
            media, trim = _rect(info.mediabox), _rect(info.trimbox)
            pixels = _Pixels(page)
            textpage = page.get_textpage()
            report.findings += _text_findings(number, textpage, pixels, report.floor, media,
                                              trim)
            report.findings += _bleed_findings(number, pixels, trim, _rect(info.bleedbox))
            report.findings += _image_findings(number, page)
            textpage.close()
            page.close()
    finally:
        document.close()
    return report


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
