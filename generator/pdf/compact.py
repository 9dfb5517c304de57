"""Render (compact file): a reading file's small objects in one compressed object stream.

A tagged card is mostly small objects: a structure element per heading, paragraph,
list item and link, the parent tree, annotations, font and page dictionaries. In a
classic file each is written as plain text with its own cross-reference row (some
20 bytes more), which doubled a personal card. PDF 1.5 object streams (ISO 32000-1,
7.5.7; allowed by PDF/A-2, 6.1.2) hold them Flate-compressed together, with a
cross-reference stream (7.5.8) instead of the table.

This replaces ReportLab's own last step (`PDFDocument.format`): the same objects in the
same order under the same numbers, each formatted once. Page dictionaries
(`page_dict.py`) and Flate streams (page contents, font files, text maps, the XMP
metadata) are written directly, other objects by ReportLab's formatting. The same
input gives the same bytes. `classic.py` reads these files back for joining; a file's
objects as written are also kept on its document (`written_parts`), so a batch places
card pages on its sheets without reading the file it has just made.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from itertools import count, repeat
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFName, PDFObject, PDFPage, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from .classic import Classic, Objects, classic_parts, split_stream
from .deflate import compress
from .page_dict import page_body
from .quick_format import quick_format

VERSION = (1, 7)  # object streams are PDF 1.5; PDF/A-2 and PDF/UA-1 build on 1.7
# the cross-reference stream's rows repeat a few bytes: libdeflate's level 1 packs them as
# small as its default (367 bytes on a card) in half the time
_XREF_LEVEL = 1


class RawObject(PDFObject):  # type: ignore[misc]
    """An object written as the bytes `make` returns when the file is written.

    ReportLab's generic dictionaries cost more to format than the whole page they tag;
    a structure element is a few fixed keys, so it is written directly, compactly.
    """

    def __init__(self, make: Callable[[Any], bytes]) -> None:
        self.make = make

    def format(self, document: Any) -> bytes:
        return self.make(document)


class TailObject(RawObject):
    """An object with objects of its own written after all of ReportLab's.

    A file has a hundred or more structure elements (structure.py); numbering each
    through ReportLab's registry cost more than writing them. The compact writer asks
    for them once every other object is numbered (`tail`), so their numbers are plain
    arithmetic.
    (`make` is a method, not a bound method kept on the object as RawObject keeps it: that
    would hold the object, and the file's tree with it, until the cycle collector runs.)
    """

    def make(self, document: Any) -> bytes:  # type: ignore[override]
        """Written by ReportLab's own writer (a file kept uncompressed, as the preflight
        fuzzer wants it): its objects are registered now, after every object numbered
        so far, and ReportLab writes them as they come."""
        own = document.idToObjectNumberAndVersion[self.__InternalName__][0]
        first = document.objectcounter + 1
        body, extra = self.tail(document, own, first)
        for number, data in enumerate(extra, start=first):
            reference = document.Reference(RawObject(partial(_same, data)))
            if document.idToObjectNumberAndVersion[reference.name][0] != number:
                raise RuntimeError("an object's own objects must be numbered in one run")
        return body

    def tail(self, document: Any, own: int, first: int) -> tuple[bytes, list[bytes]]:
        """This object's body (it is number `own`), and its own objects' from `first`."""
        raise NotImplementedError


def _same(data: bytes, document: Any) -> bytes:
    return data


def use_compact_writing(canvas: Canvas) -> None:
    """Make the canvas's `save` write a compact file (call before `save`)."""
    document = canvas._doc
    if not isinstance(document.encrypt, pdfdoc.NoEncryption):
        return  # (never the case here) encrypted objects stay in ReportLab's own writer
    document._pdfVersion = max(document._pdfVersion, VERSION)
    document.format = partial(write_compact, document)


def _body(document: Any, obj: Any) -> bytes:
    """An object's syntax as ReportLab formats it at the top level of the file."""
    if isinstance(obj, RawObject):  # bytes at once
        return bytes(obj.make(document))
    direct = (page_body(document, obj) if type(obj) is PDFPage else
              _stream_body(document, obj) if type(obj) is PDFStream else None)
    return direct if direct is not None else bytes(pdfdoc.format(obj, document, toplevel=1))


def _stream_body(document: Any, stream: PDFStream) -> bytes | None:
    """A Flate-compressed stream (page contents, font files, text maps, metadata) written
    directly: ReportLab's generic dictionary and filter list cost as much as compressing
    a page's text, and wrote 10 bytes more a stream. None for any other stream."""
    filters = stream.filters if stream.filters is not None else document.defaultStreamFilters
    entries = stream.dictionary.dict
    if (not filters or len(filters) != 1 or filters[0] is not PDFZCompress
            or "Filter" in entries or "Length" in entries or stream.content is None):
        return None
    data = PDFZCompress.encode(stream.content)
    keys = entries if isinstance(entries, OrderedDict) else sorted(entries)
    return b"<<%s/Filter/FlateDecode/Length %d>>stream\n%s\nendstream" % (
        b"".join(PDFName(key).encode("ascii") + b" " + quick_format(entries[key], document)
                 for key in keys), len(data), data)


