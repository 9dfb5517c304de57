"""Compose (text): blocks of text fitted into a box, and drawn.

Every paragraph is left-aligned, never hyphenated, never split inside a word; text is
escaped, so `&`, `<` and anything that looks like markup print as typed (styles and
markup: sizing.py). Fitting shrinks the type by sizing's one search down to the
layout's minimum and then fails with the field that does not fit and by how much.
"""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..errors import HandoutsError, LayoutOverflow, Problem
from ..model import Pictogram
from ..model.colour import Colour, drawing_in_inks
from ..model.layout import MM, TypeStyle
from ..pdf.tagging import ListRun, Role, tags
from ..script.paragraph import ShapedParagraph
from .pictograms import draw_pictogram
from .shaped import check_chain, make_paragraph, needs_shaping, shaped_widest
from .sizing import Fonts, scales, shrink, size_at, style

ICON_ROOM = 1.3  # a pictogram is one line high; this much of a line is kept for it


@dataclass(frozen=True)
class Block:
    """One piece of text to set: which field it shows, its text, role and numbering."""

    field: str
    text: str
    role: str = "body"  # body, heading or title
    number: int | None = None
    bold: bool = False
    bullet: str | None = None  # a marker such as "•" when the block is not numbered
    lead: str = ""  # words set in bold before the text, such as "Musik:"
    inset: float = 0  # points kept clear on both sides, e.g. inside a framed box
    private: bool = False  # health details: messages never quote the text
    pictogram: Pictogram | None = None  # drawn one line high to the left of the text
    alt: str = ""  # what the pictogram shows, for a screen reader (Labels.pictogram_alt)
    tag: Role | None = None  # the structure role, when not the one `role` implies
    links: tuple[tuple[str, str, str], ...] = ()  # (words as printed, URI, description)

    @property
    def structure(self) -> Role:
        """What a screen reader is told the block is: heading, list item or paragraph."""
        if self.tag is not None:
            return self.tag
        if self.number is not None or self.bullet is not None or self.pictogram is not None:
            return Role.LI
        return {"title": Role.H1, "heading": Role.H2}.get(self.role, Role.P)

    def icon_room(self, leading: float) -> float:
        """Points kept clear on the left for the pictogram: its size and a gap."""
        return leading * ICON_ROOM if self.pictogram is not None else 0


class WordTooLong(HandoutsError):
    """A word is wider than the line it must stand on, even at the smallest size."""


@lru_cache(maxsize=1024)
def widest_word(text: str, font: str, size: float) -> tuple[str, float]:
    """The word (no-break spaces keep groups together) that needs the most room."""
    words = text.split() or [""]
    measured = [(w, stringWidth(w, font, size)) for w in words]
    return max(measured, key=lambda pair: pair[1])


@dataclass
class Fitted:
    """Paragraphs measured to fit a width; `heights` follows `blocks`."""

    paragraphs: list[Paragraph]
    heights: list[float]
    scale: float
    blocks: Sequence[Block] = field(default_factory=tuple)  # what each paragraph shows

    @property
    def height(self) -> float:
        return sum(self.heights)

    def split(self, count: int) -> tuple[Fitted, Fitted]:
        """The first `count` paragraphs and the others, each as set here."""
        return (Fitted(self.paragraphs[:count], self.heights[:count], self.scale,
                       self.blocks[:count]),
                Fitted(self.paragraphs[count:], self.heights[count:], self.scale,
                       self.blocks[count:]))


@lru_cache(maxsize=1024)
def _wrapped(text: str, font: str, size: float, leading: float, colour: Colour, inset: float,
             gap: float, marker: str | None, width: float, fonts: Fonts, lead: str,
             icon: float = 0, inks: bool = False) -> tuple[Paragraph | ShapedParagraph, float]:
    """A paragraph parsed and wrapped to `width`, and its height.

    A batch sets the same routine texts and labels for every person; each is parsed
    and wrapped once per process. A wrapped paragraph is only read when drawn, so one
    object serves every page (and sheet) that shows it. `inks` keeps the print-shop
    edition's CMYK paragraphs apart from the screen's.
    """
    indent = stringWidth("8.", font, size) + size * 0.6 if marker else 0
    paragraph_style = style("text", font, size, leading, colour, indent + inset + icon, gap)
    paragraph_style.rightIndent = inset
    paragraph_style.bulletIndent = inset + icon
    paragraph = make_paragraph(text, paragraph_style, fonts, marker, lead)
    _, height = paragraph.wrap(width, 10_000)
    return paragraph, height


