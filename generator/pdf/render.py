"""Render: pages to PDF bytes with page boxes, embedded fonts, metadata, reproducible output."""
from __future__ import annotations

import datetime as _dt
import io
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from ..model.colour import drawing_in_inks
from .classic import Classic
from .compact import use_compact_writing, written_parts
from .deflate import use_libdeflate
from .page import Page, Painter, release
from .pdfa import make_archival
from .quick_format import use_quick_format
from .replay import draw_page
from .structure import mark_page, write_tree
from .tagging import Marker

# Page streams are Flate-compressed binary; ASCII85 on top would only make them 25 % larger.
rl_config.useA85 = 0
use_quick_format()  # the same bytes as ReportLab's object formatting, at a third of the cost
use_libdeflate()  # Flate streams in a third of zlib's time, smaller (deflate.py)


@dataclass(frozen=True)
class Metadata:
    """What a PDF says about itself. Never a person's health details."""

    title: str
    author: str
    subject: str
    language: str = "sv-SE"
    keywords: str = ""
    creator: str = "handouts"


def build_date() -> int:
    """Seconds since 1970 for the PDF's dates: SOURCE_DATE_EPOCH when set, else today 00:00 UTC.

    A date without a time of day keeps output reproducible through a working day while
    still telling a reader when the file was made.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    today = _dt.datetime.now(_dt.timezone.utc).date()
    return int(_dt.datetime(today.year, today.month, today.day,
                            tzinfo=_dt.timezone.utc).timestamp())


def _timestamp(epoch: int) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    stamp.t, stamp.lt = epoch, time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


PRODUCER = "handouts (ReportLab)"
PRINTER_TITLE = "Tryckark – "


def render_pdf(pages: Iterable[Page], metadata: Metadata, base_font: str, *,
               printer: bool = False) -> bytes:
    """Lay the pages out one per PDF page and return the file's bytes (see `_render`)."""
    return _render(pages, metadata, base_font, printer, parts=False)[0]


def render_file(pages: Iterable[Page], metadata: Metadata,
                base_font: str) -> tuple[bytes, Classic | None]:
    """A file for reading's bytes, and its objects as written (what
    `classic.read_classic` would read from the bytes), for a sheet to place its pages."""
    return _render(pages, metadata, base_font, False, parts=True)


def _render(pages: Iterable[Page], metadata: Metadata, base_font: str, printer: bool, *,
            parts: bool) -> tuple[bytes, Classic | None]:
    """Lay the pages out one per PDF page: the file's bytes, and with `parts` the objects
    the compact writer wrote.

    A file for reading is tagged (PDF/UA-1) and archivable (PDF/A-2a): what compose
    declared while drawing becomes the structure tree. A `printer` file (imposed
    sheets) is neither, and its title says it is a printer's sheet ("Tryckark – …").
    `invariant` and `build_date` make the same input give the same bytes. `base_font`
    replaces ReportLab's Helvetica as the canvas's starting font, so no unembedded
    font is ever named in the file.
    """
    buffer = io.BytesIO()
    # The print-shop edition (`print_inks()`): CMYK and separations only, RGB refused.
    canvas = Canvas(buffer, invariant=1, pageCompression=1, lang=metadata.language,
                    initialFontName=base_font,
                    enforceColorSpace="sep_cmyk" if drawing_in_inks() else None)
    epoch = build_date()
    canvas._doc._timeStamp = _timestamp(epoch)
    canvas.setTitle(PRINTER_TITLE + metadata.title if printer else metadata.title)
    canvas.setAuthor(metadata.author)
    canvas.setSubject(metadata.subject)
    canvas.setKeywords(metadata.keywords)
    canvas.setCreator(metadata.creator)
    canvas.setProducer(PRODUCER)
    # Print at 100 %: a card scaled to fit the paper is the wrong size.
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    marker = None if printer else Marker(canvas)
    painter = Painter(canvas, marker)
    count = 0
    for page in pages:
        place_page(canvas, page)
        if marker is not None:
            marker.begin_page()
        canvas.saveState()
        canvas.translate(page.media_margin, page.media_margin)
        draw_page(page, painter)
        canvas.restoreState()
        if marker is not None:
            marker.end_page()
        canvas.showPage()
        if marker is not None:
            mark_page(canvas, marker)
        count += 1
    if count == 0:
        raise ValueError("a PDF needs at least one page")
    if marker is not None:
        write_tree(canvas, marker)
        make_archival(canvas, metadata, epoch, PRODUCER)
        use_compact_writing(canvas)
    canvas.save()
    written = written_parts(canvas._doc) if parts else None
    release(canvas)
    return buffer.getvalue(), written


def place_page(canvas: Canvas, page: Page) -> None:
    """Size the next PDF page and set its boxes: MediaBox ⊇ BleedBox ⊇ TrimBox."""
    margin, bleed = page.media_margin, page.bleed
    media = (page.width + 2 * margin, page.height + 2 * margin)
    canvas.setPageSize(media)
    inset = margin - bleed
    if page.trim_box is not None:  # a sheet the paper's size, cut inside: see Page
        left, bottom, right, top = page.trim_box
        canvas.setBleedBox((0, 0, media[0], media[1]))
        canvas.setTrimBox((margin + left, margin + bottom, margin + right, margin + top))
        canvas.setCropBox((0, 0, media[0], media[1]))
        return
    canvas.setBleedBox((inset, inset, media[0] - inset, media[1] - inset))
    canvas.setTrimBox((margin, margin, margin + page.width, margin + page.height))
    canvas.setCropBox((0, 0, media[0], media[1]))
