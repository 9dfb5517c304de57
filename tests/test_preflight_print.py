"""`check --tryckeri`: a print shop's preflight, on plain ReportLab PDFs that break each rule."""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from test_print_shop import edition

from generator.cli import cli
from generator.defaults import default_dir
from generator.layout import MM
from generator.pdf.fonts import load_fonts
from generator.preflight import preflight

A6 = (105 * MM, 148 * MM)


def plain(draw: Callable[[Canvas], None], boxes: bool = True, font: str = "") -> bytes:
    """A one-page A6 PDF from plain ReportLab: CMYK text in an embedded font unless
    `draw` or `font` (a font ReportLab does not embed, such as Helvetica) say otherwise."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(A6[0] + 6 * MM, A6[1] + 6 * MM),
                    initialFontName=font or load_fonts(default_dir("fonts")).regular)
    if boxes:
        canvas.setTrimBox((3 * MM, 3 * MM, A6[0] + 3 * MM, A6[1] + 3 * MM))
        canvas.setBleedBox((0, 0, A6[0] + 6 * MM, A6[1] + 6 * MM))
    canvas.setFillColorCMYK(0, 0, 0, 1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def with_intent(data: bytes, channels: int = 4) -> bytes:
    """`data` with a GTS_PDFX output intent whose profile has `channels` channels."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    profile = StreamObject()
    profile.set_data(b"\0" * 128)
    profile[NameObject("/N")] = NumberObject(channels)
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/DestOutputProfile"): writer._add_object(profile)})])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def found(data: bytes) -> dict[str, str]:
    report = preflight(data, "test.pdf", print_shop=True)
    return {finding.check: finding.message for finding in report.findings}


def _grey_image() -> ImageReader:
    picture = Image.new("CMYK", (60, 60), (0, 0, 0, 128))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    return ImageReader(io.BytesIO(buffer.getvalue()))


BREAKS: dict[str, Callable[[Canvas], None]] = {
    "RGB colour": lambda c: (c.setFillColorRGB(0.1, 0.2, 0.6), c.rect(20, 20, 50, 50, fill=1)),
    "ink": lambda c: (c.setFillColorCMYK(1, 1, 1, 0.5), c.rect(20, 20, 50, 50, fill=1)),
    "rich black text": lambda c: (c.setFillColorCMYK(0.6, 0.5, 0.5, 1), c.rect(0, 0, 0, 0),
                                  c.drawString(40, 200, "Hej")),
    "hairlines": lambda c: (c.setStrokeColorCMYK(0, 0, 0, 1), c.setLineWidth(0.1),
                            c.line(40, 40, 200, 40)),
}


@pytest.mark.parametrize("rule", list(BREAKS))
def test_each_broken_rule_is_reported_and_only_it(rule: str) -> None:
    shop = {"RGB colour", "ink", "rich black text", "hairlines", "images", "bleed",
            "output intent", "fonts embedded"}
    assert not shop & set(found(with_intent(plain(lambda c: None))))
    broken = found(with_intent(plain(BREAKS[rule])))
    assert shop & set(broken) == {rule}, broken


def test_an_image_inside_a_form_is_measured_with_the_forms_matrix() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.beginForm("picture")
        canvas.drawImage(_grey_image(), 0, 0, 20 * MM, 20 * MM)  # 60 px on 20 mm: 76 dpi
        canvas.endForm()
        canvas.doForm("picture")

    broken = found(with_intent(plain(draw)))
    assert "76 dpi" in broken["images"]


def test_missing_and_wrong_output_intent_missing_bleed_and_unembedded_font() -> None:
    no_intent = found(plain(lambda c: None))
    assert "no PDF/X output intent" in no_intent["output intent"]
    rgb_profile = found(with_intent(plain(lambda c: None), channels=3))
    assert "not a CMYK profile" in rgb_profile["output intent"]
    no_boxes = found(with_intent(plain(lambda c: c.drawString(40, 200, "Hej"), boxes=False,
                                       font="Helvetica")))
    assert "no TrimBox and BleedBox" in no_boxes["bleed"]
    assert "Helvetica is not embedded" in no_boxes["fonts embedded"]


def test_the_print_shop_edition_passes_and_the_office_sheet_does_not(tmp_path: Path) -> None:
    from click.testing import CliRunner

    for name, data in edition().items():
        if name.endswith(".pdf"):
            report = preflight(data, name, print_shop=True)
            assert report.ok, report.format()
            (tmp_path / name).write_bytes(data)
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(tmp_path / "rutinkort-a6.pdf"), "--tryckeri"])
    assert result.exit_code == 0, result.output
    office = plain(lambda c: (c.setFillColorRGB(0.1, 0.1, 0.1), c.drawString(40, 200, "Hej")))
    (tmp_path / "office.pdf").write_bytes(office)
    result = runner.invoke(cli, ["check", str(tmp_path / "office.pdf"), "--tryckeri"])
    assert result.exit_code == 1
    assert "error: RGB colour" in result.output