def _paragraphs(blocks: Sequence[Block], styles: dict[str, TypeStyle], fonts: Fonts,
                colour: Colour, scale: float, width: float, gap: float) -> Fitted:
    paragraphs, heights = [], []
    for block in blocks:
        size, leading = size_at(styles[block.role], scale)
        marker = f"{block.number}." if block.number is not None else block.bullet
        paragraph, height = _wrapped(block.text, block_font(block, fonts), size, leading,
                                     colour, block.inset, gap, marker, width, fonts,
                                     block.lead, block.icon_room(leading), drawing_in_inks())
        paragraphs.append(paragraph)
        heights.append(height + gap)
    return Fitted(paragraphs, heights, scale, tuple(blocks))


def block_font(block: Block, fonts: Fonts) -> str:
    return fonts.for_role(block.role, block.bold)


def check_words(blocks: Sequence[Block], styles: dict[str, TypeStyle], fonts: Fonts,
                width: float, product: str, where: str) -> None:
    """Every word must fit a line at the smallest allowed size; glyphs must exist."""
    for block in blocks:
        spec = styles[block.role]
        font = block_font(block, fonts)
        check_chain(block.text, font, fonts, product, f"{where}: {block.field}")
        check_chain(block.lead, fonts.bold, fonts, product, f"{where}: {block.field}")
        marked = block.number is not None or block.bullet is not None
        indent = stringWidth("8.", font, spec.smallest) * 2 if marked else 0
        room = width - indent - 2 * block.inset - block.icon_room(
            size_at(spec, 0)[1])  # the leading at the smallest size
        word, word_width = (shaped_widest(block.text, font, fonts, spec.smallest)
                            if needs_shaping(block.text, font, fonts)
                            else widest_word(block.text, font, spec.smallest))
        if word_width > room:
            shown = ("layout.a_word", {}) if block.private else ("layout.the_word", {"word": word})
            raise WordTooLong([Problem("layout.word_too_long", {
                "word": shown, "word_mm": word_width / MM, "line_mm": room / MM},
                field=block.field, product=product, panel=where)])


def fit(blocks: Sequence[Block], styles: dict[str, TypeStyle], fonts: Fonts, colour: Colour,
        width: float, height: float, *, product: str, where: str, gap: float = 0) -> Fitted:
    """Set `blocks` in a box; shrink towards the minimum sizes; fail rather than clip."""
    check_words(blocks, styles, fonts, width, product, where)
    fitted, fits = shrink(
        lambda scale: _paragraphs(blocks, styles, fonts, colour, scale, width, gap),
        lambda fitted: fitted.height <= height,
        scales([styles[b.role] for b in blocks], list(styles.values())))
    if fits:
        return fitted
    total, field = 0.0, blocks[-1].field
    for block, block_height in zip(blocks, fitted.heights, strict=True):
        total += block_height
        if total > height:
            field = block.field
            break
    body = styles["body"].smallest
    raise LayoutOverflow(product, where, field, (fitted.height - height) / MM, body)


