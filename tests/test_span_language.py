"""Tagging (languages): the organisation's Swedish name keeps its language on other cards."""
from __future__ import annotations

import io

import pikepdf
import pytest
from tagged import Node, page_content, structure

from generator.build import build_project
from generator.manifest import Project


def _banners(pdf: pikepdf.Pdf) -> list[Node]:
    """The H2 elements that hold the organisation's name."""
    contents = [page_content(page) for page in pdf.pages]
    return [node for node in structure(pdf).walk() if node.role == "H2" and "Skola för Beröring"
            in "".join(contents[page].text.get(mcid, "") for page, mcid in node.content)]


@pytest.mark.parametrize(("language", "expected"), [("fi", "sv"), ("en", "sv"), (None, None)])
def test_the_name_is_tagged_swedish_on_a_card_in_another_language(
        language: str | None, expected: str | None) -> None:
    built = {d.name: d.data for d in build_project(Project(None), ("rutinkort",), language)}
    deck = pikepdf.open(io.BytesIO(built[next(n for n in built if n.startswith("rutinkort-a6"))]))
    banners = _banners(deck)
    assert len(banners) == len(deck.pages) // 2  # one on every card's back
    assert {node.lang for node in banners} == {expected}  # None: the document's own
    assert str(deck.Root.Lang).startswith(language or "sv")


@pytest.mark.parametrize(("language", "words"), [
    (None, ("Webbplats ", "E-post till ", "Ring ")),
    ("fi", ("Verkkosivusto ", "Sähköposti osoitteeseen ", "Soita numeroon ")),
    ("en", ("Website ", "E-mail ", "Call "))])
def test_links_are_described_in_the_card_s_language(language: str | None,
                                                    words: tuple[str, ...]) -> None:
    built = {d.name: d.data for d in build_project(Project(None), ("rutinkort",), language)}
    deck = pikepdf.open(io.BytesIO(built[next(n for n in built if n.startswith("rutinkort-a6"))]))
    described = {str(annotation.Contents) for page in deck.pages
                 for annotation in page.get("/Annots", []) if annotation.Subtype == "/Link"}
    assert described and all(text.startswith(words) for text in described), described
    assert {text.split(" ")[0] for text in described} >= {w.split(" ")[0] for w in words}
