"""Shared fixtures: a fresh project folder, the CLI runner, picture comparison."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.project_files import init_project

REFERENCES = Path(__file__).parent / "references"
# Personal cards print their build date: one fixed day, so pictures and text do not age.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")  # 22 November 2026


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regenerate", action="store_true", default=False,
                     help="Rewrite the reference pictures; look at them before committing.")


FIXED_DATE = "1795305600"  # 22 November 2026


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test builds with the same date, so bytes and pictures are comparable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
    monkeypatch.setenv("LANGUAGE", "en")  # messages in English whatever the machine's locale


@pytest.fixture(scope="session")
def shipped() -> dict[str, bytes]:
    """Every file `handouts build` makes from the built-in project, by name, built once
    per session; tests read it and never change it."""
    from generator.build import build_project
    from generator.manifest import Project

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
        return {d.name: d.data for d in build_project(Project(None))}


@pytest.fixture(autouse=True)
def _no_unexpected_logs(caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    """A test fails if anything logs a warning it did not expect."""
    caplog.set_level(logging.WARNING)
    yield
    # at teardown `caplog.records` holds only teardown's records: ask for the test's own
    unexpected = [r for phase in ("setup", "call") for r in caplog.get_records(phase)
                  if r.levelno >= logging.WARNING]
    assert not unexpected, [r.getMessage() for r in unexpected]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder made by `handouts init`, ready to edit."""
    folder = tmp_path / "hem"
    init_project(folder)
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def regenerate(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate"))


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")




# -- personal cards (issue 4) ---------------------------------------------------------
FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parents[1]


@pytest.fixture(scope="session")
def a6_inputs():  # type: ignore[no-untyped-def]
    """What laying out personal A6 cards needs, read once from the built-in project."""
    from generator.manifest import Project
    from generator.personal import read_personal_inputs

    return read_personal_inputs(Project(None), "card-a6")


@pytest.fixture(scope="session")
def fridge_inputs():  # type: ignore[no-untyped-def]
    from generator.manifest import Project
    from generator.personal import read_personal_inputs

    return read_personal_inputs(Project(None), "fridge-a5")


PEOPLE = [{"name": "Anna Lind", "routines": ["musik", "maltid"], "avoid": ["Höger axel"]},
          {"name": "Bo Ek", "routines": ["sitta-nara"]},
          {"name": "Åsa Öberg", "routines": ["minnen", "utomhus", "musik"]}]


@pytest.fixture(scope="session")
def people() -> list[dict[str, object]]:
    return PEOPLE


@pytest.fixture(scope="session")
def chunk() -> tuple[list[object], list[bytes], list[object], object, object]:
    """Three persons' cards, rendered, and where each card sits on the sheets (the PDF
    tests' chunk: tests/pdf/test_reuse.py, test_numbered.py)."""
    from generator.batch import place_cards
    from generator.manifest import Project
    from generator.personal import (
        check_person,
        personal_cards,
        placed_cards,
        read_personal_inputs,
        render_cards,
    )

    inputs = read_personal_inputs(Project(None), "card-a6")
    slots: list[object] = []
    placed: list[object] = []
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
