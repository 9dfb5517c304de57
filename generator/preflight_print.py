"""Check (print shop): what a print shop's preflight asks of a PDF/X file, for `check --tryckeri`.

Reads any PDF with pypdf, walking every page's content and, through `Do`, every form
XObject it places (with the form's matrix), so what hides in a form is measured too:
RGB colour, the PDF/X output intent, total ink over 300 %, rich black text, hairlines
under 0.25 pt, images under 300 dpi at their printed size, and the bleed. Fonts that
are not embedded are found by preflight's own font check.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from pypdf import PdfReader
from pypdf.generic import ContentStream

from .model.colour import MAX_INK

MIN_LINE_PT = 0.25
MIN_DPI = 300.0
BLEED_MM = 3.0
_MM = 72 / 25.4
_RGB_SPACES = {"/DeviceRGB", "/CalRGB"}
_PAINT_TEXT = {"Tj", "TJ", "'", '"'}
_STROKE = {"S", "s", "B", "B*", "b", "b*"}

PRINT_SHOP_CHECKS = ("RGB colour", "output intent", "ink", "rich black text", "hairlines")
Finding = tuple[int, str, str]  # page (1-based; 0: the whole file), check, message
Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class _State:
    ctm: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    line: float = 1.0
    fill: tuple[str, tuple[float, ...]] = ("gray", (0.0,))


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _space_kind(space: object, resources: object) -> str:
    """'rgb', 'cmyk', 'gray' or 'other' for a colour space name or array."""
    space = getattr(space, "get_object", lambda: space)()
    if isinstance(space, list) and space:
        family = str(space[0])
        if family == "/ICCBased":
            return {3: "rgb", 4: "cmyk", 1: "gray"}.get(int(space[1].get_object()["/N"]), "other")
        return "rgb" if family in _RGB_SPACES else "other"
    name = str(space)
    named = getattr(resources, "get", lambda *_: None)("/ColorSpace")
    if named is not None and name in named.get_object():
        return _space_kind(named.get_object()[name], None)
    return {"/DeviceRGB": "rgb", "/CalRGB": "rgb", "/DeviceCMYK": "cmyk",
            "/DeviceGray": "gray"}.get(name, "other")


class _Walker:
    """Walks one page's content and forms; collects what breaks a print shop's rules."""

    def __init__(self, reader: PdfReader, number: int) -> None:
        self.reader, self.number = reader, number
        self.found: dict[tuple[str, str], None] = {}
        self.seen_forms: set[int] = set()

    def say(self, check: str, message: str) -> None:
        self.found[(check, message)] = None

    def walk(self, content: object, resources: object, state: _State) -> None:
        stack: list[_State] = []
        stream = content if isinstance(content, ContentStream) else ContentStream(content,
                                                                                  self.reader)
        operations = stream.operations
        for operands, raw in operations:
            op = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
            values = [float(v) for v in operands if isinstance(v, (int, float))]
            if op == "q":
                stack.append(state)
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm" and len(values) == 6:
                state = replace(state, ctm=_times(tuple(values), state.ctm))  # type: ignore[arg-type]
            elif op == "w" and values:
                state = replace(state, line=values[0])
            elif op in ("rg", "RG"):
                self.say("RGB colour", "colour given in RGB; a print shop needs CMYK")
                if op == "rg":
                    state = replace(state, fill=("rgb", tuple(values)))
            elif op in ("cs", "CS") and operands:
                kind = _space_kind(operands[0], resources)
                if kind == "rgb":
                    self.say("RGB colour", "an RGB colour space is used")
                if op == "cs":
                    state = replace(state, fill=(kind, ()))
            elif op in ("k", "K", "sc", "scn", "SC", "SCN"):
                state = self._colour(op, values, state)
            elif op in ("g",):
                state = replace(state, fill=("gray", tuple(values)))
            elif op in _PAINT_TEXT:
                self._text(state)
            elif op in _STROKE:
                width = state.line * math.sqrt(abs(state.ctm[0] * state.ctm[3]
                                                   - state.ctm[1] * state.ctm[2]))
                if width < MIN_LINE_PT - 1e-3:
                    self.say("hairlines", f"a line {width:.2f} pt wide, under {MIN_LINE_PT} pt, "
                             "may not print")
            elif op == "Do" and operands:
                self._place(str(operands[0]), resources, state)

    def _colour(self, op: str, values: list[float], state: _State) -> _State:
        fill = op in ("k", "sc", "scn")
        if op in ("k", "K") or (len(values) == 4 and (not fill or state.fill[0] == "cmyk")):
            if len(values) == 4 and sum(values) * 100 > MAX_INK + 0.5:
                self.say("ink", f"{sum(values) * 100:.0f} % ink in one colour, over {MAX_INK} %")
            return replace(state, fill=("cmyk", tuple(values))) if fill else state
        if fill:
            return replace(state, fill=(state.fill[0], tuple(values)))
        return state

    def _text(self, state: _State) -> None:
        kind, values = state.fill
        if kind == "cmyk" and len(values) == 4:
            c, m, y, k = values
            if k >= 0.5 and c + m + y > 0.05:
                self.say("rich black text", f"text in four-colour black ({c * 100:.0f}/"
                         f"{m * 100:.0f}/{y * 100:.0f}/{k * 100:.0f}); black text takes "
                         "black ink alone")

    def _place(self, name: str, resources: object, state: _State) -> None:
        objects = getattr(resources, "get", lambda *_: None)("/XObject")
        if objects is None or name not in objects.get_object():
            return
        xobject = objects.get_object()[name].get_object()
        if xobject.get("/Subtype") == "/Image":
            self._image(xobject, state)
        elif xobject.get("/Subtype") == "/Form" and id(xobject) not in self.seen_forms:
            self.seen_forms.add(id(xobject))
            matrix = tuple(float(v) for v in xobject.get("/Matrix", (1, 0, 0, 1, 0, 0)))
            inner = replace(state, ctm=_times(matrix, state.ctm))  # type: ignore[arg-type]
            self.walk(xobject, xobject.get("/Resources", resources), inner)
            self.seen_forms.discard(id(xobject))

    def _image(self, image: object, state: _State) -> None:
        a, b, c, d = state.ctm[:4]
        wide, tall = math.hypot(a, b) / 72, math.hypot(c, d) / 72
        pixels_x, pixels_y = int(image["/Width"]), int(image["/Height"])  # type: ignore[index]
        dpi = min(pixels_x / wide if wide else math.inf, pixels_y / tall if tall else math.inf)
        if dpi < MIN_DPI - 0.5:
            self.say("images", f"an image of {pixels_x} x {pixels_y} px prints at {dpi:.0f} "
                     f"dpi, below {MIN_DPI:.0f} dpi")
        space = image.get("/ColorSpace")  # type: ignore[attr-defined]
        if space is not None and _space_kind(space, None) == "rgb":
            self.say("RGB colour", "an image in RGB")


def _intent_findings(reader: PdfReader) -> Iterator[Finding]:
    listed = reader.trailer["/Root"].get("/OutputIntents")  # type: ignore[attr-defined]
    intents = [i.get_object() for i in listed.get_object()] if listed is not None else []
    pdfx = [i for i in intents if i.get("/S") == "/GTS_PDFX"]
    if not pdfx:
        yield 0, "output intent", "no PDF/X output intent (GTS_PDFX): the shop cannot " \
                                  "tell which press and paper the colours are for"
        return
    profile = pdfx[0].get("/DestOutputProfile")
    if profile is None:
        if not str(pdfx[0].get("/OutputConditionIdentifier", "")).strip():
            yield 0, "output intent", "the output intent names no profile and no condition"
    elif int(profile.get_object().get("/N", 0)) != 4:
        yield 0, "output intent", "the output intent's profile is not a CMYK profile"


def _bleed_findings(number: int, page: object) -> Iterator[Finding]:
    trim = page.get("/TrimBox")  # type: ignore[attr-defined]
    bleed = page.get("/BleedBox")  # type: ignore[attr-defined]
    if trim is None or bleed is None:
        yield number, "bleed", "no TrimBox and BleedBox: the shop cannot see the cut and the bleed"
        return
    t, b = [float(v) for v in trim], [float(v) for v in bleed]
    least = min(t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3]) / _MM
    if least < BLEED_MM - 0.05:
        yield number, "bleed", f"the bleed is {max(least, 0):.1f} mm, under {BLEED_MM:g} mm"


def print_shop_findings(reader: PdfReader) -> list[Finding]:
    """Everything a print shop's preflight would refuse in this file, page by page."""
    found = list(_intent_findings(reader))
    for index, page in enumerate(reader.pages):
        number = index + 1
        found += _bleed_findings(number, page)
        walker = _Walker(reader, number)
        contents = page.get_contents()
        if contents is not None:
            walker.walk(contents, page.get("/Resources", {}), _State())
        found += [(number, check, message) for check, message in walker.found]
    return found
