"""Finished pages as pictures: every page of the deck and the sheets against references.

A change that moves, drops or restyles anything fails here. After an intended change,
run `pytest --regenerate`, open the new PNGs in tests/references/ and commit them.
"""
from __future__ import annotations

import pytest

from conftest import REFERENCES
from generator.build import build_project
from generator.manifest import Project
from pictures import assert_pictures, render_pages


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    import os
    os.environ["SOURCE_DATE_EPOCH"] = "1795305600"
    return {d.name: d.data for d in build_project(Project(None))}


def test_deck_pages_look_as_reviewed(documents: dict[str, bytes], regenerate: bool) -> None:
    assert_pictures(documents["rutinkort-a6.pdf"], "rutinkort-a6", REFERENCES, regenerate, 30)


def test_sheet_pages_look_as_reviewed(documents: dict[str, bytes], regenerate: bool) -> None:
    assert_pictures(documents["rutinkort-a4-ark.pdf"], "rutinkort-a4-ark", REFERENCES,
                    regenerate, 20)


def test_colour_stays_off_the_trim(documents: dict[str, bytes]) -> None:
    """The card keeps its colour inside the trim, so shared cuts on the sheet are safe."""
    for picture in render_pages(documents["rutinkort-a6.pdf"], dpi=72)[:4]:
        width, height = picture.size
        bleed = round(3 * 72 / 25.4) + 1
        pixels = picture.load()
        edge = [pixels[x, y] for x in range(width) for y in range(height)
                if x < bleed + 3 or y < bleed + 3 or x >= width - bleed - 3
                or y >= height - bleed - 3]
        assert all(min(p) > 245 for p in edge)
