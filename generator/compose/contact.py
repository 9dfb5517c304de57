"""Compose (contact block): the organisation's contact lines and a QR code to its website.

The block is the same on every card of a file, so it is drawn once as a form.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..errors import LayoutOverflow
from ..model import Labels, Organisation
from ..model.colour import Colour
from ..model.layout import MM, TypeStyle
from ..pdf.fonts import check_glyphs
from ..pdf.page import Painter
from ..typography import NBSP, phone, web_address
from .text import Fonts


@dataclass(frozen=True)
class ContactText:
    """The organisation's contact details as printed, formatted here for every product."""

    website: str  # without "https://"
    email: str
    phone: str  # grouped the Swedish way
    phone_label: str

    @property
    def labelled_phone(self) -> str:
        return f"{self.phone_label}{NBSP}{self.phone}"

    def line(self, *, labelled: bool = True, separator: str = " · ") -> str:
        """Website and phone on one line, as at the foot of a fridge card."""
        return f"{self.website}{separator}{self.labelled_phone if labelled else self.phone}"


def contact_text(organisation: Organisation, labels: Labels) -> ContactText:
    return ContactText(web_address(organisation.website), organisation.email,
                       phone(organisation.phone), labels.phone_label)


@lru_cache(maxsize=16)
def qr_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of `url` as its module count and dark runs (row, first column, length).

    Encoding picks the best of eight masks, which costs more than drawing the card; a
    batch prints the same address on every card, so it is encoded once per process.
    """
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    runs = []
    for row in range(count):
        column = 0
        while column < count:
            if not code.isDark(row, column):
                column += 1
                continue
            start = column
            while column < count and code.isDark(row, column):
                column += 1
            runs.append((row, start, column - start))
    return count, tuple(runs)


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float, colour: Colour) -> None:
    """A QR code of `url`, `size` points square including a quiet zone of 2 modules.

    Drawn as one filled path of module runs: crisp at any resolution, no fonts named.
    """
    count, runs = qr_runs(url)
    module = size / (count + 4)
    path = canvas.beginPath()
    for row, start, length in runs:
        path.rect(x + (start + 2) * module, y + size - (row + 3) * module,
                  length * module, module)
    canvas.saveState()
    canvas.setFillColor(colour.reportlab)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@dataclass(frozen=True)
class ContactBlock:
    """Lines of text on the left, the QR code on the right, `height` points tall.

    `banner` (a card's organisation line) runs the full width above them, in bold.
    """

    heading: str | None
    lines: tuple[str, ...]
    url: str
    fonts: Fonts
    style: TypeStyle
    heading_style: TypeStyle
    colour: Colour
    width: float
    qr_size: float
    banner: str | None = None

    @property
    def banner_height(self) -> float:
        return self.heading_style.leading if self.banner else 0.0

    @property
    def height(self) -> float:
        text = (self.heading_style.leading if self.heading else 0) + len(
            self.lines) * self.style.leading
        return self.banner_height + max(text, self.qr_size)

    def draw(self, painter: Painter, x: float, y: float) -> None:
        canvas = painter.canvas
        canvas.saveState()
        canvas.translate(x, y)
        painter.static(f"contact:{self.url}:{self.width}:{self.colour}:{self.banner}:"
                       f"{self.lines}", self._paint)
        canvas.restoreState()

    def _paint(self, canvas: Canvas) -> None:
        canvas.setFillColor(self.colour.reportlab)
        top = self.height - self.banner_height
        if self.banner:
            canvas.setFont(self.fonts.bold, self.heading_style.size)
            canvas.drawString(0, self.height - self.heading_style.size, self.banner)
        if self.heading:
            baseline = top - self.heading_style.size
            canvas.setFont(self.fonts.bold, self.heading_style.size)
            canvas.drawString(0, baseline, self.heading)
        else:
            baseline = top - self.style.size + self.style.leading
        canvas.setFont(self.fonts.regular, self.style.size)
        for line in self.lines:
            baseline -= self.style.leading
            canvas.drawString(0, baseline, line)
        draw_qr(canvas, self.url, self.width - self.qr_size, top - self.qr_size,
                self.qr_size, self.colour)


def _too_wide(text: str, font: str, size: float, room: float, product: str) -> float:
    """How far `text` runs past `room`, in points (0 when it fits); unprintable: an error."""
    check_glyphs(text, font, product, "contact block")
    return max(0.0, stringWidth(text, font, size) - room)


def _overflow(text: str, over: float, size: float, product: str) -> LayoutOverflow:
    shown = "'" + text.replace(NBSP, " ") + "'"
    return LayoutOverflow(product, "contact block", shown, over / MM, size,
                          ("hint.contact_line", {}))


def contact_block(organisation: Organisation, labels: Labels, fonts: Fonts, body: TypeStyle,
                  heading: TypeStyle, colour: Colour, width: float, qr_mm: float,
                  product: str) -> ContactBlock:
    """Build the block, checking that every line fits beside the QR code at its size."""
    details = contact_text(organisation, labels)
    lines = (details.website, details.email, details.labelled_phone)
    qr_size = qr_mm * MM
    room = width - qr_size - 3 * MM
    for text, font, size in [(labels.contact_heading, fonts.bold, heading.size)] + [
            (line, fonts.regular, body.size) for line in lines]:
        over = _too_wide(text, font, size, room, product)
        if over:
            raise _overflow(text, over, size, product)
    return ContactBlock(labels.contact_heading, lines, organisation.website, fonts, body,
                        heading, colour, width, qr_size)


def organisation_line(organisation: Organisation, fonts: Fonts, body: TypeStyle,
                      heading: TypeStyle, colour: Colour, width: float, qr_mm: float,
                      product: str) -> ContactBlock:
    """A card's foot: who made it (the organisation's name across the card), its web
    address and, where there is room beside the QR code, its phone number."""
    qr_size = qr_mm * MM
    room = width - qr_size - 3 * MM
    over = _too_wide(organisation.name, fonts.bold, heading.size, width, product)
    if over:
        raise _overflow(organisation.name, over, heading.size, product)
    web = web_address(organisation.website)
    over = _too_wide(web, fonts.regular, body.size, room, product)
    if over:
        raise _overflow(web, over, body.size, product)
    number = phone(organisation.phone)
    lines = (web,) + ((number,) if not _too_wide(number, fonts.regular, body.size, room,
                                                 product) else ())
    return ContactBlock(None, lines, organisation.website, fonts, body, heading, colour, width,
                        qr_size, banner=organisation.name)
