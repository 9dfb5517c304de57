"""Compose (scripts): which paragraph sets a text, and a font for every character.

ReportLab's Paragraph sets text in one font per run and left to right. Where that is
not enough (right-to-left content, or a character the layout's font lacks, like an
Arabic or Greek name on a Swedish card) a `ShapedParagraph` (generator/script/) sets
it with the fallback fonts of fonts/fonts.yaml. A character no font has is refused by
name, never printed as a box.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from ..errors import FontError
from ..pdf.fonts import missing_glyph
from ..script.line import Piece, widest_word
from ..script.paragraph import ShapedParagraph
from ..script.runs import has_rtl, printed
from .sizing import Fonts, run_in


def missing_in_chain(text: str, chain: Sequence[str]) -> str | None:
    """The first character of `text` no font of the chain has, or None."""
    return _missing_in_chain(text, tuple(chain))


# A batch sets the same texts on every deck (titles, steps, labels) and many of the
# same names: each text is looked up once per process. Fonts are known by name, and a
# name always means the same font in a process (fonts.py registers each once).
@lru_cache(maxsize=16384)
def _missing_in_chain(text: str, chain: tuple[str, ...]) -> str | None:
    return next((c for c in printed(text) if all(missing_glyph(c, f) for f in chain)), None)


def fonts_miss(fonts: Fonts) -> Callable[[str], str | None]:
    """A check naming the first character of a text no font of either weight has."""

    def missing(text: str) -> str | None:
        return missing_in_chain(text, fonts.chain(fonts.regular)) or missing_in_chain(
            text, fonts.chain(fonts.bold))

    return missing


def check_chain(text: str, font: str, fonts: Fonts, product: str, where: str) -> None:
    """Raise FontError naming a character that neither `font` nor a fallback has."""
    character = missing_in_chain(text, fonts.chain(font))
    if character is not None:
        raise FontError(product, where, character, " or ".join(fonts.chain(font)))


def needs_shaping(text: str, font: str, fonts: Fonts) -> bool:
    """Whether ReportLab's Paragraph cannot set `text` in `font` as it is."""
    return fonts.rtl or _needs_shaping(text, font)


@lru_cache(maxsize=16384)
def _needs_shaping(text: str, font: str) -> bool:
    return has_rtl(text) or missing_glyph(text, font) is not None


def make_paragraph(text: str, style: ParagraphStyle, fonts: Fonts, marker: str | None = None,
                   lead: str = "") -> Paragraph | ShapedParagraph:
    """ReportLab's Paragraph where it can set the text; a shaped one where it cannot."""
    font = style.fontName
    if not needs_shaping(text, font, fonts) and not needs_shaping(lead, fonts.bold, fonts):
        return Paragraph(run_in(text, lead, fonts), style, bulletText=marker)
    pieces = [Piece(lead + " ", fonts.chain(fonts.bold))] if lead else []
    pieces.append(Piece(text, fonts.chain(font)))
    return ShapedParagraph(pieces, style, fonts.rtl, marker, fonts.chain(font))


def shaped_widest(text: str, font: str, fonts: Fonts, size: float) -> tuple[str, float]:
    """The widest word of `text` as the shaped paragraph would set it."""
    return widest_word([Piece(text, fonts.chain(font))], size, fonts.rtl)
