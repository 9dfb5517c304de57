"""Locale: a language's text rules from its locale.yaml, Babel and phonenumbers."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import edit
from generator.content import load_content
from generator.defaults import default_dir
from generator.errors import ContentError
from generator.locale import NBSP, Locale, interface_locale, load_locale
from generator.personalise import base_context, personalise_routine

SV = interface_locale()

ENGLISH = """\
region: GB
quotes: {open: "\u201c", close: "\u201d"}
apostrophe: "\u2019"
dash: "\u2014"
units: [kg, s, second, seconds]
unit_words:
  seconds: {one: second, other: seconds}
  kg: {other: kg}
date_format: "d MMMM y"
genitive: {suffix: "\u2019s"}
report: {written: made, unchanged: unchanged, failed: failed}
fallback_name: card
"""


@pytest.mark.parametrize(("stored", "printed"), [
    ("0701740650", "070-174 06 50"),
    ("+46701740650", "070-174 06 50"),
    ("0812345678", "08-123 456 78"),
    ("0771567567", "0771-567 567"),      # phonenumbers alone prints 077-156 75 67
    ("0771-524 524", "0771-524 524"),
    ("0774404040", "077-440 40 40"),     # other 077 numbers keep the library's grouping
    ("0900123456", "0900-123 456"),
])
def test_phone_numbers_follow_swedish_practice(stored: str, printed: str) -> None:
    assert SV.phone(stored) == printed.replace(" ", NBSP)


def test_what_is_not_a_swedish_number_is_left_as_written() -> None:
    assert SV.phone("+4512345678") == "+4512345678"
    assert SV.phone("ring receptionen") == "ring receptionen"


def test_units_are_counted_by_cldr_plural_rules() -> None:
    assert SV.seconds(1) == f"1{NBSP}sekund"
    assert SV.seconds(3) == f"3{NBSP}sekunder"
    assert SV.seconds(0.5) == f"0,5{NBSP}sekunder"
    assert SV.kilograms(3.5) == f"3,5{NBSP}kg"


def test_the_swedish_words_of_the_program_come_from_locale_yaml() -> None:
    assert SV.tag == "sv-SE"
    assert SV.fallback_name == "kort"
    assert SV.long_date(dt.date(2026, 11, 22)) == f"22{NBSP}november 2026"
    assert [SV.genitive(n) for n in ("Anna", "Lars", "Max")] == ["Annas", "Lars", "Max"]


def test_a_second_language_is_data_not_code(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(default_dir("content"), root)
    shutil.copytree(root / "sv", root / "en", dirs_exist_ok=True)
    (root / "en" / "locale.yaml").write_text(ENGLISH, encoding="utf-8")
    english = load_locale(root, "en")
    assert english.tag == "en-GB"
    assert english.text('She said "hold 3.5 kg" - gently') == \
        f"She said \u201chold 3.5{NBSP}kg\u201d \u2014 gently"
    assert english.seconds(1) == f"1{NBSP}second"
    assert english.genitive("Anna") == "Anna\u2019s"
    assert english.long_date(dt.date(2026, 11, 22)) == "22 November 2026"
    assert english.phone("02071234567") == f"020{NBSP}7123{NBSP}4567"
    content = load_content(root, "en")
    assert content.locale.tag == "en-GB"
    rising = personalise_routine(content.routine("resa-sig"), base_context(content, "Anna"))
    assert f"3{NBSP}seconds" in rising.steps[0].text


def test_the_genitiv_filter_follows_the_locale(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(default_dir("content"), root)
    shutil.copytree(root / "sv", root / "en", dirs_exist_ok=True)
    (root / "en" / "locale.yaml").write_text(ENGLISH, encoding="utf-8")
    english: Locale = load_content(root, "en").locale
    context = base_context(load_content(root, "en"), "Lars")
    assert context.render("{{ person.name|genitiv }} hand") == "Lars\u2019s hand"
    assert english.genitive("Lars") == "Lars\u2019s"


def test_a_misspelt_rule_is_reported_with_its_line(project: Path) -> None:
    edit(project / "content" / "sv" / "locale.yaml", "fallback_name: kort", "fallbak_name: kort")
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", "sv")
    assert "unknown key 'fallbak_name'" in str(caught.value)
    assert "did you mean 'fallback_name'?" in str(caught.value)
    assert "locale.yaml:" in str(caught.value)


def test_a_language_without_rules_is_named(tmp_path: Path) -> None:
    (tmp_path / "se").mkdir()  # Northern Sami: no built-in rules
    with pytest.raises(ContentError, match="no language rules for 'se'"):
        load_locale(tmp_path, "se")


def test_a_folder_made_before_locale_yaml_uses_the_built_in_rules(project: Path) -> None:
    (project / "content" / "sv" / "locale.yaml").unlink()
    assert load_content(project / "content", "sv").locale.tag == "sv-SE"
