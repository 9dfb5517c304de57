"""Tagged PDF/UA-1 and PDF/A-2: every reading file, checked by a PyPI checker and by our own
reader (tests/tagged.py), which shares no code with the writer in generator/pdf/."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from tagged import page_content, reading_text, structure

from conftest import FIXED_DATE, REPO

PRINTER_FILES = ("-ark.pdf",)
PERSON = REPO / "content" / "people" / "anna-lind.yaml"


@pytest.fixture(scope="module")
def reading(shipped: dict[str, bytes]) -> dict[str, bytes]:
    """Every reading file: the products, and Anna's cards as `handouts card` writes them."""
    from generator.manifest import Project
    from generator.personal import personal_card_document

    files = {name: data for name, data in shipped.items() if not name.endswith(PRINTER_FILES)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
        for layout, name in (("card-a6", "anna-a6.pdf"), ("fridge-a5", "anna-a5.pdf")):
            files[name] = personal_card_document(Project(None), PERSON, layout)[0].data
    return files


READING = ("rutinkort-a6.pdf", "oxytocin-och-beroring.pdf", "oxytocin-och-beroring-a5.pdf",
           "oxytocin-och-beroring-storstil.pdf", "kylskapskort-a5.pdf", "kylskapskort-dl.pdf",
           "anna-a6.pdf", "anna-a5.pdf")


def opened(files: dict[str, bytes], name: str) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(files[name]))


def test_every_product_is_listed_here(reading: dict[str, bytes]) -> None:
    assert sorted(reading) == sorted(READING)


@pytest.mark.parametrize("name", READING)
def test_every_mark_is_content_or_artifact(name: str, reading: dict[str, bytes]) -> None:
    """No glyph or path is drawn outside a tagged sequence or an artifact; every MCID
    is used once on its page and the parent tree points it at the element that owns it."""
    with opened(reading, name) as pdf:
        tree = structure(pdf)
        owners: dict[tuple[int, int], int] = {}
        for node in tree.walk():
            for key in node.content:
                assert key not in owners, f"{name}: MCID {key} in two elements"
                owners[key] = id(node)
        parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        for index, page in enumerate(pdf.pages):
            content = page_content(page)
            assert not content.untagged, f"{name} p.{index + 1}: {content.untagged[:5]}"
            assert len(content.mcids) == len(set(content.mcids)), f"{name} p.{index + 1}"
            assert int(page.obj.StructParents) == index
            in_tree = keys[index]
            assert len(in_tree) == len(content.mcids)
            for mcid in content.mcids:
                assert (index, mcid) in owners, f"{name} p.{index + 1}: MCID {mcid} not in tree"
                assert in_tree[mcid].get("/K") is not None


@pytest.mark.parametrize("name", READING)
def test_figures_have_alt_and_headings_do_not_skip(name: str, reading: dict[str, bytes]) -> None:
    with opened(reading, name) as pdf:
        nodes = list(structure(pdf).walk())
    figures = [n for n in nodes if n.role == "Figure"]
    assert figures and all(f.alt and f.alt.strip() for f in figures)
    levels = [int(n.role[1]) for n in nodes if re.fullmatch(r"H[1-6]", n.role)]
    assert levels[0] == 1, f"{name}: the first heading is H{levels[0]}"
    deepest = 1
    for level in levels:
        assert level <= deepest + 1, f"{name}: H{level} after at most H{deepest}"
        deepest = max(deepest, level)
    for node in nodes:
        if node.role == "L":
            assert node.kids and all(kid.role == "LI" for kid in node.kids)
        if node.role == "LI":
            assert {kid.role for kid in node.kids} <= {"Lbl", "LBody", "Figure"}


@pytest.mark.parametrize("name", READING)
def test_links_are_tagged_described_and_lead_somewhere(name: str,
                                                       reading: dict[str, bytes]) -> None:
    with opened(reading, name) as pdf:
        links = [n for n in structure(pdf).walk() if n.role == "Link"]
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert len(annotations) == sum(link.links for link in links)
        uris = set()
        for annotation in annotations:
            assert str(annotation.Contents).strip()
            assert int(annotation.F) & 4  # printed, as PDF/A wants
            assert "/StructParent" in annotation
            uris.add(str(annotation.A.URI).split(":")[0])
        for page in pdf.pages:
            if "/Annots" in page.obj:
                assert page.obj.Tabs == "/S"
    if name in ("rutinkort-a6.pdf", "oxytocin-och-beroring.pdf", "anna-a6.pdf"):
        assert uris == {"https", "mailto", "tel"}
    if name.startswith("kylskapskort"):
        assert uris == {"https", "tel"}


