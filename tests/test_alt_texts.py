"""Compose (figures): what pictograms and the QR code show is read in the card's language.

Issue 12, point 1: the alternative texts come from content/LANG/labels.yaml, so a
Finnish card's figures are described in Finnish, an Arabic card's in Arabic.
"""
from __future__ import annotations

import io

import pikepdf
import pytest
from tagged import structure

from generator import api
from generator.content import load_content
from generator.defaults import default_dir
from generator.model import Pictogram

PERSON = """name: Aino Virtanen
language: {language}
routines: [ogonkontakt, musik]
"""

# The words a screen reader says before each kind of figure, per language.
EXPECTED = {
    "sv": ("Piktogram: ett öga, för ögonkontakt", "QR-kod till www.beroring.se"),
    "fi": ("Kuvasymboli: silmä, katsekontaktin merkkinä", "QR-koodi osoitteeseen www.beroring.se"),
    "en": ("Pictogram: an eye, for eye contact", "QR code for www.beroring.se"),
    "ar": ("رسم توضيحي: عين، للتواصل بالنظر", "رمز QR يؤدي إلى www.beroring.se"),
}


def _figures(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [node.alt or "" for node in structure(pdf).walk() if node.role == "Figure"]


@pytest.mark.parametrize("language", sorted(EXPECTED))
@pytest.mark.parametrize("layout", ["card-a6", "fridge-a5"])
def test_a_card_s_figures_are_described_in_its_language(language: str, layout: str) -> None:
    card = api.make_card(PERSON.format(language=language).encode(),
                         project=api.open_project(None), layout=layout)
    figures = _figures(card.pdf)
    pictogram, qr = EXPECTED[language]
    assert pictogram in figures
    if layout == "card-a6":  # the fridge card's contact is one line of text, no QR code
        assert qr in figures
    others = {text for other, words in EXPECTED.items() if other != language for text in words}
    assert not others & set(figures)
    assert all(figures)  # every figure says something


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_every_pictogram_has_words_in_every_language(language: str) -> None:
    labels = load_content(default_dir("content"), language).labels
    texts = [labels.pictogram_alt(pictogram) for pictogram in Pictogram]
    assert len(set(texts)) == len(Pictogram)
    assert all(text.startswith(labels.figure_pictogram + ": ") for text in texts)


def test_no_swedish_alt_text_is_left_in_compose() -> None:
    from pathlib import Path

    import generator.compose as compose

    for path in Path(compose.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "Piktogram" not in source and "QR-kod" not in source, path.name
