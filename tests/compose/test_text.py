"""Compose: text fits or fails loudly; what is typed is what prints."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import edit
from generator.build import build_project
from generator.compose import text
from generator.compose.sizing import STEP_PT, scales, size_at
from generator.compose.text import Block
from generator.errors import ContentError, HandoutsError, LayoutOverflow
from generator.layout import MM
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
         "      - Vänta och låt {{ person.call_name }} försöka själv.",
         "      - Vänta och låt {{ person.call_name }} försöka själv.\n" + text)
    with pytest.raises(LayoutOverflow) as caught:
        build(project)
    message = caught.value.format_message()
    assert "rutinkort: error: card 'maltid' front: steps[" in message
    assert "mm too much text, even at the minimum 14 pt" in message
    assert caught.value.overflow_mm > 1


STEP_TEXT = "Stryk lugnt och långsamt längs armen och vänta en stund innan nästa steg."
WIDTH = 80 * MM


def _ink(a6_inputs):  # type: ignore[no-untyped-def]
    return a6_inputs.layout.colours.text


def _setting(a6_inputs):  # type: ignore[no-untyped-def]
    """The A6 card's type styles and fonts, and four numbered steps to set with them."""
    kinds = a6_inputs.layout.type
    styles = {"title": kinds.title, "heading": kinds.heading, "body": kinds.body}
    blocks = [Block(f"steps[{i}]", STEP_TEXT, number=i + 1) for i in range(4)]
    return styles, a6_inputs.fonts, blocks


def _height_at(scale: float, a6_inputs) -> float:  # type: ignore[no-untyped-def]
    styles, fonts, blocks = _setting(a6_inputs)
    return text._paragraphs(blocks, styles, fonts, _ink(a6_inputs), scale, WIDTH, 0).height


def test_text_that_overflows_at_full_size_shrinks_to_the_largest_size_that_fits(
        a6_inputs) -> None:  # type: ignore[no-untyped-def]
    styles, fonts, blocks = _setting(a6_inputs)
    full, floor = _height_at(1.0, a6_inputs), _height_at(0.0, a6_inputs)
    box = (full + floor) / 2
    assert full > box > floor  # overflows at full size, fits at the minimum
    fitted = text.fit(blocks, styles, fonts, _ink(a6_inputs), WIDTH, box, product="p",
                      where="w")
    assert fitted.height <= box
    body = styles["body"]
    size, _ = size_at(body, fitted.scale)
    assert body.smallest <= size < body.size
    # the largest size that fits: half a point more (on the largest style) overflows
    one_step = STEP_PT / max(s.size for s in styles.values())
    assert _height_at(fitted.scale + one_step, a6_inputs) > box


def test_text_that_overflows_even_at_the_minimum_fails_with_the_amount(
        a6_inputs) -> None:  # type: ignore[no-untyped-def]
    styles, fonts, blocks = _setting(a6_inputs)
    floor = _height_at(0.0, a6_inputs)
    box = floor - 10 * MM
    with pytest.raises(LayoutOverflow) as caught:
        text.fit(blocks, styles, fonts, _ink(a6_inputs), WIDTH, box, product="p", where="w")
    assert caught.value.overflow_mm == pytest.approx(10, abs=0.01)


def test_the_size_search_is_bounded_and_ends_at_the_minimum(
        a6_inputs) -> None:  # type: ignore[no-untyped-def]
    styles, _, _ = _setting(a6_inputs)
    tried = list(scales(list(styles.values()), list(styles.values())))
    assert tried[0] == 1.0 and tried == sorted(tried, reverse=True)
    smallest = min(s.smallest / s.size for s in styles.values())
    assert tried[-1] == pytest.approx(smallest)
    largest = max(s.size for s in styles.values())
    assert len(tried) <= (largest - largest * smallest) / STEP_PT + 2


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
    """Found reading content, at the title's line, before any card is laid out."""
    edit(project / "content/sv/routines.yaml", "title: Sitt nära", "title: Sitt nära \u2603")
    with pytest.raises(ContentError) as caught:
        build(project)
    message = caught.value.format_message()
    assert ("content/sv/routines.yaml:18:12: error: routines[1].title: no font has a letter "
            "for '\u2603'") in message
    assert "U+2603 SNOWMAN" in message
