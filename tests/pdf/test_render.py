"""Render: page boxes, fonts, metadata, Swedish text and reproducible bytes."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from generator.build import build_project
from generator.content import load_content
from generator.defaults import default_dir
from generator.layout import MM
from generator.manifest import Project
from generator.personalise import base_context, personalise_routine


def boxes(page) -> dict[str, tuple[float, ...]]:  # type: ignore[no-untyped-def]
    return {name: tuple(round(float(v), 2) for v in getattr(page, name))
            for name in ("mediabox", "bleedbox", "trimbox")}


def test_a6_pages_are_a6_plus_bleed(shipped: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(shipped["rutinkort-a6.pdf"]))
    assert len(reader.pages) == 26
    for page in reader.pages:
        box = boxes(page)
        bleed = round(3 * MM, 2)
        assert box["trimbox"] == (bleed, bleed, round(bleed + 105 * MM, 2),
                                  round(bleed + 148 * MM, 2))
        assert box["bleedbox"] == box["mediabox"]
        assert box["mediabox"][2] == pytest.approx(111 * MM, abs=0.01)


def test_sheet_boxes_nest(shipped: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(shipped["rutinkort-a4-ark.pdf"]))
    assert len(reader.pages) == 8
    for page in reader.pages:
        box = boxes(page)
        media, bleed, trim = box["mediabox"], box["bleedbox"], box["trimbox"]
        assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
        assert media[1] <= bleed[1] <= trim[1] and trim[3] <= bleed[3] <= media[3]
        # exactly A4; the four cards (210 x 296 mm) are the TrimBox, the paper the BleedBox
        assert (media[2] - media[0], media[3] - media[1]) == pytest.approx(
            (210 * MM, 297 * MM), abs=0.01)
        assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(296 * MM, abs=0.01)
        assert bleed == media


def fonts_used(resources, seen: set[int]) -> Iterator[tuple[object, bool]]:  # type: ignore[no-untyped-def]
    """Every font of these resources and of the forms they draw, each with whether it was
    found inside a form (a repeated block such as the contact lines is one)."""
    for font in resources.get("/Font", {}).values():
        yield font.get_object(), bool(seen)
    for reference in resources.get("/XObject", {}).values():
        form = reference.get_object()
        if form.get("/Subtype") == "/Form" and id(form) not in seen and "/Resources" in form:
            seen.add(id(form))
            yield from fonts_used(form["/Resources"].get_object(), seen)


def test_every_font_is_embedded_and_subset(shipped: dict[str, bytes]) -> None:
    in_forms = 0
    for name, data in shipped.items():
        for page in PdfReader(io.BytesIO(data)).pages:
            for font, in_form in fonts_used(page["/Resources"].get_object(), set()):
                base = str(font["/BaseFont"])
                assert "+" in base, f"{name}: {base} is not a subset"
                descriptor = font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, f"{name}: {base} is not embedded"
                in_forms += in_form
    assert in_forms > 0  # the contact block is a form: its fonts were checked too


def test_swedish_letters_come_back_out(shipped: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(shipped["rutinkort-a6.pdf"]))
    first = reader.pages[0].extract_text()
    assert "Ögonkontakt först" in " ".join(first.split())  # the title may wrap
    # ReportLab draws U+00A0 with the font's space glyph (its ToUnicode says U+0020), so
    # the page's text holds a plain space; what matters there is no line break between.
    back = reader.pages[1].extract_text()
    assert "072-301 08 53" in back
    shower = " ".join(p.extract_text() for p in reader.pages[18:20])
    assert "3,5 kg" in shower


def test_what_compose_draws_holds_numbers_with_no_break_spaces() -> None:
    content = load_content(default_dir("content"))
    context = base_context(content, content.labels.person_default)
    shower = personalise_routine(content.routine("dusch-och-bad"), context)
    steps = " ".join(step.text for step in shower.steps)
    assert "3,5\u00a0kg" in steps
    assert "3,5 kg" not in steps
    assert context.values["organisation"]["phone"] == "072-301\u00a008\u00a053"


@pytest.mark.parametrize(("space", "kept"), [("\u00a0", True), (" ", False)])
def test_a_no_break_space_keeps_number_and_unit_on_one_line(space: str, kept: bool) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    words = f"Tryck med cirka 3,5{space}kg"
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    width = pdfmetrics.stringWidth("Tryck med cirka 3,5", "Helvetica", 10) + 2
    paragraph = Paragraph(words, style)
    paragraph.wrap(width, 1000)
    lines = [" ".join(line[1]) for line in paragraph.blPara.lines]
    assert any("3,5" in line and "kg" in line for line in lines) is kept


def test_metadata_says_what_and_who(shipped: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(shipped["rutinkort-a6.pdf"]))
    info = reader.metadata
    assert info.title == "Rutinkort – lugn beröring i vardagen"
    assert info.author == "Skola för Beröring EK"
    assert info.subject.startswith("Vardagsrutiner")
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    assert info["/CreationDate"].startswith("D:20261122")


def test_same_input_gives_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    script = ("import sys; from generator.build import build_project; "
              "from generator.manifest import Project; "
              "sys.stdout.buffer.write(b''.join(d.data for d in build_project(Project(None))))")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600", "PYTHONHASHSEED": "random"}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                           env=env, cwd=default_dir("content").parent).stdout for _ in range(2)]
    assert runs[0] == runs[1] and len(runs[0]) > 50_000


def test_source_date_epoch_sets_the_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = build_project(Project(None))[0].data
    assert PdfReader(io.BytesIO(data)).metadata["/CreationDate"].startswith("D:20231114")
