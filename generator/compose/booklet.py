"""Compose (booklet): the leaflet as pages folded once: cover, running text, contact page.

The text flows through as many pages as it needs (up to the layout's `max_pages`);
notes pages before the contact page pad the count to a multiple of 4, as a sheet
folded once holds four pages.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Content
from ..model.layout import MM, BookletLayout
from ..pdf.page import Page, Painter
from ..pdf.tagging import Role
from .flow import Box, Filled, flow
from .leaflet_text import LeafletWords, draw_cover, leaflet_contact, leaflet_source, type_roles
from .text import Block, Fonts, draw_fitted, fit

NOTE_LINE_MM = 12.0
SPINE_WRAP_MM = 3.0  # how far the cover's colour runs round the spine


@dataclass(frozen=True)
class Booklet:
    pages: list[Page]
    text_pages: list[Filled]


def compose_booklet(content: Content, layout: BookletLayout, fonts: Fonts,
                    product: str) -> Booklet:
    words = LeafletWords.of(content)
    width, height = (size * MM for size in layout.trim_mm)
    bleed, margin = layout.bleed_mm * MM, layout.margin_mm * MM
    inner = width - 2 * margin
    boxes = [Box(f"page {number}", inner, height - 2 * margin)
             for number in range(2, layout.max_pages)]
    filled = flow(leaflet_source(words), boxes, type_roles(layout), fonts, layout.colours,
                  product=product)
    contact = leaflet_contact(words, layout, fonts, inner, product)
    notes_heading = fit([Block("notes_heading", content.labels.notes_heading, "heading")],
                        type_roles(layout), fonts, layout.colours.text, inner, height / 4,
                        product=product, where="notes page")

    def page(label: str, paint) -> Page:  # type: ignore[no-untyped-def]
        def draw(painter: Painter) -> None:
            canvas = painter.canvas
            canvas.setFillColor(layout.colours.background.reportlab)
            with painter.artifact():
                canvas.rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed, stroke=0,
                            fill=1)
            with painter.group(Role.PART):
                paint(painter)
        return Page(label, width, height, bleed, draw)

    def cover(painter: Painter) -> None:
        draw_cover(painter.canvas, words, layout, fonts, (0, 0, width, height),
                   (-bleed, -bleed, width + 2 * bleed, height + 2 * bleed), product)

    def text_page(box: Filled):  # type: ignore[no-untyped-def]
        return lambda painter: box.draw(painter.canvas, margin, height - margin)

    def notes(painter: Painter) -> None:
        canvas = painter.canvas
        draw_fitted(canvas, notes_heading, margin, height - margin, inner)
        canvas.setStrokeColor(layout.colours.accent.reportlab)
        canvas.setLineWidth(0.75)
        y = height - margin - notes_heading.height - NOTE_LINE_MM * MM
        with painter.artifact():
            while y > margin:
                canvas.line(margin, y, width - margin, y)
                y -= NOTE_LINE_MM * MM

    def back(painter: Painter) -> None:
        # The cover's colour wraps round the spine onto the back cover by a safe 3 mm,
        # so a spine folded 1 mm off shows neither a white nor a blue line on the front.
        canvas = painter.canvas
        with painter.artifact():
            canvas.setFillColor(layout.colours.accent.reportlab)
            canvas.rect(width - SPINE_WRAP_MM * MM, -bleed, SPINE_WRAP_MM * MM + bleed,
                        height + 2 * bleed, stroke=0, fill=1)
        contact.draw(painter, margin, margin)

    pages = [page("cover", cover)] + [page(f.box.name, text_page(f)) for f in filled]
    padding = -(len(pages) + 1) % 4
    pages += [page("notes", notes) for _ in range(padding)]
    pages.append(page("back", back))
    return Booklet(pages, filled)
