"""Script (shaping): one run through HarfBuzz into glyphs ReportLab can draw.

HarfBuzz (uharfbuzz) applies the font's GSUB and GPOS tables: Arabic letters take
their joined forms, lam and alef become one ligature, marks sit on their letters.
Its glyphs come back in visual order. ReportLab embeds fonts by character, so a glyph
with no character of its own (a medial form, a ligature) gets a private-use code in
that font, as ReportLab's own experimental shaping does (`hbAddPrivate`), and the
text object draws the glyphs with HarfBuzz's advances and offsets (its ShapedStr).
Unlike ReportLab's, our private codes map back to the letters they stand for in the
PDF's ToUnicode table, so copying, searching and text extraction give Arabic letters
(a lam-alef ligature gives lam and alef), not private-use characters.
"""
from __future__ import annotations

from functools import lru_cache

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from .runs import Run

FEATURES = {"kern": True, "liga": True}


@lru_cache(maxsize=16)
def _hb_font(font_name: str) -> hb.Font:
    font = pdfmetrics.getFont(font_name)
    hb_font = font.hbFont(1000)  # ReportLab's face of the same bytes it embeds
    return hb_font


# Glyphs drawn under a private code, and the letters each stands for. Codes come from
# Supplementary Private Use Area-A, one counter for all fonts, so a code is never
# ambiguous; the ToUnicode map of every embedded subset gives back the letters.
_PRIVATE_TEXT: dict[int, str] = {}
_PRIVATE_CODES: dict[tuple[str, int, str], int] = {}
_FIRST_PRIVATE = 0xF0000


def _private(font_name: str, glyph: int, text: str, advance: float) -> int:
    key = (font_name, glyph, text)
    code = _PRIVATE_CODES.get(key)
    if code is None:
        code = _FIRST_PRIVATE + len(_PRIVATE_CODES)
        face = pdfmetrics.getFont(font_name).face
        face.charToGlyph[code] = glyph
        face.charWidths[code] = advance
        _PRIVATE_CODES[key] = code
        _PRIVATE_TEXT[code] = text
    return code


def _to_unicode(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with each private code mapped to its letters."""
    cmap = _make_to_unicode(fontname, subset)
    for index, code in enumerate(subset):
        if code in _PRIVATE_TEXT:
            letters = _PRIVATE_TEXT[code].encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{letters}>", 1)
    return cmap


_make_to_unicode = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode


def _cluster_texts(text: str, clusters: list[int]) -> dict[int, str]:
    """The characters each cluster stands for (clusters are character indices)."""
    starts = sorted(set(clusters))
    ends = starts[1:] + [len(text)]
    return {start: text[start:end] for start, end in zip(starts, ends, strict=True)}


@lru_cache(maxsize=8192)
def shape(text: str, font_name: str, rtl: bool) -> ShapedStr:
    """`text` shaped in one direction: glyphs in visual order, widths per 1000 units."""
    font = pdfmetrics.getFont(font_name)
    hb_font = _hb_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(hb_font, buffer, FEATURES)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    texts = _cluster_texts(text, [info.cluster for info in infos])
    # The widest glyph of a cluster stands for its letters: a font that draws a
    # letter as a base and separate dots leaves the dots (zero width) without text,
    # so extraction, which orders glyphs by position, keeps the letters in order.
    carrier: dict[int, int] = {}
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or position.x_advance > positions[best].x_advance:
            carrier[info.cluster] = index
    characters, data = [], []
    scale = font.pdfScale
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        glyph, advance = info.codepoint, scale(position.x_advance)
        letters = texts[info.cluster] if carrier[info.cluster] == index else ""
        if rtl:  # extractors reverse right-to-left text, a ligature's letters with it
            letters = letters[::-1]
        natural = font.face.glyphToChar.get(glyph) or []
        if len(letters) == 1 and ord(letters) in natural:
            code = ord(letters)
        elif not letters and natural:
            code = natural[0]
        else:
            code = _private(font_name, glyph, letters or "\u200c", advance)
        characters.append(chr(code))
        data.append(ShapeData(info.cluster, advance, scale(position.y_advance),
                              scale(position.x_offset), scale(position.y_offset),
                              font.face.charWidths.get(code, advance)))
    return ShapedStr("".join(characters), shapeData=data)


def width(shaped: ShapedStr, size: float) -> float:
    """The advance of shaped text at `size` points."""
    return sum(d.x_advance for d in shaped.__shapeData__) * size / 1000


def run_width(run: Run, size: float) -> float:
    return width(shape(run.text, run.font, run.rtl), size)
