"""Compose (contact block): the organisation's contact lines and a QR code to its website.

The lines are tagged text, each a link (https:, mailto:, tel:); the QR code is the same
on every card of a file, so it is drawn once as a form and tagged as a figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from ..errors import LayoutOverflow
from ..locale import LEFT_TO_RIGHT, POP
from ..model import Content, Labels, Organisation
from ..model.colour import Colour
from ..model.layout import MM, TypeStyle
from ..pdf.page import Painter
from ..pdf.tagging import Role, tags
from ..script.line import draw_line, measure, plain
from ..typography import NBSP, phone, tel_uri, web_address
from .shaped import check_chain, needs_shaping
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


def contact_text(organisation: Organisation, labels: Labels, rtl: bool = False) -> ContactText:
    """`rtl`: inside right-to-left text the number keeps its own order (LRE ... PDF)."""
    number = phone(organisation.phone)
    return ContactText(web_address(organisation.website), organisation.email,
                       f"{LEFT_TO_RIGHT}{number}{POP}" if rtl else number, labels.phone_label)


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


@lru_cache(maxsize=16)
def _qr_path(url: str) -> tuple[int, PDFPathObject]:
    """The module count and the path of its dark runs, in modules: the same for every
    file (a batch draws it into each person file), so built once per process."""
    count, runs = qr_runs(url)
    path = PDFPathObject()
    for row, start, length in runs:
        path.rect(start, count - 1 - row, length, 1)
    return count, path


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float, colour: Colour) -> None:
    """A QR code of `url`, `size` points square including a quiet zone of 2 modules.

    Drawn as one filled path of module runs: crisp at any resolution, no fonts named.
    The path is in modules (one unit a module, the grid's lower-left corner at 0 0), so
    each run is four small whole numbers: a third of the bytes of points.
    """
    count, path = _qr_path(url)
    module = size / (count + 4)
    canvas.saveState()
    canvas.translate(x + 2 * module, y + 2 * module)
    canvas.scale(module, module)
    canvas.setFillColor(colour.reportlab)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@dataclass(frozen=True)
class ContactBlock:
    """Lines of text on the left, the QR code on the right, `height` points tall.

    `banner` (a card's organisation line) runs the full width above them, in bold,
    tagged as the H2 over its links.
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
    targets: tuple[tuple[str, str], ...] = ()  # each line's link and its description
    banner: str | None = None
    qr_alt: str = ""  # what the QR code leads to, in the card's language: its /Alt
    banner_lang: str | None = None  # the banner's language, where it is not the card's

    @property
    def banner_height(self) -> float:
        return self.heading_style.leading if self.banner else 0.0

    @property
    def height(self) -> float:
        text = (self.heading_style.leading if self.heading else 0) + len(
            self.lines) * self.style.leading
        return self.banner_height + max(text, self.qr_size)

    def draw(self, painter: Painter, x: float, y: float) -> None:
        """The lines as tagged text with links; the QR code once per file, as a form."""
        canvas = painter.canvas
        canvas.saveState()
        canvas.translate(x, y)
        self._paint_text(canvas)
        # Right to left the lines start on the right, so the QR code stands on the left.
        canvas.translate(0 if self.fonts.rtl else self.width - self.qr_size,
                         self.height - self.banner_height - self.qr_size)
        with painter.tag(Role.FIGURE, alt=self.qr_alt):
            painter.static(f"qr:{self.url}:{self.qr_size}:{self.colour}", self._paint_qr)
        canvas.restoreState()

    def _paint_qr(self, canvas: Canvas) -> None:
        draw_qr(canvas, self.url, 0, 0, self.qr_size, self.colour)

    def _paint_text(self, canvas: Canvas) -> None:
        """The banner and the heading as H2s, then each line a paragraph holding a link."""
        marks = tags(canvas)
        canvas.setFillColor(self.colour.reportlab)
        top = self.height - self.banner_height
        headings = [(self.banner, self.banner_lang, self.height - self.heading_style.size),
                    (self.heading, None, top - self.heading_style.size)]
        for text, lang, baseline in headings:
            if text:  # the organisation's name heads its contact lines, as a heading would
                with marks.tag(Role.H2, lang=lang):
                    canvas.setFont(self.fonts.bold, self.heading_style.size)
                    self._draw_line(canvas, text, self.fonts.bold, self.heading_style.size,
                                    baseline)
        baseline = top - self.heading_style.size if self.heading else (
            top - self.style.size + self.style.leading)
        size = self.style.size
        canvas.setFont(self.fonts.regular, size)
        for line, (uri, description) in zip(self.lines, self.targets, strict=True):
            baseline -= self.style.leading
            with marks.group(Role.P), marks.tag(Role.LINK):
                left, right = self._draw_line(canvas, line, self.fonts.regular, size, baseline)
                marks.link(uri, description,
                           (left, baseline - 0.25 * size, right, baseline + 0.9 * size))

    def _draw_line(self, canvas: Canvas, text: str, font: str, size: float,
                   baseline: float) -> tuple[float, float]:
        """One line, where it starts and ends: ReportLab's drawString in the font set on the
        canvas where that can set it, else shaped with fallback fonts (right-aligned when
        the card reads right to left; `draw` puts the QR code on the left then)."""
        if not needs_shaping(text, font, self.fonts):
            canvas.drawString(0, baseline, text)
            return 0.0, float(stringWidth(text, font, size))
        line = plain(text, self.fonts.chain(font))
        width = measure(line, size, self.fonts.rtl)
        left = self.width - width if self.fonts.rtl else 0.0
        draw_line(canvas, line, left, baseline, size, self.fonts.rtl, self.colour.reportlab)
        return left, left + width


def _width(text: str, font: str, size: float, fonts: Fonts) -> float:
    if not needs_shaping(text, font, fonts):
        return float(stringWidth(text, font, size))
    return measure(plain(text, fonts.chain(font)), size, fonts.rtl)


def _too_wide(text: str, font: str, size: float, room: float, fonts: Fonts,
              product: str) -> float:
    """How far `text` runs past `room`, in points (0 when it fits); unprintable: an error."""
    check_chain(text, font, fonts, product, "contact block")
    return max(0.0, _width(text, font, size, fonts) - room)


def _overflow(text: str, over: float, size: float, product: str) -> LayoutOverflow:
    shown = "'" + text.replace(NBSP, " ") + "'"
    return LayoutOverflow(product, "contact block", shown, over / MM, size,
                          ("hint.contact_line", {}))



def contact_block(organisation: Organisation, labels: Labels, fonts: Fonts, body: TypeStyle,
                  heading: TypeStyle, colour: Colour, width: float, qr_mm: float,
                  product: str) -> ContactBlock:
    """Build the block, checking that every line fits beside the QR code at its size."""
    details = contact_text(organisation, labels, fonts.rtl)
    lines = (details.website, details.email, details.labelled_phone)
    qr_size = qr_mm * MM
    room = width - qr_size - 3 * MM
    for text, font, size in [(labels.contact_heading, fonts.bold, heading.size)] + [
            (line, fonts.regular, body.size) for line in lines]:
        over = _too_wide(text, font, size, room, fonts, product)
        if over:
            raise _overflow(text, over, size, product)
    return ContactBlock(labels.contact_heading, lines, organisation.website, fonts, body,
                        heading, colour, width, qr_size, link_targets(organisation, labels),
                        qr_alt=f"{labels.figure_qr} {web_address(organisation.website)}")


def organisation_line(content: Content, fonts: Fonts, body: TypeStyle, heading: TypeStyle,
                      colour: Colour, width: float, qr_mm: float, product: str) -> ContactBlock:
    """A card's foot: who made it (the organisation's name across the card, the heading
    a screen reader jumps to), its web address and, where there is room beside the QR
    code, its e-mail address and phone number, each a link.

    The e-mail line is kept only while the lines stay within the QR code's height, so
    it never takes room from the back's text; the phone only needs the width. On a card
    in another language than the name's, the name is tagged with its own language, so a
    screen reader says "Skola för Beröring" in Swedish inside a Finnish card.
    """
    organisation, labels = content.organisation, content.labels
    qr_size = qr_mm * MM
    room = width - qr_size - 3 * MM
    over = _too_wide(organisation.name, fonts.bold, heading.size, width, fonts, product)
    if over:
        raise _overflow(organisation.name, over, heading.size, product)
    web = web_address(organisation.website)
    over = _too_wide(web, fonts.regular, body.size, room, fonts, product)
    if over:
        raise _overflow(web, over, body.size, product)
    web_target, mail_target, phone_target = link_targets(organisation, labels)
    number = phone(organisation.phone)
    rows = [(web, web_target)]
    if (3 * body.leading <= qr_size
            and not _too_wide(organisation.email, fonts.regular, body.size, room, fonts, product)):
        rows.append((organisation.email, mail_target))
    if not _too_wide(number, fonts.regular, body.size, room, fonts, product):
        rows.append((number, phone_target))
    return ContactBlock(None, tuple(line for line, _ in rows), organisation.website, fonts,
                        body, heading, colour, width, qr_size,
                        tuple(target for _, target in rows), banner=organisation.name,
                        qr_alt=f"{labels.figure_qr} {web}",
                        banner_lang=None if content.locale.language == organisation.language
                        else organisation.language)


def link_words(organisation: Organisation, labels: Labels) -> tuple[tuple[str, str, str], ...]:
    """(words as printed, URI, description) for the website, e-mail and phone number,
    so a line that prints any of them can make it a link."""
    details = contact_text(organisation, labels)
    return tuple((words, uri, description) for words, (uri, description) in zip(
        (details.website, details.email, details.phone), link_targets(organisation, labels),
        strict=True))


def link_targets(organisation: Organisation,
                 labels: Labels) -> tuple[tuple[str, str], ...]:
    """Where the web, e-mail and phone lines lead, and a description for each link in
    the card's language (the link's /Contents, read out by a screen reader)."""
    web = organisation.website
    if not re.match(r"https?://", web):
        web = "https://" + web
    return ((web, f"{labels.link_web} {web_address(web)}"),
            (f"mailto:{organisation.email}", f"{labels.link_email} {organisation.email}"),
            (tel_uri(organisation.phone), f"{labels.link_phone} {phone(organisation.phone)}"))
