"""Content against its sources: every number a text states is listed in KÄLLOR.md.

A weight, a time or a percentage in a care text must come from the source texts; the
list `content/sv/KÄLLOR.md` says where each one does. A number not on the list fails.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import edit
from generator.defaults import default_dir
from generator.typography import decimal

# The files whose text reaches a routine card, a fridge card or the leaflet.
TEXT_FILES = ("routines.yaml", "leaflet.yaml", "self_care.yaml", "activities.yaml")
NUMBER = re.compile(r"(?<![\w{])\d+(?:[.,]\d+)?")
LISTED = re.compile(r"`(\d+(?:,\d+)?)`")


def _numbers(value: object) -> set[str]:
    if isinstance(value, bool):
        return set()
    if isinstance(value, (int, float)):  # seconds: 3, pressure_kg: 3.5 print as numbers
        return {decimal(value)}
    if isinstance(value, str):
        return {n.replace(".", ",") for n in NUMBER.findall(value)}
    if isinstance(value, dict):
        return set().union(*(_numbers(v) for v in value.values()), set())
    if isinstance(value, list):
        return set().union(*(_numbers(v) for v in value), set())
    return set()


def stated_numbers(language_dir: Path) -> set[str]:
    """Every number the routines, the leaflet and its parts state."""
    found: set[str] = set()
    for name in TEXT_FILES:
        found |= _numbers(yaml.safe_load((language_dir / name).read_text(encoding="utf-8")))
    return found


def listed_numbers(language_dir: Path) -> set[str]:
    """The numbers in the 'Tal i texterna' section of KÄLLOR.md."""
    text = (language_dir / "KÄLLOR.md").read_text(encoding="utf-8")
    section = text.split("## Tal i texterna", 1)[1].split("\n## ", 1)[0]
    return set(LISTED.findall(section))


def unlisted(language_dir: Path) -> set[str]:
    return stated_numbers(language_dir) - listed_numbers(language_dir)


def test_every_number_in_the_swedish_texts_has_a_source() -> None:
    sv = default_dir("content") / "sv"
    assert stated_numbers(sv) >= {"3", "3,5"}  # the seconds and the pressure are seen
    assert unlisted(sv) == set()


@pytest.fixture
def sv_copy(tmp_path: Path) -> Path:
    target = tmp_path / "sv"
    shutil.copytree(default_dir("content") / "sv", target)
    return target


def test_a_new_time_in_a_routine_fails(sv_copy: Path) -> None:
    edit(sv_copy / "routines.yaml", "Sitt nära\n", "Sitt nära i 10 minuter\n")
    assert unlisted(sv_copy) == {"10"}


def test_a_new_percentage_or_weight_in_the_leaflet_fails(sv_copy: Path) -> None:
    edit(sv_copy / "leaflet.yaml", "Oro, stress och ångest minskar.",
         "Oro, stress och ångest minskar med 40 %.")
    edit(sv_copy / "activities.yaml", "Rör på dig.", "Lyft 2.5 kg.")
    assert unlisted(sv_copy) == {"40", "2,5"}


def test_a_changed_pressure_value_fails(sv_copy: Path) -> None:
    edit(sv_copy / "routines.yaml", "pressure_kg: 3.5", "pressure_kg: 4")
    assert unlisted(sv_copy) == {"4"}
