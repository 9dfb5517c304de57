"""Write (join), the quickest path: sheet parts numbered in ranges set aside for them.

A batch's sheet file joins one sheet part per chunk of rows. Joining renumbers a part's
objects so they follow the parts before it, which means reading every reference of
every object: for 1,000 persons 22,000 objects, 0.2 s in the parent after the last row,
and 20 s for 100,000. A part made in a range set aside for its chunk (`Ranges`) needs
none of that. It is a whole PDF of its own, in this shape:

- objects 1, 2 and 3 are its page tree, catalogue and information, written last;
- from 4 come the objects that are the same in every part (the blank sheet side's crop
  marks, viewer preferences, ...), written first;
- from its range's first number, everything else: the cards' forms, fonts and pages.

Joining copies the first part's shared objects once, every part's range as it is (its
bytes, in one piece), and writes one page tree, catalogue and information with the same
numbers. Object numbers then have gaps between the ranges; the cross-reference table
says so in subsections. A part that does not fit its range is made the usual way and
renumbered after every range (`Ranges.spare`).
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .classic import _KIDS, _VERSION, _XREF  # the same syntax, read the same way

PAGES, CATALOG, INFO = 1, 2, 3
SHARED = 4  # the first of the objects every part has the same
FIRST_RANGE = 1024  # the first range's first number: room for the shared objects below it
OBJECTS_PER_ROW = 40  # a range's room per row (an A6 deck of four cards takes 22)
GAP = 16  # a gap this short is written as free entries rather than a new subsection
XREF_BLOCK = 65536  # cross-reference rows made and written at a time

_TRAILER = re.compile(rb"/Root 2 0 R\b")


@dataclass(frozen=True)
class Ranges:
    """The object numbers set aside for each chunk's sheet part."""

    rows_per_chunk: int

    @property
    def size(self) -> int:
        return self.rows_per_chunk * OBJECTS_PER_ROW

    def first(self, chunk: int) -> int:
        return FIRST_RANGE + chunk * self.size

    def numbers(self, chunk: int) -> range:
        """The numbers set aside for chunk `chunk` (from 0)."""
        return range(self.first(chunk), self.first(chunk + 1))

    def spare(self, chunks: int) -> int:
        """The first number after every range: where a part made the usual way goes."""
        return self.first(chunks)


@dataclass(frozen=True)
class NumberedPart:
    """A part in the numbered shape: where its pieces are in its bytes."""

    version: str
    shared: tuple[int, int]  # byte span of the shared objects (SHARED, SHARED + 1, ...)
    shared_offsets: array[int]  # each one's offset from that span's start
    body: tuple[int, int]  # byte span of the range's objects
    first: int  # the range's first object number
    offsets: array[int]  # each range object's offset from the body's start, in number order
    kids: list[int]
    catalog: bytes  # the catalogue's dictionary, as written
    info: bytes


def read_numbered(data: bytes) -> NumberedPart | None:
    """The part's pieces, or None when it is not in the numbered shape."""
    found = _XREF.search(data, max(0, len(data) - 64))
    version = _VERSION.match(data)
    if found is None or version is None:
        return None
    start = int(found.group(1))
    trailer = data.find(b"trailer", start)
    if not data.startswith(b"xref\n", start) or trailer < 0 or not _TRAILER.search(data, trailer):
        return None
    entries = _entries(data[start + 5:trailer].split(b"\n"))
    if entries is None or [n for n, _ in entries[:3]] != [PAGES, CATALOG, INFO]:
        return None
    shared = [offset for number, offset in entries if SHARED <= number < FIRST_RANGE]
    body = [offset for number, offset in entries if number >= FIRST_RANGE]
    first = entries[3 + len(shared)][0] if body else 0
    tail = [offset for _, offset in entries[:3]]
    if (not shared or not body or entries[2 + len(shared)][0] != SHARED + len(shared) - 1
            or entries[-1][0] != first + len(body) - 1
            or not shared[-1] < body[0] <= body[-1] < min(tail)
            or shared != sorted(shared) or body != sorted(body)):
        return None  # not shared objects, then one range, then tree, catalogue, information
    pages, catalog, info = (_body(data, offset) for offset in tail)
    kids = _KIDS.search(pages)
    if kids is None or b"/Pages 1 0 R" not in catalog or b"/Parent" in pages:
        return None
    return NumberedPart(version.group(1).decode(), (shared[0], body[0]),
                        array("q", (offset - shared[0] for offset in shared)),
                        (body[0], min(tail)), first,
                        array("q", (offset - body[0] for offset in body)),
                        [int(n) for n in kids.group(1).split()[0::3]], catalog, info)


def _entries(rows: list[bytes]) -> list[tuple[int, int]] | None:
    """The cross-reference table's objects in use, (number, offset) in number order; None
    when it has anything but objects in use and free entries."""
    entries: list[tuple[int, int]] = []
    at = 0
    while at < len(rows) and rows[at]:
        head = rows[at].split()
        if len(head) != 2:
            return None
        first, count = int(head[0]), int(head[1])
        lines = rows[at + 1:at + 1 + count]
        if len(lines) != count:
            return None
        for number, line in enumerate(lines, first):
            if line.endswith(b" n "):
                entries.append((number, int(line[:10])))
            elif not line.endswith(b" f "):
                return None
        at += 1 + count
    return entries


def _body(data: bytes, offset: int) -> bytes:
    """The value of the object at `offset` (between `N 0 obj` and `endobj`)."""
    start = data.index(b" obj", offset) + 4
    return data[start:data.index(b"endobj", start)].strip()


def merged(sections: Iterable[tuple[int, Sequence[int]]]) -> list[tuple[int, array[int]]]:
    """(first number, offsets) sections in number order, object 0 (free) first; sections a
    gap shorter than GAP apart joined by free entries (offset 0)."""
    out = [(0, array("q", [0]))]
    for first, offsets in sorted(sections, key=lambda section: section[0]):
        last_first, last = out[-1]
        missing = first - last_first - len(last)
        if missing < GAP:
            last.extend(array("q", bytes(8 * missing)))
            last.extend(offsets)
        else:
            out.append((first, array("q", offsets)))
    return out


def xref_table(sections: list[tuple[int, array[int]]]) -> Iterator[bytes]:
    """A classic cross-reference table from `merged` sections, XREF_BLOCK rows at a time (a
    million rows at once would be 60 MB)."""
    yield b"xref\n"
    for first, offsets in sections:
        yield b"%d %d\n" % (first, len(offsets))
        for block in range(0, len(offsets), XREF_BLOCK):
            yield b"".join(b"%010d 00000 n \n" % offset if offset else b"0000000000 65535 f \n"
                           for offset in offsets[block:block + XREF_BLOCK])
