"""Write (join): PDFs that render.py made, joined page after page into one file, streaming.

A batch's sheet file holds every card of the roster; read into memory at once it would
grow with the roster. Each part is a small PDF from `render_pdf`: classic xref table,
no object streams, references written `N 0 R` outside streams. Joining renumbers each
part's objects, points its pages at one shared page tree and copies streams as they
are, so memory holds one part at a time. Only PDFs from this program are joined.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import BinaryIO

from ..errors import HandoutsError, Problem

_REFERENCE = re.compile(rb"(\d+) 0 R\b")
_STREAM = re.compile(rb"\nstream\r?\n")
_OBJECT = re.compile(rb"(\d+) 0 obj\r?\n")


class JoinError(HandoutsError):
    """A part is not a PDF of the shape render.py writes."""

    def __init__(self, detail: str) -> None:
        super().__init__([Problem("pdf.join", {"detail": detail})])


def _objects(data: bytes) -> tuple[dict[int, bytes], bytes]:
    """The part's objects (body between 'obj' and 'endobj') and its trailer dictionary."""
    xref = data.rfind(b"\nxref")
    trailer = data.rfind(b"trailer")
    if xref < 0 or trailer < xref:
        raise JoinError("no classic cross-reference table")
    table = data[xref:trailer].split(b"\n")
    offsets = sorted(int(line[:10]) for line in table if line.strip().endswith(b" n"))
    objects = {}
    ends = offsets[1:] + [xref]
    for start, end in zip(offsets, ends, strict=True):
        chunk = data[start:end]
        match = _OBJECT.match(chunk)
        if match is None:
            raise JoinError(f"no object at offset {start}")
        body = chunk[match.end():chunk.rfind(b"endobj")]
        objects[int(match.group(1))] = body
    return objects, data[trailer:]


def _reference(dictionary: bytes, key: bytes) -> int:
    match = re.search(rb"/" + key + rb" (\d+) 0 R", dictionary)
    if match is None:
        raise JoinError(f"no /{key.decode()} reference")
    return int(match.group(1))


class Joiner:
    """Writes parts to `stream` as they come; `finish` writes the page tree and xref."""

    PAGES, CATALOG, INFO = 1, 2, 3

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offsets: dict[int, int] = {}
        self.next_number = 4
        self.kids: list[int] = []
        self.position = 0
        self.digest = hashlib.md5(usedforsecurity=False)
        self.catalog_extra = b""
        self.info = b"<< >>"
        self._write(b"%PDF-1.4\n%\x93\x8c\x8b\x9e handouts\n")

    def _write(self, data: bytes) -> None:
        self.stream.write(data)
        self.digest.update(data)
        self.position += len(data)

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n" % number + body + b"endobj\n")

    def add(self, data: bytes) -> None:
        """Append every page of one part."""
        objects, trailer = _objects(data)
        root = _reference(trailer, b"Root")
        pages = _reference(objects[root], b"Pages")
        skipped = {root, pages, _reference(trailer, b"Info")}
        if not self.kids:  # the first part's catalogue settings and info stand for all
            self.info = objects[_reference(trailer, b"Info")]
            catalog = objects[root]
            language = re.search(rb"/Lang \([^)]*\)", catalog)
            self.catalog_extra = language.group(0) if language else b""
            preferences = re.search(rb"/ViewerPreferences (\d+) 0 R", catalog)
            if preferences:
                self.catalog_extra += b" /ViewerPreferences " + objects[
                    int(preferences.group(1))].strip()
        numbers = {old: self.next_number + i for i, old in enumerate(sorted(objects))}
        numbers[pages] = self.PAGES
        self.next_number += len(objects)
        kids = [int(n) for n in _REFERENCE.findall(
            objects[pages][objects[pages].index(b"/Kids"):])]

        def renumber(match: re.Match[bytes]) -> bytes:
            return b"%d 0 R" % numbers[int(match.group(1))]

        for old in sorted(objects):
            if old in skipped:
                continue
            body = objects[old]
            split = _STREAM.search(body)
            head, tail = (body[:split.start()], body[split.start():]) if split else (body, b"")
            self._object(numbers[old], _REFERENCE.sub(renumber, head) + tail)
        self.kids.extend(numbers[kid] for kid in kids)

    def finish(self) -> None:
        if not self.kids:
            raise JoinError("no pages to join")
        kids = b" ".join(b"%d 0 R" % kid for kid in self.kids)
        self._object(self.PAGES, b"<< /Count %d /Kids [ %s ] /Type /Pages >>\n"
                     % (len(self.kids), kids))
        self._object(self.CATALOG, b"<< %s /PageMode /UseNone /Pages %d 0 R /Type /Catalog >>\n"
                     % (self.catalog_extra, self.PAGES))
        self._object(self.INFO, self.info.strip() + b"\n")
        identifier = self.digest.hexdigest().encode()
        start = self.position
        count = self.next_number
        rows = [b"0000000000 65535 f \n"] + [
            b"%010d 00000 n \n" % self.offsets[n] if n in self.offsets
            else b"0000000000 65535 f \n" for n in range(1, count)]
        self._write(b"xref\n0 %d\n" % count + b"".join(rows))
        self._write(b"trailer\n<< /ID [<%s><%s>] /Info %d 0 R /Root %d 0 R /Size %d >>\n"
                    b"startxref\n%d\n%%%%EOF\n"
                    % (identifier, identifier, self.INFO, self.CATALOG, count, start))


def join_pdfs(parts: Iterable[bytes], stream: BinaryIO) -> int:
    """Join `parts` into `stream`; return the number of pages."""
    joiner = Joiner(stream)
    for part in parts:
        joiner.add(part)
    joiner.finish()
    return len(joiner.kids)
