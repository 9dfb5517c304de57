"""Fonts (WinAnsi): a font's fixed-code subset as a plain TrueType font in
WinAnsiEncoding, which every PDF reader maps to text without a ToUnicode table.

The first subset of a fixed-codes font (glyph_codes.py) puts every character at its
Windows-1252 code, which is what PDF's WinAnsiEncoding names: 0x61 "a", 0xE5 "aring",
0x94 "quotedblright". Said so in the font dictionary, with the font marked
non-symbolic, a reader finds each glyph by its name's Unicode value in the font
program's (3,1) Unicode cmap, and copying, searching and screen readers read the text
through the same names. The ToUnicode map each subset carried before (some 380 bytes
a face in a card file) is not needed: PDF/A-2 (6.2.11.7.2) and PDF/UA name
WinAnsiEncoding as enough, and PDF/A-2 (6.2.11.6) asks a non-symbolic TrueType font
for exactly this cmap.

ReportLab writes its subsets as symbolic fonts, with one (1,0) cmap from code to
glyph; `unicode_program` swaps that table for a (3,1) table from each character's
Unicode value to the same glyph, and `descriptor` makes the font descriptor
ReportLab's `addSubsetObjects` makes, but non-symbolic.
"""
from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFontMaker

ENCODING = "WinAnsiEncoding"
# Characters of Windows-1252 whose WinAnsiEncoding glyph names mean another character:
# the soft hyphen's code is named "hyphen" (U+002D), so a reader would look for the
# hyphen's glyph. They take codes in a second subset, with a ToUnicode map.
NOT_BY_NAME = frozenset("\u00ad")
# a cmap table with one subtable, (3,1), at offset 12, of format 4
_CMAP_HEAD = struct.pack(">4HLH", 0, 1, 3, 1, 12, 4)


def _tables(program: bytes) -> dict[str, bytes]:
    count = struct.unpack(">H", program[4:6])[0]
    tables = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack(">4sLLL", program[12 + 16 * index:28 + 16 * index])
        tables[tag.decode("latin-1")] = program[offset:offset + length]
    return tables


def _glyphs_by_code(cmap: bytes) -> tuple[int, ...]:
    """The glyph of each code in ReportLab's one (1,0) format 6 subtable."""
    first, count = struct.unpack(">HH", cmap[4 + 8 + 6:4 + 8 + 10])
    entries = struct.unpack(f">{count}H", cmap[4 + 8 + 10:4 + 8 + 10 + 2 * count])
    return (0,) * first + entries


def _format_4(pairs: Sequence[tuple[int, int]]) -> bytes:
    """A (3,1) cmap subtable: runs of characters whose glyphs run on together are one
    segment each (with the final 0xFFFF segment the format asks for)."""
    segments: list[list[int]] = []  # start, end, glyph minus character
    for char, glyph in pairs:
        if segments and char == segments[-1][1] + 1 and glyph - char == segments[-1][2]:
            segments[-1][1] = char
        else:
            segments.append([char, char, glyph - char])
    segments.append([0xFFFF, 0xFFFF, 1])
    count = len(segments)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">7H", 4, 16 + 8 * count, 0, 2 * count, 2 * power,
                         power.bit_length() - 1, 2 * count - 2 * power)
    ends = struct.pack(f">{count}H", *(end for _, end, _ in segments))
    starts = struct.pack(f">{count}H", *(start for start, _, _ in segments))
    deltas = struct.pack(f">{count}H", *(delta & 0xFFFF for _, _, delta in segments))
    return header + ends + b"\0\0" + starts + deltas + b"\0\0" * count


def characters(program: bytes) -> set[int] | None:
    """The Unicode values the (3,1) cmap of a program made by `unicode_program` maps to
    glyphs, or None for a font program of another shape."""
    cmap = _tables(program).get("cmap", b"")
    if cmap[:14] != _CMAP_HEAD:
        return None
    table = cmap[12:]
    count = struct.unpack(">H", table[6:8])[0] // 2
    ends = struct.unpack(f">{count}H", table[14:14 + 2 * count])
    starts = struct.unpack(f">{count}H", table[16 + 2 * count:16 + 4 * count])
    return {char for start, end in zip(starts, ends, strict=True) if start != 0xFFFF
            for char in range(start, end + 1)}


def unicode_program(program: bytes, subset: Sequence[int]) -> bytes:
    """ReportLab's subset `program`, made for `subset` (the Unicode value drawn at each
    code, 0 where none), with a (3,1) cmap in place of its (1,0) one."""
    tables = _tables(program)
    glyphs = _glyphs_by_code(tables["cmap"])
    pairs = sorted({(char, glyphs[code]) for code, char in enumerate(subset) if char})
    cmap = _CMAP_HEAD[:12] + _format_4(pairs)
    maker = TTFontMaker()
    for tag, table in tables.items():
        maker.add(tag, cmap if tag == "cmap" else table)
    return bytes(maker.makeStream())


def descriptor(doc: Any, face: Any, font_name: str, program: bytes) -> Any:
    """A reference to the font descriptor of `program`, non-symbolic, with the metrics
    ReportLab's `TTFontFace.addSubsetObjects` gives it."""
    font_file = pdfdoc.PDFStream()
    font_file.content = program
    font_file.dictionary["Length1"] = len(program)
    if doc.compression:
        font_file.filters = [pdfdoc.PDFZCompress]
    font_file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({font_name})")
    described = pdfdoc.PDFDictionary({
        "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
        "Descent": face.descent, "Flags": (face.flags | FF_NONSYMBOLIC) & ~FF_SYMBOLIC,
        "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(font_name),
        "ItalicAngle": face.italicAngle, "StemV": face.stemV, "FontFile2": font_file_ref,
        "MissingWidth": face.defaultWidth})
    return doc.Reference(described, "fontDescriptor:" + font_name)
