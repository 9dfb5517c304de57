"""Preflight (the drawn page): what pdfium's glyphs and the rendered pixels show.

Type size against the floor, contrast against what is really under each character,
text in the safe margin, clipped, covered or off the page, colour that stops at the
trim instead of running through the bleed, images below 300 dpi. Each check runs
guarded: on a damaged page a check that fails becomes a finding naming it.
"""
from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from .layout import MIN_CONTRAST, MM, SAFE_MARGIN_MM
from .model.colour import Colour

MIN_DPI = 300.0
RENDER_DPI = 150
MAX_PIXELS = 40_000_000  # A0 at RENDER_DPI: larger pages are not rendered
_TOLERANCE_PT = 0.05
_EDGE_SHARE = 0.02  # share of an edge where colour may stop at the trim (anti-aliasing)


@dataclass(frozen=True)
class Finding:
    page: int  # 1-based; 0 for the file as a whole
    check: str
    message: str


Rect = tuple[float, float, float, float]


def inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01
            and inner[2] <= outer[2] + 0.01 and inner[3] <= outer[3] + 0.01)


@dataclass(frozen=True)
class Boxes:
    """A page's boxes, each read and found to be a rectangle; `nested` when each holds the next."""

    media: Rect
    bleed: Rect
    trim: Rect
    nested: bool


def why(error: BaseException) -> str:
    """An error's own words, short enough for one line of a report."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 80 else text[:79] + "…"


def guarded(number: int, check: str, work: Callable[[], list[Finding]]) -> list[Finding]:
    """The findings of one check on one page; a check that fails on it is a finding too."""
    try:
        return work()
    except Exception as error:  # a damaged page must not end the report
        return [Finding(number, check, f"the page is damaged and cannot be checked "
                        f"({why(error)})")]


def drawn_findings(number: int, page: pdfium.PdfPage, floor: float,
                   boxes: Boxes) -> list[Finding]:
    """The checks that read the rendered page: type, contrast, margins, bleed, images."""
    width, height = page.get_size()
    pixels_needed = width * height * (RENDER_DPI / 72) ** 2
    if not 0 < pixels_needed <= MAX_PIXELS:
        return [Finding(number, "page boxes", f"the page is {width / MM:.0f} x "
                        f"{height / MM:.0f} mm; pages larger than A0 are not checked")]
    pixels = _Pixels(page)
    textpage = page.get_textpage()
    try:
        found = guarded(number, "text", lambda: _text_findings(
            number, textpage, pixels, floor, boxes.media, boxes.trim))
    finally:
        textpage.close()
    if boxes.nested:  # where the boxes cross, there is no bleed to measure
        found += guarded(number, "bleed", lambda: _bleed_findings(
            number, pixels, boxes.trim, boxes.bleed))
    return found + guarded(number, "images", lambda: _image_findings(number, page))


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
        self.access = self.image.load()  # reads one pixel far faster than getpixel
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
        return self.access[px, py]  # type: ignore[index, return-value]


def _hex(colour: tuple[int, int, int]) -> str:
    return Colour.rgb(*colour).hex


def _distance(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """The largest difference in any one channel (called for every colour of every glyph)."""
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2]))


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
    off = [g for g in glyphs if not inside(g.box, media)]
    if off:
        found.append(Finding(number, "text visible", f"text runs off the page: {_sample(off)}"))
    near = [g for g in glyphs if g not in off and not inside(g.box, zone)]
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
