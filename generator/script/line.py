"""Script (lines): wrap text of any direction by its shaped width, and draw each line.

A line is set run by run in visual order (see runs.py) and drawn with the glyphs
HarfBuzz chose (shape.py), whose ToUnicode entries give back the letters: viewers and
text extractors (poppler, PDFium) read each Arabic word in logical order. An
ActualText span per line was tried and dropped: poppler then reversed the Arabic a
second time, and PDFium ignores it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .runs import Run, logical_runs, visual_order
from .shape import run_width, shape


class NoGlyph(ValueError):
    """No font of the chain has this character."""

    def __init__(self, character: str, chain: Sequence[str]) -> None:
        super().__init__(character)
        self.character, self.chain = character, tuple(chain)


@lru_cache(maxsize=64)
def _covered(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def has_glyph(font_name: str, character: str) -> bool:
    return ord(character) in _covered(font_name) or character in "\n\t"


@dataclass(frozen=True)
class Setting:
    """How a stretch of text is set: the font chain (first choice first), size, direction."""

    chain: tuple[str, ...]
    size: float
    rtl: bool


def runs(text: str, setting: Setting) -> list[Run]:
    """The runs of a line in visual order; NoGlyph names a character no font has."""
    try:
        found = logical_runs(text, setting.rtl, setting.chain, has_glyph)
    except KeyError as missing:
        raise NoGlyph(str(missing.args[0]), setting.chain) from None
    return visual_order(found)


@lru_cache(maxsize=16384)
def measure(text: str, setting: Setting) -> float:
    """The width of `text` set as one line."""
    return sum(run_width(run, setting.size) for run in runs(text, setting))


def wrap(text: str, width: float, setting: Setting) -> list[str]:
    """Greedy line breaking at spaces (no-break spaces hold); lines in logical order."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        trial = f"{current} {word}" if current else word
        if current and measure(trial, setting) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def draw_line(canvas: Canvas, text: str, x: float, y: float, setting: Setting,
              colour: object = None) -> float:
    """Draw one line with its left end at `x`, baseline `y`; return its width."""
    text_object = canvas.beginText()
    if colour is not None:
        text_object.setFillColor(colour)
    at = x
    for run in runs(text, setting):
        shaped = shape(run.text, run.font, run.rtl)
        text_object.setFont(run.font, setting.size)
        text_object.setTextOrigin(at, y)
        text_object.textOut(shaped)
        at += run_width(run, setting.size)
    canvas.drawText(text_object)
    return at - x
