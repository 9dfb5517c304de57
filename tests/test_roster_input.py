"""Rosters as they arrive (issue 11): no health data in any message, and ordinary files
(a huge cell, UTF-16 without its mark, random bytes, a workbook, `sep=;`, a missing
folder) end in a clear message, never "internal error"."""
from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import ContentError
from generator.roster import read_roster

HEALTH = ("anhörig", "undvik", "musik", "mat", "minnen", "kontakt_roll", "kontakt_namn",
          "kontakt_telefon", "anteckning", "Rum", "Personnummer")


def marked_roster(rows: int, broken: bool) -> str:
    """Every health field of every row holds a marker; some rows are broken on purpose."""
    lines = [";".join(("namn", "rutiner", *HEALTH))]
    for row in range(rows):
        cells = [f"Person {row}", "maltider" if broken and row % 2 else "musik"]
        for column in HEALTH:
            value = f"SECRET{row}{column[:4]}" + ("x" * 300 if broken and row % 3 == 0 else "")
            cells.append(value)
        lines.append(";".join(cells))
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize("headerless", [False, True])
def test_no_health_data_reaches_any_message(tmp_path: Path, broken: bool,
                                            headerless: bool) -> None:
    text = marked_roster(6, broken)
    if headerless:
        text = text.split("\r\n", 1)[1]
    path = tmp_path / "boende.csv"
    path.write_bytes(text.encode("cp1252"))
    result = CliRunner().invoke(cli, ["batch", str(path), "-o", str(tmp_path / "ut"), "-j", "1"])
    assert result.exit_code in (0, 1) and "internal error" not in result.output
    assert "SECRET" not in result.stdout + result.stderr
    report = tmp_path / "ut" / "boende-rapport.csv"
    if report.exists():
        rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig")),
                               delimiter=";"))
        for row in rows:
            assert all("SECRET" not in cell for cell in row)


def check(tmp_path: Path, data: bytes, name: str = "lista.csv") -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert "internal error" not in result.output and "Traceback" not in result.output
    return result.exit_code, result.stderr + result.stdout


def test_a_cell_over_the_csv_limit_is_a_row_error(tmp_path: Path) -> None:
    code, text = check(tmp_path, b"namn;rutiner;anteckning\nBo;musik;" + b"x" * 200_000 + b"\n")
    assert code == 1 and "lista.csv:2: error: anteckning: the text is 200000 characters" in text


def test_utf16_without_its_mark_is_read(tmp_path: Path) -> None:
    code, text = check(tmp_path, "namn;rutiner\r\nÅsa Berg;musik\r\n".encode("utf-16-le"))
    assert code == 0 and "1 of 1 row(s) make a card" in text


def test_random_bytes_and_a_workbook_are_named(tmp_path: Path) -> None:
    code, text = check(tmp_path, os.urandom(4000) + b"\x81\x8d")
    assert code == 1 and "error:" in text
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    code, text = check(tmp_path, buffer.getvalue())
    assert code == 1 and "the workbook cannot be read" in text
    code, text = check(tmp_path, b"PK\x03\x04" + os.urandom(300))
    assert code == 1 and "this is a packed (ZIP) file, not a list" in text


def test_excels_sep_line_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes("sep=,\r\nnamn,rutiner,undvik\r\nBo Ek,musik,\"Knät; ont\"\r\n".encode())
    row = read_roster(path).rows[0]
    assert row.number == 2 and row.value["avoid"] == ["Knät; ont"]


def test_a_contact_phone_without_its_role_names_the_columns(tmp_path: Path) -> None:
    code, text = check(tmp_path, b"namn;rutiner;kontakt_telefon\nBo;musik;0701740650\n")
    assert code == 1 and "lista.csv:2: error: kontakt_roll: the key 'role' is missing" in text


def test_a_yaml_roster_error_is_at_its_line(tmp_path: Path) -> None:
    code, text = check(tmp_path, b"- name: Bo\n  routines: [musik]\n- name: Ia\n  routines: "
                       b"[musik, maltider]\n", "lista.yaml")
    assert code == 1 and "lista.yaml:4:" in text and "unknown routine 'maltider'" in text


def test_a_first_row_of_data_is_not_quoted(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(b"Anna Lind;ogonkontakt;Ont i ryggen\n")
    with pytest.raises(ContentError) as caught:
        read_roster(path)
    assert caught.value.problems[0].code == "roster.no_header"
    assert "Ont" not in caught.value.format_message()


def test_an_output_folder_that_cannot_be_made_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(b"namn;rutiner\nBo;musik\n")
    (tmp_path / "fil").write_text("a file, not a folder")
    result = CliRunner().invoke(cli, ["batch", str(path), "-o", str(tmp_path / "fil" / "ut")])
    assert result.exit_code == 1 and "error: cannot write" in result.stderr
