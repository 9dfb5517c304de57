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
    """Lines of text on the left, the QR code on the right, `height` points tall."""

    heading: str
    lines: tuple[str, ...]
    url: str
    fonts: Fonts
    style: TypeStyle
    heading_style: TypeStyle
    colour: Colour
    width: float
    qr_size: float

    @property
    def height(self) -> float:
        text = self.heading_style.leading + len(self.lines) * self.style.leading
        return max(text, self.qr_size)

    def draw(self, painter: Painter, x: float, y: float) -> None:
        canvas = painter.canvas
        canvas.saveState()
        canvas.translate(x, y)
        painter.static(f"contact:{self.url}:{self.width}:{self.colour}", self._paint)
        canvas.restoreState()

    def _paint(self, canvas: Canvas) -> None:
        canvas.setFillColor(self.colour.reportlab)
        baseline = self.height - self.heading_style.size
        canvas.setFont(self.fonts.bold, self.heading_style.size)
        canvas.drawString(0, baseline, self.heading)
        canvas.setFont(self.fonts.regular, self.style.size)
        for line in self.lines:
            baseline -= self.style.leading
            canvas.drawString(0, baseline, line)
        draw_qr(canvas, self.url, self.width - self.qr_size, self.height - self.qr_size,
                self.qr_size, self.colour)


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
        check_glyphs(text, font, product, "contact block")
        wide = stringWidth(text, font, size)
        if wide > room:
            shown = "'" + text.replace(NBSP, " ") + "'"
            raise LayoutOverflow(product, "contact block", shown, (wide - room) / MM, size,
                                 ("hint.contact_line", {}))
    return ContactBlock(labels.contact_heading, lines, organisation.website, fonts, body,
                        heading, colour, width, qr_size)
