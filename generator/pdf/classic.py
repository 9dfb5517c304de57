"""Write (join), the quick path: a PDF as ReportLab writes it, split into objects from its bytes.

ReportLab writes a file in one go: a classic cross-reference table from object 0, no
object or cross-reference streams, no updates, every generation 0, one flat page tree.
Such a part is read here without a PDF parser and its objects copied as bytes, about
five times faster than through qpdf, which is what kept joining a 10,000-person sheet
file at 70 ms a part. Anything of another shape gets None, and join.py reads it with qpdf.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

Objects = dict[int, tuple[bytes, bytes]]  # number -> (dictionary or value, stream and its end)

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT = re.compile(rb"(\d+) 0 obj\s")
_VERSION = re.compile(rb"%PDF-(\d+\.\d+)")
_STRING = rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>"
# strings matched whole (so one that reads like a reference stays text), and references
_TOKEN = re.compile(rb"(" + _STRING + rb")|(\d+) (\d+) R")
_REFERENCE = re.compile(rb"()(\d+) (\d+) R")  # the same groups, where no string can be
_STREAM = re.compile(_STRING + rb"|(?<=[\s>])(stream)\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)")
_TRAILER = {key: re.compile(rb"/" + key + rb"\s+(\d+)\s+0\s+R") for key in (b"Root", b"Info")}
_PAGES = re.compile(rb"/Pages\s+(\d+)\s+0\s+R")
_KIDS = re.compile(rb"/Kids\s*\[([\d\sR]*)\]")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_COMPACT_XREF = re.compile(rb"<</Type/XRef/Size \d+/W\[1 (\d) 2\].*?/Length (\d+)>>stream\n")
_COMPACT_STREAM = re.compile(rb"<</Type/ObjStm/N (\d+)/First (\d+)/Filter/FlateDecode/Length "
                             rb"(\d+)>>stream\n")
_INHERITED = re.compile(rb"/(?:Resources|MediaBox|CropBox|Rotate)(?![A-Za-z])")


@dataclass(frozen=True)
class Classic:
    """A part split into its objects, with the numbers join needs."""

    objects: Objects
    root: int
    info: int | None
    pages: int
    kids: list[int]
    version: str

    def names_any(self, names: frozenset[str]) -> bool:
        """Whether the catalogue names any of `names` (anywhere in it, to be safe)."""
        catalogue = self.objects[self.root][0]
        return any(name.encode() in catalogue for name in names)


def read_classic(data: bytes) -> Classic | None:
    """The part split into objects, or None when it has another shape."""
    compact = _compact_objects(data)
    objects, trailer = compact if compact is not None else (_objects(data), b"")
    version = _VERSION.match(data)
    if objects is None or version is None:
        return None
    return classic_parts(objects, trailer or data[data.rfind(b"trailer"):],
                         version.group(1).decode())


def classic_parts(objects: Objects, trailer: bytes, version: str) -> Classic | None:
    """A part from its objects and its trailer's keys (/Root, /Info), as read or as written
    (compact.py hands a file's objects over without a second reading), or None when its
    page tree has a shape join.py must read with qpdf."""
    root, info = (_TRAILER[key].search(trailer) for key in (b"Root", b"Info"))
    if root is None or int(root.group(1)) not in objects:
        return None
    catalogue = objects[int(root.group(1))][0]
    pages = _PAGES.search(catalogue)
    if pages is None or b"/Version" in catalogue or int(pages.group(1)) not in objects:
        return None
    tree = objects[int(pages.group(1))][0]
    kids = _KIDS.search(tree)
    if kids is None or _INHERITED.search(tree):
        return None  # pages that take attributes from their tree: qpdf copies them down
    refs = kids.group(1).split()
    numbers = [int(n) for n in refs[0::3]]
    if (refs[1::3] != [b"0"] * len(numbers) or refs[2::3] != [b"R"] * len(numbers)
            or not all(n in objects and _PAGE.search(objects[n][0]) for n in numbers)):
        return None  # a tree of trees, or something that is not a page
    return Classic(objects, int(root.group(1)), int(info.group(1)) if info else None,
                   int(pages.group(1)), numbers, version)


def split_stream(body: bytes) -> tuple[bytes, bytes]:
    """An object's body split where its stream begins: (dictionary or value, the stream from
    a line break before the keyword `stream` to `endstream`, or b"" for no stream)."""
    split = body.find(b"stream")
    if split >= 0 and (b"(" in body[:split] or b"<" in body[:split].replace(b"<<", b"")):
        # a string before it could hold the word: find the keyword outside strings
        split = next((m.start(1) for m in _STREAM.finditer(body) if m.group(1)), -1)
    if split < 0:
        return body.rstrip(), b""
    return body[:split].rstrip(), b"\n" + body[split:].rstrip()


def inflated(head: bytes, tail: bytes) -> bytes | None:
    """The data of a Flate stream split as `split_stream` splits it, inflated (None for a
    stream of another filter, or damaged)."""
    length = _LENGTH.search(head)
    if length is None or b"/FlateDecode" not in head or not tail:
        return None
    start = tail.find(b"stream") + len(b"stream")
    start += 2 if tail.startswith(b"\r\n", start) else 1
    try:
        return zlib.decompress(_stream_data(tail, start, length.group(1)))
    except zlib.error:
        return None


def _objects(data: bytes) -> Objects | None:
    end = _XREF.search(data, max(0, len(data) - 64))
    if end is None:
        return None
    start = int(end.group(1))
    trailer = data.find(b"trailer", start)
    if not data.startswith(b"xref", start) or trailer < 0 or b"/Prev" in data[trailer:]:
        return None
    rows = data[start:trailer].split(b"\n")
    if len(rows) < 3 or rows[1].split()[:1] != [b"0"]:
        return None  # one subsection, from object 0, as a file written in one go has
    offsets = sorted(int(row[:10]) for row in rows[2:] if row.rstrip().endswith(b" n"))
    objects: Objects = {}
    for begin, stop in zip(offsets, offsets[1:] + [start], strict=True):
        match = _OBJECT.match(data, begin)
        if match is None:
            return None
        head, stream = split_stream(data[match.end():data.rfind(b"endobj", begin, stop)])
        if b"/ObjStm" in head or b"/XRef" in head:
            return None
        objects[int(match.group(1))] = (head, stream)
    return objects


def _compact_objects(data: bytes) -> tuple[Objects, bytes] | None:
    """A file as `compact.py` writes it: objects at the cross-reference stream's offsets and
    in its one object stream; with the stream's dictionary, which holds the trailer's keys.
    None for any other shape."""
    end = _XREF.search(data, max(0, len(data) - 64))
    if end is None or data.startswith(b"xref", int(end.group(1))):
        return None
    match = _OBJECT.match(data, int(end.group(1)))
    xref = _COMPACT_XREF.match(data, match.end()) if match is not None else None
    if match is None or xref is None:
        return None
    width = int(xref.group(1))
    table = zlib.decompress(_stream_data(data, xref.end(), xref.group(2)))
    size = 3 + width
    rows = [table[at:at + size] for at in range(0, len(table), size)]
    objects: Objects = {}
    packed: list[int] = []
    for number, row in enumerate(rows):
        kind, field = row[0], int.from_bytes(row[1:1 + width], "big")
        if kind == 1 and number != int(match.group(1)):
            found = _OBJECT.match(data, field)
            if found is None or int(found.group(1)) != number:
                return None
            body = data[found.end():data.find(b"\nendobj", field)]
            split = body.find(b"stream")
            if split < 0 or b"/ObjStm" in body[:split]:
                if b"/ObjStm" not in body[:max(split, 0)]:
                    objects[number] = (body.rstrip(), b"")
                continue
            objects[number] = (body[:split].rstrip(), b"\n" + body[split:].rstrip())
        elif kind == 2:
            packed.append(number)
    if packed:
        stream = _COMPACT_STREAM.search(data)
        if stream is None:
            return None
        count, first = int(stream.group(1)), int(stream.group(2))
        content = zlib.decompress(_stream_data(data, stream.end(), stream.group(3)))
        pairs = [int(v) for v in content[:first].split()]
        starts = [first + start for start in pairs[1::2]] + [len(content)]
        spans = {pairs[2 * index]: (starts[index], starts[index + 1]) for index in range(count)}
        objects = _Packed(objects, content, spans)
    return objects, data[match.end():xref.end()]


class _Packed(dict[int, tuple[bytes, bytes]]):
    """Objects of which those in the object stream are cut out when first asked for.

    Placing a card's pages on a sheet reaches its pages, fonts and forms, not the
    hundred structure elements beside them in the stream.
    """

    def __init__(self, loose: Objects, content: bytes, spans: dict[int, tuple[int, int]]) -> None:
        super().__init__(loose)
        self._content, self._spans = content, spans

    def __missing__(self, number: int) -> tuple[bytes, bytes]:
        start, end = self._spans[number]
        value = self[number] = (self._content[start:end].rstrip(), b"")
        return value

    def __contains__(self, number: object) -> bool:
        return dict.__contains__(self, number) or number in self._spans

    def _every(self) -> None:
        for number in self._spans:
            if not dict.__contains__(self, number):
                self.__missing__(number)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._every()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._every()
        return dict.__len__(self)

    def items(self):  # type: ignore[no-untyped-def]
        self._every()
        return dict.items(self)

    def keys(self):  # type: ignore[no-untyped-def]
        self._every()
        return dict.keys(self)

    def values(self):  # type: ignore[no-untyped-def]
        self._every()
        return dict.values(self)


def _stream_data(data: bytes, start: int, length: bytes) -> bytes:
    return data[start:start + int(length)]


def _pattern(syntax: bytes) -> re.Pattern[bytes] | None:
    """None where `syntax` has no reference; the quicker pattern where it has no string."""
    if b" R" not in syntax:
        return None
    return _TOKEN if b"(" in syntax or b"<" in syntax.replace(b"<<", b"") else _REFERENCE


def renumber(syntax: bytes, token: Callable[[re.Match[bytes]], bytes]) -> bytes:
    """`syntax` with each match replaced by `token(match)`: group 1 a string (to keep as it
    is), groups 2 and 3 a reference's number and generation."""
    pattern = _pattern(syntax)
    return syntax if pattern is None else pattern.sub(token, syntax)
