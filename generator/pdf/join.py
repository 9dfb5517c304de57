"""Write (join): PDFs joined page after page into one file, streaming, catalogue kept.

A batch's sheet file holds every card of the roster; read into memory at once it would
grow with the roster. qpdf (through pikepdf) reads one part at a time; its pages and
everything they use are written out at once under new object numbers, pointing at one
shared page tree, so memory holds one part, never the whole file. Streams are copied as
they are (never decoded). The first part's catalogue entries (language, viewer
preferences, XMP metadata, output intents, mark info, ...) and document information
stand for the whole file; an entry that describes the part's own pages (a structure
tree, outlines, page labels) cannot stand for the others and is refused in a later
part rather than dropped.
"""
from __future__ import annotations

import hashlib
import io
import re
from array import array
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, BinaryIO

from ..errors import HandoutsError, Problem
from .classic import Classic, read_classic, renumber
from .numbered import CATALOG, INFO, PAGES, SHARED, merged, read_numbered, xref_table

if TYPE_CHECKING:
    import pikepdf


class JoinError(HandoutsError):
    """A part is not a PDF, or holds something joining cannot keep."""

    def __init__(self, detail: str) -> None:
        super().__init__([Problem("pdf.join", {"detail": detail})])


# Catalogue entries that describe one part's own pages: kept from the first part, refused
# in a later one until joining learns to merge them.
PER_PART = frozenset({"/StructTreeRoot", "/Outlines", "/PageLabels", "/Names", "/Dests",
                      "/AcroForm"})
_SKIPPED = frozenset({"/Pages", "/Type", "/Version"})


