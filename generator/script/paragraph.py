"""Script (paragraphs): a ReportLab flowable that sets shaped, bidi-ordered text.

It stands where a ReportLab `Paragraph` would, for text that Paragraph cannot set:
right-to-left text (Arabic), and text with characters the layout's font lacks (an
Arabic or Greek name on a Swedish card). It takes the same `ParagraphStyle` and
bullet text. In a right-to-left paragraph everything is mirrored: lines are aligned
right, the indent and the number ("1.") stand on the right, and `leftIndent` is
read as the indent on the side where lines start.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .line import Line, Piece, draw_line, measure, plain, wrap


class ShapedParagraph(Flowable):  # type: ignore[misc]
    """Pieces of text set in lines of shaped runs; splits between lines like Paragraph."""

    def __init__(self, pieces: Sequence[Piece], style: ParagraphStyle, rtl: bool,
                 bullet: str | None = None, bullet_chain: tuple[str, ...] = (),
                 lines: list[Line] | None = None) -> None:
        super().__init__()
        self.pieces, self.style, self.rtl = tuple(pieces), style, rtl
        self.bulletText = bullet
        self.bullet_chain = bullet_chain or (pieces[0].chain if pieces else ())
        self._lines = lines
        self.lines: list[Line] = lines or []
        self.width = self.height = 0.0

    # -- Flowable -----------------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        inner = availWidth - self.style.leftIndent - self.style.rightIndent
        if self._lines is None:
            self.lines = wrap(self.pieces, inner, self.style.fontSize, self.rtl)
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.style.leading)
        if fits < 2 or len(self.lines) - fits < 2:  # no widows, no orphans
            return []
        rest = ParagraphStyle("rest", parent=self.style, spaceBefore=0)
        return [ShapedParagraph(self.pieces, self.style, self.rtl, self.bulletText,
                                self.bullet_chain, self.lines[:fits]),
                ShapedParagraph(self.pieces, rest, self.rtl, None, self.bullet_chain,
                                self.lines[fits:])]

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def draw(self) -> None:
        style, size = self.style, self.style.fontSize
        colour = style.textColor
        baseline = self.height - size
        for index, line in enumerate(self.lines):
            y = baseline - index * style.leading
            if self.rtl:
                x = self.width - style.leftIndent - measure(line, size, True)
            else:
                x = style.leftIndent
            draw_line(self.canv, line, x, y, size, self.rtl, colour)
        if self.bulletText:
            marker = plain(self.bulletText, self.bullet_chain)
            bullet_size = style.bulletFontSize or size
            if self.rtl:
                x = self.width - style.bulletIndent - measure(marker, bullet_size, True)
            else:
                x = style.bulletIndent
            draw_line(self.canv, marker, x, baseline, bullet_size, self.rtl, colour)
