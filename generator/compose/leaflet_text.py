"""Compose (leaflet text): what the leaflet says, as flowables, a cover and a back.

Shared by the tri-fold and the booklet: both flow the same items through their boxes,
draw the same cover and close with the same contact block. Routines appear by id, as
their short forms beside their pictograms, never retyped.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..model import Content, LeafletPart, LeafletSection, Pictogram, Routine
from ..model.layout import MM, BookletLayout, LeafletLayout
from ..pdf.tagging import Role, tags
from ..personalise import base_context, personalise_leaflet, personalise_routine
from .contact import ContactBlock, contact_block
from .flow import Item, PictogramItem, Source, Styles, TextBox
from .pictograms import draw_pictogram
from .text import Block, Fonts, draw_fitted, fit

AnyLeaflet = LeafletLayout | BookletLayout
LIST_PICTOGRAM_MM = 11.0
COVER_PICTOGRAM = Pictogram.HOLDING_HANDS


@dataclass(frozen=True)
class LeafletWords:
    """The leaflet's words, rendered once by the personalise stage before any fitting."""

    content: Content  # with the leaflet's templates rendered and typography applied
    routines: dict[str, Routine]

    @classmethod
    def of(cls, content: Content) -> LeafletWords:
        context = base_context(content, content.labels.person_default)
        chosen = {i for s in content.leaflet.sections for i in s.routines}
        return cls(personalise_leaflet(content, context),
                   {i: personalise_routine(content.routine(i), context) for i in sorted(chosen)})


def _section_items(words: LeafletWords, section: LeafletSection, styles: Styles) -> list[Item]:
    content, where = words.content, f"leaflet section '{section.id}'"
    items: list[Item] = []

    def add(text: str, **options: object) -> None:
        items.append(Item(styles.paragraph(text, where=where, **options),  # type: ignore[arg-type]
                          section.id))

    if section.include is LeafletPart.ACTIVITIES:
        activities = content.activities
        _, leading = styles.size("body")
        paragraphs = [styles.paragraph(section.heading or activities.title,
                                       "heading", where), styles.paragraph(
            activities.intro, where=where, after=leading * 0.6)]
        for activity in activities.items:
            paragraphs.append(styles.paragraph(activity.text, where=where,
                                               lead=activity.title,
                                               after=leading * 0.35))
        paragraphs[0].style.spaceBefore = 0
        tint = styles.colours.tint or styles.colours.background
        title = section.heading or activities.title
        return [Item(TextBox(paragraphs, tint, 4 * MM, leading * 0.45, title), section.id)]
    heading = section.heading or content.self_care.title
    items.append(Item(styles.paragraph(heading, "heading", where), section.id,
                      keep_with_next=True, role=Role.H2, title=heading))
    for paragraph in section.paragraphs:
        add(paragraph)
    _, leading = styles.size("body")
    for routine_id in section.routines:
        routine = words.routines[routine_id]
        paragraph = styles.paragraph(routine.short, where=f"{where}: {routine_id}",
                                     after=leading * 0.35)
        items.append(Item(PictogramItem(routine.pictogram,
                                        content.labels.pictogram_alt(routine.pictogram),
                                        paragraph, LIST_PICTOGRAM_MM * MM,
                                        styles.colours.accent, 3 * MM), section.id))
    if section.include is LeafletPart.SELF_CARE:
        add(content.self_care.intro)
        for tip in content.self_care.tips:
            items.append(Item(styles.paragraph(tip, where=where, bullet="•",
                                               after=leading * 0.3), section.id, role=Role.LI))
    return items


def leaflet_source(words: LeafletWords) -> Source:
    """The function `flow` calls, at each type scale, for the leaflet's running text."""

    def items(styles: Styles) -> list[Item]:
        return [item for section in words.content.leaflet.sections
                for item in _section_items(words, section, styles)]

    return items


def type_roles(layout: AnyLeaflet) -> dict:  # type: ignore[type-arg]
    return {"title": layout.type.title, "heading": layout.type.heading,
            "body": layout.type.body}


def draw_cover(canvas: Canvas, words: LeafletWords, layout: AnyLeaflet, fonts: Fonts,
               box: tuple[float, float, float, float], ground: tuple[float, float, float, float],
               product: str) -> None:
    """The cover inside `box` (x, y, width, height); its colour fills `ground`."""
    x, y, width, height = box
    colours, margin = layout.colours, layout.margin_mm * MM
    marks = tags(canvas)
    canvas.setFillColor(colours.accent.reportlab)
    with marks.artifact():
        canvas.rect(*ground, stroke=0, fill=1)
    leaflet = words.content.leaflet
    inner = width - 2 * margin
    title = fit([Block("title", leaflet.title, "title"),
                 Block("subtitle", leaflet.subtitle, "heading", tag=Role.P)],
                type_roles(layout), fonts, colours.on_accent, inner, height / 2,
                product=product, where="cover", gap=4 * MM)
    top = y + height - margin - 6 * MM
    draw_fitted(canvas, title, x + margin, top, inner)
    # The credit, as the school's own leaflet gives it: who the texts were made with.
    name = fit([Block("made_with", words.content.labels.made_with, bold=True)],
               type_roles(layout),
               fonts, colours.on_accent, inner, height / 4, product=product, where="cover")
    room = (top - title.height) - (y + margin + name.height)
    size = min(inner * 0.6, room - 12 * MM)
    if size > 15 * MM:  # drawn before the credit, so a screen reader meets it in that order
        with marks.figure(words.content.labels.pictogram_alt(COVER_PICTOGRAM)):
            draw_pictogram(canvas, COVER_PICTOGRAM, x + (width - size) / 2,
                           y + margin + name.height + (room - size) / 2, size,
                           colours.on_accent)
    draw_fitted(canvas, name, x + margin, y + margin + name.height, inner)


def leaflet_contact(words: LeafletWords, layout: AnyLeaflet, fonts: Fonts, width: float,
                    product: str) -> ContactBlock:
    content = words.content
    return contact_block(content.organisation, content.labels, fonts, layout.type.body,
                         layout.type.heading, layout.colours.text, width, layout.qr_mm, product)
