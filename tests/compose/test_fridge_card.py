"""Compose (fridge card and pictograms): large print at a glance, A5 and DL."""
from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from reportlab.pdfgen.canvas import Canvas

from conftest import REFERENCES, edit
from generator.build import build_project
from generator.compose.pictograms import DRAWINGS, draw_pictogram
from generator.errors import ContentError, LayoutOverflow
from generator.layout import MM
from generator.manifest import Project
from generator.model import Colour, Pictogram
from generator.preflight import preflight
from pictures import assert_pictures, render_pages
from products import boxes_mm, size_mm, text_in

A5, DL = "kylskapskort-a5.pdf", "kylskapskort-dl.pdf"


@pytest.mark.parametrize(("name", "trim"), [(A5, (148.0, 210.0)), (DL, (99.0, 210.0))])
def test_fridge_cards_have_their_size_and_bleed(
        shipped: dict[str, bytes], name: str, trim: tuple[float, float]) -> None:
    (page,) = boxes_mm(shipped[name])
    assert size_mm(page["trimbox"]) == trim
    assert size_mm(page["bleedbox"]) == (trim[0] + 6, trim[1] + 6)


@pytest.mark.parametrize("name", [A5, DL])
def test_fridge_cards_keep_the_18_pt_floor(shipped: dict[str, bytes], name: str) -> None:
    report = preflight(shipped[name], name)
    assert report.floor == 18 and report.ok, report.format()


def test_the_card_shows_the_chosen_routines_and_the_contact_line(shipped: dict[str, bytes]) -> None:
    text = text_in(shipped[A5], 0, 0, 148)
    assert text.startswith("Lugn beröring i vardagen")
    assert "Sök blicken innan du rör vid någon" in text and "Gå ut och känn vinden" in text
    assert text.endswith("www.beroring.se · Telefon 072-301 08 53")


def test_a_fridge_card_needs_six_to_eight_routines(project: Path) -> None:
    edit(project / "content/handouts.yaml", "routines: [ogonkontakt, sitta-nara, maltid, resa-sig, "
         "dusch-och-bad, musik]", "routines: [ogonkontakt, sitta-nara]")
    with pytest.raises(ContentError) as caught:
        build_project(Project(project))
    message = caught.value.format_message()
    assert "products[4].routines: a fridge card shows 6 to 8 routines, this one names 2" in message


def test_too_many_lines_for_the_card_names_the_routine(project: Path) -> None:
    edit(project / "layouts/fridge-dl.yaml", "pictogram_mm: 15", "pictogram_mm: 40")
    with pytest.raises(LayoutOverflow) as caught:
        build_project(Project(project), ("kylskapskort-dl",))
    message = caught.value.format_message()
    assert message.startswith("kylskapskort-dl: error: the lines: section '")
    assert "even at the minimum 18 pt" in message


def test_every_pictogram_is_drawn() -> None:
    assert set(DRAWINGS) == set(Pictogram)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(20 * MM, 20 * MM))
    for pictogram in Pictogram:
        draw_pictogram(canvas, pictogram, 2.5 * MM, 2.5 * MM, 15 * MM, Colour.parse("#123f5c"))
        canvas.showPage()
    canvas.save()
    pages = render_pages(buffer.getvalue(), dpi=72)
    for pictogram, page in zip(Pictogram, pages, strict=True):
        inked = ImageStat.Stat(page.convert("L")).mean[0]
        assert 120 < inked < 245, f"{pictogram.value}: {'nothing' if inked > 245 else 'a blot'}"


def test_pictograms_are_vector_art_not_images(shipped: dict[str, bytes]) -> None:
    document = pdfium.PdfDocument(shipped[A5])
    try:
        kinds = {obj.type for obj in document[0].get_objects(max_depth=4)}
    finally:
        document.close()
    assert pdfium.raw.FPDF_PAGEOBJ_IMAGE not in kinds


@pytest.mark.parametrize("name", [A5, DL])
def test_pictures(shipped: dict[str, bytes], name: str, regenerate: bool) -> None:
    assert_pictures(shipped[name], Path(name).stem, REFERENCES, regenerate, dpi=30)
