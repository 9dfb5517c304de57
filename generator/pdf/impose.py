"""Impose: finished pages n-up on sheets the paper's size, with cut guides and duplex-aligned backs.

Cards are drawn straight onto the sheet canvas (no re-reading of PDFs). The grid of
cards is centred on the sheet's trim; each card is clipped to its own trim plus the
bleed that the gutter leaves room for, so neighbours never paint over each other.
The sheet is exactly its paper (A4: 210 x 297 mm); short cut guides stand on every
cut in the paper's edge zone, on fronts and backs alike.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..errors import ContentError
from ..model.layout import MM, Duplex, Orientation, SheetLayout
from .marks import draw_cut_guides
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

    @property
    def turns_sideways(self) -> bool:
        """Whether the sheet turns over about an upright axis, like a book's page.

        A portrait sheet does when flipped on its long edge, a landscape one on its short.
        """
        long_edge = self.sheet.duplex is Duplex.LONG_EDGE
        return long_edge == (self.sheet.orientation is Orientation.PORTRAIT)

    def back_cell(self, row: int, column: int) -> tuple[int, int]:
        """Where the back of the card at (row, column) goes so that it lies behind it."""
        if self.turns_sideways:
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
            sheet_file, "sheet.too_small", {
                "columns": grid.sheet.columns, "rows": grid.sheet.rows,
                "card_w": grid.card_width / MM, "card_h": grid.card_height / MM,
                "need_w": block_w / MM, "need_h": block_h / MM,
                "sheet_w": width / MM, "sheet_h": height / MM})


def _draw_guides(canvas: Canvas, grid: Grid, folds: tuple[float, ...] = ()) -> None:
    """Cut guides on every cut, in the paper's edge zone; at a fold (a booklet's spine)
    dashed."""
    xs, ys = grid.cuts()
    draw_cut_guides(canvas, grid.sheet.cut_guides, grid.sheet_size, xs, ys, folds)


EDGE_ZONE_MM = 5.0  # an office printer leaves about this much of the paper's edge blank


def _printable(box: tuple[float, float, float, float], width: float,
               height: float) -> tuple[float, float, float, float]:
    """`box` (x, y, w, h) cut back to the paper less its edge zone: colour that would run
    off the paper (a booklet's cover) stops in an even line instead of where each
    printer's margin happens to fall."""
    zone = EDGE_ZONE_MM * MM
    x0, y0 = max(box[0], zone), max(box[1], zone)
    x1, y1 = min(box[0] + box[2], width - zone), min(box[1] + box[3], height - zone)
    return x0, y0, max(0.0, x1 - x0), max(0.0, y1 - y0)


def _sheet_page(label: str, grid: Grid, placed: list[tuple[int, int, Page]],
                folds: tuple[float, ...] = ()) -> Page:
    """One side of a sheet, exactly the paper's size: what is printed at "fit", "actual
    size" or "shrink oversized pages" alike. The TrimBox is the block of cards."""
    bleed = grid.sheet.bleed_mm * MM
    (x0, y0), (width, height) = grid.origin, grid.sheet_size
    block_w, block_h = grid.block

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        for row, column, page in placed:
            x, y = grid.cell(row, column)
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(*_printable(grid.clip(row, column, min(bleed, page.bleed)), width,
                                  height))
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(x, y)
            page.draw(painter)
            canvas.restoreState()
        _draw_guides(canvas, grid, folds)

    return Page(label, width, height, 0.0, draw, margin=0.0,
                trim_box=(x0, y0, x0 + block_w, y0 + block_h))


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


def booklet_order(count: int) -> list[tuple[int, int]]:
    """(left, right) page indexes for each sheet side: 8 pages -> (7, 0), (1, 6), (5, 2), (3, 4).

    Sides alternate front and back; the stack of sheets, folded once, reads 1 to `count`.
    """
    sides = []
    for sheet in range(count // 4):
        sides.append((count - 1 - 2 * sheet, 2 * sheet))
        sides.append((2 * sheet + 1, count - 2 - 2 * sheet))
    return sides


def impose_booklet(pages: Sequence[Page], sheet: SheetLayout, sheet_file: str,
                   rtl: bool = False) -> list[Page]:
    """Pages two by two on sheets in booklet order, for duplex printing and folding once.

    A right-to-left booklet (Arabic) opens from the right: each sheet's halves swap.
    """
    grid = Grid(sheet, pages[0].width, pages[0].height)
    if (sheet.columns, sheet.rows) != (2, 1) or not grid.turns_sideways:
        raise ContentError.single(
            sheet_file, "sheet.not_booklet", {
                "columns": sheet.columns, "rows": sheet.rows,
                "orientation": sheet.orientation.value, "duplex": sheet.duplex.value})
    if len(pages) % 4:
        raise ValueError("a booklet's page count is a multiple of 4")
    check_fits(grid, sheet_file)
    spine = round(grid.cell(0, 1)[0], 3)
    return [_sheet_page(f"sheet {index // 2 + 1} {'back' if index % 2 else 'front'}", grid,
                        [(0, 0, pages[left]), (0, 1, pages[right])], folds=(spine,))
            for index, (left, right) in enumerate(
                (b, a) if rtl else (a, b) for a, b in booklet_order(len(pages)))]
