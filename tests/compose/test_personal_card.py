"""Personal cards: the A6 deck and the A5 fridge card, by meaning and by picture."""
from __future__ import annotations

from pathlib import Path

import pypdf
import pypdfium2
import pytest
from click.testing import CliRunner

from conftest import REFERENCES, REPO
from generator.cli import cli
from generator.errors import HandoutsError
from generator.layout import MM
from generator.personal import PersonalInputs, check_person, personal_cards, render_cards
from generator.yamlread import parse_yaml, read_yaml
from pictures import assert_pictures

ANNA = REPO / "content" / "people" / "anna-lind.yaml"


def card_pdf(inputs: PersonalInputs, value: object = None) -> bytes:
    value = value if value is not None else read_yaml(ANNA, "anna-lind.yaml")
    person = check_person(value, "anna-lind.yaml", inputs)
    return render_cards(personal_cards(person, inputs, "anna-lind.yaml"),
                        inputs.content(person.language), inputs)


def pages_text(data: bytes) -> list[str]:
    import io

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_a6_deck_has_a_cover_and_one_card_per_routine(a6_inputs: PersonalInputs) -> None:
    import io

    data = card_pdf(a6_inputs)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 8  # cover + 3 routines, front and back
    for page in reader.pages:
        assert [round(float(v) / MM) for v in page.trimbox[2:]] == [108, 151]  # A6 + bleed
    text = pages_text(data)
    assert text[0].startswith("Anna Lind")
    assert "Undvik" in text[0] and "Höger axel" in text[0] and "Tycker om" in text[0]
    assert "Musik: Evert Taube" in text[0]
    assert "Ring vid behov" in text[1] and "Make: Erik Lind, 070-174 06 50" in text[1]
    assert "Bra att veta" in text[1]
    title = " ".join(text[2].split())  # the title may wrap beside its pictogram
    assert "Ögonkontakt först" in title and "så att Anna ser dig" in title  # her call name
    assert "Anna Lind" not in text[2]  # the steps use the call name, not the full name
    assert text[3].startswith("Anna Lind")  # every back names the person
    assert all("Skola för Beröring EK" in back and "info@beroring.se" in back
               for back in text[1::2])  # and says who made the card


def test_fridge_card_is_one_a5_page_with_one_line_per_routine(
        fridge_inputs: PersonalInputs) -> None:
    data = card_pdf(fridge_inputs)
    [text] = pages_text(data)
    lines = [line.strip() for line in text.splitlines()]
    assert "Sök blicken innan du rör vid någon" in lines  # a pictogram, not a number, leads
    assert "Lyssna på musik ni båda tycker om" in lines
    assert "Undvik" in text and "Ring vid behov" in text and "www.beroring.se" in text


def test_no_avoid_lines_still_prints_the_box_saying_so(a6_inputs: PersonalInputs) -> None:
    value = parse_yaml("name: Bo Ek\nroutines: [musik]\n", "bo.yaml")
    text = pages_text(card_pdf(a6_inputs, value))
    assert "Undvik" in text[0] and "Inget antecknat" in text[0]


def test_too_many_routines_for_the_fridge_card(fridge_inputs: PersonalInputs) -> None:
    ids = ", ".join(fridge_inputs.routine_ids("sv")[:8])
    value = parse_yaml(f"name: Bo Ek\nroutines: [{ids}]\n", "bo.yaml")
    person = check_person(value, "bo.yaml", fridge_inputs)
    narrow = type(fridge_inputs)(**{**fridge_inputs.__dict__, "layout": _with(
        fridge_inputs.layout, max_lines=6)})
    with pytest.raises(HandoutsError) as caught:
        personal_cards(person, narrow, "bo.yaml")
    assert caught.value.format_message() == (
        "bo.yaml: error: routines: the fridge card holds 6 routines, this person has 8\n"
        "  hint: choose fewer, or use the A6 cards (--layout card-a6)")


def _with(layout: object, **changes: object) -> object:
    import dataclasses

    return dataclasses.replace(layout, **changes)  # type: ignore[type-var]


def test_the_avoid_box_has_a_thick_dark_frame(a6_inputs: PersonalInputs) -> None:
    """Seen as a picture: a dark vertical line at the box's left edge, many mm tall."""
    pdf = pypdfium2.PdfDocument(card_pdf(a6_inputs))
    image = pdf[0].render(scale=100 / 72).to_pil().convert("L")
    dpmm = 100 / 25.4
    x = round((3 + 8) * dpmm + 1)  # bleed + margin, plus half the 2.5 pt line
    column = [image.getpixel((x, y)) for y in range(image.height)]
    longest = run = 0
    for value in column:
        run = run + 1 if value < 80 else 0
        longest = max(longest, run)
    assert longest > 15 * dpmm


def test_card_command_writes_output_named_after_the_person(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["card", str(ANNA)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote output/anna-lind.pdf (4 card(s), 8 page(s), ")
    other = CliRunner().invoke(cli, ["card", str(ANNA), "--layout", "fridge-a5", "--out",
                                     "kyl.pdf"])
    assert other.exit_code == 0 and (tmp_path / "kyl.pdf").is_file()


def test_card_command_reports_a_misspelt_routine(tmp_path: Path) -> None:
    person = tmp_path / "bo.yaml"
    person.write_text("name: Bo Ek\nroutines: [maltider]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["card", str(person)])
    assert result.exit_code == 1
    assert result.stderr == (f"{person}:2:12: error: routines, item 1: unknown routine 'maltider'\n"
                             "  hint: did you mean 'maltid'?\n")


def test_card_command_names_an_unknown_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["card", str(ANNA), "--layout", "fridge-a4"])
    assert result.exit_code == 2  # a usage error
    assert result.stderr == ("--layout: error: no layout named 'fridge-a4'\n"
                             "  hint: did you mean 'fridge-a5'?\n")
    wrong_kind = CliRunner().invoke(cli, ["card", str(ANNA), "--layout", "sheet-a4-4up"])
    assert wrong_kind.stderr == (
        "layouts/sheet-a4-4up.yaml: error: kind: --layout needs a layout of kind "
        "'routine-card' or 'fridge-card', this one is 'sheet'\n"
        "  hint: use card-a6 or fridge-a5\n")


def test_contacts_are_grouped_with_no_break_spaces(a6_inputs: PersonalInputs) -> None:
    from generator.personalise import personalise_person

    person = check_person(read_yaml(ANNA, "anna-lind.yaml"), "anna-lind.yaml", a6_inputs)
    locale = a6_inputs.content(person.language).locale
    assert personalise_person(person, locale).contacts[0].phone == "070-174\u00a006\u00a050"


def test_personal_cards_look_as_reviewed(a6_inputs: PersonalInputs,
                                         fridge_inputs: PersonalInputs,
                                         regenerate: bool) -> None:
    """Anna's A6 deck and her fridge card (pictograms beside the routines) as pictures."""
    assert_pictures(card_pdf(a6_inputs), "personal-anna-a6", REFERENCES, regenerate, 30)
    assert_pictures(card_pdf(fridge_inputs), "personal-anna-fridge", REFERENCES, regenerate, 30)


def test_preflight_holds_the_personal_fridge_card_to_18_pt(fridge_inputs: PersonalInputs,
                                                          a6_inputs: PersonalInputs) -> None:
    from generator.preflight import preflight

    fridge = preflight(card_pdf(fridge_inputs), "anna-kylskap.pdf")
    assert fridge.floor == 18 and not fridge.findings
    assert preflight(card_pdf(a6_inputs), "anna.pdf").floor == 14
