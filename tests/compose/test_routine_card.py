"""Finished pages as pictures: every page of the deck and the sheets against references.

A change that moves, drops or restyles anything fails here. After an intended change,
run `pytest --regenerate`, open the new PNGs in tests/references/ and commit them.
"""
from __future__ import annotations

import io

import pypdf

from conftest import REFERENCES
from pictures import assert_pictures, render_pages


def test_deck_pages_look_as_reviewed(shipped: dict[str, bytes], regenerate: bool) -> None:
    assert_pictures(shipped["rutinkort-a6.pdf"], "rutinkort-a6", REFERENCES, regenerate, 30)


def test_sheet_pages_look_as_reviewed(shipped: dict[str, bytes], regenerate: bool) -> None:
    assert_pictures(shipped["rutinkort-a4-ark.pdf"], "rutinkort-a4-ark", REFERENCES,
                    regenerate, 20)


def test_colour_stays_off_the_trim(shipped: dict[str, bytes]) -> None:
    """The card keeps its colour inside the trim, so shared cuts on the sheet are safe."""
    for picture in render_pages(shipped["rutinkort-a6.pdf"], dpi=72)[:4]:
        width, height = picture.size
        bleed = round(3 * 72 / 25.4) + 1
        pixels = picture.load()
        edge = [pixels[x, y] for x in range(width) for y in range(height)
                if x < bleed + 3 or y < bleed + 3 or x >= width - bleed - 3
                or y >= height - bleed - 3]
        assert all(min(p) > 245 for p in edge)


def test_every_back_says_who_made_the_card(shipped: dict[str, bytes]) -> None:
    """Issue 14: each back ends in the organisation line (name, web, e-mail, phone on
    the shipped cards, where they all fit beside the QR code); no front carries it."""
    reader = pypdf.PdfReader(io.BytesIO(shipped["rutinkort-a6.pdf"]))
    pages = [" ".join(page.extract_text().replace("\u00a0", " ").split())
             for page in reader.pages]
    fronts, backs = pages[0::2], pages[1::2]
    assert len(backs) == 13
    line = "Skola för Beröring EK www.beroring.se info@beroring.se 072-301 08 53"
    assert all(back.endswith(line) for back in backs), backs
    assert not any("Skola för Beröring" in front for front in fronts)
