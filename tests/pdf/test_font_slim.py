"""Embedded fonts lose their hinting and nothing else."""
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
    assert slim.get_table("name") == original.get_table("name")
    assert len(slim.get_table("glyf")) < len(original.get_table("glyf"))


def test_the_slim_font_is_smaller_in_a_pdf(tmp_path: Path) -> None:
    assert len(unhinted(REGULAR)) < 0.75 * REGULAR.stat().st_size


def test_the_slim_font_keeps_what_shaping_needs() -> None:
    """HarfBuzz shapes Arabic from the registered (slimmed) bytes: GSUB, GPOS, GDEF stay."""
    slim = TTFontFile(io.BytesIO(unhinted(REGULAR)))  # type: ignore[arg-type]
    assert {"GSUB", "GPOS", "GDEF"} <= set(slim.table)
