"""Script: right-to-left text, shaping and a font for every character (issue 13).

Bidi runs keep a Swedish name, a phone number and a web address in their own order
inside Arabic; HarfBuzz joins the letters (lam-alef is one glyph); text extraction
gives the Arabic words in logical order; names in Arabic, Greek or with a Polish ł
print on a Swedish card in a font that has them, and a character no font has is a
clear per-row error.
"""
from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from generator.batch import FAILED, WRITTEN, run_batch
from generator.build import build_project
from generator.defaults import default_dir
from generator.locale import LEFT_TO_RIGHT, NBSP, POP
from generator.manifest import Project
from generator.pdf.fonts import load_fonts
from generator.personal import personal_card_document
from generator.script.line import Piece, runs
from generator.script.runs import levels
from generator.script.shape import shape

FONTS = load_fonts(default_dir("fonts"))
CHAIN = (FONTS.regular, *FONTS.fallback)


def visual(text: str, rtl: bool = True) -> list[str]:
    return [run.text for run in runs((Piece(text, CHAIN),), rtl)]


def test_a_phone_number_a_name_and_an_address_keep_their_order_in_arabic() -> None:
    phone = f"{LEFT_TO_RIGHT}072-301{NBSP}08{NBSP}53{POP}"
    shown = visual(f"اتصل بـ Anna Lind على {phone} أو www.beroring.se")
    # Right to left: the first Arabic words stand last (rightmost) in visual order.
    assert shown[-1].strip() == "اتصل بـ"
    assert f"072-301{NBSP}08{NBSP}53" in shown
    assert "Anna Lind" in shown and "www.beroring.se" in shown
    assert shown.index("www.beroring.se") < shown.index(f"072-301{NBSP}08{NBSP}53") \
        < shown.index("Anna Lind")


def test_without_the_embedding_a_number_would_turn_round() -> None:
    """What the Locale's LRE ... PDF guards against: digits after Arabic become AN."""
    found = levels(f"الهاتف 072-301{NBSP}08", True)
    assert found[10] == 1  # the hyphen, between two Arabic numbers, runs right to left


def test_letters_join_and_lam_alef_is_one_glyph() -> None:
    joined = shape("لا", FONTS.fallback[0], True)
    assert len(joined) == 1
    word = shape("بيت", FONTS.fallback[0], True)
    assert len(word) == 3 and all(ord(c) >= 0xF0000 for c in word)  # joined forms


@pytest.fixture(scope="module")
def arabic_deck() -> bytes:
    documents = {d.name: d.data for d in build_project(Project(None), ("rutinkort",), "ar")}
    return documents["rutinkort-a6-ar.pdf"]


def test_extracted_text_gives_the_arabic_in_logical_order(arabic_deck: bytes) -> None:
    document = pdfium.PdfDocument(arabic_deck)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    for words in ("التواصل بالعين", "ابحث عن النظرة", "وقل ما تنوي فعله",
                  "من الأعلى إلى الأسفل"):  # the lam-alef ligature comes back as two letters
        assert words in text, words
    assert not any(0xFB50 <= ord(c) <= 0xFEFF or ord(c) >= 0xE000 and ord(c) < 0xF900
                   for c in text)  # no presentation forms, no private codes
    reader = pypdf.PdfReader(io.BytesIO(arabic_deck))
    assert reader.trailer["/Root"]["/Lang"] == "ar-SE"


def test_the_arabic_font_is_embedded_and_subset(arabic_deck: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(arabic_deck))
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("IBMPlexSansArabic" in name and "+" in name for name in fonts)


PERSON = """\
name: "{name}"
routines: [musik]
contacts:
  - role: Son
    name: "{name}"
    phone: "070-174 06 60"
"""


@pytest.mark.parametrize("name", ["ليلى حداد", "Łukasz Wójcik", "Ελένη Παππά", "Åsa Öberg"])
def test_any_name_prints_on_a_swedish_card(tmp_path: Path, name: str) -> None:
    path = tmp_path / "person.yaml"
    path.write_text(PERSON.format(name=name), encoding="utf-8")
    document, = personal_card_document(Project(None), path, "card-a6")
    text = pdfium.PdfDocument(document.data)[0].get_textpage().get_text_range()
    assert name.split()[0] in text
    assert "Det här gör vi" in text or "Undvik" in text  # still a Swedish card


def test_a_character_no_font_has_is_a_per_row_error(tmp_path: Path) -> None:
    roster = tmp_path / "boende.csv"
    roster.write_text("namn;rutiner\nليلى حداد;musik\nΕλένη Παππά;musik\n漢字 Ek;musik\n",
                      encoding="utf-8-sig")
    result = run_batch(Project(None), roster, "fridge-a5", tmp_path / "ut", 1,
                       display=roster.name)
    assert [row.status for row in result.rows] == [WRITTEN, WRITTEN, FAILED]
    assert "'漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)" in result.rows[2].error
