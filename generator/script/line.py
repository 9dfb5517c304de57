"""Script (lines): wrap text of any direction and script by its shaped width; draw lines.

Text comes as pieces, each with the chain of fonts that may print it (a bold lead
such as "Musik:" and the regular text after it). A line is set run by run in visual
order (runs.py) and drawn with the glyphs HarfBuzz chose (shape.py), whose ToUnicode
entries give back the letters, so viewers and text extractors (poppler, PDFium) read
each Arabic word in logical order. An ActualText span per line was tried and
dropped: poppler then reversed the Arabic a second time, and PDFium ignores it.
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
class Piece:
    """Text and the fonts that may print it, first choice first."""

    text: str
    chain: tuple[str, ...]


Line = tuple[Piece, ...]


@lru_cache(maxsize=16384)
def runs(line: Line, rtl: bool) -> list[Run]:
    """The runs of a line in visual order; NoGlyph names a character no font has."""
    text = "".join(p.text for p in line)
    chains = [p.chain for p in line for _ in p.text]
    try:
        found = logical_runs(text, rtl, chains, has_glyph)
    except KeyError as missing:
        character = str(missing.args[0])
        chain = next(p.chain for p in line if character in p.text)
        raise NoGlyph(character, chain) from None
    return visual_order(found)


@lru_cache(maxsize=16384)
def measure(line: Line, size: float, rtl: bool) -> float:
    """The width of a line at `size` points."""
    return sum(run_width(run, size) for run in runs(line, rtl))


def words(pieces: Sequence[Piece]) -> list[Piece]:
    """Pieces split at spaces (no-break spaces hold); empty words dropped."""
    return [Piece(word, p.chain) for p in pieces for word in p.text.split(" ") if word]


def wrap(pieces: Sequence[Piece], width: float, size: float, rtl: bool) -> list[Line]:
    """Greedy line breaking at spaces; each line's pieces in logical order."""
    lines: list[Line] = []
    current: list[Piece] = []
    for word in words(pieces):
        trial = _joined(current + [word]) if current else (word,)
        if current and measure(trial, size, rtl) > width:
            lines.append(_joined(current))
            current = [word]
        else:
            current.append(word)
    if current:
        lines.append(_joined(current))
    return lines


def _joined(line_words: Sequence[Piece]) -> Line:
    """Words with a space between them, the space in the chain of the word before."""
    joined: list[Piece] = []
    for word in line_words:
        if joined:
            joined.append(Piece(" ", joined[-1].chain))
        joined.append(word)
    return tuple(joined)


def widest_word(pieces: Sequence[Piece], size: float, rtl: bool) -> tuple[str, float]:
    measured = [(w.text, measure((w,), size, rtl)) for w in words(pieces)] or [("", 0.0)]
    return max(measured, key=lambda pair: pair[1])


def draw_line(canvas: Canvas, line: Line, x: float, y: float, size: float, rtl: bool,
              colour: object = None) -> float:
    """Draw one line with its left end at `x`, baseline `y`; return its width."""
    text_object = canvas.beginText()
    if colour is not None:
        text_object.setFillColor(colour)
    at = x
    for run in runs(line, rtl):
        text_object.setFont(run.font, size)
        text_object.setTextOrigin(at, y)
        text_object.textOut(shape(run.text, run.font, run.rtl))
        at += run_width(run, size)
    canvas.drawText(text_object)
    return at - x


def plain(text: str, chain: tuple[str, ...]) -> Line:
    """One piece of text as a line (a heading, a contact line)."""
    return (Piece(text, chain),)
