"""Damaged PDFs for the preflight fuzz test: one real product, broken in the ways files break.

Each mutant is the product's bytes with one to three faults: bytes flipped, an object
removed, a page box broken (not a number, negative, inverted, huge, missing), a stream
or the whole file cut short, a font's description damaged. A fixed seed makes the same
mutants every run.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

_OBJECT = re.compile(rb"\n\d+ 0 obj\b.*?endobj", re.S)
_BOX = re.compile(rb"/(MediaBox|CropBox|BleedBox|TrimBox) \[[^\]]*\]")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_FONT_KEYS = (rb"/FontDescriptor", rb"/FontFile2", rb"/DescendantFonts", rb"/Widths",
              rb"/FirstChar", rb"/Subtype", rb"/BaseFont", rb"/ToUnicode", rb"/Encoding",
              rb"/Font ", rb"/Resources", rb"/Contents", rb"/Length", rb"/Filter")
BROKEN_BOXES = (b"[ nan nan nan nan ]", b"[ -nan -nan -nan -nan ]", b"[ 0 0 -nan -nan ]",
                b"[ 0 0 inf inf ]", b"[ 0 0 -100 -100 ]", b"[ 420 600 0 0 ]",
                b"[ -50 -50 -10 -10 ]", b"[ 0 0 1e400 1e400 ]", b"[ 0 0 99999999 99999999 ]",
                b"[ 0 0 0 0 ]", b"[ 0 0 ]", b"[ 1 2 3 4 5 ]", b"[ /a /b /c /d ]",
                b"( not a box )", b"null", b"[ [ 0 ] 0 100 100 ]", b"[ 0 0 100 ]",
                b"-1", b"<< >>")
_JUNK = (b"null", b"-1", b"0", b"[ ]", b"<< >>", b"/Nothing", b"( x )", b"nan",
         b"99999999999999999999", b"1 0 R", b"999 0 R")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return b"%"
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def remove_object(data: bytes, rng: random.Random) -> bytes:
    spans = [m.span() for m in _OBJECT.finditer(data)]
    if not spans:
        return flip_bytes(data, rng)
    start, end = rng.choice(spans)
    return data[:start] + data[end:]


def break_box(data: bytes, rng: random.Random) -> bytes:
    boxes = list(_BOX.finditer(data))
    if not boxes:
        return flip_bytes(data, rng)
    match = rng.choice(boxes)
    if rng.random() < 0.2:
        replacement = b""  # the box is missing
    else:
        replacement = b"/" + match[1] + b" " + rng.choice(BROKEN_BOXES)
    if rng.random() < 0.5:  # every page's box of that name, not only one
        return _BOX.sub(lambda m: replacement if m[1] == match[1] else m[0], data)
    return data[:match.start()] + replacement + data[match.end():]


def truncate_stream(data: bytes, rng: random.Random) -> bytes:
    streams = list(_STREAM.finditer(data))
    if not streams:
        return flip_bytes(data, rng)
    match = rng.choice(streams)
    start, end = match.span(1)
    return data[:start] + data[start:start + rng.randrange(end - start + 1)] + data[end:]


def truncate_file(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def break_font(data: bytes, rng: random.Random) -> bytes:
    """A key of a font or page dictionary given a value of the wrong kind."""
    keys = [k for k in _FONT_KEYS if k in data]
    if not keys:
        return flip_bytes(data, rng)
    key = rng.choice(keys)
    places = [m.end() for m in re.finditer(re.escape(key), data)]
    at = rng.choice(places)
    value = re.match(rb"\s*(\d+ \d+ R|\[[^\]]*\]|/\w+|-?[\d.]+|<<.*?>>)", data[at:], re.S)
    cut = value.end() if value else 0
    return data[:at] + b" " + rng.choice(_JUNK) + data[at + cut:]


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    flip_bytes, remove_object, break_box, truncate_stream, truncate_file, break_font)


def mutants(data: bytes, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """`count` damaged copies of `data`, each named by the faults it has."""
    rng = random.Random(seed)
    for number in range(count):
        faults = rng.choices(MUTATIONS, weights=(3, 2, 4, 2, 1, 3), k=rng.choice((1, 1, 2, 3)))
        damaged = data
        for fault in faults:
            damaged = fault(damaged, rng)
        yield f"mutant-{number:03d}-" + "+".join(f.__name__ for f in faults), damaged
