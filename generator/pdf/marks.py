"""Print marks: crop marks at every cut and dashed marks at every fold, outside the trim.

One function draws them for every product: a leaflet's sheet (corners and folds) and
imposed sheets of cards or booklet pages (every cut of the grid, the spine as a fold).
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ..model.colour import drawing_in_inks
from ..model.layout import MM, CropMarks

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