def write_compact(document: Any) -> bytes:
    """The file's bytes: header, stream objects, one object stream, the xref stream."""
    catalog, info = document.Catalog, document.info
    document.Reference(catalog)
    document.Reference(info)
    numbers = document.numberToId
    objects = document.idToObject
    out = [b"%%PDF-%d.%d\n%%\x93\x8c\x8b\x9e handouts\n" % document._pdfVersion]
    position = len(out[0])
    offsets: dict[int, int] = {}
    streams: list[tuple[int, bytes]] = []
    packed: list[int] = []  # the object stream's objects' numbers, and their bodies
    bodies: list[bytes] = []
    tails: list[tuple[int, Any]] = []
    number = 0
    while True:  # objects may add new ones while they are formatted: count as they come
        number += 1
        if number not in numbers:
            break
        obj = objects[numbers[number]]
        if isinstance(obj, TailObject):  # written last, with its own objects after all others
            tails.append((number, obj))
            continue
        body = _body(document, obj).strip()
        if body.endswith(b"endstream"):
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
            streams.append((number, body))
            offsets[number] = position
            position += len(chunk)
            out.append(chunk)
        else:
            packed.append(number)
            bodies.append(body)
    for own, obj in tails:  # structure.py's tree: its elements numbered from `number` on
        body, extra = obj.tail(document, own, number)
        packed.append(own)
        bodies.append(body)
        packed.extend(range(number, number + len(extra)))
        bodies.extend(extra)
        number += len(extra)
    stream_number, xref_number = number, number + 1
    # the object stream: "number offset" pairs, then the objects a line each
    index, at = [], 0
    for packed_number, body in zip(packed, bodies, strict=True):
        index.append(b"%d %d" % (packed_number, at))
        at += len(body) + 1
    head = b" ".join(index) + b"\n"
    data = compress(head + b"\n".join(bodies))
    chunk = (b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n"
             % (stream_number, len(packed), len(head), len(data)) + data
             + b"\nendstream\nendobj\n")
    offsets[stream_number] = position
    position += len(chunk)
    out.append(chunk)
    out.append(_xref_stream(document, xref_number, position, offsets,
                            dict(zip(packed, count())), stream_number))
    # split only if asked (written_parts)
    document._handouts_written = (streams, packed, bodies)
    return b"".join(out)


def written_parts(document: Any) -> Classic | None:
    """The objects of the file `document` has just written compactly, as `read_classic`
    would split them from its bytes (None when it wrote another way or another shape)."""
    written = getattr(document, "_handouts_written", None)
    if written is None:
        return None
    streams, packed, bodies = written
    objects: Objects = {number: split_stream(body) for number, body in streams}
    objects.update(zip(packed, zip(bodies, repeat(b"")), strict=True))
    major, minor = document._pdfVersion
    return classic_parts(objects, _trailer_keys(document), f"{major}.{minor}")


def _trailer_keys(document: Any) -> bytes:
    ref = document.Reference
    return b"/Root %s/Info %s" % tuple(
        b"%d %d R" % document.idToObjectNumberAndVersion[ref(obj).name]
        for obj in (document.Catalog, document.info))


def _xref_stream(document: Any, number: int, position: int, offsets: dict[int, int],
                 packed: dict[int, int], stream_number: int) -> bytes:
    """The cross-reference stream (object `number`, at `position`) with the trailer's keys."""
    width = max(2, (max(position, stream_number).bit_length() + 7) // 8)
    in_stream = b"\x02" + stream_number.to_bytes(width, "big")  # then the index in it
    rows = [b"\x00" + bytes(width) + b"\xff\xff"]
    for n in range(1, number + 1):
        index = packed.get(n)
        rows.append(in_stream + index.to_bytes(2, "big") if index is not None else
                    b"\x01" + offsets.get(n, position).to_bytes(width, "big") + b"\x00\x00")
    data = compress(b"".join(rows), _XREF_LEVEL)
    identifier = document.ID().strip()
    return (b"%d 0 obj\n<</Type/XRef/Size %d/W[1 %d 2]%s/ID%s"
            b"/Filter/FlateDecode/Length %d>>stream\n" % (
                number, number + 1, width, _trailer_keys(document), identifier, len(data))
            + data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % position)
