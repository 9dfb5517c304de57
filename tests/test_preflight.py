"""Preflight: every shipped file passes, and each check catches the fault it is for."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from generator.cli import cli
from generator.defaults import default_dir
from generator.layout import MM
from generator.pdf.fonts import load_fonts
from generator.preflight import body_floor, preflight
from generator.preflight_access import ACCESS_CHECKS


def page_pdf(draw, boxes: bool = True, keywords: str = "") -> bytes:  # type: ignore[no-untyped-def]
    """A 100 x 100 mm trim with 3 mm bleed and room around it, drawn by `draw(canvas)`."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(120 * MM, 120 * MM), initialFontName=load_fonts(
        default_dir("fonts")).regular)
    canvas.setKeywords(keywords)
    if boxes:
        canvas.setBleedBox((7 * MM, 7 * MM, 113 * MM, 113 * MM))
        canvas.setTrimBox((10 * MM, 10 * MM, 110 * MM, 110 * MM))
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def text(size: float = 16, colour: str = "#1a1a1a", x: float = 30, y: float = 60,
         words: str = "Lugn beröring"):  # type: ignore[no-untyped-def]
    def draw(canvas: Canvas) -> None:
        canvas.setFont(load_fonts(default_dir("fonts")).regular, size)
        canvas.setFillColor(colour)
        canvas.drawString(x * MM, y * MM, words)
    return draw


def findings(data: bytes) -> list[str]:
    """The print checks' findings: these hand-made pages are untagged on purpose (the
    accessibility checks have their own tests in test_preflight_access.py)."""
    return [f"{f.check}: {f.message}" for f in preflight(data, "test.pdf").findings
            if f.check not in ACCESS_CHECKS]


def test_every_shipped_file_passes(shipped: dict[str, bytes]) -> None:
    assert shipped
    for name, data in shipped.items():
        report = preflight(data, name)
        assert report.ok, report.format()
        assert report.format().startswith(f"{name}: ok: ")


def test_a_clean_page_passes() -> None:
    assert findings(page_pdf(text())) == []


def test_the_floor_comes_from_the_layout_keyword() -> None:
    assert body_floor("beröring, layout:fridge-card") == 18
    assert body_floor("beröring, layout:leaflet") == 14 and body_floor("") == 14
    assert findings(page_pdf(text(16), keywords="layout:fridge-card")) == [
        "type size: text at 16 pt is below the 18 pt floor: ”Lugn beröring”"]


def test_small_type_is_named_with_its_size_and_words() -> None:
    assert findings(page_pdf(text(10))) == [
        "type size: text at 10 pt is below the 14 pt floor: ”Lugn beröring”"]


def test_low_contrast_is_measured_against_what_is_under_the_text() -> None:
    def grey_on_blue(canvas: Canvas) -> None:
        canvas.setFillColor("#123f5c")
        canvas.rect(20 * MM, 50 * MM, 80 * MM, 30 * MM, stroke=0, fill=1)
        text(colour="#4a6a80")(canvas)
    (message,) = findings(page_pdf(grey_on_blue))
    assert message.startswith("contrast: text #4a6a80 on #123f5c has a contrast of")
    assert "below 7:1" in message


def test_unembedded_fonts_are_named() -> None:
    def helvetica(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 16)
        canvas.drawString(30 * MM, 60 * MM, "Hej")
    assert "fonts embedded: the font Helvetica is not embedded" in findings(page_pdf(helvetica))


def test_missing_trim_box_is_named() -> None:
    assert "page boxes: no TrimBox: a printer cannot tell the finished size" in findings(
        page_pdf(text(), boxes=False))


def test_a_trim_box_outside_the_bleed_box_is_named() -> None:
    def wrong(canvas: Canvas) -> None:
        canvas.setTrimBox((5 * MM, 5 * MM, 115 * MM, 115 * MM))
    assert "page boxes: the TrimBox reaches outside the BleedBox" in findings(page_pdf(wrong))


def test_colour_that_stops_at_the_trim_is_named() -> None:
    def band(canvas: Canvas) -> None:
        canvas.setFillColor("#123f5c")
        canvas.rect(10 * MM, 90 * MM, 100 * MM, 20 * MM, stroke=0, fill=1)
    found = findings(page_pdf(band))
    assert ("bleed: colour reaches the top edge of the trim but it stops at the trim; "
            "extend it 3 mm past the trim") in found
    bled = findings(page_pdf(lambda c: (c.setFillColor("#123f5c"), c.rect(
        7 * MM, 90 * MM, 106 * MM, 23 * MM, stroke=0, fill=1))))
    assert bled == []


def test_text_in_the_safe_margin_is_named() -> None:
    assert findings(page_pdf(text(x=12))) == [
        "safe margin: text inside the 5 mm safe margin of the trim: ”Lugn beröring”"]


def test_text_off_the_page_is_named() -> None:
    assert "text visible: text runs off the page: ”Lugn beröring”" in findings(
        page_pdf(text(y=119)))


def test_clipped_and_covered_text_is_named() -> None:
    def clipped(canvas: Canvas) -> None:
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(20 * MM, 20 * MM, 10 * MM, 10 * MM)
        canvas.clipPath(path, stroke=0, fill=0)
        text()(canvas)
        canvas.restoreState()
    assert findings(page_pdf(clipped)) == [
        "text visible: text is clipped or covered and does not show: ”Lugn beröring”"]


def test_images_below_300_dpi_are_named() -> None:
    def picture(canvas: Canvas) -> None:
        canvas.drawImage(ImageReader(Image.new("RGB", (100, 100), "#336699")),
                         30 * MM, 30 * MM, 50 * MM, 50 * MM)
    assert findings(page_pdf(picture)) == [
        "images: an image of 100 x 100 px prints at 51 dpi, below 300 dpi"]


def test_check_preflights_named_files_and_exits_1_naming_the_page(
        shipped: dict[str, bytes], tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    good, bad = tmp_path / "bra.pdf", tmp_path / "dalig.pdf"
    good.write_bytes(shipped["kylskapskort-dl.pdf"])
    bad.write_bytes(page_pdf(text(10)))
    result = runner.invoke(cli, ["check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok: 1 page(s), type ≥ 18 pt;" in result.output
    assert (f"{bad}: page 1: error: type size: text at 10 pt is below the 14 pt floor"
            in result.output)
    # the hand-made page is also untagged, with no language and no output intent: 1 + 3
    assert "preflight: 4 problem(s) in 1 of 2 file(s)" in result.output


def test_check_without_files_preflights_everything_it_lays_out(
        project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["check", "-C", str(project)])
    assert result.exit_code == 0, result.output
    assert "oxytocin-och-beroring.pdf: ok: 2 page(s)" in result.output
    assert "kylskapskort-a5.pdf: ok: 1 page(s), type ≥ 18 pt" in result.output
    assert not list((project / "output").glob("*.pdf")), "check writes nothing"


def test_a_file_that_is_not_a_pdf_is_reported(
        tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "inte.pdf"
    path.write_text("hej")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}: error: file: this is not a readable PDF" in result.output
    missing = runner.invoke(cli, ["check", str(tmp_path / "borta.pdf")])
    assert missing.exit_code == 1 and "cannot read the file" in missing.output


def test_a_file_that_is_not_a_pdf_is_one_plain_finding() -> None:
    """pypdf's own repair warnings stay out of the person's terminal (and the log)."""
    report = preflight(b"namn;rutiner\nAnna;musik\n" * 50, "roster.csv")
    assert [f.message for f in report.findings][0].startswith("this is not a readable PDF")
    assert len(report.findings) == 1
