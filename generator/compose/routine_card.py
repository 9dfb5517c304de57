"""Compose (routine card): one routine as an A6 card, front and back.

Front: the title on a coloured band beside the routine's pictogram (20 mm or more, to
recognise at arm's length), the purpose, the numbered steps. Back: why it helps, then
who made the card (the organisation line: name, web address, e-mail and phone where
they fit) and a QR code to its website. Colour stays inside the trim, so the card cuts
cleanly from a shared-cut sheet too.
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import partial

from reportlab.pdfgen.canvas import Canvas

from ..errors import gather
from ..model import Content, Labels, Routine
from ..model.colour import drawing_in_inks
from ..model.layout import MM, CardLayout, FridgeLayout
from ..pdf.page import Page, Painter
from ..pdf.replay import draw_reused
from ..pdf.tagging import Role, tags
from .contact import ContactBlock, organisation_line
from .pictograms import draw_pictogram
from .text import Block, Fitted, Fonts, draw_fitted, fit

PICTOGRAM_MM = 20.0  # a routine card's pictogram: 20 mm, to recognise at arm's length
PICTOGRAM_PAD_MM = 1.5  # band above and below the pictogram


@dataclass(frozen=True)
class Card:
    front: Page
    back: Page


@dataclass(frozen=True)
class CardFrame:
    """Where things go on a card, in points from the trim's lower-left corner."""

    layout: CardLayout | FridgeLayout

    @property
    def width(self) -> float:
        return self.layout.trim_mm[0] * MM

    @property
    def height(self) -> float:
        return self.layout.trim_mm[1] * MM

    @property
    def margin(self) -> float:
        return self.layout.margin_mm * MM

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def styles(self) -> dict:  # type: ignore[type-arg]
        return {"title": self.layout.type.title, "heading": self.layout.type.heading,
                "body": self.layout.type.body}


def paint_background(canvas: Canvas, frame: CardFrame) -> None:
    canvas.setFillColor(frame.layout.colours.background.reportlab)
    bleed = frame.layout.bleed_mm * MM
    with tags(canvas).artifact():
        canvas.rect(-bleed, -bleed, frame.width + 2 * bleed, frame.height + 2 * bleed,
                    stroke=0, fill=1)


def title_band(frame: CardFrame, title: str, fonts: Fonts, product: str,
               where: str, beside: float = 0.0) -> tuple[Fitted, float]:
    """Fit the title inside the band, `beside` points kept free on its right (a
    pictogram's square); return it and the band's height."""
    layout = frame.layout
    inner = frame.margin - layout.band_mm * MM  # padding between band edge and title
    padding = max(inner, 3 * MM)
    width = frame.text_width - (beside + 3 * MM if beside else 0)
    fitted = fit([Block("title", title, "title")], frame.styles, fonts,
                 layout.colours.on_accent, width, frame.height / 3, product=product, where=where)
    band = fitted.height + 2 * padding
    return fitted, max(band, beside + 2 * PICTOGRAM_PAD_MM * MM) if beside else band


def band_top(frame: CardFrame) -> float:
    return frame.height - frame.layout.band_mm * MM


def draw_title_band(canvas: Canvas, frame: CardFrame, title: Fitted, band: float) -> None:
    """The coloured band across the top of a card, with its title centred in it."""
    top = band_top(frame)
    canvas.setFillColor(frame.layout.colours.accent.reportlab)
    band_x = frame.layout.band_mm * MM
    with tags(canvas).artifact():
        canvas.roundRect(band_x, top - band, frame.width - 2 * band_x, band, 2 * MM,
                         stroke=0, fill=1)
    draw_fitted(canvas, title, frame.margin, top - (band - title.height) / 2, frame.text_width)


def compose_front(routine: Routine, frame: CardFrame, fonts: Fonts, product: str,
                  labels: Labels) -> Page:
    """The front: the same (already personalised) routine, layout and fonts give the same
    page, so a batch lays it out once per process and draws it once (pdf/replay.py);
    the print-shop edition's CMYK colours are kept apart. `product` (in a batch, the
    roster row) only names where a text does not fit."""
    alt = labels.pictogram_alt(routine.pictogram)
    key = (routine, frame, fonts, alt, drawing_in_inks())
    page = _FRONTS.get(key)
    if page is None:
        page = _lay_out_front(routine, frame, fonts, product, alt)
        if len(_FRONTS) >= _FRONTS_KEPT:
            _FRONTS.clear()
        _FRONTS[key] = page
    return page


