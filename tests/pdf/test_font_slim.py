"""Embedded fonts lose their hinting and the naming table's long texts, and nothing else."""
from __future__ import annotations

import io
from pathlib import Path

import fontpkg
from reportlab.pdfbase.ttfonts import TTFontFile

from generator.pdf.font_slim import unhinted

REGULAR = Path(fontpkg.path("Atkinson Hyperlegible", weight=400))


def test_hinting_is_gone_and_outlines_metrics_and_names_stay() -> None:
    original = TTFontFile(str(REGULAR))
    slim = TTFontFile(io.BytesIO(unhinted(REGULAR)))  # type: ignore[arg-type]
    assert {"fpgm", "prep", "cvt "} & set(original.table)
    assert not {"fpgm", "prep", "cvt "} & set(slim.table)
    assert slim.charToGlyph == original.charToGlyph
    assert slim.charWidths == original.charWidths
    assert (slim.name, slim.familyName, slim.styleName) == (
        original.name, original.familyName, original.styleName)
    assert len(slim.get_table("glyf")) < len(original.get_table("glyf"))


def test_every_outline_is_the_original_one_with_no_bytes_after_it() -> None:
    """Points, flags and contours as drawn; fontTools reads each glyph to its last byte
    (a warning, which fails the test, says when padding was left in)."""
    from fontTools.ttLib import TTFont

    original, slim = TTFont(str(REGULAR)), TTFont(io.BytesIO(unhinted(REGULAR)))
    for name in original.getGlyphOrder():
        theirs, mine = original["glyf"][name], slim["glyf"][name]
        assert mine.numberOfContours == theirs.numberOfContours, name
        if theirs.numberOfContours > 0:
            assert list(mine.coordinates) == list(theirs.coordinates), name
            assert list(mine.flags) == list(theirs.flags), name
            assert mine.program.getBytecode() == b"", name
    loca = slim["loca"]
    lengths = [end - start for start, end in zip(loca, loca[1:], strict=False)]
    assert all(length % 4 == 0 for length in lengths)  # each glyph starts on 4 bytes


def test_the_names_say_who_made_the_font_and_under_which_licence() -> None:
    from fontTools.ttLib import TTFont

    names = TTFont(io.BytesIO(unhinted(REGULAR)))["name"]
    kept = {record.nameID: str(record) for record in names.names}
    assert set(kept) == {0, 1, 2, 4, 6, 14}
    assert "Braille Institute" in kept[0]
    assert kept[6] == "AtkinsonHyperlegible-Regular"
    assert "OFL" in kept[14]
    original = TTFont(str(REGULAR))["name"]
    assert len(names.compile(None)) < len(original.compile(None)) / 2


def test_the_slim_font_is_smaller_in_a_pdf(tmp_path: Path) -> None:
    assert len(unhinted(REGULAR)) < 0.75 * REGULAR.stat().st_size


def test_the_slim_font_keeps_what_shaping_needs() -> None:
    """HarfBuzz shapes Arabic from the registered (slimmed) bytes: GSUB, GPOS, GDEF stay."""
    slim = TTFontFile(io.BytesIO(unhinted(REGULAR)))  # type: ignore[arg-type]
    assert {"GSUB", "GPOS", "GDEF"} <= set(slim.table)


def test_fallback_fonts_are_read_only_when_something_asks_for_them() -> None:
    """A Swedish card never reads the Arabic and Greek fonts; the first text that needs
    one reads it, whichever way ReportLab is asked (a glyph check, a width, setFont)."""
    import subprocess
    import sys

    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from generator import api\n"
        "from generator.pdf.fonts import load_fonts, missing_glyph\n"
        "project = api.open_project()\n"
        "fonts = load_fonts(project.fonts)\n"
        "api.make_card(open('content/people/anna-lind.yaml', 'rb').read(), project=project)\n"
        "print(sorted(pdfmetrics.getRegisteredFontNames()))\n"
        "print(missing_glyph('Ωμέγα', fonts.fallback[1]))\n"
        "print(round(pdfmetrics.stringWidth('سلام', fonts.bold_fallback[0], 10), 2) > 0)\n"
        "print(sorted(pdfmetrics.getRegisteredFontNames()))\n")
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).parents[2]).stdout.splitlines()
    assert lines[0] == "['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular']"
    assert lines[1:3] == ["None", "True"]
    assert lines[3] == ("['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular', "
                        "'FiraSans-Regular', 'IBMPlexSansArabic-Bold']")
