"""Check (inputs): a person file or a roster checked and laid out in memory; nothing written.

`handouts check anna.yaml` and `handouts check lista.csv` come here: every problem of
every row, with rows and fields, as the batch would find them, and no file made.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .batch import FAILED, lay_out_roster, write_batch
from .errors import HandoutsError, Problem
from .manifest import Project
from .personal import check_person, personal_cards, read_personal_inputs, render_cards
from .roster import read_roster
from .write import Memory
from .yamlread import read_yaml

PERSON_SUFFIXES = (".yaml", ".yml")
ROSTER_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


@dataclass
class InputCheck:
    """What checking found: problems that stop a card, warnings, and a one-line summary."""

    summary: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # a roster's, as the batch prints them
    failed: bool = False


def is_input_file(path: Path) -> bool:
    return path.suffix.lower() in PERSON_SUFFIXES + ROSTER_SUFFIXES


def check_input(project: Project, path: Path, layout_name: str,
                display: str | None = None) -> InputCheck:
    """Check a person file (a YAML mapping) or a roster (CSV, or a YAML list)."""
    shown = display or str(path)
    if path.suffix.lower() in PERSON_SUFFIXES:
        value = read_yaml(path, shown)
        if not isinstance(value, list):
            return _check_person(project, value, shown, layout_name)
    roster = read_roster(path, shown)
    memory = Memory()
    result = write_batch(roster, lay_out_roster(roster, project, layout_name, 1), memory)
    rows = [row for row in result.rows if row.number and (row.file or row.status == FAILED)]
    made = sum(1 for row in rows if row.status != FAILED)
    return InputCheck(f"{shown}: {made} of {roster.count} row(s) make a card; nothing written",
                      messages=result.messages, failed=result.failed > 0)


def _check_person(project: Project, value: object, shown: str,
                  layout_name: str) -> InputCheck:
    inputs = read_personal_inputs(project, layout_name)
    warnings: list[Problem] = []
    try:
        person = check_person(value, shown, inputs, warnings)
        cards = personal_cards(person, inputs, shown)
        render_cards(cards, inputs.content(person.language), inputs)
    except HandoutsError as error:
        return InputCheck("", list(error.problems), warnings, failed=True)
    return InputCheck(f"{shown}: {len(cards)} card(s) for {person.name}; nothing written",
                      warnings=warnings)
