"""Tagging (languages): the organisation's Swedish name keeps its language on other cards,
and an Arabic card's contact lines, set right to left, are tagged links like a Swedish one's."""
from __future__ import annotations

import io
import subprocess
import sys
from functools import cache
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from tagged import Node, page_content, structure
from test_tagging import _outloud

from generator.build import build_project
from generator.content import load_content
from generator.defaults import default_dir
from generator.manifest import Project
from generator.personal import personal_card_document


@cache
def _deck(language: str | None) -> bytes:
    """The A6 deck of routine cards in `language`, built once per test run."""
    built = {d.name: d.data for d in build_project(Project(None), ("rutinkort",), language)}
    return built[next(n for n in built if n.startswith("rutinkort-a6"))]


def _banners(pdf: pikepdf.Pdf) -> list[Node]:
    """The H2 elements that hold the organisation's name."""
    contents = [page_content(page) for page in pdf.pages]
    return [node for node in structure(pdf).walk() if node.role == "H2" and "Skola för Beröring"
            in "".join(contents[page].text.get(mcid, "") for page, mcid in node.content)]


@pytest.mark.parametrize(("language", "expected"), [
    ("fi", "sv"), ("en", "sv"), ("ar", "sv"), (None, None)])
def test_the_name_is_tagged_swedish_on_a_card_in_another_language(
        language: str | None, expected: str | None) -> None:
    deck = pikepdf.open(io.BytesIO(_deck(language)))
    banners = _banners(deck)
    assert len(banners) == len(deck.pages) // 2  # one on every card's back
    assert {node.lang for node in banners} == {expected}  # None: the document's own
    assert str(deck.Root.Lang).startswith(language or "sv")


@pytest.mark.parametrize(("language", "words"), [
    (None, ("Webbplats ", "E-post till ", "Ring ")),
    ("fi", ("Verkkosivusto ", "Sähköposti osoitteeseen ", "Soita numeroon ")),
    ("en", ("Website ", "E-mail ", "Call ")),
    ("ar", ("الموقع الإلكتروني ", "البريد الإلكتروني ", "اتصل بالرقم "))])
def test_links_are_described_in_the_card_s_language(language: str | None,
                                                    words: tuple[str, ...]) -> None:
    deck = pikepdf.open(io.BytesIO(_deck(language)))
    described = {str(annotation.Contents) for page in deck.pages
                 for annotation in page.get("/Annots", []) if annotation.Subtype == "/Link"}
    assert described and all(text.startswith(words) for text in described), described
    assert {text.split(" ")[0] for text in described} >= {w.split(" ")[0] for w in words}


ARABIC_PERSON = """\
name: ليلى حداد
language: ar
routines: [ogonkontakt, resa-sig]
contacts:
  - role: ابن
    name: Karim Haddad
    phone: "070-174 06 60"
"""


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The Arabic A6 deck and an Arabic person's A6 cards, their backs set right to left."""
    person = tmp_path_factory.mktemp("people") / "laila.yaml"
    person.write_text(ARABIC_PERSON, encoding="utf-8")
    card, = personal_card_document(Project(None), person, "card-a6")
    return {"rutinkort-a6-ar.pdf": _deck("ar"), "laila-a6-ar.pdf": card.data}


ARABIC = ("rutinkort-a6-ar.pdf", "laila-a6-ar.pdf")


def _spaced(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("name", ARABIC)
def test_arabic_contact_lines_are_links_over_their_glyphs(name: str,
                                                          arabic: dict[str, bytes]) -> None:
    """Right to left the web, e-mail and phone lines stand at the right: each is a Link
    with its annotation (described in Arabic), and the annotation covers the glyphs
    PDFium finds on that line, inside the trimmed page."""
    labels = load_content(default_dir("content"), "ar").labels
    described = (labels.link_web, labels.link_email, labels.link_phone)
    pdf = pikepdf.open(io.BytesIO(arabic[name]))
    document = pdfium.PdfDocument(arabic[name])
    contents = [page_content(page) for page in pdf.pages]
    links = [node for node in structure(pdf).walk() if node.role == "Link"]
    backs = len(_banners(pdf))
    assert backs and len(links) == 3 * backs  # web, e-mail, phone under every name
    for link in links:
        (annotation,) = link.annotations
        (page, _), *_ = link.content
        printed = _spaced("".join(contents[page].text[mcid] for _, mcid in link.content))
        label = next(words for words in described if str(annotation.Contents).startswith(words))
        assert _spaced(str(annotation.Contents)) == f"{label} {printed}"
        left, bottom, right, top = (float(v) for v in annotation.Rect)
        trim = [float(v) for v in pdf.pages[page].trimbox]
        assert trim[0] <= left < right <= trim[2] and trim[1] <= bottom < top <= trim[3]
        textpage = document[page].get_textpage()
        glyphs = [(textpage.get_text_range(i, 1), textpage.get_charbox(i))
                  for i in range(textpage.count_chars())]
        on_line = [(char, box) for char, box in glyphs
                   if char.strip() and bottom <= (box[1] + box[3]) / 2 <= top]
        assert _spaced("".join(char for char, _ in on_line)).replace(" ", "") == \
            printed.replace(" ", "")
        assert all(left - 0.5 <= box[0] and box[2] <= right + 0.5 for _, box in on_line)
        assert right > float(pdf.pages[page].trimbox[2]) / 2  # set from the right edge


@pytest.mark.parametrize("name", ARABIC)
def test_arabic_cards_pass_both_pdfua_checkers(name: str, arabic: dict[str, bytes],
                                              tmp_path: Path) -> None:
    """outloud and pdfua (PyPI, as in test_tagging.py) on the Arabic deck and a card."""
    path = tmp_path / name
    path.write_bytes(arabic[name])
    (result,) = _outloud([path], tmp_path / "outloud.json")["results"]
    errors = [f for f in result["findings"] if f.get("severity") == "error"]
    assert result["counts"]["error"] == 0 and result["stats"]["tagged"], errors
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
