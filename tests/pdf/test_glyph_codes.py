"""Every character its one glyph code in every file; the same stream compressed once."""
from __future__ import annotations

import io
import re
from pathlib import Path

import fontpkg
import pypdf
from fontTools.ttLib import TTFont as FontFile
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen.canvas import Canvas

from generator.pdf import deflate
from generator.pdf.font_slim import unhinted
from generator.pdf.glyph_codes import FixedCodesTTFont

REGULAR = Path(fontpkg.path("Atkinson Hyperlegible", weight=400))
FONT = FixedCodesTTFont("FixedTest", io.BytesIO(unhinted(REGULAR)), asciiReadable=0)


def _pdf(*texts: str) -> bytes:
    from reportlab.pdfbase import pdfmetrics

    if "FixedTest" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(FONT)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A6, invariant=1, pageCompression=0)
    canvas.setFont("FixedTest", 12)
    for line, text in enumerate(texts):
        canvas.drawString(20, 380 - 20 * line, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _reportlabs_glyphs(text: str) -> int:
    """How many glyphs ReportLab's own subset of `text` holds (.notdef, composites' parts)."""
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("PlainTest", io.BytesIO(unhinted(REGULAR)), asciiReadable=0).face
    codes = [0, *dict.fromkeys(ord(c) for c in text)]
    return int(FontFile(io.BytesIO(face.makeSubset(codes)))["maxp"].numGlyphs)


def _shown(data: bytes) -> list[bytes]:
    return re.findall(rb"\((.*?)\) Tj", data)


def test_the_same_text_is_the_same_bytes_whatever_came_before() -> None:
    step = "Sätt dig bredvid Åke – så nära att ”era” axlar kan mötas."
    first = _shown(_pdf("Greta Öberg, 070-174 06 50", step))[1]
    second = _shown(_pdf("Olle Holm", "zebra quiz", step))[2]
    assert first == second
    assert first.startswith(b"S\\344tt dig")  # "ä" is its Windows-1252 code, 0xE4


def test_a_file_embeds_only_the_glyphs_it_draws_and_maps_them_back_to_text() -> None:
    data = _pdf("Åke får sitta nära.")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.pages[0].extract_text().strip() == "Åke får sitta nära."
    fonts = reader.pages[0]["/Resources"]["/Font"]
    font = next(fonts[name] for name in fonts if name.endswith("+0")).get_object()
    program = FontFile(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_data()))
    assert program["maxp"].numGlyphs == _reportlabs_glyphs("Åke får sitta nära.")
    first, last = font["/FirstChar"], font["/LastChar"]
    assert (first, last) == (ord(" "), ord("å"))  # the width array runs over the codes used
    widths = font["/Widths"]
    assert widths[ord("k") - first] == FONT.face.getCharWidth(ord("k"))
    assert widths[ord("z") - first] == 0  # a code not drawn


def test_characters_outside_windows_1252_take_codes_in_a_second_subset() -> None:
    data = _pdf("Wałęsa och Åke")  # "ł" and "ę" are not in Windows-1252
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.pages[0].extract_text().strip() == "Wałęsa och Åke"
    subsets = [name for name in reader.pages[0]["/Resources"]["/Font"] if "+" in name]
    assert sorted(name[-2:] for name in subsets) == ["+0", "+1"]


def test_a_no_break_space_prints_as_the_space() -> None:
    data = _pdf("3,5\u00a0kg")
    assert _shown(data) == [b"3,5 kg"]


def test_a_stream_made_before_is_not_compressed_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    real = deflate.libdeflate.zlib_compress
    monkeypatch.setattr(deflate.libdeflate, "zlib_compress",
                        lambda data, level: calls.append(len(data)) or real(data, level))
    monkeypatch.setattr(deflate, "_made", {})
    stream = b"BT /F1+0 15 Tf (same text on every card) Tj ET\n" * 20
    assert deflate.compress(stream) == deflate.compress(bytes(stream)) == real(stream, 6)
    assert len(calls) == 1
    monkeypatch.setattr(deflate, "_KEPT", 3)
    for number in range(5):
        deflate.compress(stream + b"%d" % number)
    assert len(deflate._made) == 3  # the least recently used go