@pytest.mark.parametrize("name", READING)
def test_archival_metadata_agrees(name: str, reading: dict[str, bytes]) -> None:
    """PDF/A-2: output intent with an sRGB profile, XMP saying A-2 and UA-1, title and
    language the same in XMP, Info and catalogue, the document title shown, an /ID."""
    with opened(reading, name) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "sv-SE"
        assert root.ViewerPreferences.DisplayDocTitle is True
        (intent,) = root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3 and profile.read_bytes()[36:40] == b"acsp"
        assert profile.read_bytes()[16:20] == b"RGB "
        assert root.Metadata.Type == "/Metadata" and root.Metadata.Subtype == "/XML"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "A"
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"] == str(pdf.docinfo.Title)
            assert xmp["pdf:Producer"] == str(pdf.docinfo.Producer)
            assert "sv-SE" in xmp["dc:language"]
            assert xmp["xmpMM:DocumentID"].startswith("uuid:")
        assert len(pdf.trailer.ID) == 2
        for page in pdf.pages:
            assert "/Group" not in page.obj  # no transparency group
            for font in page.Resources.get("/Font", {}).values():
                assert "/FontFile2" in font.FontDescriptor
                assert "/ToUnicode" in font or font.Encoding == "/WinAnsiEncoding"


def test_every_glyph_maps_to_its_letter(reading: dict[str, bytes]) -> None:
    """ToUnicode: å ä ö, ”…” and – come back as themselves. ReportLab draws the no-break
    space with the space's code, so it reads as a space (README: what is not covered)."""
    with opened(reading, "oxytocin-och-beroring.pdf") as pdf:
        text = "".join(t for _, t in reading_text(pdf))
    with opened(reading, "rutinkort-a6.pdf") as pdf:
        text += "".join(t for _, t in reading_text(pdf))
    for character in "åäöÖ”–":
        assert character in text, repr(character)
    assert "Telefon 072-301 08 53" in text.replace("\u00a0", " ")
    assert "3,5 kg" in text.replace("\u00a0", " ")
    assert "\ufffd" not in text


def test_leaflet_reads_cover_inside_flap_back(reading: dict[str, bytes]) -> None:
    """The tri-fold's tree: the cover first, the inside panels left to right, the fold-in
    flap after them and the back last, though the paper prints the flap first (outside,
    left), then the back, then the cover (outside, right)."""
    with opened(reading, "oxytocin-och-beroring.pdf") as pdf:
        contents = [page_content(page) for page in pdf.pages]
        parts = [n for n in structure(pdf).walk() if n.role == "Part"]
        headings = [text for role, text in reading_text(pdf) if role in ("H1", "H2")]

    def where(part):  # type: ignore[no-untyped-def]
        """(page, x of the part's leftmost text) from the content stream itself."""
        places = [(page, contents[page].left[mcid]) for node in part.walk()
                  for page, mcid in node.content if mcid in contents[page].left]
        return min(places)

    places = [where(part) for part in parts]
    assert len(parts) == 6
    cover, inside, flap, back = places[0], places[1:4], places[4], places[5]
    assert [page for page, _ in inside] == [1, 1, 1]  # the inside side, printed second
    assert [x for _, x in inside] == sorted(x for _, x in inside)  # left to right
    assert cover[0] == flap[0] == back[0] == 0
    assert flap[1] < back[1] < cover[1]  # on paper: flap, back, cover
    assert headings[0] == "Beröring som stärker" and parts[0].kids[0].role == "H1"
    assert headings[-1] == "Vill du veta mer?"  # the back's contact block


def test_deck_reads_front_back_next_card(reading: dict[str, bytes]) -> None:
    """A card reads its front, then its back: the title again, why it helps, and who made
    the card (the organisation's name as the heading of its web, e-mail and phone
    links), then the next card."""
    with opened(reading, "rutinkort-a6.pdf") as pdf:
        texts = reading_text(pdf)
        headings = [(role, text) for role, text in texts if role in ("H1", "H2", "H3")]
        outline = [item.title for item in pdf.open_outline().root]
        pages = [pdf.pages.index(pikepdf.Page(item.destination[0]))
                 for item in pdf.open_outline().root]
    assert pages == list(range(0, 26, 2))  # each card's bookmark shows its front
    assert headings[:5] == [("H1", "Ögonkontakt först"), ("H2", "Ögonkontakt först"),
                            ("H3", "Därför hjälper det"), ("H2", "Skola för Beröring EK"),
                            ("H1", "Sitt nära")]
    foot = texts[texts.index(("H2", "Skola för Beröring EK")) + 1:
                 texts.index(("H1", "Sitt nära"))]
    assert [(role, text.replace("\u00a0", " ")) for role, text in foot] == [
        ("Link", "www.beroring.se"), ("Link", "info@beroring.se"), ("Link", "072-301 08 53"),
        ("Figure", "[QR-kod till www.beroring.se]")]
    titles = [text for role, text in headings if role == "H1"]
    assert outline == titles and len(outline) == 13  # one bookmark per card


