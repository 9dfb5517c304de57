"""Impose: finished pages n-up on sheets, with crop marks and duplex-aligned backs.

Cards are drawn straight onto the sheet canvas (no re-reading of PDFs). The grid of
cards is centred on the sheet's trim; each card is clipped to its own trim plus the
bleed that the gutter leaves room for, so neighbours never paint over each other.
Crop marks sit outside the bleed, at every cut, on fronts and backs alike.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from .errors import ContentError
from .layout import MM, Duplex, SheetLayout
from .page import Page, Painter


@dataclass(frozen=True)
class Grid:
    """Cell positions, in points from the sheet trim's lower-left corner."""

    sheet: SheetLayout
    card_width: float
    card_height: float

    @property
    def sheet_size(self) -> tuple[float, float]:
        width, height = self.sheet.sheet_mm
        return width * MM, height * MM

    @property
    def gutter(self) -> float:
        return self.sheet.gutter_mm * MM

    @property
    def block(self) -> tuple[float, float]:
        columns, rows = self.sheet.columns, self.sheet.rows
        return (columns * self.card_width + (columns - 1) * self.gutter,
                rows * self.card_height + (rows - 1) * self.gutter)

    @property
    def origin(self) -> tuple[float, float]:
        (width, height), (block_w, block_h) = self.sheet_size, self.block
        return (width - block_w) / 2, (height - block_h) / 2

    def cell(self, row: int, column: int) -> tuple[float, float]:
        """Lower-left corner of the card in `row` (0 at the top) and `column`."""
        x0, y0 = self.origin
        x = x0 + column * (self.card_width + self.gutter)
        y = y0 + (self.sheet.rows - 1 - row) * (self.card_height + self.gutter)
        return x, y

    def back_cell(self, row: int, column: int) -> tuple[int, int]:
        """Where the back of the card at (row, column) goes so that it lies behind it."""
        if self.sheet.duplex is Duplex.LONG_EDGE:
            return row, self.sheet.columns - 1 - column
        return self.sheet.rows - 1 - row, column

    def clip(self, row: int, column: int, bleed: float) -> tuple[float, float, float, float]:
        """The card's trim grown by the bleed where the gutter leaves room for it."""
        inner = min(bleed, self.gutter / 2)
        left = bleed if column == 0 else inner
        right = bleed if column == self.sheet.columns - 1 else inner
        bottom = bleed if row == self.sheet.rows - 1 else inner
        top = bleed if row == 0 else inner
        x, y = self.cell(row, column)
        return x - left, y - bottom, self.card_width + left + right, self.card_height + bottom + top

    def cuts(self) -> tuple[list[float], list[float]]:
        """x positions of vertical cuts and y positions of horizontal cuts."""
        xs: set[float] = set()
        ys: set[float] = set()
        for column in range(self.sheet.columns):
            x, _ = self.cell(0, column)
            xs.update((round(x, 3), round(x + self.card_width, 3)))
        for row in range(self.sheet.rows):
            _, y = self.cell(row, 0)
            ys.update((round(y, 3), round(y + self.card_height, 3)))
        return sorted(xs), sorted(ys)


def check_fits(grid: Grid, sheet_file: str) -> None:
    width, height = grid.sheet_size
    block_w, block_h = grid.block
    if block_w > width + 0.01 or block_h > height + 0.01:
        raise ContentError.single(
            sheet_file, f"{grid.sheet.columns} x {grid.sheet.rows} cards of "
            f"{grid.card_width / MM:.0f} x {grid.card_height / MM:.0f} mm need "
            f"{block_w / MM:.0f} x {block_h / MM:.0f} mm, the sheet is "
            f"{width / MM:.0f} x {height / MM:.0f} mm",
            hint="use fewer columns or rows, a smaller gutter or a larger sheet")


def _draw_marks(canvas: Canvas, grid: Grid) -> None:
    marks = grid.sheet.crop_marks
    offset, length = marks.offset_mm * MM, marks.length_mm * MM
    (x0, y0), (block_w, block_h) = grid.origin, grid.block
    xs, ys = grid.cuts()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(marks.line_pt)
    for x in xs:
        canvas.line(x, y0 - offset, x, y0 - offset - length)
        canvas.line(x, y0 + block_h + offset, x, y0 + block_h + offset + length)
    for y in ys:
        canvas.line(x0 - offset, y, x0 - offset - length, y)
        canvas.line(x0 + block_w + offset, y, x0 + block_w + offset + length, y)


def _sheet_page(label: str, grid: Grid, placed: list[tuple[int, int, Page]]) -> Page:
    bleed = grid.sheet.bleed_mm * MM
    marks = grid.sheet.crop_marks
    (x0, y0), (width, height) = grid.origin, grid.sheet_size
    # room for the marks measured from the card block, which may sit inside the sheet trim
    reach = (marks.offset_mm + marks.length_mm) * MM - min(x0, y0) + 2 * MM

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        for row, column, page in placed:
            x, y = grid.cell(row, column)
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(*grid.clip(row, column, min(bleed, page.bleed)))
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(x, y)
            page.draw(painter)
            canvas.restoreState()
        _draw_marks(canvas, grid)

    return Page(label, width, height, bleed, draw, margin=max(reach, bleed))


def impose(cards: Sequence[tuple[Page, Page | None] | None], sheet: SheetLayout,
           sheet_file: str) -> list[Page]:
    """Sheets for `cards` (front, back): front side, then its back side, per sheet.

    A None leaves its slot empty, so a caller can start a group of cards on a new sheet.
    """
    placed = [card for card in cards if card is not None]
    if not placed:
        return []
    first = placed[0][0]
    grid = Grid(sheet, first.width, first.height)
    check_fits(grid, sheet_file)
    per_sheet = sheet.columns * sheet.rows
    pages = []
    for number, start in enumerate(range(0, len(cards), per_sheet), 1):
        chunk = cards[start:start + per_sheet]
        slots = [(divmod(i, sheet.columns), card) for i, card in enumerate(chunk)
                 if card is not None]
        fronts = [(row, column, front) for (row, column), (front, _) in slots]
        pages.append(_sheet_page(f"sheet {number} front", grid, fronts))
        backs = [(*grid.back_cell(row, column), back)
                 for (row, column), (_, back) in slots if back is not None]
        if backs:
            pages.append(_sheet_page(f"sheet {number} back", grid, backs))
    return pages
