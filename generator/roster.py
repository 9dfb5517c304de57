"""Read (roster): a clinic's list of persons, CSV from Excel or a YAML list, to rows.

CSV: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) and the
delimiter (`;`, `,`, tab) are detected, headers may be English or Swedish, and a list
inside a cell is split on commas or line breaks. A row keeps its spreadsheet number
(the header is row 1), so a message points where Excel shows it. Problems with the
file as a whole (no name column, an unknown column) fail at once; problems of one row
travel with that row and are reported by the batch without stopping the others.
Rows are made as they are used: a batch of 10,000 persons never holds them all.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from .errors import ContentError, Problem
from .person import located
from .validate import suggest
from .yamlread import parse_yaml, read_input

MAX_BYTES = 50_000_000

# Column -> (where it goes in a person, is it a list). Contacts are one per row.
COLUMNS: dict[str, tuple[str, bool]] = {
    "name": ("name", False), "call_name": ("call_name", False),
    "carer": ("carer", False), "language": ("language", False),
    "routines": ("routines", True), "avoid": ("avoid", True),
    "music": ("likes.music", False), "food": ("likes.food", False),
    "memories": ("likes.memories", False), "contact_role": ("contacts.role", False),
    "contact_name": ("contacts.name", False), "contact_phone": ("contacts.phone", False),
    "note": ("note", False),
}
SWEDISH = {"namn": "name", "tilltalsnamn": "call_name",
           "anhörig": "carer", "språk": "language", "rutiner": "routines",
           "undvik": "avoid", "musik": "music", "mat": "food", "minnen": "memories",
           "kontakt_roll": "contact_role", "kontakt_namn": "contact_name",
           "kontakt_telefon": "contact_phone", "anteckning": "note"}
REQUIRED = ("name", "routines")
_LIST_SPLIT = re.compile(r"[,\n]")


@dataclass(frozen=True)
class RosterRow:
    """One person's raw values and where they stand; `headers` maps fields to columns."""

    number: int  # spreadsheet row (CSV) or item number (YAML), counted from 1
    line: int  # line in the file, for messages
    value: Any
    headers: tuple[tuple[str, str], ...] = ()  # (person field path, column as written)
    problems: tuple[Problem, ...] = ()  # found while reading, before validation

    @property
    def name(self) -> str:
        """The name as given, for the report, whether or not the row is valid."""
        name = self.value.get("name") if isinstance(self.value, dict) else None
        return name.strip() if isinstance(name, str) else ""

    def column(self, field: str) -> str:
        """The column a person field came from (`contacts[0].phone` -> `kontakt_telefon`)."""
        plain = re.sub(r"\[\d+\]", "", field)
        for path, header in self.headers:
            if plain == path or plain.startswith(path + "."):
                return header
        return field


@dataclass(frozen=True)
class Roster:
    """A roster whose header is checked and whose persons are counted, rows made on demand.

    Each parsed row costs some kilobytes (values with their positions); iterating makes
    them one at a time, so a batch holds only the rows it is working on.
    """

    file: str
    stem: str  # the roster's file name without suffix, for the sheet and report names
    count: int  # persons, i.e. rows that are not empty
    is_csv: bool
    make_rows: Callable[[], Iterator[RosterRow]] = field(repr=False, compare=False)

    def __iter__(self) -> Iterator[RosterRow]:
        return self.make_rows()

    @property
    def rows(self) -> tuple[RosterRow, ...]:
        """Every row at once, for a small roster; a batch iterates instead."""
        return tuple(self.make_rows())


