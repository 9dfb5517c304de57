"""Impose (reuse): finished card PDFs placed on sheet pages as form XObjects, never drawn again.

A batch renders each person's cards once, into that person's file. Their sheet is made
from those files: each card page becomes a form XObject (its content stream as it is,
its resources, a bounding box of its MediaBox) and each sheet side a page that clips
and places the forms where `impose.Grid` puts the cards, then draws the crop marks.
The marks, the sheet's boxes, catalogue and information come from one sheet side
rendered by ReportLab with no cards on it, so they are the same as a drawn sheet's.
Only PDFs in ReportLab's shape (`classic.py`) are reused; `None` tells the caller to
draw the sheet instead. Same input, same bytes.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model.layout import MM, SheetLayout
from .classic import Classic, Objects, read_classic, renumber
from .deflate import compress
from .impose import Grid, _sheet_page, check_fits
from .numbered import CATALOG, FIRST_RANGE, INFO, PAGES, SHARED, merged, xref_table
from .page import Page
from .render import Metadata, render_pdf
from .sheet_fonts import SharedFonts

_BOX = {name: re.compile(rb"/" + name + rb"\s*\[([^\]]*)\]")
        for name in (b"MediaBox", b"BleedBox", b"TrimBox", b"CropBox")}
_CONTENTS = re.compile(rb"/Contents\s+(\d+)\s+0\s+R")
_RESOURCES = re.compile(rb"/Resources\s*")
_ROTATE = re.compile(rb"/Rotate\s+(-?\d+)")


@dataclass(frozen=True)
class Placed:
    """A card on a sheet: which rendered file (index) and which of its pages, front and back."""

    file: int
    front: int
    back: int | None


class _OutOfRange(Exception):
    """The sheet needs more object numbers than were set aside for it."""


def reuse_sheets(files: Sequence[bytes | Classic], cards: Sequence[Placed | None],
                 first: Page, sheet: SheetLayout, sheet_name: str, metadata: Metadata,
                 base_font: str, numbers: range | None = None) -> bytes | None:
    """The sheet file for `cards` (None leaves a slot empty) from the rendered `files`
    (their bytes, or their objects as written); None when a file is not in the shape this
    can reuse. With `numbers` (set aside for this sheet in a batch's sheet file), it is
    written in numbered.py's shape, or the usual way where they do not suffice."""
    read = [file if isinstance(file, Classic) else read_classic(file) for file in files]
    shapes = [shape for shape in read if shape is not None and shape.kids]
    if len(shapes) != len(files):
        return None
    grid = Grid(sheet, first.width, first.height)
    check_fits(grid, sheet_name)
    bleed = min(sheet.bleed_mm * MM, first.bleed)
    blank = read_classic(render_pdf([_sheet_page("sheet", grid, [])], metadata, base_font,
                                    printer=True))
    if blank is None:
        return None
    try:
        return _write_sheets(shapes, blank, cards, grid, bleed, numbers)
    except _OutOfRange:
        return _write_sheets(shapes, blank, cards, grid, bleed, None)
    except ValueError:  # a page this cannot place as it is (rotated, several streams)
        return None


def _write_sheets(shapes: Sequence[Classic], blank: Classic, cards: Sequence[Placed | None],
                  grid: Grid, bleed: float, numbers: range | None) -> bytes:
    sheet = grid.sheet
    writer = _Writer(blank, numbers)
    per_sheet = sheet.columns * sheet.rows
    for start in range(0, len(cards), per_sheet):
        slots = [(divmod(i, sheet.columns), card)
                 for i, card in enumerate(cards[start:start + per_sheet]) if card is not None]
        fronts = [(row, column, card.file, card.front) for (row, column), card in slots]
        backs = [(*grid.back_cell(row, column), card.file, card.back)
                 for (row, column), card in slots if card.back is not None]
        for side in (fronts, backs) if backs else (fronts,):
            forms = [(row, column, writer.form(shapes, file, page))
                     for row, column, file, page in side if page is not None]
            writer.page(grid, bleed, forms)
    return writer.finish()


class _Writer:
    """Writes the sheet file: the blank side's objects, the cards' objects, the sides.

    In `numbers` (numbered.py's shape): the blank's page tree, catalogue and information as
    1, 2 and 3, its other objects from 4, the cards' objects and the sides in `numbers`.
    """

    def __init__(self, blank: Classic, numbers: range | None) -> None:
        self.blank = blank
        kid = blank.kids[0]  # the blank side itself is not a page of the file
        own = _shared_numbers(blank, numbers)
        self.last: tuple[int, ...]  # written after every other object
        if numbers is None or own is None:  # the blank's numbers as they are
            own = {n: n for n in blank.objects if n != kid}
            self.objects = {n: head + tail for n, (head, tail) in blank.objects.items()
                            if n != kid}
            self.next, self.end, self.last = max(blank.objects) + 1, None, ()
        else:
            self.objects = {own[n]: renumber(head, _Renumbered(own)) + tail
                            for n, (head, tail) in blank.objects.items() if n in own}
            self.next, self.end, self.last = numbers.start, numbers.stop, (PAGES, CATALOG, INFO)
        self.pages, self.root = own[blank.pages], own[blank.root]
        self.info = own[blank.info] if blank.info is not None else None
        self.kids: list[int] = []
        self.forms: dict[tuple[int, int], int] = {}
        self.trim: dict[int, float] = {}  # per form: how far its trim is from its corner
        self.numbers: dict[int, dict[int, int]] = {}  # per file: old number -> new
        self.fonts = SharedFonts(self._allocate)  # one font per main face (sheet_fonts.py)
        page = blank.objects[blank.kids[0]][0]
        self.boxes = b" ".join(b"/%s [%s]" % (name, match.group(1)) for name, pattern
                               in _BOX.items() if (match := pattern.search(page)))
        self.margin = _box(page, b"TrimBox")[0]
        marks = _CONTENTS.search(page)
        assert marks is not None  # ReportLab gives every page its content stream
        self.marks = own[int(marks.group(1))]

    def _allocate(self) -> int:
        if self.end is not None and self.next >= self.end:
            raise _OutOfRange
        self.next += 1
        return self.next - 1

    def form(self, shapes: Sequence[Classic], file: int, index: int) -> int:
        """The form XObject of page `index` of `file`, made the first time it is asked for."""
        key = (file, index)
        if key not in self.forms:
            shape = shapes[file]
            head = shape.objects[shape.kids[index]][0]
            contents = _CONTENTS.search(head)
            resources = _dictionary_after(head, _RESOURCES)
            rotate = _ROTATE.search(head)
            if contents is None or resources is None or (rotate and rotate.group(1) != b"0"):
                raise ValueError("a card page turned, or without one stream or resources")
            numbers = self.numbers.setdefault(file, {})
            copy = _Copier(shape.objects, numbers, self._allocate, self.objects, self.fonts)
            stream_head, stream = shape.objects[int(contents.group(1))]
            x0, y0, x1, y1 = _box(head, b"MediaBox")
            number = self._allocate()
            self.objects[number] = (
                renumber(stream_head.rstrip()[:-2], copy)
                + b" /BBox [ %s %s %s %s ] /Resources %s /Subtype /Form /Type /XObject >>"
                % (_num(x0), _num(y0), _num(x1), _num(y1), renumber(resources, copy))
                + stream)
            self.forms[key] = number
            self.trim[number] = _box(head, b"TrimBox")[0] - x0
        return self.forms[key]

    def page(self, grid: Grid, bleed: float, forms: list[tuple[int, int, int]]) -> None:
        """One sheet side: each form clipped to its card's trim and bleed, then the marks."""
        ops = [b"q 1 0 0 1 %s %s cm" % (_num(self.margin), _num(self.margin))]
        names: list[bytes] = []
        for row, column, form in forms:
            x, y = grid.cell(row, column)
            clip = grid.clip(row, column, bleed)
            name = b"/C%d" % len(names)
            names.append(b"%s %d 0 R" % (name, form))
            trim = self.trim[form]
            ops.append(b"q %s %s %s %s re W n 1 0 0 1 %s %s cm %s Do Q" % (
                *(_num(v) for v in clip), _num(x - trim), _num(y - trim), name))
        ops.append(b"Q")
        data = compress(b"\n".join(ops) + b"\n")
        cards = self._allocate()
        self.objects[cards] = (b"<< /Filter [ /FlateDecode ] /Length %d >>\nstream\n" % len(data)
                               + data + b"\nendstream")
        number = self._allocate()
        self.objects[number] = (
            b"<< %s /Contents [ %d 0 R %d 0 R ] /Parent %d 0 R /Resources << /ProcSet [ /PDF ] "
            b"/XObject << %s >> >> /Type /Page >>"
            % (self.boxes, cards, self.marks, self.pages, b" ".join(names)))
        self.kids.append(number)

    def finish(self) -> bytes:
        self.objects.update(self.fonts.objects())
        self.objects[self.pages] = (b"<< /Count %d /Kids [ %s ] /Type /Pages >>"
                                    % (len(self.kids), b" ".join(b"%d 0 R" % k for k in self.kids)))
        out = [b"%%PDF-%s\n%%\x93\x8c\x8b\x9e handouts\n" % self.blank.version.encode()]
        offsets: list[tuple[int, list[int]]] = []
        position = len(out[0])
        for number in sorted(self.objects, key=lambda n: (n in self.last, n)):
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, self.objects[number])
            offsets.append((number, [position]))
            position += len(chunk)
            out.append(chunk)
        body = b"".join(out)
        sections = merged(offsets)
        count = sections[-1][0] + len(sections[-1][1])
        identifier = hashlib.md5(body, usedforsecurity=False).hexdigest().encode()
        info = b" /Info %d 0 R" % self.info if self.info is not None else b""
        return body + b"".join(xref_table(sections)) + (
            b"trailer\n<< /ID [<%s><%s>]%s /Root %d 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (identifier, identifier, info, self.root, count, len(body)))


def _shared_numbers(blank: Classic, numbers: range | None) -> dict[int, int] | None:
    """The blank's objects numbered in numbered.py's shape (its page tree, catalogue and
    information 1, 2 and 3, the rest from 4), or None where that does not fit."""
    if numbers is None or blank.info is None:
        return None
    fixed = {blank.pages: PAGES, blank.root: CATALOG, blank.info: INFO}
    others = sorted(set(blank.objects) - set(fixed) - {blank.kids[0]})
    if SHARED + len(others) > min(numbers.start, FIRST_RANGE):
        return None
    return fixed | {old: new for new, old in enumerate(others, SHARED)}


class _Renumbered:
    """References to the blank's objects as `numbers` has them (null for any other)."""

    def __init__(self, numbers: dict[int, int]) -> None:
        self.numbers = numbers

    def __call__(self, match: re.Match[bytes]) -> bytes:
        if match.group(1):
            return match.group(0)  # a string: left as it is
        new = self.numbers.get(int(match.group(2)))
        return b"null" if new is None else b"%d 0 R" % new


class _Copier:
    """A renumbering function that copies each object of one file the first time it is met.

    (A class, not a closure: a closure that passes itself on would hold itself, and the
    card file's objects with it, until the cycle collector runs.)
    """

    def __init__(self, objects: Objects, numbers: dict[int, int],
                 allocate: Callable[[], int], out: dict[int, bytes], fonts: SharedFonts) -> None:
        self.objects, self.numbers, self.allocate, self.out = objects, numbers, allocate, out
        self.fonts = fonts

    def __call__(self, match: re.Match[bytes]) -> bytes:
        if match.group(1):
            return match.group(0)  # a string: left as it is
        old = int(match.group(2))
        new = self.numbers.get(old)
        if new is None:
            if match.group(3) != b"0" or old not in self.objects:
                return b"null"
            shared = self.fonts.claim(self.objects, old)
            if shared is not None:  # the sheet's font for this face, not the file's subset
                self.numbers[old] = shared
                return b"%d 0 R" % shared
            new = self.numbers[old] = self.allocate()
            head, tail = self.objects[old]
            self.out[new] = b""  # reserved: a cycle back to it finds the number
            self.out[new] = renumber(head, self) + tail
        return b"%d 0 R" % new


def _dictionary_after(head: bytes, key: re.Pattern[bytes]) -> bytes | None:
    """The `<< ... >>` that follows `key` in `head`, nested dictionaries included."""
    match = key.search(head)
    if match is None or not head.startswith(b"<<", match.end()):
        return None
    depth, position = 0, match.end()
    for token in re.finditer(rb"<<|>>|\((?:[^\\)]|\\.)*\)", head[position:]):
        if token.group(0) == b"<<":
            depth += 1
        elif token.group(0) == b">>":
            depth -= 1
            if depth == 0:
                return head[position:position + token.end()]
    return None


def _box(head: bytes, name: bytes) -> tuple[float, float, float, float]:
    match = _BOX[name].search(head)
    if match is None:
        raise ValueError(f"a page without /{name.decode()}")
    x0, y0, x1, y1 = (float(v) for v in match.group(1).split())
    return x0, y0, x1, y1


def _num(value: float) -> bytes:
    """A number as ReportLab writes it: at most 6 decimals, no trailing zeros."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode()
