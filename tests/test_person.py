"""Person files: valid and invalid fixtures side by side, each with the message it gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from generator.errors import ContentError
from generator.personal import PersonalInputs, check_person
from generator.yamlread import read_yaml

PEOPLE = sorted((FIXTURES / "people").glob("*.yaml"))


def expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("# expect: ").replace("\\n", "\n")


@pytest.mark.parametrize("path", PEOPLE, ids=[p.stem for p in PEOPLE])
def test_person_fixture_gives_its_message(path: Path, a6_inputs: PersonalInputs) -> None:
    value = read_yaml(path, path.name)
    if expected(path) == "ok":
        assert check_person(value, path.name, a6_inputs).name
        return
    with pytest.raises(ContentError) as caught:
        check_person(value, path.name, a6_inputs)
    assert caught.value.format_message() == expected(path)


def test_messages_never_quote_the_note(a6_inputs: PersonalInputs) -> None:
    path = FIXTURES / "people" / "overlong-note.yaml"
    with pytest.raises(ContentError) as caught:
        check_person(read_yaml(path, path.name), path.name, a6_inputs)
    assert "HEMLIG" not in caught.value.format_message()


def test_example_person_is_valid(a6_inputs: PersonalInputs) -> None:
    path = REPO / "content" / "people" / "anna-lind.yaml"
    person = check_person(read_yaml(path, "anna-lind.yaml"), "anna-lind.yaml", a6_inputs)
    assert person.name == "Anna Lind"
    assert person.routines == ("ogonkontakt", "maltid", "musik")
    assert person.contacts[0].phone == "070-174 06 50"
    assert person.language == "sv"


def test_every_problem_of_a_person_is_reported_at_once(a6_inputs: PersonalInputs) -> None:
    from generator.yamlread import parse_yaml

    value = parse_yaml("routines: [maltider]\ncarer: [a, b]\n", "p.yaml")
    with pytest.raises(ContentError) as caught:
        check_person(value, "p.yaml", a6_inputs)
    fields = [problem.field for problem in caught.value.problems]
    assert fields == ["name", "carer", "routines[0]"]
