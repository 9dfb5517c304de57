"""Fonts (slimming): a TrueType font without its hinting, for embedding in print PDFs.

Hinting (the `fpgm`, `prep`, `cvt ` tables and each glyph's instructions) snaps
outlines to a screen's pixel grid. Print and PDF viewers at today's resolutions do
not need it, and in a personal card it is about a third of every embedded subset:
dropping it makes each card some 10 KB smaller. The naming table, which every subset
copies whole, keeps who made the font and under which licence (copyright, family,
style, full and PostScript names, the licence's address) and drops its long texts
(the licence itself, designers, version and vendor strings): some 0.7 KB less in every
card file. The SIL Open Font License does not ask for its text in a document that
embeds the font (OFL FAQ, 1.11). Outlines and metrics are kept as they are; only what
is embedded in our PDFs changes.
"""
from __future__ import annotations

import struct
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile, TTFontMaker

# Tables a PDF subset never needs: hinting and the signature that stops being valid
# once anything changes. The layout tables (GSUB, GPOS, GDEF) stay: HarfBuzz shapes
# Arabic from these same bytes (generator/script/shape.py), and ReportLab's subsets
# never embed them, so keeping them costs the PDFs nothing.
_DROPPED = {"fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "gasp", "DSIG", "glyf", "loca"}
_HEAD_CHECKSUM, _HEAD_LOCA_FORMAT = 8, 50
# name IDs kept: copyright, family, style, full name, PostScript name, licence URL
_NAMES_KEPT = frozenset({0, 1, 2, 4, 6, 14})


def _short_names(table: bytes) -> bytes:
    """The naming table (format 0) with only the records in `_NAMES_KEPT`."""
    format_, count, storage = struct.unpack(">HHH", table[:6])
    if format_ != 0:
        return table
    records, strings = [], bytearray()
    for index in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack(
            ">6H", table[6 + 12 * index:18 + 12 * index])
        if name_id in _NAMES_KEPT:
            records.append(struct.pack(">6H", platform, encoding, language, name_id,
                                       length, len(strings)))
            strings += table[storage + offset:storage + offset + length]
    head = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    return head + b"".join(records) + bytes(strings)


def _simple_glyph_end(glyph: bytes, at: int, points: int) -> int:
    """Where a simple glyph's coordinates end, reading its flags from `at`: the bytes
    after are the font's padding, which the slim font's own padding replaces."""
    x_bytes = y_bytes = 0
    read = 0
    while read < points:
        flags = glyph[at]
        at += 1
        repeat = 1
        if flags & 0x08:  # REPEAT_FLAG
            repeat += glyph[at]
            at += 1
        x_bytes += repeat * (1 if flags & 0x02 else 0 if flags & 0x10 else 2)
        y_bytes += repeat * (1 if flags & 0x04 else 0 if flags & 0x20 else 2)
        read += repeat
    return at + x_bytes + y_bytes


def _without_instructions(glyph: bytes) -> bytes:
    """A simple glyph with its instruction bytes and padding removed; composites stay as
    they are."""
    if len(glyph) < 12:
        return glyph
    contours = struct.unpack(">h", glyph[:2])[0]
    if contours < 0:
        return glyph
    at = 10 + 2 * contours
    points = struct.unpack(">H", glyph[at - 2:at])[0] + 1 if contours else 0
    length = struct.unpack(">H", glyph[at:at + 2])[0]
    end = _simple_glyph_end(glyph, at + 2 + length, points)
    return glyph[:at] + b"\0\0" + glyph[at + 2 + length:end]


def unhinted(path: Path) -> bytes:
    """The font at `path` as TrueType bytes with no hinting (long `loca` offsets)."""
    font = TTFontFile(str(path), validate=0)
    glyphs = font.get_table("glyf")
    positions = font.glyphPos
    body, offsets = bytearray(), []
    for start, end in zip(positions, positions[1:], strict=False):
        offsets.append(len(body))
        body += _without_instructions(glyphs[start:end])
        body += b"\0" * (-len(body) % 4)
    offsets.append(len(body))
    maker = TTFontMaker()
    for tag in font.table:
        if tag in _DROPPED:
            continue
        table = font.get_table(tag)
        if tag == "name":
            table = _short_names(table)
        if tag == "head":
            table = (table[:_HEAD_CHECKSUM] + b"\0\0\0\0" + table[_HEAD_CHECKSUM + 4:
                     _HEAD_LOCA_FORMAT] + struct.pack(">h", 1) + table[_HEAD_LOCA_FORMAT + 2:])
        maker.add(tag, table)
    maker.add("glyf", bytes(body))
    maker.add("loca", struct.pack(f">{len(offsets)}L", *offsets))
    return maker.makeStream()
