"""Interface language: every message of the command line in Swedish or English (gettext)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.i18n import FOLDER, language_from_environment, translator
from generator.i18n.extract import catalogue

PERSON = "name: Bo Ek\nroutines: [maltd]\n"


def handouts(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(environment, PYTHONPATH=str(Path(__file__).parents[1]))
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANG": "sv_SE.UTF-8"}, "sv"), ({"LANG": "C"}, "en"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LC_ALL": "sv_FI.UTF-8", "LANG": "C"}, "sv"), ({"LANGUAGE": "fi:sv", "LANG": "C"}, "sv"),
    ({"LC_MESSAGES": "POSIX", "LANG": "sv_SE"}, "en"), ({}, "en")])
def test_the_language_follows_the_locale_as_gettext_does(environment: dict[str, str],
                                                         expected: str) -> None:
    assert language_from_environment(environment) == expected


def test_a_swedish_locale_gives_swedish_messages(tmp_path: Path) -> None:
    (tmp_path / "bo.yaml").write_text(PERSON, encoding="utf-8")
    result = handouts("card", "bo.yaml", cwd=tmp_path, LANG="sv_SE.UTF-8")
    assert result.returncode == 1
    assert "fel: routines, item 1: det finns ingen rutin som heter ”maltd”" in result.stderr
    assert "tips: menade du ”maltid”?" in result.stderr


def test_a_c_locale_gives_english_and_lang_ui_overrides(tmp_path: Path) -> None:
    (tmp_path / "bo.yaml").write_text(PERSON, encoding="utf-8")
    english = handouts("card", "bo.yaml", cwd=tmp_path, LANG="C")
    assert "error: routines, item 1: unknown routine 'maltd'" in english.stderr
    assert "hint: did you mean 'maltid'?" in english.stderr
    swedish = handouts("--lang-ui", "sv", "card", "bo.yaml", cwd=tmp_path, LANG="C")
    assert "tips: menade du ”maltid”?" in swedish.stderr
    back = handouts("--lang-ui", "en", "card", "bo.yaml", cwd=tmp_path, LANG="sv_SE.UTF-8")
    assert "hint: did you mean 'maltid'?" in back.stderr


def test_help_is_translated_and_says_how_to_choose(tmp_path: Path) -> None:
    swedish = handouts("build", "--help", cwd=tmp_path, LANG="sv_SE.UTF-8")
    assert "Gör produkterna som står i content/handouts.yaml." in swedish.stdout
    assert "Användning: " in swedish.stdout  # Click's own words too
    assert "Visa den här hjälpen och avsluta." in swedish.stdout
    english = handouts("--help", cwd=tmp_path, LANG="C")
    assert "--lang-ui" in english.stdout and "LC_MESSAGES" in english.stdout


def test_every_message_has_a_swedish_translation() -> None:
    """A new message fails here until `python -m generator.i18n.extract` and the .po have it."""
    with (FOLDER / "sv/LC_MESSAGES/handouts.po").open("rb") as handle:
        swedish = read_po(handle, locale="sv")
    def translated(message_id: str | tuple[str, ...]) -> bool:
        found = swedish.get(message_id)
        strings = found.string if found is not None else ""
        return all(strings) if isinstance(strings, tuple) else bool(strings)

    missing = [m.id for m in catalogue() if m.id and not translated(m.id)]
    assert missing == []
    translate = translator("sv")
    assert translate("the languages are: {languages}") == "språken är: {languages}"
