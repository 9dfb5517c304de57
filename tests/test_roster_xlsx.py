"""Excel workbooks as rosters: told by their bytes, Excel's row numbers, phone numbers restored."""
from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator import api
from generator.errors import ContentError
from generator.roster import read_roster
from generator.roster_xlsx import is_workbook, restored_phone, shown_text


def workbook(rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(tmp_path: Path, data: bytes, name: str = "boende.xlsx"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return read_roster(path, name)


@pytest.mark.parametrize("value,expected", [
    (701740650, "0701740650"),  # mobile, leading 0 lost
    (46701740650, "+46701740650"),  # +46 70 … stored as a number; prints 070-174 06 50
    (86601234, "086601234"),  # Stockholm landline
    (31123456, "031123456"),  # Gothenburg
    (12345, None),  # too short to be clear
    (1740650, None),  # seven digits: too many ways to read it (the one phone rule refuses)
    (7.5, None), (True, None), ("0701740650", None),
])
def test_phone_numbers_stored_as_numbers(value: object, expected: str | None) -> None:
    assert restored_phone(value) == expected


def test_cells_come_out_as_excel_shows_them() -> None:
    assert shown_text(3.5) == "3,5"
    assert shown_text(12.0) == "12"
    assert shown_text(datetime.datetime(2026, 11, 23)) == "2026-11-23"
    assert shown_text(datetime.datetime(2026, 11, 23, 14, 30)) == "2026-11-23 14:30"
    assert shown_text(0.25, "0%") == "25 %"
    assert shown_text(None) == ""


def test_a_workbook_reads_with_excels_row_numbers(tmp_path: Path) -> None:
    data = workbook([["Namn", "Tilltalsnamn", "Rutiner", "Kontakt_telefon", "Anteckning"],
                     ["Anna Lind", "Anna", "ogonkontakt, musik", 701740650,
                      datetime.datetime(2026, 11, 23)],
                     [None, None, None, None, None],
                     ["Bo Ek", None, "maltid", 12345, 3.5]])
    roster = read(tmp_path, data)
    assert roster.count == 2
    first, second = roster.rows
    assert (first.number, second.number) == (2, 4)
    assert first.value["call_name"] == "Anna"
    # A number Excel stored for a phone reaches the one phone rule as its digits; the
    # person check restores the 0 (with a warning) or refuses it, as for a CSV.
    assert first.value["contacts"][0]["phone"] == "701740650"
    assert first.value["note"] == "2026-11-23"
    outcome = api.make_batch(data, file_name="lista.xlsx", project=api.open_project())
    assert [r.number for r in outcome.rows] == [2, 4]
    assert [p.code for p in outcome.rows[1].problems] == ["roster.phone_lost_zero"]


def test_a_workbook_is_told_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    data = workbook([["namn", "rutiner"], ["Anna", "musik"]])
    assert is_workbook(data)
    assert read(tmp_path, data, "lista.csv").count == 1


@pytest.mark.parametrize("name,data,words", [
    ("lista.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "password-protected"),
    ("lista.xlsx", b"%PDF-1.7\n", "not an Excel workbook"),
    ("lista.xlsx", b"PK\x03\x04 broken", "not an Excel workbook"),
])
def test_files_that_are_not_workbooks_get_a_clear_message(tmp_path: Path, name: str,
                                                         data: bytes, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        read(tmp_path, data, name)
    assert words in caught.value.format_message()
    assert "save it as an Excel workbook (.xlsx)" in caught.value.format_message()


def test_an_ods_file_is_named(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ContentError, match=r"OpenDocument spreadsheet \(\.ods\)"):
        read(tmp_path, buffer.getvalue(), "lista.ods")


def test_the_batch_reads_a_workbook(tmp_path: Path) -> None:
    from generator import api

    data = workbook([["namn", "rutiner", "kontakt_roll", "kontakt_namn", "kontakt_telefon"],
                     ["Anna Lind", "ogonkontakt", "Make", "Erik", 701740650],
                     ["Bo Ek", "maltider", None, None, None]])
    outcome = api.make_batch(data, file_name="boende.xlsx", project=api.open_project())
    assert [(r.number, r.status) for r in outcome.rows] == [(2, "created"), (3, "failed")]
    assert "rutiner: det finns ingen rutin som heter ”maltider”" in outcome.rows[1].error
