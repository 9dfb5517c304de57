"""Person files as coordinators write them (issue 10): Swedish keys, titles for routines,
several contacts, a lost zero put back, messages that count from 1, a dated card."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import ContentError, Problem
from generator.personal import PersonalInputs, check_person
from generator.yamlread import parse_yaml

SWEDISH = """namn: Åsa Berg
anhörig: Per, hennes man
rutiner: Måltid, sitt nära, ÖGONKONTAKT, Musik ni tycker om
undvik: Knäna, särskilt det vänstra
musik: Taube
kontakter:
  - {roll: Son, namn: Bo Berg, telefon: 701740650}
  - {roll: Dotter, namn: Ia Berg, telefon: 0046 8 123 456 78}
  - {roll: Vän, namn: Jo Ek, telefon: +44 20 7946 0958}
  - {roll: Syster, namn: Ann Ek, telefon: 070-1740655}
anteckning: "Obs: hör dåligt"
"""


def checked(text: str, inputs: PersonalInputs, warnings: list[Problem] | None = None):  # type: ignore[no-untyped-def]
    return check_person(parse_yaml(text, "asa.yaml"), "asa.yaml", inputs, warnings)


def test_a_person_file_takes_the_rosters_swedish_words(a6_inputs: PersonalInputs) -> None:
    warnings: list[Problem] = []
    person = checked(SWEDISH, a6_inputs, warnings)
    assert person.name == "Åsa Berg" and person.carer == "Per, hennes man"
    assert person.routines == ("maltid", "sitta-nara", "ogonkontakt", "musik")
    assert person.avoid == ("Knäna, särskilt det vänstra",)  # a comma is not a new line
    assert person.likes.music == "Taube"
    assert [c.phone for c in person.contacts] == [
        "0701740650", "+46 8 123 456 78", "+44 20 7946 0958", "070-1740655"]
    assert person.note == "Obs: hör dåligt"
    assert [(w.code, w.line, w.label) for w in warnings] == [
        ("phone.restored", 7, "contacts, item 1, phone")]
    assert "printed as 070-174\xa006\xa050" in warnings[0].message


def test_an_unquoted_colon_says_to_use_quotes(a6_inputs: PersonalInputs) -> None:
    with pytest.raises(ContentError) as caught:
        checked("namn: Bo\nrutiner: musik\nanteckning: Obs: hör dåligt\n", a6_inputs)
    assert caught.value.format_message() == (
        "asa.yaml:3:16: error: this text holds ': ' (a colon and a space), which YAML reads "
        "as a new key\n  hint: put the whole text in quotes, like: anteckning: \"Obs: hör "
        "dåligt\"")


def test_messages_count_from_one_and_name_the_field(a6_inputs: PersonalInputs) -> None:
    text = "name: Bo\nroutines: [musik]\navoid:\n  - ok\n  - ok\n  - " + "x" * 91 + "\n"
    text += "contacts:\n  - {role: Son, name: Bo, phone: nej}\n"
    with pytest.raises(ContentError) as caught:
        checked(text, a6_inputs)
    message = caught.value.format_message()
    assert "error: avoid, line 3: the text is 91 characters" in message
    assert "error: contacts, item 1, phone: this is not a phone number" in message
    assert "[" not in message


def test_an_unknown_routine_still_gets_did_you_mean(a6_inputs: PersonalInputs) -> None:
    with pytest.raises(ContentError) as caught:
        checked("name: Bo\nroutines: [Maltider]\n", a6_inputs)
    assert caught.value.problems[0].hint == "did you mean 'maltid'?"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_card_ark_writes_the_persons_a4_sheets_and_a_dated_card(tmp_path: Path) -> None:
    person = tmp_path / "asa.yaml"
    person.write_text(SWEDISH, encoding="utf-8")
    code, out, err = run("card", str(person), "--ark", "-o", str(tmp_path / "ut" / "asa.pdf"))
    assert code == 0, err
    assert "warning: contacts, item 1, phone: the number had lost its leading 0" in err
    card = pypdf.PdfReader(tmp_path / "ut" / "asa.pdf")
    sheet = pypdf.PdfReader(tmp_path / "ut" / "asa-ark.pdf")
    assert len(card.pages) == 10 and len(sheet.pages) == 4  # five cards: two A4 sheets
    text = " ".join(p.extract_text() for p in card.pages).replace("\xa0", " ")
    assert "Uppdaterad 22 nov. 2026" in text  # SOURCE_DATE_EPOCH, set in conftest
    assert "Son: Bo Berg, 070-174 06 50" in " ".join(text.split())


def test_check_a_person_file_writes_nothing(tmp_path: Path) -> None:
    person = tmp_path / "asa.yaml"
    person.write_text("namn: Bo\nrutiner: musik, maltider\n", encoding="utf-8")
    code, out, err = run("check", str(person))
    assert code == 1
    assert "asa.yaml:2:10: error: routines, item 2: unknown routine 'maltider'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["asa.yaml"]


def test_two_person_files_of_one_file_name_never_replace_each_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, form in (("nfc.yaml", "NFC"), ("nfd.yaml", "NFD")):
        (tmp_path / name).write_text(unicodedata.normalize(form, "name: Åsa Berg\nroutines: "
                                                           "[musik]\n"), encoding="utf-8")
    out = tmp_path / "ut"
    assert run("card", str(tmp_path / "nfc.yaml"))[0] == 0
    before = (tmp_path / "output" / "asa-berg.pdf").read_bytes()
    code, _, err = run("card", str(tmp_path / "nfd.yaml"))
    assert code == 1 and "asa-berg.pdf already exists and was made from another person " in err
    assert (tmp_path / "output" / "asa-berg.pdf").read_bytes() == before
    assert run("card", str(tmp_path / "nfc.yaml"))[0] == 0  # its own
    assert run("card", str(tmp_path / "nfd.yaml"), "--force")[0] == 0
    assert not out.exists()


def test_a_full_card_is_not_told_to_split(fridge_inputs: PersonalInputs) -> None:
    from generator.errors import HandoutsError
    from generator.personal import personal_cards

    text = ("name: Karl-Erik Johansson\nroutines: [ogonkontakt, maltid, musik, sitta-nara, "
            "minnen, resa-sig]\navoid: [Höger axel – den är öm sedan ett fall, Att bli rörd "
            "vid bakifrån utan förvarning]\nlikes: {music: Evert Taube och Cornelis, food: "
            "Kanelbullar och kaffe på fat, memories: Sommarstugan på Gotland}\ncontacts:\n"
            "  - {role: Dotter, name: Maria Johansson, phone: 070-174 06 50}\n"
            "  - {role: Son, name: Per Johansson, phone: 070-174 06 51}\n")
    person = checked(text, fridge_inputs)
    with pytest.raises(HandoutsError) as caught:
        personal_cards(person, fridge_inputs, "karl.yaml")
    message = caught.value.format_message()
    assert "fridge card: contacts, item 1 does not fit" in message
    assert "split" not in message and "one page a side" in message
