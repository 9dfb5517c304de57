"""Read (roster, Excel): the first sheet of an .xlsx workbook to the rows the CSV reader takes.

Files are told apart by their bytes, not their names: an .xlsx is a ZIP holding
`xl/workbook.xml`; an .ods is a ZIP whose `mimetype` says so; an old .xls and a
password-protected workbook are OLE2 compound files (D0 CF 11 E0). Cells come out as
the text Excel shows: whole numbers without ",0", dates as 2026-11-23, decimals with a
comma. A phone number Excel stored as a number (701740650, its leading 0 lost) is
given its 0 back when it is clearly a Swedish mobile or landline number, else the row
reports it. The header is row 1 and rows keep Excel's numbers.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from .errors import ContentError, Problem
from .locale.phone import read_phone

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PHONE_COLUMNS = ("contact_phone", "kontakt_telefon")


def is_workbook(raw: bytes) -> bool:
    """True for an .xlsx (or .xlsm) workbook, whatever the file is called."""
    if not raw.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def refuse_other_spreadsheets(raw: bytes, file: str, suffix: str) -> None:
    """A clear message for files a roster cannot be read from: .xls, .ods, locked, not Excel."""
    if raw.startswith(OLE2):
        raise ContentError.single(file, "roster.xls")
    if raw.startswith(b"PK") and b"opendocument.spreadsheet" in raw[:200]:
        raise ContentError.single(file, "roster.ods")
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise ContentError.single(file, "roster.not_xlsx", {"suffix": suffix})


def shown_text(value: Any, number_format: str = "General") -> str:
    """A cell's value as Excel shows it in a Swedish sheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()[:16 if isinstance(value, datetime.date) else 5]
    if isinstance(value, (int, float)):
        if "%" in number_format:
            return f"{value * 100:g}".replace(".", ",") + " %"
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.10g}".replace(".", ",")
    return str(value)


def restored_phone(value: Any) -> str | None:
    """A phone number Excel stored as a number, with its 0 back; None when unclear.

    The rule is the one every route shares (locale/phone.py).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not float(value).is_integer() or value <= 0:
        return None
    read = read_phone(str(int(value)))
    return read.number if read is not None and read.restored else None


def _cells(sheet: Any, file: str) -> Iterator[tuple[int, list[Any], list[str]]]:
    """(Excel row number, raw values, shown texts) for every row of the sheet."""
    for number, row in enumerate(sheet.iter_rows(), 1):
        values = [getattr(cell, "value", None) for cell in row]
        formats = [getattr(cell, "number_format", "General") or "General" for cell in row]
        yield number, values, [shown_text(v, f) for v, f in zip(values, formats, strict=True)]


def read_workbook(raw: bytes, file: str) -> tuple[str, dict[int, list[Problem]]]:
    """The first sheet as CSV text (';'), and problems found per Excel row number."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ContentError.single(file, "roster.xlsx_unreadable",
                                  {"detail": type(error).__name__}) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ContentError.single(file, "roster.xlsx_unreadable", {"detail": "no sheet"})
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        problems: dict[int, list[Problem]] = {}
        phone_at: int | None = None
        for number, values, texts in _cells(sheet, file):
            if number == 1:
                names = [t.strip().lower() for t in texts]
                phone_at = next((i for i, n in enumerate(names) if n in PHONE_COLUMNS), None)
            elif phone_at is not None and phone_at < len(values):
                _restore_phone(values, texts, phone_at, number, file, problems)
            writer.writerow(texts)
    finally:
        book.close()
    return buffer.getvalue(), problems


def _restore_phone(values: list[Any], texts: list[str], at: int, number: int, file: str,
                   problems: dict[int, list[Problem]]) -> None:
    value = values[at]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if restored_phone(value) is not None:
        return  # left as digits: the person check restores it and warns, as for a CSV
    problems.setdefault(number, []).append(Problem(
        "roster.phone_lost_zero", {"number": texts[at]}, file, number, field="contacts.phone",
        row=number))
    texts[at] = ""


def read_xlsx_roster(raw: bytes, file: str,
                     read_csv: Callable[[str, str], tuple[int, Callable[[], Iterator[Any]]]]
                     ) -> tuple[int, Callable[[], Iterator[Any]]]:
    """The workbook's rows through the CSV reader (`read_csv`), with the phone problems."""
    text, problems = read_workbook(raw, file)
    count, make_rows = read_csv(text, file)

    def rows() -> Iterator[Any]:
        for row in make_rows():
            extra = problems.get(row.number)
            yield dataclasses.replace(row, problems=row.problems + tuple(extra)) if extra else row

    return count, rows
