"""The print-shop edition (`build --tryckeri`): PDF/X-4 in CMYK, read back as a shop would."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from generator.build import read_inputs
from generator.errors import ContentError
from generator.manifest import Project
from generator.model.layout import MM
from generator.print_shop import README, print_shop_edition

FILES = ("rutinkort-a6.pdf", "oxytocin-och-beroring.pdf", "oxytocin-och-beroring-a5.pdf")
_COLOUR_OP = re.compile(rb"((?:-?[\d.]+\s+){1,4})(rg|RG|k|K|g|G|scn|SCN)\b")
_STRING = re.compile(rb"\((?:[^\\)]|\\.)*\)")  # text shown, which may read like operators


@lru_cache(maxsize=1)
def edition() -> dict[str, bytes]:
    return {d.name: d.data for d in print_shop_edition(read_inputs(Project(None)))}


def streams(data: bytes) -> list[bytes]:
    """Every page's content and every form XObject's, as a shop's preflight reads them."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found.append(page.get_contents().get_data())
        todo = list(page.get("/Resources", {}).get("/XObject", {}).values())
        while todo:
            form = todo.pop().get_object()
            found.append(form.get_data())
            todo += list(form.get("/Resources", {}).get("/XObject", {}).values())
    return found


def colour_ops(data: bytes) -> list[tuple[bytes, tuple[float, ...]]]:
    return [(m[2], tuple(float(v) for v in m[1].split()))
            for stream in streams(data)
            for m in _COLOUR_OP.finditer(_STRING.sub(b"()", stream))]


def test_the_edition_has_the_three_files_and_a_swedish_readme() -> None:
    assert set(edition()) == {*FILES, README}
    text = edition()[README].decode("utf-8")
    for words in ("PDF/X-4", "Utfall 3 mm", "105 × 148 mm", "Rullfalsas", "Papper", "Upplaga"):
        assert words in text


@pytest.mark.parametrize("name", FILES)
def test_only_cmyk_and_black_text_is_black_ink_alone(name: str) -> None:
    ops = colour_ops(edition()[name])
    assert ops
    assert not [op for op, _ in ops if op in (b"rg", b"RG", b"g", b"G")], "RGB or grey found"
    inks = [values for op, values in ops if op in (b"k", b"K")]
    assert all(sum(values) <= 3.0 + 1e-6 for values in inks), max(map(sum, inks))
    assert (0.0, 0.0, 0.0, 1.0) in inks  # text: 100 % K
    # no four-colour or grey black from an RGB #1a1a1a
    assert not [v for v in inks if v[3] > 0.5 and (v[:3] != (0, 0, 0) or v[3] < 1)]


@pytest.mark.parametrize("name", FILES)
def test_pdfx_output_intent_xmp_and_boxes(name: str) -> None:
    reader = PdfReader(io.BytesIO(edition()[name]))
    assert reader.pdf_header == "%PDF-1.6"
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFX"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4 and profile.get_data()[16:20] == b"CMYK"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-4"
    assert reader.metadata["/Trapped"] == "/False"
    for page in reader.pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        for side in range(4):
            grow = -1 if side < 2 else 1
            assert round((float(bleed[side]) - float(trim[side])) * grow / MM, 2) == 3.0
            assert (float(media[side]) - float(bleed[side])) * grow >= 5 * MM  # room for marks


@pytest.mark.parametrize("name", FILES)
def test_crop_marks_are_registration_colour_outside_the_bleed(name: str) -> None:
    data = edition()[name]
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    spaces = page["/Resources"]["/ColorSpace"]
    (space,) = [s.get_object() for s in spaces.values()]
    assert space[0] == "/Separation" and space[1] == "/All"
    content = page.get_contents().get_data()
    # the page is drawn from the trim's corner: the BleedBox in those coordinates
    x0, y0 = float(page.trimbox[0]), float(page.trimbox[1])
    bleed = [float(v) - (x0 if i % 2 == 0 else y0) for i, v in enumerate(page.bleedbox)]
    # every stroked line drawn in registration colour lies outside the BleedBox
    registration = content[content.index(b"SCN"):]
    for match in re.finditer(rb"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S", registration):
        x0, y0, x1, y1 = (float(v) for v in match.groups())
        inside = (bleed[0] < min(x0, x1) and max(x0, x1) < bleed[2]
                  and bleed[1] < min(y0, y1) and max(y0, y1) < bleed[3])
        assert not inside, match.group(0)


