"""Real-looking lists (issue 10): a Swedish Excel export printed as the nurse meant it.

The fixture is what Excel's "CSV (semikolonavgränsad)" writes: Windows-1252, ';', CRLF,
extra columns (Rum, Avdelning, Personnummer), a phone number that lost its zero,
commas inside an avoid line, routine titles instead of ids, two contacts, and a resident
with six cards. Each test reads the cards' text or the sheets' order.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from generator.batch import BatchResult, run_batch
from generator.cli import cli
from generator.i18n import translator
from generator.manifest import Project

ROSTERS = FIXTURES / "rosters"


def text_of(path: Path) -> str:
    pages = pypdf.PdfReader(path).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages).replace("\xa0", " ")


@pytest.fixture(scope="module", params=["excel-export.csv", "excel-export-sep.csv"])
def made(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Path, BatchResult]:
    out = tmp_path_factory.mktemp("ut")
    result = run_batch(Project(None), ROSTERS / request.param, "card-a6", out, 1,
                       display=request.param, translate=translator("sv"))
    return out, result


def report(out: Path) -> list[list[str]]:
    path = next(out.glob("*-rapport.csv"))
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))


def test_every_row_makes_a_card(made: tuple[Path, BatchResult]) -> None:
    out, result = made
    assert result.failed == 0
    assert [r.file for r in result.rows if r.number > 1] == [
        "anna-lind.pdf", "bertil-oberg.pdf", "greta-akesson.pdf"]


def test_a_comma_in_an_avoid_line_does_not_split_it(made: tuple[Path, BatchResult]) -> None:
    text = text_of(made[0] / "anna-lind.pdf")
    assert "• Höger axel – den är öm, var försiktig" in text
    assert "• försiktig" not in text and "• var försiktig" not in text
    assert "• Fötterna, de kittlas" in text_of(made[0] / "bertil-oberg.pdf")


def test_a_phone_number_without_its_zero_is_restored_and_noted(
        made: tuple[Path, BatchResult]) -> None:
    out, _ = made
    assert "Make: Erik Lind, 070-174 06 50" in text_of(out / "anna-lind.pdf")
    assert "Dotter: Karin Lind, 070-174 06 51" in text_of(out / "anna-lind.pdf")  # +46
    assert "Son: Lars Öberg, 070-174 06 52" in text_of(out / "bertil-oberg.pdf")  # 0046
    anna = next(row for row in report(out) if row[1] == "Anna Lind")
    assert anna[3] == "skapad"
    assert "tappat sin första nolla" in anna[4] and "070\xa0174\xa006\xa050" not in anna[4]


def test_two_contacts_in_one_row(made: tuple[Path, BatchResult]) -> None:
    text = text_of(made[0] / "greta-akesson.pdf")
    assert "Dotter: Maj Åkesson, 070-174 06 53" in text  # 070-1740653, grouped
    assert "Kontaktsjuksköterska: Sara Ek, 070-174 06 54" in text


def test_titles_any_case_stand_for_routines(made: tuple[Path, BatchResult]) -> None:
    text = text_of(made[0] / "anna-lind.pdf")
    for title in ("Väck handen före maten", "Sitt nära", "Ögonkontakt först"):
        assert title in text
    assert len(pypdf.PdfReader(made[0] / "bertil-oberg.pdf").pages) == 12  # six cards


def test_extra_columns_are_ignored_named_and_never_printed(
        made: tuple[Path, BatchResult]) -> None:
    out, result = made
    notes = [row for row in report(out) if row[3] == "varning" and row[0] == "1"]
    assert [row[4].split(";")[0] for row in notes] == [
        "kolumnen ”Rum” används inte och hoppades över",
        "kolumnen ”Avdelning” används inte och hoppades över",
        "kolumn 4 har personnummer"]
    everything = "".join(text_of(p) for p in out.glob("*.pdf"))
    everything += "\n".join(p.format() for p in result.messages)
    everything += next(out.glob("*-rapport.csv")).read_text(encoding="utf-8-sig")
    for secret in ("19400101-1234", "Björken", "Eken"):
        assert secret not in everything


def test_a_six_card_deck_starts_its_own_sheet(made: tuple[Path, BatchResult]) -> None:
    sheets = pypdf.PdfReader(next(made[0].glob("*-ark.pdf"))).pages
    fronts = [" ".join(page.extract_text().split()) for page in sheets[::2]]
    assert len(fronts) == 3
    assert fronts[0].startswith("Anna Lind") and "Bertil" not in fronts[0]
    assert fronts[1].startswith("Bertil Öberg")  # his cover opens sheet 2
    assert "Greta Åkesson" in fronts[2] and "Anna Lind" not in fronts[2]


def test_check_reads_the_list_and_writes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(ROSTERS / "excel-export.csv")])
    assert result.exit_code == 0, result.output
    assert "3 of 3 row(s) make a card; nothing written" in result.stdout
    assert "warning: the column 'Rum' is not used" in result.stderr
    assert not list(tmp_path.iterdir())
