"""Compose (personal card): one person's card, as an A6 deck or as one A5 fridge card.

A6 (`routine-card` layouts): a cover card (name, who gives the touch, the "Avoid" box,
what the person likes; on its back who to call, a note and the organisation), then one
card per chosen routine with its full steps, the person's name on every back.
A5 (`fridge-card` layouts): one page with one short line per routine, the same
"Avoid" box, likes, contacts and the organisation's contact lines.

The "Avoid" box never relies on colour: a thick frame, a warning triangle drawn as
vectors and the heading word say what it is. Sections are fitted together, so they
shrink alike towards the layout's minimum sizes and fail rather than clip.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..errors import HandoutsError, LayoutOverflow, Problem
from ..model import Content, Labels, Routine
from ..model.colour import Colour
from ..model.layout import MM, CardLayout, FridgeLayout
from ..model.person import Person
from ..pdf.page import Page, Painter
from ..pdf.replay import draw_reused
from ..pdf.tagging import Role, tags
from ..typography import NBSP
from .contact import contact_text, organisation_line
from .routine_card import (
    Card,
    CardFrame,
    band_top,
    compose_back,
    compose_front,
    draw_title_band,
    paint_background,
    title_band,
)
from .text import Block, Fitted, Fonts, draw_fitted, fit

FRAME_LINE = 2.5  # points: the "Avoid" frame is thick enough to see from across a room
BOX_PADDING = 3 * MM
SECTION_GAP = 4 * MM
BLOCK_GAP = 3


@dataclass(frozen=True)
class Section:
    """Blocks that belong together; a `framed` section is the "Avoid" box."""

    blocks: tuple[Block, ...]
    framed: bool = False


def avoid_section(person: Person, labels: Labels, symbol: float) -> Section:
    inset = BOX_PADDING + FRAME_LINE
    lines = person.avoid or (labels.avoid_none,)
    return Section((Block("avoid_heading", labels.avoid_heading, "heading",
                          inset=inset + symbol + 2 * MM),)
                   + tuple(Block(f"avoid[{i}]", line, bullet="•", inset=inset, private=True)
                           for i, line in enumerate(lines))
                   # Sensitivity can change from one day to the next: ask again (issue 15).
                   + (Block("avoid_check", labels.avoid_check, inset=inset),), framed=True)


def likes_section(person: Person, labels: Labels) -> Section | None:
    likes = person.likes
    rows = [(label, key, getattr(likes, key)) for label, key in (
        (labels.music_label, "music"), (labels.food_label, "food"),
        (labels.memories_label, "memories"))]
    blocks = tuple(Block(f"likes.{key}", value, lead=f"{label}:")
                   for label, key, value in rows if value)
    if not blocks:
        return None
    return Section((Block("likes_heading", labels.likes_heading, "heading"),) + blocks)


def contacts_section(person: Person, labels: Labels) -> Section | None:
    if not person.contacts:
        return None
    return Section((Block("contacts_heading", labels.contacts_heading, "heading"),) + tuple(
        Block(f"contacts[{i}]", f"{c.name}, {c.phone}", lead=f"{c.role}:")
        for i, c in enumerate(person.contacts)))


def fit_sections(sections: Sequence[Section], frame: CardFrame, fonts: Fonts, height: float,
                 product: str, where: str) -> list[Fitted]:
    """Fit every section's blocks at one common scale; return one `Fitted` per section."""
    blocks = [block for section in sections for block in section.blocks]
    fixed = SECTION_GAP * (len(sections) - 1) + sum(
        2 * BOX_PADDING for section in sections if section.framed)
    fitted = fit(blocks, frame.styles, fonts, frame.layout.colours.text, frame.text_width,
                 height - fixed, product=product, where=where, gap=BLOCK_GAP)
    parts, start = [], 0
    for section in sections:
        end = start + len(section.blocks)
        parts.append(Fitted(fitted.paragraphs[start:end], fitted.heights[start:end],
                            fitted.scale, fitted.blocks[start:end]))
        start = end
    return parts