# qpdf writes every object in one canonical syntax: literal strings with their
# parentheses and backslashes escaped, binary strings in hex. In that syntax a reference
# is the only "N G R" outside a string, so strings are matched whole and skipped.
_TOKEN = re.compile(rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>|(\d+) (\d+) R")
INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


class Joiner:
    """Writes parts to `stream` as they come; `finish` writes the page tree and xref.

    With `spare` (numbered.py's `Ranges.spare`), parts numbered in their own ranges are
    copied as they are, and a part made otherwise is numbered from `spare` on.
    """

    PAGES, CATALOG, INFO = PAGES, CATALOG, INFO

    def __init__(self, stream: BinaryIO, spare: int | None = None) -> None:
        self.stream = stream
        # (first number, offsets) of runs of objects written with consecutive numbers. A
        # 100,000-person sheet has millions of objects: 8 bytes each here, not a
        # dictionary entry of 100.
        self.sections: list[tuple[int, array[int]]] = []
        self.next_number = SHARED
        self.spare = spare
        self.shared: bytes | None = None  # a numbered first part's shared objects
        self.catalog: bytes | None = None  # and its catalogue, as written
        self.numbered_end = 0  # the end of the last range copied as it is
        self.kids = array("q")
        self.position = 0
        self.digest = hashlib.md5(usedforsecurity=False)
        self.catalog_entries = b""
        self.info = b"<< >>"
        self.version = self.header_version = "1.4"
        self.parts = 0
        # per part: its objects' new numbers and the objects still to write
        self._numbers: dict[tuple[int, int], int] = {}
        self._queue: deque[pikepdf.Object] = deque()

    def _write(self, data: bytes) -> None:
        self.stream.write(data)
        self.digest.update(data)
        self.position += len(data)

    def _object(self, number: int, body: bytes) -> None:
        if not self.sections or number != self.sections[-1][0] + len(self.sections[-1][1]):
            self.sections.append((number, array("q")))
        self.sections[-1][1].append(self.position)
        self._write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def _renumber(self, part: pikepdf.Pdf, syntax: bytes) -> bytes:
        """qpdf's syntax of one object with its references renumbered for the joined file;
        objects met for the first time are numbered and queued."""

        def token(match: re.Match[bytes]) -> bytes:
            if match.group(1) is None:
                return match.group(0)  # a string: left as it is
            key = (int(match.group(1)), int(match.group(2)))
            number = self._numbers.get(key)
            if number is None:
                number = self._numbers[key] = self.next_number
                self.next_number += 1
                self._queue.append(part.get_object(key))
            return b"%d 0 R" % number

        return _TOKEN.sub(token, syntax)

    def _write_queued(self, part: pikepdf.Pdf) -> None:
        """Write every object the queue reaches; streams' data as they are, undecoded."""
        import pikepdf
        while self._queue:
            item = self._queue.popleft()
            number = self._numbers[item.objgen]
            if isinstance(item, pikepdf.Stream):
                head = self._renumber(part, item.stream_dict.unparse(resolved=True))
                body = head + b"\nstream\n" + item.read_raw_bytes() + b"\nendstream"
            else:
                body = self._renumber(part, item.unparse(resolved=True))
            self._object(number, body)

    def add(self, data: bytes) -> None:
        """Append every page of one part."""
        if self._add_numbered(data):
            return
        shape = read_classic(data)
        if shape is not None and self.parts and not shape.names_any(PER_PART):
            self.parts += 1  # nothing in its catalogue to keep or refuse: copied as bytes
            self.version = max(self.version, shape.version, key=_version_key)
            self._copy(shape, b"")
            return
        part = _open(data, self.parts + 1, inherit=False)
        pages = part.Root.get("/Pages")
        if shape is None and pages is not None and (
                any(key in pages for key in INHERITABLE)
                or len(pages.get("/Kids", ())) != len(part.pages)):
            part.close()  # pages take attributes from their tree: let qpdf copy them down
            part = _open(data, self.parts + 1, inherit=True)
        with part:
            self._add(part, shape)

    def _add_numbered(self, data: bytes) -> bool:
        """Append a part in the numbered shape (numbered.py) as it is; False where it is not
        one, its range is taken, or its shared objects are not the first part's."""
        part = read_numbered(data) if self.spare is not None else None
        if part is None or self.spare is None or part.first + len(part.offsets) > self.spare:
            return False
        shared = data[slice(*part.shared)]
        if self.parts == 0:
            self._write(b"%%PDF-%s\n%%\x93\x8c\x8b\x9e handouts\n" % part.version.encode())
            self.version = self.header_version = part.version
            self.shared, self.catalog, self.info = shared, part.catalog, part.info
            self._place(SHARED, shared, part.shared_offsets)
            self.next_number = self.spare  # where a part made otherwise goes
        elif (shared != self.shared or part.first < self.numbered_end
              or any(name.encode() in part.catalog for name in PER_PART)):
            return False
        self.parts += 1
        self.version = max(self.version, part.version, key=_version_key)
        self._place(part.first, data[slice(*part.body)], part.offsets)
        self.numbered_end = part.first + len(part.offsets)  # (a part made otherwise: >= spare)
        self.kids.extend(part.kids)
        return True

    def _place(self, first: int, objects: bytes, offsets: array[int]) -> None:
        """Objects numbered from `first` on, written as they are, each at its offset."""
        self.sections.append((first, array("q", (self.position + at for at in offsets))))
        self._write(objects)

    def _add(self, part: pikepdf.Pdf, shape: Classic | None) -> None:
        """Append one part read by qpdf; its objects are copied from its bytes when it has
        ReportLab's shape (`shape`), else object by object through qpdf."""
        import pikepdf
        self.parts += 1
        root = part.Root
        pages = root.get("/Pages")
        if pages is None or not (shape or part.pages):
            raise JoinError(f"part {self.parts} has no pages")
        self._numbers = {pages.objgen: self.PAGES}
        if self.parts == 1:  # the first part's catalogue and information stand for all
            self._write(b"%%PDF-%s\n%%\x93\x8c\x8b\x9e handouts\n" % part.pdf_version.encode())
            self.version = self.header_version = part.pdf_version
            keys = sorted(key for key in root.keys() if key not in _SKIPPED)  # a set: sort it
            values = [root[key].unparse() for key in keys]
            info = part.trailer.get("/Info")
            info_syntax = info.unparse(resolved=True) if info is not None else None
            if shape is not None:  # number what they reach before renumbering them
                self._copy(shape, b" ".join(values) + b" " + (info_syntax or b""))
            self.catalog_entries = b"".join(
                b" " + pikepdf.Name(key).unparse() + b" " + self._renumber(part, value)
                for key, value in zip(keys, values, strict=True))
            if info_syntax is not None:
                self.info = self._renumber(part, info_syntax)
        else:
            kept = sorted(key for key in root.keys() if key in PER_PART)
            if kept:
                raise JoinError(f"part {self.parts} has {', '.join(kept)}, which describes "
                                "its own pages; joining cannot merge it yet")
            self.version = max(self.version, part.pdf_version, key=_version_key)
            if shape is not None:
                self._copy(shape, b"")
        if shape is not None:
            self._queue.clear()  # (a reference to nothing, met in the catalogue: null)
            return
        self.kids.extend(int(self._renumber(part, page.obj.unparse()).split()[0])
                         for page in part.pages)
        self._write_queued(part)

    def _copy(self, shape: Classic, kept: bytes) -> None:
        """Write a part from its bytes: the objects its pages (and `kept`, the syntax of
        the catalogue entries and information kept) reach, numbered in the order met."""
        fixed = {shape.pages: self.PAGES, shape.root: self.CATALOG}
        if shape.info is not None:
            fixed[shape.info] = self.INFO
        # references as written -> as they will be: one dictionary look-up per reference
        refs = {b"%d 0 R" % old: b"%d 0 R" % new for old, new in fixed.items()}
        queue: deque[tuple[int, int]] = deque()
        objects = shape.objects

        def token(match: re.Match[bytes]) -> bytes:
            """The new reference; an object met for the first time is numbered and queued."""
            if match.group(1):
                return match.group(0)  # a string: left as it is
            new = refs.get(match.group(0))
            if new is None:
                old = int(match.group(2))
                if match.group(3) != b"0" or old not in objects:
                    return b"null"  # a reference to nothing is null, as PDF says
                queue.append((old, self.next_number))
                new = refs[match.group(0)] = b"%d 0 R" % self.next_number
                self.next_number += 1
            return new

        renumber(kept, token)  # (only to number what they reach: `_add` writes them)
        kids = renumber(b" ".join(b"%d 0 R" % kid for kid in shape.kids), token)
        self.kids.extend(int(n) for n in kids.split()[0::3])
        while queue:  # first in, first out: objects are written in the order numbered
            old, number = queue.popleft()
            head, tail = objects[old]
            self._object(number, renumber(head, token) + tail)
        if self.parts == 1:  # for the catalogue entries, which qpdf unparsed
            self._numbers = {(int(old.split()[0]), 0): int(new.split()[0])
                             for old, new in refs.items() if new != b"null"}

    def finish(self) -> None:
        if not self.kids:
            raise JoinError("no pages to join")
        kids = b" ".join(b"%d 0 R" % kid for kid in self.kids)
        self._object(self.PAGES, b"<< /Count %d /Kids [ %s ] /Type /Pages >>"
                     % (len(self.kids), kids))
        version = (b" /Version /%s" % self.version.encode()
                   if _version_key(self.version) > _version_key(self.header_version) else b"")
        if self.catalog is not None:  # a numbered part's, which already says /Pages 1 0 R
            self._object(self.CATALOG, self.catalog[:-2].rstrip() + version + b"\n>>")
        else:
            self._object(self.CATALOG, b"<<%s /Pages %d 0 R /Type /Catalog%s>>"
                         % (self.catalog_entries, self.PAGES, version))
        self._object(self.INFO, self.info)
        identifier = self.digest.hexdigest().encode()
        start = self.position
        sections = merged(self.sections)
        count = sections[-1][0] + len(sections[-1][1])
        for rows in xref_table(sections):
            self._write(rows)
        self._write(b"trailer\n<< /ID [<%s><%s>] /Info %d 0 R /Root %d 0 R /Size %d >>\n"
                    b"startxref\n%d\n%%%%EOF\n"
                    % (identifier, identifier, self.INFO, self.CATALOG, count, start))


def _open(data: bytes, number: int, inherit: bool) -> pikepdf.Pdf:
    # imported here, not at the top: a batch's worker processes never join, and qpdf's
    # library would add a few MB to each of them
    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(data), attempt_recovery=False,
                            inherit_page_attributes=inherit)
    except pikepdf.PdfError:
        raise JoinError(f"part {number} is not a readable PDF") from None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def join_pdfs(parts: Iterable[bytes], stream: BinaryIO, spare: int | None = None) -> int:
    """Join `parts` into `stream`; return the number of pages. `spare`: see `Joiner`."""
    joiner = Joiner(stream, spare)
    for part in parts:
        joiner.add(part)
    joiner.finish()
    return len(joiner.kids)
