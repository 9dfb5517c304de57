"""Compose: text fits or fails loudly; what is typed is what prints."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import edit
from generator.build import build_project
from generator.errors import FontError, HandoutsError, LayoutOverflow
from generator.manifest import Project


def build(project: Path) -> dict[str, bytes]:
    return {d.name: d.data for d in build_project(Project.find(project))}


def page_text(data: bytes, index: int) -> str:
    import io
    return PdfReader(io.BytesIO(data)).pages[index].extract_text()


def test_overflow_names_card_field_and_amount(project: Path) -> None:
    long_step = ("Stryk lugnt och långsamt längs hela armen, ner över handen och ut i varje "
                 "finger, och vänta sedan en stund innan du fortsätter med nästa steg.")
    text = "\n".join(f"      - {long_step}" for _ in range(3))
    edit(project / "content/sv/routines.yaml",
         "      - Vänta och låt {{ person.name }} försöka själv.",
         "      - Vänta och låt {{ person.name }} försöka själv.\n" + text)
    with pytest.raises(LayoutOverflow) as caught:
        build(project)
    message = caught.value.format_message()
    assert "rutinkort: error: card 'maltid' front: steps[" in message
    assert "mm too much text, even at the minimum 14 pt" in message
    assert caught.value.overflow_mm > 1


def test_text_that_fits_at_a_smaller_size_shrinks_but_not_below_the_floor(project: Path) -> None:
    edit(project / "content/sv/routines.yaml",
         "      - Vänta och låt {{ person.name }} försöka själv.",
         "      - Vänta och låt {{ person.name }} försöka själv, i lugn och ro, "
         "utan att skynda på eller ta över.")
    data = build(project)["rutinkort-a6.pdf"]
    assert "utan att skynda på eller ta över." in page_text(data, 8).replace("\n", " ")


def test_every_overflowing_card_is_reported(project: Path) -> None:
    filler = ("Beröringsupplevelser, välbefinnande och trygghetskänslor förstärks "
              "tillsammans. ") * 4 + "Beröringsupplevelser förstärks tillsammans."
    path = project / "content/sv/routines.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for start in ("    why: Blicken är som en fråga", "    why: En hand att hålla"):
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index] = f"    why: {filler.strip()}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit(project / "layouts/card-a6.yaml", "margin_mm: 8 ", "margin_mm: 11 ")
    edit(project / "content/handouts.yaml", "    output: rutinkort-a6.pdf",
         "    output: rutinkort-a6.pdf\n    routines: [ogonkontakt, sitta-nara, musik]")
    with pytest.raises(HandoutsError) as caught:
        build(project)
    message = caught.value.format_message()
    assert "card 'ogonkontakt' back: why does not fit" in message
    assert "card 'sitta-nara' back: why does not fit" in message
    assert message.endswith("2 errors") and "card 'musik'" not in message


def test_markup_characters_print_as_typed(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "title: Sitt nära", "title: Sitt <b>nära</b> & tätt")
    data = build(project)["rutinkort-a6.pdf"]
    # the title wraps beside the pictogram: compare the words, not the line breaks
    assert "Sitt <b>nära</b> & tätt" in " ".join(page_text(data, 2).split())


def test_a_word_longer_than_a_line_is_an_error(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "Le gärna och säg",
         "Le gärna och säg " + "beröringsöverkänslighetsutredningsprotokollet")
    with pytest.raises(HandoutsError) as caught:
        build(project)
    message = caught.value.format_message()
    assert "rutinkort: error: card 'ogonkontakt' front: steps[2]: the word " in message
    assert "is wider than a line" in message


def test_a_character_the_font_lacks_is_named(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "title: Sitt nära", "title: Sitt nära \u2603")
    with pytest.raises(FontError) as caught:
        build(project)
    message = caught.value.format_message()
    assert ("rutinkort: error: card 'sitta-nara' front: title: the font "
            "AtkinsonHyperlegible-Bold has no glyph") in message
    assert "U+2603 SNOWMAN" in message