_FRONTS: dict[Hashable, Page] = {}
_FRONTS_KEPT = 1024  # fronts laid out and kept per process (a routine per call name)


def _lay_out_front(routine: Routine, frame: CardFrame, fonts: Fonts, product: str,
                   alt: str) -> Page:
    layout = frame.layout
    where = f"card '{routine.id}' front"
    icon = PICTOGRAM_MM * MM
    title, band = title_band(frame, routine.title, fonts, product, where, beside=icon)
    body_top = band_top(frame) - band - 3 * MM
    blocks = [Block("purpose", routine.purpose, bold=True)] + [
        Block(f"steps[{i}]", step.text, number=i + 1) for i, step in enumerate(routine.steps)]
    body = fit(blocks, frame.styles, fonts, layout.colours.text, frame.text_width,
               body_top - frame.margin, product=product, where=where, gap=3)

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        paint_background(canvas, frame)
        with painter.group(Role.SECT, title=routine.title):  # one bookmark per card
            draw_title_band(canvas, frame, title, band)
            with painter.tag(Role.FIGURE, alt=alt):
                draw_pictogram(canvas, routine.pictogram, frame.width - frame.margin - icon,
                               band_top(frame) - (band + icon) / 2, icon,
                               layout.colours.on_accent)
            draw_fitted(canvas, body, frame.margin, body_top, frame.text_width)

    reuse = ("routine front", routine, layout, fonts, alt)
    return Page(where, frame.width, frame.height, layout.bleed_mm * MM, draw, reuse=reuse)


def compose_back(routine: Routine, frame: CardFrame, contact: ContactBlock, fonts: Fonts,
                 heading: str, product: str, owner: str | None = None) -> Page:
    """The back; `owner` names the person on a personal card, so a loose card finds home.

    Below the owner's name the back is the same on every person's card: the text (set
    where the name ends) and the foot are drawn once per process and replayed
    (pdf/replay.py); the name is drawn on each.
    """
    layout = frame.layout
    where = f"card '{routine.id}' back"
    top = frame.height - frame.margin
    room = top - frame.margin - contact.height - 6 * MM
    # The title again, so a back read on its own (or cut wrongly) still says which card.
    owner_blocks = [Block("name", owner, bold=True)] if owner else []
    text = fit(owner_blocks + [Block("title", routine.title, "heading"),
                Block("why_heading", heading, bold=True, tag=Role.H3), Block("why", routine.why)],
               frame.styles, fonts, layout.colours.text, frame.text_width, room,
               product=product, where=where, gap=3)
    name, why = text.split(len(owner_blocks))
    why_top = top - name.height
    why_key = ("routine back", routine, heading, layout, fonts, why.scale, why_top)

    foot = partial(_draw_foot, frame, contact)

    def draw_why(painter: Painter) -> None:
        draw_fitted(painter.canvas, why, frame.margin, why_top, frame.text_width)

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        paint_background(canvas, frame)
        with painter.group(Role.SECT):
            draw_fitted(canvas, name, frame.margin, top, frame.text_width)
            draw_reused(painter, why_key, draw_why)
            draw_reused(painter, ("card foot", contact, layout), foot)

    return Page(where, frame.width, frame.height, layout.bleed_mm * MM, draw)


def _draw_foot(frame: CardFrame, contact: ContactBlock, painter: Painter) -> None:
    """A rule, then who made the card: the same on every back."""
    canvas = painter.canvas
    rule_y = frame.margin + contact.height + 3 * MM
    canvas.setStrokeColor(frame.layout.colours.accent.reportlab)
    canvas.setLineWidth(1)
    with painter.artifact():
        canvas.line(frame.margin, rule_y, frame.width - frame.margin, rule_y)
    contact.draw(painter, frame.margin, frame.margin)


def compose_deck(routines: list[Routine], content: Content, layout: CardLayout,
                 fonts: Fonts, product: str) -> list[Card]:
    """One card per (already personalised) routine, in the order given."""
    frame = CardFrame(layout)
    contact = organisation_line(content, fonts, layout.type.body,
                                layout.type.heading, layout.colours.text, frame.text_width,
                                layout.qr_mm, product)
    return gather(routines, lambda r: Card(
        compose_front(r, frame, fonts, product, content.labels),
        compose_back(r, frame, contact, fonts, content.labels.why_heading, product)))
