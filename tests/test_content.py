"""Validate (content): the shipped content and what goes wrong in a user's copy."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit
from generator.content import load_content
from generator.defaults import default_dir
from generator.errors import ContentError

ROUTINE_IDS = ("ogonkontakt", "sitta-nara", "utomhus", "laga-mat", "maltid", "resa-sig",
               "forflyttning", "minnen", "musik", "dusch-och-bad", "har-och-skagg",
               "fot-och-handbad", "sjalvberoring")


def content_error(project: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", "sv")
    return caught.value.format_message()


def test_shipped_content_has_exactly_the_routines() -> None:
    content = load_content(default_dir("content"), "sv")
    assert content.routine_ids == ROUTINE_IDS
    assert content.organisation.phone == "0723010853"
    assert len(content.activities.items) == 6
    assert content.self_care.tips


def test_times_and_pressures_are_data() -> None:
    content = load_content(default_dir("content"), "sv")
    standing = content.routine("resa-sig")
    assert [s.seconds for s in standing.steps if s.seconds] == [3, 3]
    shower = content.routine("dusch-och-bad")
    assert [s.pressure_kg for s in shower.steps if s.pressure_kg] == [3.5]


def test_unknown_template_name_is_reported_with_its_line(project: Path) -> None:
    routines = project / "content/sv/routines.yaml"
    edit(routines, "så att {{ person.call_name }} ser", "så att {{ person.nme }} ser")
    message = content_error(project)
    assert "content/sv/routines.yaml:10:" in message
    assert "routines[0].steps[0].text: the template names something unknown" in message
    assert "hint: the names you can use are" in message


def test_sandbox_escape_in_content_is_refused(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "Sök blicken och vänta",
         "Sök blicken {{ cycler.__init__.__globals__ }} och vänta")
    assert "the template is refused" in content_error(project)


def test_step_with_seconds_must_print_them(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "stilla på knät i {{ seconds }}", "stilla på knät")
    message = content_error(project)
    assert "the step has seconds: 3 but its text does not print it" in message
    assert "write {{ seconds }} where it goes" in message


def test_duplicate_routine_ids(project: Path) -> None:
    edit(project / "content/sv/routines.yaml", "id: sitta-nara", "id: ogonkontakt")
    assert "the id 'ogonkontakt' is used twice" in content_error(project)


def test_problems_in_several_files_come_together(project: Path) -> None:
    edit(project / "content/organisation.yaml", "email:", "e-mail:")
    edit(project / "content/sv/activities.yaml", "items:", "item:")
    message = content_error(project)
    assert "content/organisation.yaml" in message and "content/sv/activities.yaml" in message
    assert "did you mean 'email'?" in message


def test_unknown_language_suggests_one(project: Path) -> None:
    with pytest.raises(ContentError, match="no content for the language 'sw'"):
        load_content(project / "content", "sw")
