"""Validate stage: located values to model objects, every problem with place and hint."""
from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.model import Organisation, RoutineBook
from generator.validate import convert_file, did_you_mean
from generator.yamlread import parse_yaml

ROUTINE = """routines:
  - id: maltid
    title: Före maten
    purpose: Väck handen
    short: Stryk armen
    pictogram: meal
    steps:
      - Stryk från axeln.
    why: Hjärnan minns.
"""


def problems(text: str, cls: type = RoutineBook) -> str:
    with pytest.raises(ContentError) as caught:
        convert_file(parse_yaml(text, "r.yaml"), cls, "r.yaml")
    return caught.value.format_message()


def test_valid_routine_converts() -> None:
    book = convert_file(parse_yaml(ROUTINE, "r.yaml"), RoutineBook, "r.yaml")
    assert book.routines[0].steps[0].text == "Stryk från axeln."
    assert book.routines[0].pictogram.value == "meal"


def test_unknown_key_gets_did_you_mean() -> None:
    message = problems(ROUTINE.replace("    why:", "    whyy:"))
    assert "r.yaml:9:11: error: routines[0].whyy: unknown key 'whyy'" in message
    assert "hint: did you mean 'why'?" in message
    assert "routines[0].why: the key 'why' is missing" in message


def test_wrong_type_says_what_it_got() -> None:
    message = problems(ROUTINE.replace("      - Stryk från axeln.\n", "").replace(
        "    steps:\n", "    steps: 3\n"))
    assert "routines[0].steps: expected a list, got a number" in message


def test_enum_lists_or_suggests_choices() -> None:
    message = problems(ROUTINE.replace("pictogram: meal", "pictogram: meals"))
    assert "'meals' is not one of the choices" in message
    assert "did you mean 'meal'?" in message


def test_every_problem_is_reported_at_once() -> None:
    text = ROUTINE.replace("id: maltid", "id: Måltid").replace("title: Före maten", "title: 5")
    text = text.replace("why: Hjärnan minns.", "why: " + "x" * 500)
    message = problems(text)
    assert "'Måltid' is not a valid id" in message
    assert "routines[0].why: the text is 500 characters, at most 400 fit here" in message
    assert message.rstrip().endswith("2 errors")


def test_unquoted_phone_number_gets_a_hint() -> None:
    text = "name: X\nwebsite: x.se\nemail: a@x.se\nphone: 701234567\n"
    message = problems(text, Organisation)
    assert "phone: write the number in quotes" in message


def test_a_number_with_a_leading_zero_is_read_as_written() -> None:
    from generator.yamlread import parse_yaml

    assert parse_yaml("phone: 0701740650\nsize: 12\n", "x.yaml") == {
        "phone": "0701740650", "size": 12}


def test_did_you_mean_lists_small_sets() -> None:
    assert did_you_mean("zzz", ["a4", "a5"]) == "choose one of: a4, a5"
