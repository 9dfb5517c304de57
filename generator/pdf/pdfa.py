"""Render (PDF/A-2): sRGB output intent, XMP metadata agreeing with Info, a content-derived /ID.

The sRGB profile is made by LittleCMS through Pillow (`ImageCms.createProfile`): a
generated profile, "no copyright, use freely", not a copied file of unknown licence.
Its creation date is fixed and its header says ICC v4.2 (the version PDF 1.7 names;
its tags are all v4.2 types), so every file gets the same bytes. The document /ID
and the XMP document id are both a digest (SHA-1, its first 16 bytes: the size of the
MD5 ISO 32000-1 suggests, at 40 % of its cost) of the page streams and the metadata:
identical input gives identical bytes, different cards different ids.
"""
from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

from .compact import RawObject
from .deflate import compress
from .structure import text_string

if TYPE_CHECKING:
    from .render import Metadata

_ICC_VERSION = bytes.fromhex("04200000")
_ICC_DATE = bytes.fromhex("07ea00010001000000000000")  # 2026-01-01 00:00:00
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile with fixed header fields, the same bytes on every run."""
    made = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = bytearray(_without_tags(made, {b"chrm"}))
    data[8:12] = _ICC_VERSION
    data[24:36] = _ICC_DATE
    data[84:100] = bytes(16)  # no profile id: it would have to follow the edits above
    return bytes(data)


def _without_tags(profile: bytes, dropped: set[bytes]) -> bytes:
    """`profile` without the tags named (ICC.1:2010, 7.3): `chrm`, the primaries' own
    chromaticities, is optional and repeats what the colorant tags say; every file
    carries the profile, so its bytes count."""
    count = int.from_bytes(profile[128:132], "big")
    table = [(profile[at:at + 4], int.from_bytes(profile[at + 4:at + 8], "big"),
              int.from_bytes(profile[at + 8:at + 12], "big"))
             for at in range(132, 132 + 12 * count, 12)]
    kept = [entry for entry in table if entry[0] not in dropped]
    start = 132 + 12 * len(kept)
    data, placed, rows = bytearray(), {}, []
    for signature, offset, size in kept:  # tags that share data (the TRCs) keep sharing it
        if (offset, size) not in placed:
            data += bytes(-len(data) % 4)  # each tag's data starts on a 4-byte boundary
            placed[(offset, size)] = start + len(data)
            data += profile[offset:offset + size]
        rows.append(signature + placed[(offset, size)].to_bytes(4, "big")
                    + size.to_bytes(4, "big"))
    body = bytearray(profile[:128]) + len(kept).to_bytes(4, "big") + b"".join(rows) + data
    body += bytes(-len(body) % 4)
    body[0:4] = len(body).to_bytes(4, "big")
    return bytes(body)


@lru_cache(maxsize=1)
def _compressed_profile() -> bytes:
    data = compress(srgb_profile(), 9)
    return b"<</N 3/Filter/FlateDecode/Length %d>>stream\n" % len(data) + data + b"\nendstream"


def _profile_stream(document: object) -> bytes:
    """The profile as a stream object, compressed once per process, not once per file."""
    return _compressed_profile()


def _xmp_date(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(epoch))


# PDF/A-2 accepts only schemas it knows or that the file describes: pdfuaid is described.
_UA_EXTENSION = (
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    "<pdfaSchema:schema>PDF/UA</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>"
    '<rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name>'
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Part of ISO 14289</pdfaProperty:description></rdf:li>"
    "</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>")
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#"}
_DECLARED = " ".join(f'xmlns:{k}="{v}"' for k, v in _NAMESPACES.items())


def xmp(metadata: Metadata, epoch: int, identifier: str, producer: str) -> bytes:
    """The XMP packet: the same title, author, subject, keywords and dates as Info.

    Written compactly (simple values as attributes, no padding), and Flate-compressed
    like every other stream: PDF/A-1 kept the metadata stream unfiltered (ISO 19005-1,
    6.7.2), PDF/A-2 does not ask it (19005-2, 6.6.2.1; veraPDF's PDF/A-2 rules test the
    packet's header and encoding, not a filter), and unfiltered it was 8 % of a card.
    """
    before, after = _packet(metadata, epoch, producer)
    return b"%suuid:%s-%s-%s-%s-%s%s" % (
        before, identifier[:8].encode(), identifier[8:12].encode(), identifier[12:16].encode(),
        identifier[16:20].encode(), identifier[20:32].encode(), after)


@lru_cache(maxsize=64)
def _packet(metadata: Metadata, epoch: int, producer: str) -> tuple[bytes, bytes]:
    """The packet before and after its document id: the same for every file of a batch."""
    simple = {"pdf:Keywords": metadata.keywords, "pdf:Producer": producer,
              "xmp:CreateDate": _xmp_date(epoch), "xmpMM:DocumentID": "\x00",
              "pdfaid:part": "2", "pdfaid:conformance": "A",
              "pdfuaid:part": "1"}
    if not metadata.keywords:
        del simple["pdf:Keywords"]
    attributes = " ".join(f"{k}={quoteattr(v)}" for k, v in simple.items())
    alt = '<rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt>'
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {_DECLARED} {attributes}>'
        f"<dc:title>{alt.format(escape(metadata.title))}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(metadata.author)}</rdf:li></rdf:Seq></dc:creator>"
        + (f"<dc:description>{alt.format(escape(metadata.subject))}</dc:description>"
           if _has_subject(metadata) else "") +
        f"<dc:language><rdf:Bag><rdf:li>{escape(metadata.language)}</rdf:li></rdf:Bag>"
        f"</dc:language>{_UA_EXTENSION}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="r"?>')
    before, after = packet.encode("utf-8").split(b"\x00")
    return before, after


def _has_subject(metadata: Metadata) -> bool:
    """A subject that only repeats the title is left out (here and in Info)."""
    return bool(metadata.subject) and metadata.subject != metadata.title


def _info(metadata: Metadata, epoch: int, producer: str) -> RawObject:
    """The Info dictionary (see `_info_body`), an object of the file's own."""
    return _Info(_info_body(metadata, epoch, producer))


@lru_cache(maxsize=64)
def _info_body(metadata: Metadata, epoch: int, producer: str) -> bytes:
    """The Info dictionary with exactly the entries the XMP packet repeats (PDF/A-2,
    6.6.2.3.1), and none that only repeats another: no Trapped (a reading file is not
    for a press), no Subject that only repeats the title, no ModDate (the file is made
    once: CreationDate), no Creator (Producer names the program), no empty Keywords."""
    entries = [("Title", metadata.title), ("Author", metadata.author)]
    if _has_subject(metadata):
        entries.append(("Subject", metadata.subject))
    if metadata.keywords:
        entries.append(("Keywords", metadata.keywords))
    entries.append(("Producer", producer))
    date = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch)).encode("ascii")
    body = b"<<%s/CreationDate(%s)>>" % (
        b"".join(b"/%s%s" % (key.encode("ascii"), text_string(value)) for key, value in entries),
        date)
    return body


