"""Impose: the grid, duplex backs behind their fronts, crop marks outside the bleed."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from generator.defaults import default_dir
from generator.errors import ContentError
from generator.layout import MM, load_layout
from generator.pdf.impose import Grid, check_fits

A6 = (105 * MM, 148 * MM)


@pytest.fixture(scope="module")
def grid() -> Grid:
    return Grid(load_layout(default_dir("layouts") / "sheet-a4-4up.yaml"), *A6)


def test_four_cards_fill_the_a4_trim(grid: Grid) -> None:
    assert grid.block == pytest.approx((210 * MM, 296 * MM))
    assert grid.cell(0, 0) == pytest.approx((0, 0.5 * MM + 148 * MM))
    assert grid.cell(1, 1) == pytest.approx((105 * MM, 0.5 * MM))


def test_long_edge_backs_mirror_columns(grid: Grid) -> None:
    assert [grid.back_cell(0, c) for c in (0, 1)] == [(0, 1), (0, 0)]
    assert grid.back_cell(1, 0) == (1, 1)


def test_bleed_only_where_no_neighbour_is(grid: Grid) -> None:
    x, y, w, h = grid.clip(0, 0, 3 * MM)
    assert x == pytest.approx(-3 * MM)  # outer left edge keeps its bleed
    assert x + w == pytest.approx(105 * MM)  # the shared cut does not
    assert y + h == pytest.approx(grid.cell(0, 0)[1] + 148 * MM + 3 * MM)


def test_cards_that_do_not_fit_the_sheet_are_refused(grid: Grid) -> None:
    with pytest.raises(ContentError, match="2 x 2 cards of 148 x 210 mm need 296 x 420 mm"):
        check_fits(Grid(grid.sheet, 148 * MM, 210 * MM), "sheet-a4-4up")


def text_positions(page) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, fonts, size):  # type: ignore[no-untyped-def]
        if text.strip():
            found.append((text.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    page.extract_text(visitor_text=visit)
    return found


def test_each_back_lies_behind_its_front(shipped: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(shipped["rutinkort-a4-ark.pdf"]))
    front, back = reader.pages[0], reader.pages[1]
    width = float(front.mediabox.width)

    def x_of(page, title: str) -> float:  # type: ignore[no-untyped-def]
        return next(x for text, x, _ in text_positions(page) if text.startswith(title))

    for title in ("Ögonkontakt", "Sitt nära"):
        front_x = x_of(front, title)
        back_x = x_of(back, title)
        # mirrored across the sheet's vertical centre line, within a card's width
        mirrored_card_left = width - front_x - 105 * MM
        assert abs(back_x - mirrored_card_left) < 20 * MM, (title, front_x, back_x)
    assert x_of(front, "Ögonkontakt") < width / 2 < x_of(back, "Ögonkontakt")


class _Recorder:
    """Stands in for a canvas and keeps the lines drawn on it."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, float, float, float]] = []

    def line(self, *points: float) -> None:
        self.lines.append(points)  # type: ignore[arg-type]

    def setStrokeColorRGB(self, *_: float) -> None:
        pass

    def setLineWidth(self, _: float) -> None:
        pass

    def setDash(self, *_: object) -> None:  # fold marks are dashed, crop marks solid
        pass

    def saveState(self) -> None:
        pass

    def restoreState(self) -> None:
        pass


def test_crop_marks_sit_outside_the_bleed_at_every_cut(grid: Grid) -> None:
    from generator.pdf.impose import _draw_marks

    recorder = _Recorder()
    _draw_marks(recorder, grid)  # type: ignore[arg-type]
    (x0, y0), (block_w, block_h) = grid.origin, grid.block
    bleed = grid.sheet.bleed_mm * MM
    assert len(recorder.lines) == 2 * 3 + 2 * 3  # 3 vertical and 3 horizontal cuts, both ends
    for x1, y1, x2, y2 in recorder.lines:
        inside_x = x0 - bleed < min(x1, x2) and max(x1, x2) < x0 + block_w + bleed
        inside_y = y0 - bleed < min(y1, y2) and max(y1, y2) < y0 + block_h + bleed
        assert not (inside_x and inside_y), (x1, y1, x2, y2)
        assert abs(x2 - x1) + abs(y2 - y1) == pytest.approx(5 * MM)
