"""Validate (content): every text of content is checked at its own line before layout.

Issue 11, point 8: a character no font has, anywhere in content, is named at the content
file's line (not at the card or person file that shows it first); template code in a
field that is printed as written is refused; template code in a field that is a
template is rendered or refused at its line, never printed raw.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import edit
from generator.cli import cli
from generator.content import load_content
from generator.errors import ContentError

NO_FONT = "漢"  # a CJK ideograph: none of the shipped fonts has it


def _check(runner: CliRunner, project: Path, *args: str) -> str:
    result = runner.invoke(cli, ["check", "-C", str(project), *args])
    assert result.exit_code == 1, result.output
    return result.output


def _card(runner: CliRunner, project: Path, tmp_path: Path) -> str:
    person = tmp_path / "bo.yaml"
    person.write_text("name: Bo Ek\nroutines: [ogonkontakt]\n", encoding="utf-8")
    result = runner.invoke(cli, ["card", "-C", str(project), str(person),
                                 "--out", str(tmp_path / "bo.pdf")])
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "bo.pdf").exists()
    return result.output


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text in line)


@pytest.mark.parametrize(("file", "old"), [
    ("routines.yaml", "title: Ögonkontakt först"),
    ("routines.yaml", "Sök blicken och vänta"),
    ("leaflet.yaml", "heading: Vad är oxytocin?"),
    ("labels.yaml", "avoid_heading: Undvik"),
    ("self_care.yaml", "title: Omsorg om dig själv"),
    ("../organisation.yaml", "name: Skola för Beröring"),
])
def test_a_character_no_font_has_is_named_at_the_content_line(
        runner: CliRunner, project: Path, file: str, old: str) -> None:
    path = project / "content/sv" / file
    line = _line(path, old)
    edit(path, old, old + NO_FONT)
    output = _check(runner, project)
    assert f"content/sv/{file}:{line}:".replace("sv/../", "") in output
    assert f"no font has a letter for '{NO_FONT}' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)" in output
    assert "hint: replace the character, or add a font that has it" in output
    assert "card 'ogonkontakt'" not in output  # found reading content, not laying out


def test_the_card_command_points_at_the_content_not_the_person(
        runner: CliRunner, project: Path, tmp_path: Path) -> None:
    edit(project / "content/sv/routines.yaml", "title: Ögonkontakt först",
         f"title: Ögonkontakt först {NO_FONT}")
    output = _card(runner, project, tmp_path)
    assert "content/sv/routines.yaml:5:12: error: routines[0].title: no font has a letter" in output
    assert "bo.yaml" not in output


def test_a_translation_s_missing_glyph_is_found_by_check(runner: CliRunner,
                                                         project: Path) -> None:
    edit(project / "content/fi/routines.yaml", "title: Katse ensin", f"title: Katse ensin{NO_FONT}")
    assert "content/fi/routines.yaml:6:12: error: routines[0].title: no font" in _check(
        runner, project)


@pytest.mark.parametrize("title", ["Ögonkontakt {{ person.name }}", "{{ först",
                                   "Först {% if true %}ja{% endif %}", "Först {# nej #}"])
def test_template_code_in_a_title_is_refused_at_its_line(
        runner: CliRunner, project: Path, tmp_path: Path, title: str) -> None:
    edit(project / "content/sv/routines.yaml", "title: Ögonkontakt först", f'title: "{title}"')
    for output in (_check(runner, project), _card(runner, project, tmp_path)):
        assert ("content/sv/routines.yaml:5:12: error: routines[0].title: this text is "
                "printed as it is written, so it cannot hold template code") in output
        assert "hint: write the words out" in output


@pytest.mark.parametrize(("file", "old", "field"), [
    ("labels.yaml", "avoid_heading: Undvik", "avoid_heading"),
    ("../organisation.yaml", "name: Skola för Beröring", "name"),
])
def test_template_code_in_other_plain_fields_is_refused(project: Path, file: str, old: str,
                                                        field: str) -> None:
    edit(project / "content/sv" / file, old, old + " {{ person.name }}")
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", "sv")
    message = caught.value.format_message()
    assert f"{field}: this text is printed as it is written" in message


@pytest.mark.parametrize(("file", "old", "new", "field"), [
    ("routines.yaml", "short: Sätt dig nära och håll handen", 'short: "Sätt dig {{ först"',
     "routines[1].short: the template is not valid"),
    ("routines.yaml", "- Sök blicken och vänta tills ni ser på varandra.",
     '- "{{ Sök blicken och vänta tills ni ser på varandra."',
     "routines[0].steps[1].text: the template is not valid"),
    ("leaflet.yaml", "heading: Vad är oxytocin?", 'heading: "Vad är {{ nytt }}?"',
     "sections[0].heading: the template names something unknown"),
    ("leaflet.yaml", "heading: Vad är oxytocin?", 'heading: "Vad är {{ carer.name }}?"',
     "sections[0].heading: the template names something unknown"),
])
def test_bad_template_syntax_is_reported_at_its_line(project: Path, file: str, old: str,
                                                     new: str, field: str) -> None:
    path = project / "content/sv" / file
    line = _line(path, old)
    edit(path, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", "sv")
    message = caught.value.format_message()
    assert f"content/sv/{file}:{line}:" in message
    assert field in message


def test_a_list_item_template_is_checked_at_the_item(project: Path) -> None:
    path = project / "content/sv/self_care.yaml"
    tips = [n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1)
            if text.startswith("  - ")]
    text = path.read_text("utf-8").splitlines()[tips[1] - 1]
    edit(path, text, '  - "{# en kommentar utan slut"')
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", "sv")
    assert f"content/sv/self_care.yaml:{tips[1]}:5: error: tips[1]: the template is not " \
           "valid" in caught.value.format_message()


def test_leaflet_text_is_rendered_as_a_template(project: Path) -> None:
    """The leaflet's texts are templates (rendered once by personalise_leaflet)."""
    from generator.compose.leaflet_text import LeafletWords

    edit(project / "content/sv/leaflet.yaml", "heading: Vad är oxytocin?",
         'heading: "Vad gör {{ organisation.name }}?"')
    words = LeafletWords.of(load_content(project / "content", "sv"))
    heading = words.content.leaflet.sections[0].heading
    assert heading and heading.startswith("Vad gör Skola för Beröring") and "{" not in heading