def decode(raw: bytes) -> str:
    """Text from a spreadsheet export: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Swedish Excel saves "CSV" in Windows-1252 and "CSV UTF-8" with a BOM. Windows-1252
    is tried before any statistical guess, which on a short Swedish file may choose a
    code page that turns å, ä and ö into other letters without a word.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("latin-1")


def sniff_delimiter(header: str) -> str:
    """The delimiter the header line uses most: ';' (Swedish Excel), ',' or tab."""
    counts = {delimiter: header.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _canonical(header: str) -> str | None:
    key = header.strip().lower().replace(" ", "_").replace("-", "_")
    if key in COLUMNS:
        return key
    return SWEDISH.get(key)


def _read_header(cells: list[str], file: str) -> list[str | None]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    columns: list[str | None] = []
    known = list(COLUMNS) + list(SWEDISH)
    for index, cell in enumerate(cells, 1):
        canonical = _canonical(cell)
        if not cell.strip():
            columns.append(None)  # an empty header over an empty column, as Excel leaves
            continue
        if canonical is None:
            hint = suggest(cell.strip().lower(), known)
            if hint[0] != "hint.did_you_mean":
                hint = ("hint.roster_columns", {"columns": ", ".join(
                    f"{sv}/{en}" for sv, en in SWEDISH.items())})
            problems.append(Problem("roster.unknown_column", {"column": cell.strip()}, file, 1,
                                    suggestion=hint))
        elif canonical in seen:
            problems.append(Problem("roster.column_twice", {
                "column": cell.strip(), "first": seen[canonical], "second": index}, file, 1))
        else:
            seen[canonical] = index
        columns.append(canonical)
    for required in REQUIRED:
        if required not in seen:
            swedish = next(k for k, v in SWEDISH.items() if v == required)
            problems.append(Problem("roster.column_missing",
                                    {"column": required, "swedish": swedish}, file, 1))
    if problems:
        raise ContentError(problems)
    return columns


def _split(cell: str) -> list[str]:
    return [item.strip() for item in _LIST_SPLIT.split(cell) if item.strip()]


def _person_values(columns: list[str | None], cells: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    contact: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):  # short rows are fine
        if column is None or not cell.strip():
            continue  # an empty cell is a value not given
        path, is_list = COLUMNS[column]
        if path.startswith("contacts."):
            contact[path.split(".", 1)[1]] = cell.strip()
        elif path.startswith("likes."):
            values.setdefault("likes", {})[path.split(".", 1)[1]] = cell.strip()
        else:
            values[path] = _split(cell) if is_list else cell.strip()
    if contact:
        values["contacts"] = [contact]
    return values


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)  # Excel keeps rows of empty cells


def read_csv_roster(text: str, file: str) -> tuple[int, Callable[[], Iterator[RosterRow]]]:
    """Check the header at once; return the number of persons and a maker of their rows."""
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ContentError.single(file, "roster.empty_csv")
    delimiter = sniff_delimiter(next(line for line in lines if line.strip()))

    def records() -> Iterator[list[str]]:
        return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    first = next(records())
    columns = _read_header(first, file)
    headers = tuple((COLUMNS[c][0], first[i].strip()) for i, c in enumerate(columns)
                    if c is not None)
    count = sum(1 for cells in itertools.islice(records(), 1, None) if not _is_blank(cells))

    def rows() -> Iterator[RosterRow]:
        for number, cells in enumerate(itertools.islice(records(), 1, None), 2):
            if _is_blank(cells):
                continue
            problems: tuple[Problem, ...] = ()
            if not _is_blank(cells[len(columns):]):
                problems = (Problem("roster.row_cells", {"cells": len(cells),
                                                         "columns": len(columns)},
                                    file, number, row=number),)
            values = _person_values(columns, cells)
            yield RosterRow(number, number, located(values, file, number), headers, problems)

    return count, rows


def read_yaml_roster(text: str, file: str) -> tuple[int, Callable[[], Iterator[RosterRow]]]:
    value = parse_yaml(text, file)
    if value is None:
        raise ContentError.single(file, "roster.empty_yaml")
    if not isinstance(value, list):
        raise ContentError.single(file, "roster.not_list", line=1)
    positions: list[tuple[int, int]] = getattr(value, "positions", [])

    def rows() -> Iterator[RosterRow]:
        for index, (item, position) in enumerate(zip(value, positions, strict=True), 1):
            yield RosterRow(index, position[0], item)

    return len(value), rows


def read_roster(path: Path, display: str | None = None) -> Roster:
    """Read a roster file (an Excel workbook; .csv, .txt or .tsv as CSV; .yaml or .yml)."""
    name = display or str(path)
    return roster_from_bytes(read_input(path, name), path.name, name)


def roster_from_bytes(raw: bytes, file_name: str, display: str | None = None) -> Roster:
    """A roster from its bytes; `file_name`'s suffix says CSV or YAML, its stem names outputs."""
    name = display or file_name
    if len(raw) > MAX_BYTES:
        raise ContentError.single(name, "roster.too_large", {"megabytes": MAX_BYTES // 1_000_000})
    path = PurePath(file_name)
    is_csv = path.suffix.lower() not in (".yaml", ".yml")
    from . import roster_xlsx  # Excel workbooks, told by their bytes (see roster_xlsx.py)

    if roster_xlsx.is_workbook(raw):
        is_csv = True
        count, rows = roster_xlsx.read_xlsx_roster(raw, name, read_csv_roster)
    else:
        roster_xlsx.refuse_other_spreadsheets(raw, name, path.suffix.lower())
        text = decode(raw)
        count, rows = read_csv_roster(text, name) if is_csv else read_yaml_roster(text, name)
    if not count:
        raise ContentError.single(name, "roster.no_persons_csv" if is_csv
                                  else "roster.no_persons_yaml", line=1 if is_csv else None)
    return Roster(name, path.stem, count, is_csv, rows)
