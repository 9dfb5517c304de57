"""Helpers to read built PDFs back (the shipped products are conftest's `shipped`)."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
from pypdf import PdfReader

from generator.layout import MM


def boxes_mm(data: bytes) -> list[dict[str, tuple[float, ...]]]:
    """Each page's MediaBox, BleedBox and TrimBox in millimetres."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        pages.append({name: tuple(round(float(v) / MM, 1) for v in getattr(page, name))
                      for name in ("mediabox", "bleedbox", "trimbox")})
    return pages


def size_mm(box: tuple[float, ...]) -> tuple[float, float]:
    return round(box[2] - box[0], 1), round(box[3] - box[1], 1)


def text_in(data: bytes, page: int, left_mm: float, right_mm: float) -> str:
    """The text of one page between two distances from the trim's left edge."""
    document = pdfium.PdfDocument(data)
    try:
        sheet = document[page]
        trim = sheet.get_trimbox()
        textpage = sheet.get_textpage()
        text = textpage.get_text_bounded(left=trim[0] + left_mm * MM, right=trim[0] + right_mm * MM,
                                         bottom=0, top=sheet.get_height())
        return " ".join(text.split())
    finally:
        document.close()
