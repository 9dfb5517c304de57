"""Impose: the grid, A4 sheets that are A4, duplex backs behind their fronts, cut guides."""
from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from generator.defaults import default_dir
from generator.errors import ContentError
from generator.layout import MM, load_layout
from generator.pdf.impose import Grid, check_fits, impose
from generator.pdf.page import Page, Painter
from generator.pdf.render import Metadata, render_pdf

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

    def setDash(self, *_: object) -> None:  # fold guides are dashed, cut guides solid
        pass

    def saveState(self) -> None:
        pass

    def restoreState(self) -> None:
        pass


def test_cut_guides_lie_on_every_inner_cut_inside_the_edge_zone(grid: Grid) -> None:
    from generator.pdf.impose import _draw_guides

    recorder = _Recorder()
    _draw_guides(recorder, grid)  # type: ignore[arg-type]
    width, height = grid.sheet_size
    xs, ys = grid.cuts()
    # the middle cut from top and bottom; three horizontal cuts (0.5, 148.5, 296.5 mm)
    # from both sides: every cut that is not the paper's own edge
    assert len(recorder.lines) == 2 * 1 + 2 * 3
    for x1, y1, x2, y2 in recorder.lines:
        on_cut = (x1 == x2 and round(x1, 3) in xs) or (y1 == y2 and round(y1, 3) in ys)
        assert on_cut, (x1, y1, x2, y2)
        if y1 == y2:
            near = min(x1, x2, width - max(x1, x2))
        else:
            near = min(y1, y2, height - max(y1, y2))
        assert near == pytest.approx(0)  # from the paper's edge ...
        assert abs(x2 - x1) + abs(y2 - y1) == pytest.approx(4 * MM)  # ... 4 mm in: < 5 mm


@pytest.mark.parametrize("name", ["rutinkort-a4-ark.pdf", "oxytocin-och-beroring-a5-ark.pdf"])
def test_a_sheet_is_exactly_a4_and_its_trimbox_is_the_cut_block(shipped: dict[str, bytes],
                                                               name: str) -> None:
    for page in PdfReader(io.BytesIO(shipped[name])).pages:
        box = page.mediabox
        assert sorted(round(float(v) / MM, 2) for v in (box.width, box.height)) == [210, 297]
        assert [float(v) for v in box[:2]] == [0, 0]
        trim = [round(float(v) / MM, 2) for v in page.trimbox]
        long_side = 1 if name.startswith("rutinkort") else 0  # portrait A6 sheet: 296 tall
        assert (trim[long_side], trim[long_side + 2]) == (0.5, 296.5)
        assert (trim[1 - long_side], trim[3 - long_side]) == (0, 210)


def test_nothing_a_reader_needs_lies_in_the_5_mm_edge_zone(shipped: dict[str, bytes]) -> None:
    document = pdfium.PdfDocument(shipped["rutinkort-a4-ark.pdf"])
    try:
        for page in document:
            width, height = page.get_size()
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                if not textpage.get_text_range(index, 1).strip():
                    continue
                left, bottom, right, top = textpage.get_charbox(index)
                assert min(left, bottom, width - right, height - top) >= 5 * MM, index
    finally:
        document.close()


def _marks(size: tuple[float, float], at: tuple[float, float]) -> Page:
    """A card that draws only a 2 mm black square with its lower-left corner at `at`."""
    def draw(painter: Painter) -> None:
        painter.canvas.setFillColorRGB(0, 0, 0)
        painter.canvas.rect(at[0], at[1], 2 * MM, 2 * MM, stroke=0, fill=1)

    return Page("mark", size[0], size[1], 3 * MM, draw)


def _squares(data: bytes, page: int) -> list[tuple[float, float]]:
    """Centres (mm from the paper's lower-left) of the dark squares on a rendered page."""
    document = pdfium.PdfDocument(data)
    try:
        scale = 600 / 72
        image = document[page].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    pixels = image.load()
    dark = {(x, y) for y in range(0, height, 2) for x in range(0, width, 2)
            if pixels[x, y] < 60}
    found = []
    while dark:
        todo, blob = [dark.pop()], []
        while todo:
            x, y = todo.pop()
            blob.append((x, y))
            for near in ((x + 2, y), (x - 2, y), (x, y + 2), (x, y - 2)):
                if near in dark:
                    dark.remove(near)
                    todo.append(near)
        if len(blob) > 50:  # a square, not a cut guide
            cx = sum(p[0] for p in blob) / len(blob)
            cy = sum(p[1] for p in blob) / len(blob)
            found.append((cx / scale / MM, (height - cy) / scale / MM))
    return sorted(found)


BOOKLET_PAGE = (148 * MM, 210 * MM)


@pytest.mark.parametrize(("name", "card", "count"), [("sheet-a4-4up", A6, 4),
                                                      ("sheet-a4-booklet", BOOKLET_PAGE, 2)])
def test_duplex_backs_lie_within_half_a_millimetre_of_their_fronts(
        name: str, card: tuple[float, float], count: int) -> None:
    """Rendered at 100 % on A4: each back's mark, turned over as the layout says (both
    turn about the upright axis: portrait on the long edge, landscape on the short), falls
    on its own front's mark. Each card's mark stands at its own height, so a back behind
    the wrong front is caught too."""
    sheet = load_layout(default_dir("layouts") / f"{name}.yaml")
    cards = [(_marks(card, (20 * MM, (30 + 15 * i) * MM)),
              _marks(card, (card[0] - 22 * MM, (30 + 15 * i) * MM)))  # seen from behind
             for i in range(count)]
    pages = impose(cards, sheet, name)  # type: ignore[arg-type]
    data = render_pdf(pages, Metadata("t", "t", "t"), "Helvetica")
    fronts, backs = _squares(data, 0), _squares(data, 1)
    assert len(fronts) == len(backs) == count
    width = sheet.sheet_mm[0]
    turned = sorted((width - x, y) for x, y in backs)  # turned over about the upright axis
    for (fx, fy), (bx, by) in zip(fronts, turned, strict=True):
        assert abs(fx - bx) <= 0.5 and abs(fy - by) <= 0.5, (fx, fy, bx, by)


def test_readme_trimbox_and_cut_guides_agree_to_a_tenth_of_a_millimetre(
        shipped: dict[str, bytes]) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    page = PdfReader(io.BytesIO(shipped["rutinkort-a4-ark.pdf"])).pages[0]
    left, bottom, right, top = (round(float(v) / MM, 1) for v in page.trimbox)
    assert f"{left:g} – {right:g} mm across and {bottom:g} – {top:g} mm up" in readme
    sheet = load_layout(default_dir("layouts") / "sheet-a4-4up.yaml")
    xs, ys = Grid(sheet, *A6).cuts()
    inner_x = [round(x / MM, 1) for x in xs if 0 < round(x / MM, 1) < 210]
    across = ", ".join(f"{x:g}" for x in inner_x)
    up = ", ".join(f"{round(y / MM, 1):g}" for y in ys[:-1]) + f" and {round(ys[-1] / MM, 1):g}"
    assert f"the cut\nlines lie at {across} mm across and at {up} mm up" in readme
    assert (round(ys[0] / MM, 1), round(ys[-1] / MM, 1)) == (bottom, top)