def draw_warning(canvas: Canvas, x: float, top: float, size: float, colour: Colour) -> None:
    """A warning triangle with an exclamation mark, `size` points wide, apex at `top`."""
    height = size * 0.87
    canvas.saveState()
    canvas.setStrokeColor(colour.reportlab)
    canvas.setFillColor(colour.reportlab)
    canvas.setLineWidth(max(1.5, size / 10))
    canvas.setLineJoin(1)
    path = canvas.beginPath()
    path.moveTo(x + size / 2, top)
    path.lineTo(x + size, top - height)
    path.lineTo(x, top - height)
    path.close()
    canvas.drawPath(path, stroke=1, fill=0)
    bar = size / 9
    canvas.rect(x + size / 2 - bar / 2, top - height * 0.72, bar, height * 0.38, stroke=0, fill=1)
    canvas.circle(x + size / 2, top - height * 0.84, bar * 0.6, stroke=0, fill=1)
    canvas.restoreState()


def draw_sections(canvas: Canvas, sections: Sequence[Section], parts: Sequence[Fitted],
                  frame: CardFrame, top: float, symbol: float) -> None:
    colour = frame.layout.colours.text
    marks = tags(canvas)
    y = top
    for section, part in zip(sections, parts, strict=True):
        # The "Avoid" box is an aside: the frame and the triangle are decoration, the
        # heading word says what it is.
        with marks.group(Role.ASIDE if section.framed else Role.SECT):
            if section.framed:
                box = part.height + 2 * BOX_PADDING
                with marks.artifact():
                    canvas.saveState()
                    canvas.setStrokeColor(colour.reportlab)
                    canvas.setLineWidth(FRAME_LINE)
                    inner = FRAME_LINE / 2
                    canvas.roundRect(frame.margin + inner, y - box + inner,
                                     frame.text_width - 2 * inner, box - 2 * inner, 2 * MM,
                                     stroke=1, fill=0)
                    canvas.restoreState()
                    near = BOX_PADDING + FRAME_LINE  # the triangle stands where the heading starts
                    rtl = any(getattr(p, "rtl", False) for p in part.paragraphs)
                    draw_warning(canvas, frame.margin + (frame.text_width - near - symbol if rtl
                                                         else near),
                                 y - BOX_PADDING - 1, symbol, colour)
                draw_fitted(canvas, part, frame.margin, y - BOX_PADDING, frame.text_width)
                y -= box
            else:
                draw_fitted(canvas, part, frame.margin, y, frame.text_width)
                y -= part.height
        y -= SECTION_GAP


def _sectioned_page(label: str, frame: CardFrame, fonts: Fonts, title: str,
                    sections: Sequence[Section], bottom: float, product: str,
                    extra: Callable[[Painter], None] | None = None) -> Page:
    """A page with a title band (when `title`) and sections down to `bottom` points."""
    symbol = frame.layout.type.heading.size
    top = frame.height - frame.margin
    band: tuple[Fitted, float] | None = None
    if title:
        band = title_band(frame, title, fonts, product, label)
        top = band_top(frame) - band[1] - 4 * MM
    try:
        parts = fit_sections(sections, frame, fonts, top - bottom, product, label)
    except LayoutOverflow as error:  # one page per side: "split it into two" is no help
        shorter = LayoutOverflow(product, label, error.field, error.overflow_mm,
                                 error.problems[0].params["min_size"],
                                 ("hint.shorten_person", {}))
        shorter.problems[0] = dataclasses.replace(shorter.problems[0],
                                                  counted=True)
        raise shorter from None

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        paint_background(canvas, frame)
        with painter.group(Role.SECT, title=title or None):  # a bookmark for a titled card
            if band is not None:
                draw_title_band(canvas, frame, *band)
            draw_sections(canvas, sections, parts, frame, top, symbol)
            if extra is not None:
                extra(painter)

    return Page(label, frame.width, frame.height, frame.layout.bleed_mm * MM, draw)


