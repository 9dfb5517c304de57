"""Print marks: crop marks at every cut and dashed marks at every fold, outside the trim.

`draw_crop_marks` draws them outside a trimmed block for every product that has room
round its trim: a leaflet's sheet (corners and folds) and the print shop's single
pages. `draw_cut_guides` marks the cuts of a sheet that is exactly its paper's size
(an office printer's A4) with short lines in the paper's edge zone instead.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ..model.colour import drawing_in_inks
from ..model.layout import MM, CropMarks, CutGuides

FOLD_DASH = (1.5 * MM, 1 * MM)  # dash and gap of a fold mark
SOLID: tuple[list[float], int] = ([], 0)


def registration() -> Any:
    """Registration colour: the separation "All", 100 % on every plate, for crop marks."""
    from reportlab.lib.colors import CMYKColorSep
    return CMYKColorSep(1, 1, 1, 1, spotName="All")


def draw_crop_marks(canvas: Canvas, marks: CropMarks, block: tuple[float, float, float, float],
                    xs: Sequence[float], ys: Sequence[float],
                    folds: Collection[float] = ()) -> None:
    """Marks outside `block` (left, bottom, width, height): at each x above and below it,
    at each y left and right of it; an x in `folds` (rounded to 0.001 pt) is dashed."""
    offset, length = marks.offset_mm * MM, marks.length_mm * MM
    x0, y0, width, height = block
    canvas.saveState()
    if drawing_in_inks():  # the print-shop edition: marks on every plate
        canvas.setStrokeColor(registration())
    else:
        canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(marks.line_pt)
    for x in xs:
        canvas.setDash(*(FOLD_DASH if round(x, 3) in folds else SOLID))
        canvas.line(x, y0 - offset, x, y0 - offset - length)
        canvas.line(x, y0 + height + offset, x, y0 + height + offset + length)
    canvas.setDash(*SOLID)
    for y in ys:
        canvas.line(x0 - offset, y, x0 - offset - length, y)
        canvas.line(x0 + width + offset, y, x0 + width + offset + length, y)
    canvas.restoreState()


def draw_cut_guides(canvas: Canvas, guides: CutGuides, paper: tuple[float, float],
                    xs: Sequence[float], ys: Sequence[float],
                    folds: Collection[float] = ()) -> None:
    """Short guides on every cut inside the paper: at each x from the top and bottom edge
    inwards, at each y from the left and right edge; an x in `folds` is dashed."""
    width, height = paper
    length = guides.length_mm * MM
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(guides.line_pt)
    for x in xs:
        if 0.01 < x < width - 0.01:
            canvas.setDash(*(FOLD_DASH if round(x, 3) in folds else SOLID))
            canvas.line(x, 0, x, length)
            canvas.line(x, height, x, height - length)
    canvas.setDash(*SOLID)
    for y in ys:
        if 0.01 < y < height - 0.01:
            canvas.line(0, y, length, y)
            canvas.line(width, y, width - length, y)
    canvas.restoreState()
