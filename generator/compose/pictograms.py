"""Compose (pictograms): each `Pictogram` as bold vector line art, drawn by the project.

Every drawing lives in a unit square (0..1, origin lower left) and is scaled to its
printed size. Strokes are thick (7 % of the size: about 1 mm at 15 mm) with round
ends, one colour, no text: readable at arm's length on a fridge door. The colour comes
from the layout, whose contrast rules already hold it at 7:1 against the ground.
"""
from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from ..model import Pictogram
from ..model.colour import Colour

STROKE = 0.07  # of the pictogram's size


def _line(c: Canvas, *points: tuple[float, float]) -> None:
    path = c.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    c.drawPath(path, stroke=1, fill=0)


def _dot(c: Canvas, x: float, y: float, r: float) -> None:
    c.circle(x, y, r, stroke=0, fill=1)


def _wave(c: Canvas, x: float, y0: float, y1: float, swing: float = 0.05) -> None:
    """A wavy vertical line: steam, or a breath of warm air."""
    path = c.beginPath()
    path.moveTo(x, y0)
    third = (y1 - y0) / 3
    path.curveTo(x + swing, y0 + third * 0.5, x + swing, y0 + third, x, y0 + third * 1.5)
    path.curveTo(x - swing, y0 + third * 2, x - swing, y0 + third * 2.5, x, y1)
    c.drawPath(path, stroke=1, fill=0)


def _bust(c: Canvas, x: float, head_y: float, head_r: float, half_width: float) -> None:
    """Head and shoulders: a filled head over a rounded pair of shoulders."""
    _dot(c, x, head_y, head_r)
    path = c.beginPath()
    base = 0.08
    top = head_y - head_r - 0.07
    path.moveTo(x - half_width, base)
    path.curveTo(x - half_width, top, x + half_width, top, x + half_width, base)
    c.drawPath(path, stroke=1, fill=0)


def _stick_figure(c: Canvas, x: float, outer: float) -> None:
    """A standing figure; `outer` is the side (−1 or 1) its free arm hangs towards."""
    _dot(c, x, 0.82, 0.09)
    _line(c, (x, 0.7), (x, 0.38))
    _line(c, (x - 0.09, 0.07), (x, 0.38), (x + 0.09, 0.07))
    _line(c, (x, 0.63), (x + outer * 0.13, 0.4))


def _eye_contact(c: Canvas) -> None:
    path = c.beginPath()
    path.moveTo(0.06, 0.5)
    path.curveTo(0.3, 0.86, 0.7, 0.86, 0.94, 0.5)
    path.curveTo(0.7, 0.14, 0.3, 0.14, 0.06, 0.5)
    c.drawPath(path, stroke=1, fill=0)
    c.circle(0.5, 0.5, 0.16, stroke=1, fill=0)
    _dot(c, 0.5, 0.5, 0.07)


def _hand_on_shoulder(c: Canvas) -> None:
    _bust(c, 0.28, 0.72, 0.11, 0.2)
    _bust(c, 0.73, 0.72, 0.11, 0.2)
    _line(c, (0.38, 0.38), (0.5, 0.5), (0.64, 0.5))
    _dot(c, 0.66, 0.5, 0.055)


def _holding_hands(c: Canvas) -> None:
    _stick_figure(c, 0.26, -1)
    _stick_figure(c, 0.74, 1)
    _line(c, (0.26, 0.63), (0.5, 0.45), (0.74, 0.63))
    _dot(c, 0.5, 0.45, 0.055)


def _outdoors(c: Canvas) -> None:
    _line(c, (0.04, 0.1), (0.96, 0.1))
    _line(c, (0.3, 0.1), (0.3, 0.38))
    c.circle(0.3, 0.54, 0.17, stroke=1, fill=0)
    c.circle(0.74, 0.74, 0.1, stroke=1, fill=0)
    for dx, dy in ((0, 1), (1, 0), (0, -1), (-1, 0), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7),
                   (-0.7, -0.7)):
        _line(c, (0.74 + dx * 0.15, 0.74 + dy * 0.15), (0.74 + dx * 0.21, 0.74 + dy * 0.21))


def _cooking(c: Canvas) -> None:
    c.roundRect(0.2, 0.1, 0.6, 0.38, 0.06, stroke=1, fill=0)
    _line(c, (0.14, 0.55), (0.86, 0.55))
    _line(c, (0.2, 0.4), (0.07, 0.4))
    _line(c, (0.8, 0.4), (0.93, 0.4))
    for x in (0.36, 0.5, 0.64):
        _wave(c, x, 0.64, 0.94)


def _meal(c: Canvas) -> None:
    c.circle(0.5, 0.5, 0.27, stroke=1, fill=0)
    c.circle(0.5, 0.5, 0.15, stroke=1, fill=0)
    _line(c, (0.1, 0.12), (0.1, 0.86))
    _line(c, (0.04, 0.86), (0.04, 0.66), (0.16, 0.66), (0.16, 0.86))
    _line(c, (0.9, 0.12), (0.9, 0.6))
    c.ellipse(0.84, 0.6, 0.96, 0.88, stroke=1, fill=1)