class _Info(RawObject):
    """Info written as its bytes; ReportLab also feeds them to its own file digest."""

    def __init__(self, body: bytes) -> None:
        super().__init__(lambda document: body)
        self.body = body

    def digest(self, md5: Any) -> None:
        md5.update(self.body)


def content_id(canvas: Canvas, metadata: Metadata) -> str:
    """A digest of every page's content stream and of the metadata, 32 hex digits."""
    digest = hashlib.sha1(usedforsecurity=False)
    for page in canvas._doc.Pages.pages:
        stream = page.stream  # ReportLab's page text (bytes only if set so by hand)
        digest.update(stream if isinstance(stream, bytes) else
                      stream.encode("utf-8", "surrogatepass"))
    digest.update(repr(metadata).encode("utf-8"))
    return digest.hexdigest()[:32]


def make_archival(canvas: Canvas, metadata: Metadata, epoch: int, producer: str) -> None:
    """Add the output intent and XMP to the catalogue and fix the document /ID."""
    doc = canvas._doc
    identifier = content_id(canvas, metadata)
    doc._ID = b"\n[<%s><%s>]\n" % (identifier.encode(), identifier.encode())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
        "Info": PDFString(OUTPUT_CONDITION),
        "DestOutputProfile": doc.Reference(RawObject(_profile_stream))})
    doc.info = _info(metadata, epoch, producer)
    catalog = doc.Catalog
    catalog.__NoDefault__ = list(catalog.__NoDefault__) + ["OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])
    catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp(metadata, epoch, identifier, producer),
        filters=[PDFZCompress])
