"""The fixed-code subset is a non-symbolic TrueType font in WinAnsiEncoding: readers find
its glyphs and its text by the encoding's names, with no ToUnicode map."""
from __future__ import annotations

import io
import re

import pypdf
import pypdfium2 as pdfium
from fontTools.ttLib import TTFont as FontFile
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC
from test_glyph_codes import REGULAR, _pdf

from generator.pdf import win_ansi
from generator.pdf.font_slim import unhinted

TEXT = "Åke får ”lugn” – 3,5\u00a0kg, €5 och Œuvre…"


def _first_subset(data: bytes) -> pypdf.generic.DictionaryObject:
    fonts = pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    return next(fonts[name] for name in fonts if name.endswith("+0")).get_object()


def test_the_fixed_subset_is_a_non_symbolic_font_in_win_ansi_encoding() -> None:
    font = _first_subset(_pdf(TEXT))
    assert font["/Encoding"] == "/WinAnsiEncoding"
    assert "/ToUnicode" not in font
    flags = font["/FontDescriptor"]["/Flags"]
    assert flags & FF_NONSYMBOLIC and not flags & FF_SYMBOLIC


def test_each_drawn_character_finds_its_glyph_through_the_unicode_cmap() -> None:
    """Code → WinAnsi name → Unicode → (3,1) cmap: the glyph ReportLab's (1,0) table gave
    that code, with the outline of that character in the whole font."""
    font = _first_subset(_pdf(TEXT))
    program = FontFile(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_data()))
    tables = [(t.platformID, t.platEncID, t.format) for t in program["cmap"].tables]
    assert tables == [(3, 1, 4)]
    cmap = program["cmap"].getBestCmap()
    assert set(cmap) == {ord(c) for c in TEXT.replace("\u00a0", " ")}
    whole = FontFile(io.BytesIO(unhinted(REGULAR)))
    subset_glyphs, whole_glyphs = program["glyf"], whole["glyf"]
    for char in "Åå”€Œ…":
        mine = subset_glyphs[cmap[ord(char)]]
        theirs = whole_glyphs[whole["cmap"].getBestCmap()[ord(char)]]
        assert mine.numberOfContours == theirs.numberOfContours, char


def test_readers_give_back_the_text() -> None:
    data = _pdf(TEXT)
    page = pdfium.PdfDocument(data)[0]
    assert page.get_textpage().get_text_range().strip() == TEXT.replace("\u00a0", " ")
    assert pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().strip() == (
        TEXT.replace("\u00a0", " "))


def test_a_soft_hyphen_is_not_drawn_by_the_hyphens_name() -> None:
    """WinAnsi calls 0xAD "hyphen" (U+002D): the soft hyphen takes a second-subset code,
    with a ToUnicode map, rather than a code whose name finds another glyph."""
    data = _pdf("sam\u00admanhang")
    shown = re.findall(rb"\((.*?)\) Tj", data)
    assert b"\\255" not in b"".join(shown)
    fonts = pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    second = next(fonts[name] for name in fonts if name.endswith("+1")).get_object()
    assert "/ToUnicode" in second and "/Encoding" not in second
    assert "\u00ad" in win_ansi.NOT_BY_NAME


def test_format_4_segments_run_where_characters_and_glyphs_run_together() -> None:
    table = win_ansi._format_4([(0x41, 3), (0x42, 4), (0x43, 5), (0x61, 9), (0x2026, 10)])
    count = int.from_bytes(table[6:8], "big") // 2
    assert count == 4  # A–C, a, …, and the closing 0xFFFF
    ends = [int.from_bytes(table[14 + 2 * i:16 + 2 * i], "big") for i in range(count)]
    assert ends == [0x43, 0x61, 0x2026, 0xFFFF]
