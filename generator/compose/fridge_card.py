"""Compose (fridge card): everyday touch at a glance, in large print, one page.

A title on a band of colour that runs off the top edge, then one short line per
routine beside its pictogram, spread evenly down the card, and the contact line at the
foot. The lines share one type size; it shrinks towards the layout's minimum (18 pt at
the least) before the card gives up and names the routine that does not fit.
"""
from __future__ import annotations

from ..model import Content, Routine
from ..model.layout import MM, FridgeLayout
from ..pdf.page import Page, Painter
from ..pdf.tagging import Role
from .contact import contact_text, link_words
from .flow import Box, Item, PictogramItem, Styles, flow
from .text import Block, Fonts, draw_fitted, fit

BAND_PADDING_MM = 5.0
LINE_GAP_MM = 2.5
MAX_GAP_MM = 14.0


def compose_fridge_card(routines: list[Routine], content: Content, layout: FridgeLayout,
                        fonts: Fonts, product: str) -> Page:
    """One page; `routines` are already personalised, in the order the manifest gives."""
    width, height = (size * MM for size in layout.trim_mm)
    bleed, margin = layout.bleed_mm * MM, layout.margin_mm * MM
    inner = width - 2 * margin
    styles = {"title": layout.type.title, "heading": layout.type.heading,
              "body": layout.type.body}
    title = fit([Block("title", content.labels.everyday_heading, "title")], styles, fonts,
                layout.colours.on_accent, inner, height / 4, product=product, where="title")
    band = title.height + 2 * BAND_PADDING_MM * MM
    details = contact_text(content.organisation, content.labels, fonts.rtl)
    contact = fit([Block("contact", details.line(),
                         bold=True, links=link_words(content.organisation, content.labels))],
                  styles, fonts,
                  layout.colours.text, inner, height / 5, product=product, where="contact line")
    top = height - band - LINE_GAP_MM * MM
    bottom = margin + contact.height + LINE_GAP_MM * 2 * MM
    icon, gap = layout.pictogram_mm * MM, LINE_GAP_MM * MM

    def lines(at: Styles) -> list[Item]:
        return [Item(PictogramItem(r.pictogram, content.labels.pictogram_alt(r.pictogram),
                                   at.paragraph(r.short, where=f"routine '{r.id}'",
                                                bold=True, after=gap),
                                   icon, layout.colours.accent, 4 * MM), r.id)
                for r in routines]

    (filled,) = flow(lines, [Box("lines", inner, top - bottom)], styles, fonts,
                     layout.colours, product=product, where="the lines")
    used = sum(p.height for p in filled.placed)
    spread = min((top - bottom - used) / max(1, len(filled.placed)), MAX_GAP_MM * MM)

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        with painter.artifact():
            canvas.setFillColor(layout.colours.background.reportlab)
            canvas.rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed, stroke=0, fill=1)
            canvas.setFillColor(layout.colours.accent.reportlab)
            canvas.rect(-bleed, height - band, width + 2 * bleed, band + bleed, stroke=0, fill=1)
        draw_fitted(canvas, title, margin, height - BAND_PADDING_MM * MM, inner)
        y = top
        with painter.group(Role.L):  # each line is a list item: pictogram and text
            for placed in filled.placed:
                y -= placed.height
                placed.item.flowable.drawOn(canvas, margin, y)
                y -= spread
        rule = margin + contact.height + LINE_GAP_MM * MM
        canvas.setStrokeColor(layout.colours.accent.reportlab)
        canvas.setLineWidth(1.5)
        with painter.artifact():
            canvas.line(margin, rule, width - margin, rule)
        draw_fitted(canvas, contact, margin, margin + contact.height, inner)

    return Page("fridge card", width, height, bleed, draw)