def _carer_section(person: Person, labels: Labels) -> list[Section]:
    if not person.carer:
        return []
    return [Section((Block("carer", f"{labels.carer_label} {person.carer}"),))]


def compose_personal_deck(person: Person, routines: Sequence[Routine], content: Content,
                          layout: CardLayout, fonts: Fonts, product: str) -> list[Card]:
    """The A6 deck: a cover card, then one card per (personalised) routine."""
    frame = CardFrame(layout)
    labels = content.labels
    contact = organisation_line(content, fonts, layout.type.body,
                                layout.type.heading, layout.colours.text, frame.text_width,
                                layout.qr_mm, product)
    cover_sections = _carer_section(person, labels) + [avoid_section(
        person, labels, layout.type.heading.size)]
    likes = likes_section(person, labels)
    if likes is not None:
        cover_sections.append(likes)
    front = _sectioned_page("cover front", frame, fonts, person.name, cover_sections,
                            frame.margin, product)
    back_sections = [s for s in (contacts_section(person, labels),) if s is not None]
    if person.note:
        back_sections.append(Section((
            Block("note_heading", labels.note_heading, "heading"),
            Block("note", person.note, private=True))))
    if not back_sections:
        back_sections = [Section((Block("name", person.name, "heading"),))]
    back_sections.append(Section((Block("advice_note", labels.advice_note),
                                  Block("updated", labels.updated))))
    def foot(painter: Painter) -> None:
        contact.draw(painter, frame.margin, frame.margin)

    # the organisation's lines are the same on every cover: drawn once, replayed
    back = _sectioned_page("cover back", frame, fonts, "", back_sections,
                           frame.margin + contact.height + 6 * MM, product,
                           lambda painter: draw_reused(painter, ("cover foot", contact, layout),
                                                       foot))
    cards = [Card(front, back)]
    for routine in routines:
        cards.append(Card(compose_front(routine, frame, fonts, product, labels),
                          compose_back(routine, frame, contact, fonts, labels.why_heading,
                                       product, owner=person.name)))
    return cards


class TooManyRoutines(HandoutsError):
    """A fridge card has room for fewer routines than the person has chosen."""


def compose_personal_fridge(person: Person, routines: Sequence[Routine], content: Content,
                        layout: FridgeLayout, fonts: Fonts, product: str) -> Page:
    """The A5 fridge card: everything on one page, one short line per routine, each
    beside its pictogram as on the generic fridge card."""
    if len(routines) > layout.max_lines:
        raise TooManyRoutines([Problem("fridge.too_many_routines", {
            "most": layout.max_lines, "count": len(routines)}, field="routines", product=product)])
    frame = CardFrame(layout)
    labels = content.labels
    organisation = content.organisation
    sections = [
        Section((Block("routines_heading", labels.routines_heading, "heading"),) + tuple(
            Block(f"routines[{i}]", r.short, pictogram=r.pictogram,
                  alt=labels.pictogram_alt(r.pictogram))
            for i, r in enumerate(routines))),
        avoid_section(person, labels, layout.type.heading.size)]
    likes = [value for value in (person.likes.music, person.likes.food,
                                 person.likes.memories) if value]
    if likes:  # one paragraph: at 18 pt there is no room for a line per kind
        sections.append(Section((Block("likes", f"{NBSP}· ".join(likes),
                                       lead=f"{labels.likes_heading}:"),)))
    sections += [s for s in (contacts_section(person, labels),) if s is not None]
    sections.append(Section((Block(
        "organisation", contact_text(organisation, labels, fonts.rtl).line(
            labelled=False, separator=f"{NBSP}· ") + f"{NBSP}· {labels.updated}",
        lead=f"{organisation.name}:"),)))
    return _sectioned_page("fridge card", frame, fonts, person.name, sections, frame.margin,
                           product)
