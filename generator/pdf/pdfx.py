"""Render (PDF/X-4): what the print-shop edition adds to a rendered PDF.

`render_pdf` draws the pages (inside `print_inks()` every colour is CMYK and the canvas
refuses RGB); `finish` then makes the file PDF/X-4: an output intent with the CMYK
profile embedded, XMP metadata naming the standard, `Trapped` set, and font subsets
named after their own bytes, so two files a shop combines never share a subset name.
"""
from __future__ import annotations

import hashlib
import io
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from ..errors import OutputError
from ..model.layout import MM, CropMarks
from .marks import draw_crop_marks
from .page import Page, Painter

VERSION = "PDF/X-4"
# Ghostscript's coated CMYK profile (SWOP, coated paper), from Debian's libgs-common,
# which ghostscript depends on: © Artifex Software, AGPL-3+ (Debian's copyright file,
# iccprofiles/*), which allows copying it into the files made with it.
PROFILES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
            Path("/usr/share/ghostscript/iccprofiles/default_cmyk.icc"))
PROFILE_NAME = "Artifex CMYK SWOP Profile"
PROFILE_PACKAGE = "ghostscript"
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def find_profile() -> bytes:
    """The CMYK output profile's bytes; an error saying what to install when it is missing."""
    for path in PROFILES:
        if path.is_file():
            return path.read_bytes()
    raise OutputError.single(str(PROFILES[0]), "print.no_profile",
                             {"package": PROFILE_PACKAGE})


MARK_OFFSET_MM = 1.0  # crop marks start this far outside the bleed
MARK_LENGTH_MM = 5.0
MARK_LINE_PT = 0.3


def with_crop_marks(page: Page) -> Page:
    """`page` alone on a PDF page, its art clipped to the bleed, crop marks outside it."""
    bleed = page.bleed
    marks = CropMarks(bleed / MM + MARK_OFFSET_MM, MARK_LENGTH_MM, MARK_LINE_PT)
    offset, length = marks.offset_mm * MM, marks.length_mm * MM

    def draw(painter: Painter) -> None:
        canvas = painter.canvas
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(-bleed, -bleed, page.width + 2 * bleed, page.height + 2 * bleed)
        canvas.clipPath(path, stroke=0, fill=0)
        page.draw(painter)
        canvas.restoreState()
        with painter.artifact():  # marks for the cutter, not the reader
            draw_crop_marks(canvas, marks, (0, 0, page.width, page.height), (0, page.width),
                            (0, page.height))

    margin = offset + length + 1 * MM
    return Page(page.label, page.width, page.height, bleed, draw,
                margin=max(margin, page.media_margin))


def subset_prefix(name: str, data: bytes) -> str:
    """Six capital letters from the subset's own bytes: reproducible, and two different
    subsets (in one file or in files a shop combines) get different names."""
    digest = hashlib.sha256(name.encode() + data).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _rename_subsets(writer: PdfWriter) -> None:
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen or "/FontDescriptor" not in font:
                continue
            seen.add(id(font))
            descriptor = font["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"])[1:]
            if not _SUBSET.match(name):
                continue
            embedded = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or \
                descriptor.get("/FontFile")
            data = embedded.get_object().get_data() if embedded is not None else b""
            widths = repr(list(font.get("/Widths", []))).encode()
            renamed = NameObject("/" + subset_prefix(name[7:], data + widths) + name[6:])
            font[NameObject("/BaseFont")] = renamed
            descriptor[NameObject("/FontName")] = renamed


def _iso(pdf_date: str) -> str:
    """"D:20261123000000+00'00'" -> "2026-11-23T00:00:00+00:00"."""
    digits = re.sub(r"\D", "", pdf_date)[:14].ljust(14, "0")
    stamp = datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    return stamp.isoformat()


def _xmp(info: dict[str, str], document_id: str) -> bytes:
    created = _iso(info.get("/CreationDate", "D:19700101000000"))
    modified = _iso(info.get("/ModDate", info.get("/CreationDate", "D:19700101000000")))
    title, author = escape(info.get("/Title", "")), escape(info.get("/Author", ""))
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(info.get("/Creator", "handouts"))}</xmp:CreatorTool>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>{escape(info.get("/Producer", ""))}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{VERSION}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")


def _stream(writer: PdfWriter, data: bytes, entries: dict[str, Any],
            compress: bool = True) -> Any:
    stream = StreamObject()
    stream.set_data(data)
    if compress:
        stream = stream.flate_encode()
    for key, value in entries.items():
        stream[NameObject(key)] = value
    return writer._add_object(stream)


def finish(pdf: bytes) -> bytes:
    """The same pages as PDF/X-4: output intent, XMP, Trapped, distinct subset names."""
    profile = find_profile()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = b"%PDF-1.6"
    _rename_subsets(writer)
    info = {str(k): str(v) for k, v in (writer.metadata or {}).items()}
    digest = hashlib.sha256(pdf).hexdigest()
    document_id = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    root = writer._root_object
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject("Custom"),
        NameObject("/OutputCondition"): TextStringObject(PROFILE_NAME),
        NameObject("/Info"): TextStringObject(PROFILE_NAME),
        NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
        NameObject("/DestOutputProfile"): _stream(writer, profile, {"/N": NumberObject(4)}),
    })
    root[NameObject("/OutputIntents")] = ArrayObject([intent])
    root[NameObject("/Metadata")] = _stream(writer, _xmp(info, document_id), {
        "/Type": NameObject("/Metadata"), "/Subtype": NameObject("/XML")}, compress=False)
    writer.add_metadata({"/GTS_PDFXVersion": VERSION})
    writer._info.get_object()[NameObject("/Trapped")] = NameObject("/False")  # type: ignore[union-attr,index]
    identifier = ByteStringObject(bytes.fromhex(digest[:32]))
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
