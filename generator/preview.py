"""Preview: PDF pages to PNG pictures and one contact sheet, for a person to look at.

Each page becomes `NAME-NN.png` at the asked resolution. The contact sheet shows every
page of every file small, in order, with the file's name, page number and trimmed size
under it, and the trim drawn as a thin line, so a reader sees at a glance what will be
printed and where it will be cut. Nothing is written here: the pictures come back as
documents for `write.py`.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from .errors import HandoutsError, Problem
from .write import Document

CONTACT_SHEET = "contact-sheet.png"
THUMB_HEIGHT = 260
COLUMNS = 4
PADDING = 16
LABEL_HEIGHT = 40
TRIM_LINE = (0, 160, 224)
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class PagePicture:
    source: str
    number: int
    image: Image.Image
    trim: tuple[float, float, float, float]  # left, top, right, bottom as shares of the page
    trim_mm: tuple[float, float]


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_pages(name: str, data: bytes, dpi: int) -> list[PagePicture]:
    """Every page of one PDF as a picture, with where its trim lies."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise HandoutsError([Problem("pdf.not_pdf", {"detail": str(error)}, name)]) from None
    pictures = []
    try:
        for number, page in enumerate(document, 1):
            width, height = page.get_size()
            left, bottom, right, top = page.get_trimbox()
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            pictures.append(PagePicture(
                name, number, image,
                (left / width, 1 - top / height, right / width, 1 - bottom / height),
                ((right - left) * MM_PER_PT, (top - bottom) * MM_PER_PT)))
            page.close()
    finally:
        document.close()
    return pictures


def contact_sheet(pictures: list[PagePicture]) -> Image.Image:
    """All pages small, in rows, each labelled with its file, number and trimmed size."""
    thumbs = []
    for picture in pictures:
        scale = THUMB_HEIGHT / picture.image.height
        thumb = picture.image.resize((max(1, round(picture.image.width * scale)),
                                      THUMB_HEIGHT), Image.Resampling.LANCZOS)
        left, top, right, bottom = picture.trim
        ImageDraw.Draw(thumb).rectangle(
            (left * thumb.width, top * thumb.height, right * thumb.width - 1,
             bottom * thumb.height - 1), outline=TRIM_LINE, width=1)
        thumbs.append(thumb)
    cell_width = max(t.width for t in thumbs) + PADDING
    rows = (len(thumbs) + COLUMNS - 1) // COLUMNS
    columns = min(COLUMNS, len(thumbs))
    sheet = Image.new("RGB", (columns * cell_width + PADDING,
                              rows * (THUMB_HEIGHT + LABEL_HEIGHT + PADDING) + PADDING),
                      (226, 226, 226))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=13)
    for index, (picture, thumb) in enumerate(zip(pictures, thumbs, strict=True)):
        row, column = divmod(index, COLUMNS)
        x = PADDING + column * cell_width
        y = PADDING + row * (THUMB_HEIGHT + LABEL_HEIGHT + PADDING)
        sheet.paste(thumb, (x, y))
        width_mm, height_mm = picture.trim_mm
        draw.text((x, y + THUMB_HEIGHT + 4), f"{picture.source}  p. {picture.number}",
                  fill=(0, 0, 0), font=font)
        draw.text((x, y + THUMB_HEIGHT + 20), f"trim {width_mm:.0f} x {height_mm:.0f} mm",
                  fill=(60, 60, 60), font=font)
    return sheet


def preview(pdfs: list[tuple[str, bytes]], dpi: int) -> list[Document]:
    """PNG documents: one per page of each PDF, then the contact sheet of them all."""
    if not 10 <= dpi <= 600:
        raise HandoutsError([Problem("usage.dpi", {"dpi": dpi})])
    documents, pictures = [], []
    for name, data in pdfs:
        pages = render_pages(name, data, dpi)
        stem = PurePath(name).stem
        for page in pages:
            documents.append(Document(f"{stem}-{page.number:02d}.png", _png(page.image),
                                      f"{name} page {page.number}"))
        pictures.extend(pages)
    if pictures:
        documents.append(Document(CONTACT_SHEET, _png(contact_sheet(pictures)),
                                  f"{len(pictures)} pages from {len(pdfs)} file(s)"))
    return documents
