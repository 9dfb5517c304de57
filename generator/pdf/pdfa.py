"""Render (PDF/A-2): sRGB output intent, XMP metadata agreeing with Info, a content-derived /ID.

The sRGB profile is made by LittleCMS through Pillow (`ImageCms.createProfile`): a
generated profile, "no copyright, use freely", not a copied file of unknown licence.
Its creation date is fixed and its header says ICC v4.2 (the version PDF 1.7 names;
its tags are all v4.2 types), so every file gets the same bytes. The document /ID
and the XMP document and instance ids are an MD5 of the page streams and the
metadata: identical input gives identical bytes, different cards different ids.
"""
from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from .render import Metadata

_ICC_VERSION = bytes.fromhex("04200000")
_ICC_DATE = bytes.fromhex("07ea00010001000000000000")  # 2026-01-01 00:00:00
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile with fixed header fields, the same bytes on every run."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[8:12] = _ICC_VERSION
    data[24:36] = _ICC_DATE
    data[84:100] = bytes(16)  # no profile id: it would have to follow the edits above
    return bytes(data)


def _xmp_date(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(epoch))


# PDF/A-2 accepts only schemas it knows or that the file describes: pdfuaid is described.
_UA_EXTENSION = """<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed\
</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>"""


def xmp(metadata: Metadata, epoch: int, identifier: str, producer: str) -> bytes:
    """The XMP packet: the same title, author, subject, keywords and dates as Info."""
    text = {key: escape(value) for key, value in (
        ("title", metadata.title), ("author", metadata.author),
        ("subject", metadata.subject), ("keywords", metadata.keywords),
        ("creator", metadata.creator), ("producer", producer),
        ("language", metadata.language))}
    date = _xmp_date(epoch)
    uuid = f"uuid:{identifier[:8]}-{identifier[8:12]}-{identifier[12:16]}-" \
           f"{identifier[16:20]}-{identifier[20:32]}"
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text['title']}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{text['author']}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text['subject']}</rdf:li></rdf:Alt>\
</dc:description>
<dc:language><rdf:Bag><rdf:li>{text['language']}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{text['keywords']}</pdf:Keywords>
<pdf:Producer>{text['producer']}</pdf:Producer>
<pdf:Trapped>False</pdf:Trapped>
<xmp:CreatorTool>{text['creator']}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
<xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
{_UA_EXTENSION}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


class _Uncompressed(PDFStream):  # type: ignore[misc]
    """A stream written as it is, with no /Filter at all (PDF/A wants XMP readable)."""

    def format(self, document):  # type: ignore[no-untyped-def]
        saved = document.defaultStreamFilters
        document.defaultStreamFilters = None
        try:
            return super().format(document)
        finally:
            document.defaultStreamFilters = saved


def content_id(canvas: Canvas, metadata: Metadata) -> str:
    """An MD5 of every page's content stream and of the metadata, as hex."""
    digest = hashlib.md5(usedforsecurity=False)
    for page in canvas._doc.Pages.pages:
        digest.update(repr(page.stream).encode("utf-8"))
    digest.update(repr(metadata).encode("utf-8"))
    return digest.hexdigest()


def make_archival(canvas: Canvas, metadata: Metadata, epoch: int, producer: str) -> None:
    """Add the output intent and XMP to the catalogue and fix the document /ID."""
    doc = canvas._doc
    identifier = content_id(canvas, metadata)
    doc._ID = b"\n[<%s><%s>]\n" % (identifier.encode(), identifier.encode())
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
        "Info": PDFString(OUTPUT_CONDITION), "DestOutputProfile": doc.Reference(profile)})
    catalog = doc.Catalog
    catalog.__NoDefault__ = list(catalog.__NoDefault__) + ["OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])
    catalog.Metadata = _Uncompressed(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp(metadata, epoch, identifier, producer))
