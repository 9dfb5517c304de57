"""Compose (tri-fold leaflet): one sheet, two sides of panels, text flowing through them.

Each side is one page the size of the sheet. Panels stand left to right as the side
lies face up; the layout says which panel is the cover, which holds the contact block
and the order the running text takes through the rest. Crop marks at the corners and
dashed fold marks at the folds sit outside the trim, beyond the bleed.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Content
from ..model.layout import MM, LeafletLayout, Panel, PanelRole, Side
from ..pdf.marks import draw_crop_marks
from ..pdf.page import Page, Painter
from ..pdf.tagging import Role
from .contact import ContactBlock
from .flow import Box, Filled, flow
from .leaflet_text import LeafletWords, draw_cover, leaflet_contact, leaflet_source, type_roles
from .text import Fonts

CONTACT_GAP_MM = 8.0
FOLD_WRAP_MM = 3.0  # how far a cover's colour crosses a fold


@dataclass(frozen=True)
class FoldedLeaflet:
    """The pages (one per side) and what each panel holds, for checks and tests."""

    pages: list[Page]
    panels: dict[str, Filled]


def panel_order(side: Side, rtl: bool) -> list[Panel]:
    """The side's panels from left to right as it lies face up.

    A right-to-left leaflet (Arabic) is a book that opens from the right: each side
    is mirrored, so the cover and the first text panel stand where a reader of the
    language starts, and the folds (narrow flap included) mirror with them.
    """
    return list(reversed(side.panels)) if rtl else list(side.panels)


def panel_edges(side: Side, rtl: bool = False) -> list[float]:
    """x of each panel's left edge, in points, and the side's right edge last."""
    edges = [0.0]
    for panel in panel_order(side, rtl):
        edges.append(edges[-1] + panel.width_mm * MM)
    return edges


def reading_place(panel: Panel) -> float:
    """Where a panel comes in the structure tree: the cover first, then the running text
    in its flow order (the inside panels left to right, then the fold-in flap, then the
    back), whatever side of the paper each is printed on."""
    if panel.role is PanelRole.COVER:
        return 0
    return float(panel.flow) if panel.flow else 1000.0


def _side_page(side: Side, layout: LeafletLayout, words: LeafletWords, fonts: Fonts,
               panels: dict[str, Filled], contact: ContactBlock | None, product: str) -> Page:
    width, height = (size * MM for size in layout.trim_mm)
    bleed, margin = layout.bleed_mm * MM, layout.margin_mm * MM
    edges = panel_edges(side, fonts.rtl)

    def draw_panel(painter: Painter, panel: Panel, left: float, right: float) -> None:
        with painter.group(Role.PART, order=reading_place(panel)):
            paint_panel(painter, panel, left, right)

    def paint_panel(painter: Painter, panel: Panel, left: float, right: float) -> None:
        canvas = painter.canvas
        if panel.role is PanelRole.COVER:
            # Past a fold the colour runs on a safe 3 mm: folded 1 mm off, no white line.
            grow_left = bleed if left == 0 else FOLD_WRAP_MM * MM
            grow_right = bleed if abs(right - width) < 0.01 else FOLD_WRAP_MM * MM
            draw_cover(canvas, words, layout, fonts, (left, 0, right - left, height),
                       (left - grow_left, -bleed, right - left + grow_left + grow_right,
                        height + 2 * bleed), product)
        if panel.name in panels:
            panels[panel.name].draw(canvas, left + margin, height - margin)
        if panel.role is PanelRole.BACK and contact is not None:
            contact.draw(painter, left + margin, margin)

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        canvas.setFillColor(layout.colours.background.reportlab)
        with painter.artifact():
            canvas.rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed, stroke=0, fill=1)
        for panel, left, right in zip(panel_order(side, fonts.rtl), edges, edges[1:],
                                      strict=False):
            draw_panel(painter, panel, left, right)
        with painter.artifact():
            folds = edges[1:-1]
            draw_crop_marks(canvas, layout.marks, (0, 0, width, height), [0, *folds, width],
                            (0, height), folds={round(x, 3) for x in folds})

    reach = (layout.marks.offset_mm + layout.marks.length_mm + 1) * MM
    return Page(side.name, width, height, bleed, draw, margin=max(reach, bleed))


def compose_leaflet(content: Content, layout: LeafletLayout, fonts: Fonts,
                    product: str) -> FoldedLeaflet:
    """Flow the leaflet's text through the layout's panels and draw both sides."""
    words = LeafletWords.of(content)
    height, margin = layout.trim_mm[1] * MM, layout.margin_mm * MM
    backs = [p for side in layout.sides for p in side.panels if p.role is PanelRole.BACK]
    contact = (leaflet_contact(words, layout, fonts, backs[0].width_mm * MM - 2 * margin,
                               product) if backs else None)
    boxes = []
    for _, panel in layout.flow_panels():
        room = height - 2 * margin
        if panel.role is PanelRole.BACK and contact is not None:
            room -= contact.height + CONTACT_GAP_MM * MM
        boxes.append(Box(panel.name, panel.width_mm * MM - 2 * margin, room))
    filled = flow(leaflet_source(words), boxes, type_roles(layout), fonts, layout.colours,
                  product=product)
    panels = {f.box.name: f for f in filled}
    pages = [_side_page(side, layout, words, fonts, panels, contact, product)
             for side in layout.sides]
    return FoldedLeaflet(pages, panels)