def _standing_up(c: Canvas) -> None:
    _line(c, (0.1, 0.9), (0.1, 0.08))
    _line(c, (0.1, 0.42), (0.4, 0.42), (0.4, 0.08))
    _dot(c, 0.62, 0.84, 0.09)
    _line(c, (0.61, 0.72), (0.56, 0.42), (0.64, 0.25), (0.6, 0.08))
    _line(c, (0.6, 0.65), (0.72, 0.5))
    _line(c, (0.88, 0.2), (0.88, 0.82))
    _line(c, (0.8, 0.72), (0.88, 0.84), (0.96, 0.72))


def _memories(c: Canvas) -> None:
    c.roundRect(0.1, 0.14, 0.8, 0.72, 0.04, stroke=1, fill=0)
    _line(c, (0.18, 0.24), (0.4, 0.56), (0.54, 0.4), (0.66, 0.52), (0.82, 0.24))
    _dot(c, 0.68, 0.7, 0.06)


def _music(c: Canvas) -> None:
    c.ellipse(0.14, 0.12, 0.38, 0.3, stroke=0, fill=1)
    c.ellipse(0.56, 0.2, 0.8, 0.38, stroke=0, fill=1)
    _line(c, (0.36, 0.22), (0.36, 0.8))
    _line(c, (0.78, 0.3), (0.78, 0.88))
    path = c.beginPath()
    path.moveTo(0.36, 0.8)
    path.lineTo(0.78, 0.88)
    path.lineTo(0.78, 0.76)
    path.lineTo(0.36, 0.68)
    path.close()
    c.drawPath(path, stroke=1, fill=1)


def _shower(c: Canvas) -> None:
    _line(c, (0.14, 0.94), (0.56, 0.94), (0.56, 0.8))
    path = c.beginPath()
    path.moveTo(0.36, 0.64)
    path.curveTo(0.38, 0.84, 0.74, 0.84, 0.76, 0.64)
    path.close()
    c.drawPath(path, stroke=1, fill=1)
    for x, y in ((0.4, 0.48), (0.56, 0.46), (0.72, 0.48), (0.34, 0.24), (0.5, 0.22),
                 (0.66, 0.22), (0.82, 0.24)):
        _line(c, (x, y), (x - 0.03, y - 0.1))


def _hair(c: Canvas) -> None:
    c.roundRect(0.08, 0.56, 0.84, 0.16, 0.04, stroke=1, fill=1)
    for index in range(10):
        x = 0.14 + index * 0.08
        _line(c, (x, 0.56), (x, 0.24 if index % 2 else 0.3))


def _foot_bath(c: Canvas) -> None:
    _line(c, (0.06, 0.52), (0.18, 0.08), (0.82, 0.08), (0.94, 0.52))
    path = c.beginPath()
    path.moveTo(0.14, 0.36)
    for start in (0.14, 0.32, 0.5, 0.68):
        path.curveTo(start + 0.05, 0.44, start + 0.13, 0.28, start + 0.18, 0.36)
    c.drawPath(path, stroke=1, fill=0)
    for x in (0.34, 0.5, 0.66):
        _wave(c, x, 0.6, 0.92)


def _self_touch(c: Canvas) -> None:
    _bust(c, 0.5, 0.8, 0.12, 0.32)
    _line(c, (0.28, 0.22), (0.68, 0.44))
    _line(c, (0.72, 0.22), (0.32, 0.44))
    _dot(c, 0.69, 0.45, 0.05)
    _dot(c, 0.31, 0.45, 0.05)


DRAWINGS: dict[Pictogram, Callable[[Canvas], None]] = {
    Pictogram.EYE_CONTACT: _eye_contact,
    Pictogram.HAND_ON_SHOULDER: _hand_on_shoulder,
    Pictogram.HOLDING_HANDS: _holding_hands,
    Pictogram.OUTDOORS: _outdoors,
    Pictogram.COOKING: _cooking,
    Pictogram.MEAL: _meal,
    Pictogram.STANDING_UP: _standing_up,
    Pictogram.MEMORIES: _memories,
    Pictogram.MUSIC: _music,
    Pictogram.SHOWER: _shower,
    Pictogram.HAIR: _hair,
    Pictogram.FOOT_BATH: _foot_bath,
    Pictogram.SELF_TOUCH: _self_touch,
}


def draw_pictogram(canvas: Canvas, pictogram: Pictogram, x: float, y: float, size: float,
                   colour: Colour) -> None:
    """Draw `pictogram` in a `size`-point square whose lower-left corner is (x, y)."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size, size)
    canvas.setLineWidth(STROKE)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeColor(colour.reportlab)
    canvas.setFillColor(colour.reportlab)
    DRAWINGS[pictogram](canvas)
    canvas.restoreState()
