"""The PDF tests' shared fixture: a chunk of three persons' rendered cards."""
from __future__ import annotations

import pytest

from generator.batch import place_cards
from generator.manifest import Project
from generator.pdf.reuse import Placed
from generator.personal import (
    Imposable,
    check_person,
    personal_cards,
    placed_cards,
    read_personal_inputs,
    render_cards,
)

PEOPLE = [{"name": "Anna Lind", "routines": ["musik", "maltid"], "avoid": ["Höger axel"]},
          {"name": "Bo Ek", "routines": ["sitta-nara"]},
          {"name": "Åsa Öberg", "routines": ["minnen", "utomhus", "musik"]}]


@pytest.fixture(scope="session")
def people() -> list[dict[str, object]]:
    return PEOPLE


@pytest.fixture(scope="session")
def chunk() -> tuple[list[Imposable | None], list[bytes], list[Placed | None], object, object]:
    """Three persons' cards, rendered, and where each card sits on the sheets."""
    inputs = read_personal_inputs(Project(None), "card-a6")
    slots: list[Imposable | None] = []
    placed: list[Placed | None] = []
    files: list[bytes] = []
    content = None
    for value in PEOPLE:
        person = check_person(value, "boende.csv", inputs)
        cards = personal_cards(person, inputs, "boende.csv")
        content = inputs.content(person.language)
        place_cards(slots, cards, 4)
        place_cards(placed, placed_cards(cards, len(files)), 4)
        files.append(render_cards(cards, content, inputs))
    return slots, files, placed, content, inputs