def draw_fitted(canvas, fitted: Fitted, x: float, top: float, width: float) -> None:  # type: ignore[no-untyped-def]
    """Draw fitted paragraphs downwards from `top`, each tagged as its block says.

    Consecutive list items form one list; a block's pictogram, one line high and level
    with its first line, is drawn just before its text, as a figure of the item.
    """
    marks = tags(canvas)
    blocks = fitted.blocks or [Block("", "")] * len(fitted.paragraphs)
    y, lists = top, ListRun(marks)
    for paragraph, height, block in zip(fitted.paragraphs, fitted.heights, blocks, strict=True):
        role = block.structure
        lists.step(role is Role.LI)
        item = marks.group(Role.LI) if block.pictogram is not None else nullcontext()
        with item:
            if block.pictogram is not None:
                size = paragraph.style.leading
                # right to left, the pictogram stands on the right, where the line starts
                left = (x + width - block.inset - size if getattr(paragraph, "rtl", False)
                        else x + block.inset)
                with marks.figure(block.alt):
                    draw_pictogram(canvas, block.pictogram, left, y - size, size,
                                   Colour.parse("#" + paragraph.style.textColor.hexval()[2:]))
                role = Role.LBODY
            y -= height
            draw_paragraph(canvas, paragraph, x, y + (height - paragraph.height), role,
                           block.links)
    lists.close()


def _linked_line(marks, text, line: str, links: Sequence[tuple[str, str, str]],  # type: ignore[no-untyped-def]
                 left: float, baseline: float, font: str, size: float) -> None:
    """One line whose web address or phone number is a link: the same glyphs, in pieces."""
    rest, done = line, 0.0
    while rest:
        found = [(rest.find(words), words, uri, what) for words, uri, what in links
                 if words and words in rest]
        if not found:
            text.textOut(rest)
            break
        start, words, uri, what = min(found)
        text.textOut(rest[:start])
        done += stringWidth(rest[:start], font, size)
        width = stringWidth(words, font, size)
        with marks.tag(Role.LINK, into=text):
            text.textOut(words)
            marks.link(uri, what, (left + done, baseline - 0.25 * size,
                                   left + done + width, baseline + 0.9 * size))
        done += width
        rest = rest[start + len(words):]
    text.textLine("")


def _item(marks, role: Role):  # type: ignore[no-untyped-def]
    """A list item's own group, unless the caller opened it (role LBody)."""
    return marks.group(Role.LI) if role is Role.LI else nullcontext()


def _body(role: Role) -> Role:
    return Role.LBODY if role is Role.LI else role


def draw_paragraph(canvas: Canvas, paragraph: Paragraph | ShapedParagraph, x: float,
                   y: float, role: Role = Role.P,
                   links: Sequence[tuple[str, str, str]] = ()) -> None:
    """Draw a wrapped paragraph with its lower-left corner at (x, y).

    A paragraph in one font, as most of ours are, is set here as one text object with
    its lines: the same positions as ReportLab's `drawOn`, at under half the cost,
    which matters when a batch draws every card twice. Mixed fonts go to `drawOn`.
    """
    marks = tags(canvas)
    if isinstance(paragraph, ShapedParagraph):
        with _item(marks, role), marks.tag(_body(role)):
            paragraph.drawOn(canvas, x, y)
        return
    lines = paragraph.blPara
    if lines.kind != 0 or getattr(lines, "us_lines", None) or getattr(lines, "link", None):
        # a list item in mixed fonts: its marker is read with its body
        with _item(marks, role), marks.tag(_body(role)):
            paragraph.drawOn(canvas, x, y)
        return
    spec = paragraph.style
    ascent = lines.fontSize if rl_config.paraFontSizeHeightOffset else getattr(
        lines, "ascent", lines.fontSize)
    baseline = y + paragraph.height - ascent
    canvas.saveState()
    canvas.setFillColor(lines.textColor)
    text = canvas.beginText(x + spec.bulletIndent, baseline)
    with _item(marks, role):
        if paragraph.bulletText:  # in the same text object, so "1. Step" copies as one line
            with marks.tag(Role.LBL, into=text):
                text.setFont(spec.bulletFontName, spec.bulletFontSize)
                text.textOut(paragraph.bulletText)
        text.setXPos(spec.leftIndent - spec.bulletIndent)
        with marks.tag(_body(role), into=text):
            text.setFont(lines.fontName, lines.fontSize, spec.leading)
            left = x + spec.leftIndent
            for number, (_, words) in enumerate(lines.lines):
                line = " ".join(words)
                if not links:
                    text.textLine(line)
                    continue
                _linked_line(marks, text, line, links, left, baseline - number * spec.leading,
                             lines.fontName, lines.fontSize)
        canvas.drawText(text)
    canvas.restoreState()
