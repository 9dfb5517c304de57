"""Orchestrate (print-shop edition): the A6 deck, the tri-fold and the A5 booklet as PDF/X-4.

`handouts build --tryckeri` writes these into `tryckeri/` beside a LÄSMIG.txt for the
print shop. Everything is composed and drawn inside `print_inks()`, so every colour is
the layout's own CMYK values (black text 100 % K) and the canvas refuses RGB. Single
pages with 3 mm bleed and crop marks outside it; the shop imposes them itself.
"""
from __future__ import annotations

from dataclasses import fields

from .build import Inputs, metadata_for, routine_deck
from .compose.booklet import compose_booklet
from .compose.leaflet import compose_leaflet
from .errors import ContentError, Problem
from .layout import BookletLayout, LeafletLayout
from .manifest import Product, ProductKind
from .model.colour import Colour, print_inks
from .model.layout import Paper
from .pdf import pdfx
from .pdf.page import Page
from .pdf.render import render_pdf
from .write import Document

FOLDER = "tryckeri"
README = "LÄSMIG.txt"


def _pages(inputs: Inputs, product: Product) -> list[Page] | None:
    """The product's single pages with crop marks; None for what a print shop does not get."""
    layout = inputs.layouts[product.layout]
    if product.kind is ProductKind.ROUTINE_CARDS:
        cards = routine_deck(inputs, product)
        return [pdfx.with_crop_marks(p) for card in cards for p in (card.front, card.back)]
    if isinstance(layout, BookletLayout):
        if layout.paper != Paper.A5:  # the large-print A4 pages are read on screen
            return None
        booklet = compose_booklet(inputs.content, layout, inputs.fonts, product.name)
        return [pdfx.with_crop_marks(page) for page in booklet.pages]
    if isinstance(layout, LeafletLayout):  # its sides carry their own crop and fold marks
        return compose_leaflet(inputs.content, layout, inputs.fonts, product.name).pages
    return None


def missing_inks(inputs: Inputs, products: list[Product]) -> list[Problem]:
    """A problem for every colour of a product's layout that has no CMYK values."""
    found = []
    for name in dict.fromkeys(p.layout for p in products):
        colours = getattr(inputs.layouts[name], "colours", None)
        path = inputs.project.layout_path(name)
        shown = inputs.project.display(path) if path is not None else name
        for field in fields(colours) if colours is not None else ():
            colour = getattr(colours, field.name)
            if isinstance(colour, Colour) and colour.cmyk is None:
                found.append(Problem("layout.no_inks", {"name": field.name, "rgb": colour.hex},
                                     shown,
                                     field=f"colours.{field.name}"))
    return found


def print_shop_edition(inputs: Inputs, only: tuple[str, ...] = ()) -> list[Document]:
    """The PDF/X-4 files for a print shop and the LÄSMIG.txt that says what they are."""
    products = [p for p in inputs.products if (not only or p.name in only)
                and p.kind is not ProductKind.FRIDGE_CARD]
    problems = missing_inks(inputs, products)
    if problems:
        raise ContentError(problems)
    pdfx.find_profile()  # a missing profile is said before anything is drawn
    documents, described = [], []
    with print_inks():
        for product in products:
            pages = _pages(inputs, product)
            if not pages:
                continue
            layout = inputs.layouts[product.layout]
            # a printer's file (render.py): untagged, no link annotations (PDF/X allows
            # none on the page), its title "Tryckark – …"
            pdf = render_pdf(pages, metadata_for(product, inputs.content, layout),
                             inputs.fonts.regular, printer=True)
            documents.append(Document(product.output, pdfx.finish(pdf),
                                      f"PDF/X-4, {len(pages)} pages"))
            described.append(_describe(product, layout, len(pages)))
    text = README_TEXT.format(files="\n\n".join(described), profile=pdfx.PROFILE_NAME)
    documents.append(Document(README, text.encode("utf-8"), "för tryckeriet"))
    return documents


def _mm(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _describe(product: Product, layout: object, pages: int) -> str:
    width, height = layout.trim_mm  # type: ignore[attr-defined]
    bleed = layout.bleed_mm  # type: ignore[attr-defined]
    size = f"{_mm(width)} × {_mm(height)} mm"
    if product.kind is ProductKind.ROUTINE_CARDS:
        what = (f"Rutinkort A6 ({size}), {pages // 2} kort med framsida och baksida\n"
                f"  ({pages} sidor i ordningen fram, bak, fram, bak …).\n"
                "  Papper: bestruken kartong, matt, 300–350 g. Dubbelsidigt, vänd på\n"
                "  långsidan.\n"
                "  Upplaga: ett kort per rutin och anställd, och några extra till anhöriga.")
    elif isinstance(layout, BookletLayout):
        what = (f"Häfte A5 ({size}), {pages} sidor som enkelsidor i läsordning.\n"
                "  Falsas en gång och häftas i ryggen (klammerhäftning). Omslagets blå färg\n"
                "  går 3 mm runt ryggen in på baksidan, så att en rygg som hamnar lite snett\n"
                "  inte visar en vit kant.\n"
                "  Papper: bestruket, matt, 130–170 g.\n"
                "  Upplaga: ett häfte per anhörig eller besökare.")
    else:
        widths = sorted(panel.width_mm for panel in layout.sides[0].panels)  # type: ignore[attr-defined]
        what = (f"Folder A4 liggande ({size}), två sidor: utsida och insida.\n"
                f"  Rullfalsas två gånger till {_mm(widths[-1])} × {_mm(height)} mm. Den "
                f"inre fliken är\n  {_mm(widths[0])} mm, så att den går in utan att bukta. "
                "Falsmärkena (streckade)\n  står utanför utfallet. Omslagets färg går "
                "3 mm förbi falsen.\n"
                "  Papper: bestruket, matt, 150–170 g.\n"
                "  Upplaga: några hundra räcker långt för en mottagning.")
    return (f"{product.output}\n  {what}\n  Utfall {_mm(bleed)} mm runt om; skärmärken "
            "utanför utfallet.")


README_TEXT = """\
Till tryckeriet

De här filerna är tryckfärdiga PDF/X-4 i CMYK. Varje sida har beskärningsram
(TrimBox) och utfallsram (BleedBox). Svart text är bara svart färg (100 % K).
Skärmärken är i passfärg. Ingen färg har mer än 300 % total färgmängd.
Färgprofil: {profile} (bestruket papper), inbäddad i filerna.

{files}

Frågor om innehållet: Skola för Beröring.
"""