def test_subset_names_are_distinct_across_files_and_reproducible() -> None:
    names: dict[str, set[str]] = {}
    for name in FILES:
        for page in PdfReader(io.BytesIO(edition()[name])).pages:
            for font in page["/Resources"]["/Font"].values():
                names.setdefault(str(font.get_object()["/BaseFont"]), set()).add(name)
    assert not [n for n in names if n.startswith("/AAAAAA+")]
    assert all(re.match(r"^/[A-Z]{6}\+", n) for n in names)
    assert len({n[:7] for n in names}) == len(names)  # no prefix twice
    again = {d.name: d.data for d in print_shop_edition(read_inputs(Project(None)))}
    assert again == edition()


def test_a_colour_without_inks_is_named_with_its_layout(project: Path) -> None:
    layout = project / "layouts/card-a6.yaml"
    text = layout.read_text(encoding="utf-8")
    plain = re.sub(r"(?m)^(\s+)accent: \{[^}]*\}", r'\1accent: "#123f5c"', text)
    layout.write_text(plain, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        print_shop_edition(read_inputs(Project(project)))
    message = caught.value.format_message()
    assert "card-a6.yaml" in message and "colour accent has no CMYK values" in message


# -- ghostscript as an independent reader -------------------------------------------------

_QUIET = re.compile(r"^(GPL Ghostscript|Copyright|This software|see the file|Processing pages|"
                    r"Page \d+$)")


def ghostscript_says(pdf: Path, out: Path) -> list[str]:
    """What ghostscript's PDF/X conversion prints beyond its banner and page count."""
    gs = shutil.which("gs")
    assert gs, "ghostscript (gs) is needed: apt-get install ghostscript (.ci/run does)"
    result = subprocess.run(
        [gs, "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", "-dPDFX",
         "-sColorConversionStrategy=CMYK", "-sProcessColorModel=DeviceCMYK",
         f"-sOutputFile={out}", str(pdf)], capture_output=True, text=True, timeout=120)
    said = (result.stdout + result.stderr).splitlines()
    return [line for line in said if line.strip() and not _QUIET.match(line)] + (
        [f"exit status {result.returncode}"] if result.returncode else [])


@pytest.mark.parametrize("name", FILES)
def test_ghostscript_converts_each_file_without_a_word(name: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_bytes(edition()[name])
    assert ghostscript_says(source, tmp_path / "out.pdf") == []


def test_ghostscript_does_speak_up_about_a_careless_pdf(tmp_path: Path) -> None:
    """The harness hears a problem: plain ReportLab with RGB and an unembedded font."""
    careless = tmp_path / "careless.pdf"
    canvas = Canvas(str(careless))
    canvas.setFillColorRGB(1, 0, 0)
    canvas.drawString(72, 72, "Hej")
    canvas.save()
    assert ghostscript_says(careless, tmp_path / "out.pdf")


@pytest.mark.parametrize("name", FILES)
def test_no_transparency_for_a_press_to_flatten(name: str) -> None:
    data = edition()[name]
    assert b"/SMask" not in data and b"/Transparency" not in data
    for page in PdfReader(io.BytesIO(data)).pages:
        states = page["/Resources"].get("/ExtGState", {})
        for state in states.values():
            state = state.get_object()
            assert float(state.get("/CA", 1)) == 1 and float(state.get("/ca", 1)) == 1


def test_a_missing_profile_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    from generator.errors import OutputError
    from generator.pdf import pdfx

    monkeypatch.setattr(pdfx, "PROFILES", (tmp_path / "default_cmyk.icc",))
    with pytest.raises(OutputError) as caught:
        print_shop_edition(read_inputs(Project(None)))
    message = caught.value.format_message()
    assert "CMYK colour profile for the print-shop edition is missing" in message
    assert "hint: install it with: apt-get install ghostscript" in message


def test_build_tryckeri_writes_the_folder_beside_the_office_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["build", "--tryckeri", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tryckeri").iterdir()) == sorted(
        {*FILES, README})
    assert (tmp_path / "rutinkort-a4-ark.pdf").is_file()  # the office edition as before
    assert "tryckeri/LÄSMIG.txt" in result.output
