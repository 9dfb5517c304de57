"""Sheet parts numbered in their own ranges: joined as they are, into the same pages."""
from __future__ import annotations

import io
import re

import pikepdf
import pytest

from generator.pdf.classic import read_classic
from generator.pdf.join import join_pdfs
from generator.pdf.numbered import CATALOG, FIRST_RANGE, INFO, PAGES, Ranges, read_numbered
from generator.personal import render_sheets
from pictures import difference, render_pages

RANGES = Ranges(32)


def _sheet(chunk, numbers: range | None) -> bytes:  # type: ignore[no-untyped-def]
    slots, files, placed, content, inputs = chunk
    return render_sheets(slots, content, inputs, (files, placed), numbers)


def _join(parts: list[bytes], spare: int | None) -> bytes:
    out = io.BytesIO()
    join_pdfs(parts, out, spare)
    return out.getvalue()


def _numbers(data: bytes) -> list[int]:
    return sorted(int(n) for n in re.findall(rb"(?m)^(\d+) 0 obj", data))


@pytest.fixture(scope="module")
def usual(chunk) -> bytes:  # type: ignore[no-untyped-def]
    """The chunk's sheet made without a range, and two of them joined the usual way."""
    sheet = _sheet(chunk, None)
    return _join([sheet, sheet], None)


def test_a_sheet_in_a_range_is_a_pdf_numbered_in_it(chunk) -> None:  # type: ignore[no-untyped-def]
    numbers = RANGES.numbers(1)
    sheet = _sheet(chunk, numbers)
    part = read_numbered(sheet)
    assert part is not None and part.first == numbers.start
    used = _numbers(sheet)
    assert used[:3] == [PAGES, CATALOG, INFO]
    assert all(n < FIRST_RANGE or n in numbers for n in used)
    assert read_numbered(_sheet(chunk, None)) is None  # the usual shape is not taken for it
    with pikepdf.open(io.BytesIO(sheet)) as pdf:  # a whole PDF of its own
        assert len(pdf.pages) == 6 and pdf.check_pdf_syntax() == []


def test_numbered_parts_join_as_they_are_into_the_same_pages(chunk, usual) -> None:  # type: ignore[no-untyped-def]
    parts = [_sheet(chunk, RANGES.numbers(index)) for index in range(2)]
    joined = _join(parts, RANGES.spare(2))
    numbers = _numbers(joined)
    body = [n for n in _numbers(parts[1]) if n >= FIRST_RANGE]
    assert set(body) <= set(numbers)  # the second part's objects kept their numbers
    assert max(numbers) < RANGES.spare(2)  # nothing renumbered after the ranges
    assert joined.count(b"/Type /XObject") == usual.count(b"/Type /XObject")
    with pikepdf.open(io.BytesIO(joined)) as pdf, pikepdf.open(io.BytesIO(usual)) as other:
        assert pdf.check_pdf_syntax() == [] and len(pdf.pages) == len(other.pages) == 12
        assert pdf.Root.ViewerPreferences == other.Root.ViewerPreferences
        assert pdf.docinfo.Title == other.docinfo.Title
    for mine, theirs in zip(render_pages(joined, 50), render_pages(usual, 50), strict=True):
        mean, changed = difference(mine, theirs)
        assert mean == 0 and changed == 0


def test_a_sheet_too_big_for_its_range_is_made_the_usual_way_and_renumbered(chunk, usual) -> None:  # type: ignore[no-untyped-def]
    spare = RANGES.spare(3)
    small = range(RANGES.first(1), RANGES.first(1) + 10)  # room for ten objects only
    first, second, third = (_sheet(chunk, numbers) for numbers in
                            (RANGES.numbers(0), small, RANGES.numbers(2)))
    assert read_numbered(second) is None and read_classic(second) is not None
    joined = _join([first, second, third], spare)
    numbers = _numbers(joined)
    assert not any(n in small for n in numbers)
    assert any(n >= spare for n in numbers)  # the second part numbered after every range
    assert set(_numbers(third)) - {PAGES, CATALOG, INFO} <= set(numbers)  # the third as made
    assert len(numbers) == len(set(numbers))
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert pdf.check_pdf_syntax() == [] and len(pdf.pages) == 18
    once = render_pages(usual, 50)[:6]
    for index, mine in enumerate(render_pages(joined, 50)):
        assert difference(mine, once[index % 6]) == (0, 0)


def test_a_later_part_whose_shared_objects_differ_is_renumbered(chunk) -> None:  # type: ignore[no-untyped-def]
    first = _sheet(chunk, RANGES.numbers(0))
    second = _sheet(chunk, RANGES.numbers(1))
    assert b"/PrintScaling /None" in second
    other = second.replace(b"/PrintScaling /None", b"/PrintScaling /AppD")  # same length
    assert read_numbered(other) is not None
    joined = _join([first, other], RANGES.spare(2))
    assert any(n >= RANGES.spare(2) for n in _numbers(joined))  # copied the usual way
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert pdf.Root.ViewerPreferences.PrintScaling == "/None"  # the first part's
        assert pdf.check_pdf_syntax() == [] and len(pdf.pages) == 12


def test_without_ranges_a_numbered_part_is_joined_the_usual_way(chunk, usual) -> None:  # type: ignore[no-untyped-def]
    parts = [_sheet(chunk, RANGES.numbers(index)) for index in range(2)]
    joined = _join(parts, None)  # a caller that set no ranges aside
    assert max(_numbers(joined)) < FIRST_RANGE
    for mine, theirs in zip(render_pages(joined, 50), render_pages(usual, 50), strict=True):
        assert difference(mine, theirs) == (0, 0)
