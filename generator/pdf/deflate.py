"""Render (deflate): every Flate-compressed stream of our PDFs, made with libdeflate.

A card file is some 36 KB of page operators, font subsets, object bodies and
metadata before compression, and compressing it with Python's zlib took a sixth of
the time to make the file (1 ms a deck of eight A6 pages). libdeflate (the compressor
in htslib and samtools) writes the same zlib format, which every PDF
reader inflates as before. Measured on 20 card files' 320 streams, per file: zlib-ng
at level 6 made 19,012 bytes in 0.50 ms, libdeflate at 6 made 18,716 bytes in 0.34 ms
(its better parsing of matches), and at 10 18,328 bytes in 2.2 ms, too slow for a
batch. Its output depends only on the input, the level and libdeflate's version, so
the same input still gives the same bytes.

`use_libdeflate` makes ReportLab's Flate filter use it; our own writers (compact.py,
reuse.py, pdfa.py) call `compress`.

A stream made before in this process is not compressed again: with every character's
glyph code the same in every file (glyph_codes.py), a routine front replayed into a
thousand persons' files, the metadata and the QR code are the same bytes each time.
The last thousand streams are kept by a digest of their bytes, the most recently
used last; a stream is looked up only when it is long enough for hashing it to cost
less than compressing it.
"""
from __future__ import annotations

import hashlib
import threading

import deflate as libdeflate
from reportlab.pdfbase import pdfdoc

# libdeflate's default. Level 8 saved 0.5 % more for 60 % more time.
LEVEL = 6


# compressed streams kept per process: some 4 MB. A batch's worker holds some 14 MB more
# with 4,096 kept, for 2 % less time; a 100,000-person batch must stay under 300 MB.
_KEPT = 1024
_LOOKED_UP_FROM = 256  # bytes
_made: dict[bytes, bytes] = {}
_lock = threading.Lock()  # the web app renders in several threads


def compress(data: bytes, level: int = LEVEL) -> bytes:
    """`data` as a zlib stream (what /FlateDecode reads)."""
    if len(data) < _LOOKED_UP_FROM or level != LEVEL:
        return _deflate(data, level)
    key = hashlib.sha1(data, usedforsecurity=False).digest()
    with _lock:
        made = _made.pop(key, None)
        if made is not None:
            _made[key] = made  # now the most recently used
            return made
    made = _deflate(data, level)
    with _lock:
        if len(_made) >= _KEPT and _made:
            del _made[next(iter(_made))]  # the least recently used
        _made[key] = made
    return made


def _deflate(data: bytes, level: int) -> bytes:
    return bytes(libdeflate.zlib_compress(data, level))  # (it gives a bytearray)


def _encode(text: str | bytes) -> bytes:
    """ReportLab's `PDFStreamFilterZCompress.encode`, with libdeflate."""
    return compress(text.encode("utf8") if isinstance(text, str) else text)


def use_libdeflate() -> None:
    """Make ReportLab's Flate filter (page contents, font files, forms) compress here."""
    pdfdoc.PDFZCompress.encode = _encode