def test_leaflet_sections_are_bookmarked(reading: dict[str, bytes]) -> None:
    with opened(reading, "oxytocin-och-beroring.pdf") as pdf:
        outline = [item.title for item in pdf.open_outline().root]
        headings = [text for role, text in reading_text(pdf) if role == "H2"]
    assert outline[0] == "Vad är oxytocin?" and len(outline) >= 8
    assert outline == headings[:-1]  # every section; not the contact block's heading


def test_avoid_box_is_an_aside_with_its_heading(reading: dict[str, bytes]) -> None:
    with opened(reading, "anna-a5.pdf") as pdf:
        (aside,) = [n for n in structure(pdf).walk() if n.role == "Aside"]
        assert pdf.Root.StructTreeRoot.RoleMap.Aside == "/Sect"
    assert aside.kids[0].role == "H2" and aside.kids[1].role == "L"


def test_large_print_is_large(reading: dict[str, bytes]) -> None:
    """The large-print booklet: body at least 18 pt, headings at least 24 pt, on white."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(reading["oxytocin-och-beroring-storstil.pdf"])
    try:
        sizes = set()
        for page in list(document)[1:]:  # the cover's credit line is the title page's
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                if textpage.get_text_range(index, 1).strip():
                    sizes.add(round(pdfium.raw.FPDFText_GetFontSize(textpage.raw, index), 1))
    finally:
        document.close()
    assert min(sizes) >= 18 and max(sizes) >= 24
    with opened(reading, "oxytocin-och-beroring-storstil.pdf") as pdf:
        headings = [text for role, text in reading_text(pdf) if role == "H2"]
    assert "Vad är oxytocin?" in headings


def test_printer_sheets_say_so_and_are_not_tagged(shipped: dict[str, bytes]) -> None:
    for name, data in shipped.items():
        if name.endswith(PRINTER_FILES):
            with pikepdf.open(io.BytesIO(data)) as pdf:
                assert str(pdf.docinfo.Title).startswith("Tryckark – ")
                assert "/StructTreeRoot" not in pdf.Root


def _outloud(paths: list[Path], report: Path) -> dict:  # type: ignore[type-arg]
    subprocess.run([sys.executable, "-m", "outloud.cli", "--json", str(report), "-q",
                    "--fail-on", "never", *map(str, paths)], check=True, capture_output=True)
    return json.loads(report.read_text("utf-8"))  # type: ignore[no-any-return]


def test_outloud_finds_no_errors(tmp_path: Path, reading: dict[str, bytes]) -> None:
    """outloud (PyPI): PDF/UA-1 (Matterhorn) and WCAG checks, zero errors on every file."""
    paths = []
    for name, data in reading.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    results = _outloud(paths, tmp_path / "outloud.json")["results"]
    assert len(results) == len(READING)
    for result in results:
        errors = [f for f in result["findings"] if f.get("severity") == "error"]
        assert result["counts"]["error"] == 0, (result["path"], errors)
        assert result["stats"]["tagged"]


def test_outloud_sees_an_untagged_file(tmp_path: Path, shipped: dict[str, bytes]) -> None:
    """The checker is awake: a printer's sheet, untagged, has errors."""
    sheet = tmp_path / "ark.pdf"
    sheet.write_bytes(shipped["rutinkort-a4-ark.pdf"])
    (result,) = _outloud([sheet], tmp_path / "outloud.json")["results"]
    assert result["counts"]["error"] >= 2


def test_pdfua_finds_nothing(tmp_path: Path, reading: dict[str, bytes]) -> None:
    """pdfua (PyPI), a second checker of its own subset of PDF/UA-1."""
    for name, data in reading.items():
        path = tmp_path / name
        path.write_bytes(data)
        run = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout


def test_a_personal_card_is_the_same_bytes_in_two_processes(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600", "PYTHONHASHSEED": "random"}
    outputs = []
    for run in range(2):
        out = tmp_path / f"{run}.pdf"
        subprocess.run([str(Path(sys.executable).parent / "handouts"), "card", str(PERSON),
                        "--out", str(out)], check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    with pikepdf.open(io.BytesIO(outputs[0])) as pdf:
        assert "/StructTreeRoot" in pdf.Root
