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
import hashlib
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from .errors import ContentError, Problem
from .person import located
from .roster_columns import COLUMNS, MAX_CONTACTS, Column, Header, read_header
from .yamlread import parse_yaml, read_input

MAX_BYTES = 50_000_000
SAMPLE_ROWS = 5  # data rows looked at to tell what an unknown column holds
_SEP_LINE = re.compile(r"\ufeff?sep=(.)\s*$", re.IGNORECASE)


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
        """The column a person field came from: `contacts[1].phone` -> `kontakt_telefon_2`,
        `avoid[2]` -> `undvik, line 3` (lines in a cell, counted from 1)."""
        for path, header in self.headers:
            if field == path or field.startswith(path + "."):
                return header
            if field.startswith(path + "["):
                index = re.match(r"\[(\d+)\]", field[len(path):])
                return (f"{header}, line {int(index[1]) + 1}" if index and path == "avoid"
                        else header)
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
    warnings: tuple[Problem, ...] = ()  # columns ignored, found while reading the header
    header_digest: str = ""  # sha256 of the header row: the roster's shape, no person's data

    def __iter__(self) -> Iterator[RosterRow]:
        return self.make_rows()

    @property
    def rows(self) -> tuple[RosterRow, ...]:
        """Every row at once, for a small roster; a batch iterates instead."""
        return tuple(self.make_rows())


def decode(raw: bytes, file: str = "") -> str:
    """Text from a spreadsheet export: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Swedish Excel saves "CSV" in Windows-1252 and "CSV UTF-8" with a BOM. Windows-1252
    is tried before any statistical guess, which on a short Swedish file may choose a
    code page that turns å, ä and ö into other letters without a word.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ContentError.single(file, "roster.workbook")
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
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


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without its mark: every other byte of ASCII text is zero."""
    head = raw[:2000]
    if len(head) < 4 or head.count(0) * 3 < len(head):
        return None
    encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def sniff_delimiter(header: str) -> str:
    """The delimiter the header line uses most: ';' (Swedish Excel), ',' or tab."""
    counts = {delimiter: header.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _split(cell: str, kind: str) -> list[str]:
    parts = re.split(r"[,\n]" if kind == "ids" else r"\n", cell)
    return [item.strip() for item in parts if item.strip()]


def _person_values(columns: tuple[Column | None, ...], cells: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    contacts: dict[int, dict[str, str]] = {}
    for column, cell in zip(columns, cells, strict=False):  # short rows are fine
        if column is None or not cell.strip():
            continue  # an empty cell is a value not given
        path = column.path
        if path.startswith("contacts["):
            number, key = re.fullmatch(r"contacts\[(\d)\]\.(\w+)", path).groups()  # type: ignore[union-attr]
            contacts.setdefault(int(number), {})[key] = cell.strip()
        elif path.startswith("likes."):
            values.setdefault("likes", {})[path.split(".", 1)[1]] = cell.strip()
        else:
            values[path] = cell.strip() if column.kind == "text" else _split(cell, column.kind)
    if contacts:
        values["contacts"] = [contacts[n] for n in sorted(contacts)]
    return values


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)  # Excel keeps rows of empty cells


CsvRoster = tuple[int, Callable[[], Iterator[RosterRow]], tuple[Problem, ...], str]


def read_csv_roster(text: str, file: str) -> CsvRoster:
    """Check the header at once; return the number of persons, a maker of their rows, the
    header's warnings and its digest."""
    first_line = _first_line(text)
    if first_line is None:
        raise ContentError.single(file, "roster.empty_csv")
    sep = _SEP_LINE.match(first_line)  # Excel's own first line: sep=;
    if sep:
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line = _first_line(text) or ""
    delimiter = sep[1] if sep else sniff_delimiter(first_line)
    csv.field_size_limit(MAX_BYTES + 1)  # a huge cell is a row's problem, found by its length
    # Kept as UTF-8 for the rows made later: a Swedish list is one byte a character there,
    # while a str holding one dash (from Windows-1252) takes two bytes for every character.
    kept = text.encode("utf-8", "surrogatepass")
    del text

    def records() -> Iterator[list[str]]:
        lines = io.TextIOWrapper(io.BytesIO(kept), encoding="utf-8", errors="surrogatepass",
                                 newline="")
        return csv.reader(lines, delimiter=delimiter)

    try:
        first = next(records(), [])
        samples = list(itertools.islice(records(), 1, 1 + SAMPLE_ROWS))
        count = sum(1 for cells in itertools.islice(records(), 1, None) if not _is_blank(cells))
    except csv.Error as error:
        raise ContentError.single(file, "roster.not_csv", {"detail": str(error)}) from None
    header = read_header(first, file, samples)
    columns = header.columns
    headers = tuple((c.path, c.header) for c in columns if c is not None) + _absent(header)
    digest = hashlib.sha256("\x1f".join(first).encode("utf-8")).hexdigest()

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
            # Excel hides its `sep=;` line: rows are numbered as it shows them
            yield RosterRow(number, number, located(values, file, number), headers, problems)

    return count, rows, header.warnings, digest


def _first_line(text: str) -> str | None:
    """The first line holding more than white space, or None."""
    for line in io.StringIO(text, newline=None):  # a line at a time: no list of every line
        if line.strip():
            return line.rstrip("\r\n")
    return None


def _absent(header: Header) -> tuple[tuple[str, str], ...]:
    """Person fields without a column, named as their column would be (for messages)."""
    present = {c.path for c in header.columns if c is not None}
    named = []
    for key, (path, _kind) in COLUMNS.items():
        numbers = range(1, MAX_CONTACTS + 1) if path.startswith("contacts.") else (1,)
        for number in numbers:
            full = (f"contacts[{number - 1}].{path.split('.', 1)[1]}"
                    if path.startswith("contacts.") else path)
            if full not in present:
                named.append((full, header.name_of(key, number)))
    return tuple(named)


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

    warnings: tuple[Problem, ...] = ()
    digest = ""
    if roster_xlsx.is_workbook(raw):
        is_csv = True
        found: list[tuple[tuple[Problem, ...], str]] = []

        def read_csv(text: str, file: str) -> tuple[int, Callable[[], Iterator[RosterRow]]]:
            count, rows, header_warnings, header_digest = read_csv_roster(text, file)
            found.append((header_warnings, header_digest))
            return count, rows

        count, rows = roster_xlsx.read_xlsx_roster(raw, name, read_csv)
        warnings, digest = found[0]
    else:
        roster_xlsx.refuse_other_spreadsheets(raw, name, path.suffix.lower())
        text = decode(raw, name)
        if is_csv:
            count, rows, warnings, digest = read_csv_roster(text, name)
        else:
            count, rows = read_yaml_roster(text, name)
    if not count:
        raise ContentError.single(name, "roster.no_persons_csv" if is_csv
                                  else "roster.no_persons_yaml", line=1 if is_csv else None)
    return Roster(name, path.stem, count, is_csv, rows, warnings, digest)
