"""Read (roster header): a roster's first row to the columns it uses, ignores and lacks.

English or Swedish headers, any case, spaces or hyphens for underscores. Up to three
contacts a row: `kontakt_namn`, `kontakt_namn_2`, `kontakt_namn_3` (or contact_name_2 …).
A column the tool does not know (Rum, Avdelning) is ignored with a warning and never
printed; one that holds personal identity numbers is named as not used. Only a missing
required column stops the list. No message quotes more than a short prefix of a header,
and none quotes a first row that does not look like headers: it may be a person's row.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .errors import ContentError, Problem

MAX_CONTACTS = 3
# Column -> (where it goes in a person, how a cell is read). "ids" split on commas and
# line breaks; "lines" (free text) only on line breaks (Alt+Enter in Excel).
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("name", "text"), "call_name": ("call_name", "text"),
    "carer": ("carer", "text"), "language": ("language", "text"),
    "routines": ("routines", "ids"), "avoid": ("avoid", "lines"),
    "music": ("likes.music", "text"), "food": ("likes.food", "text"),
    "memories": ("likes.memories", "text"), "contact_role": ("contacts.role", "text"),
    "contact_name": ("contacts.name", "text"), "contact_phone": ("contacts.phone", "text"),
    "note": ("note", "text"),
}
SWEDISH = {"namn": "name", "tilltalsnamn": "call_name", "anhörig": "carer",
           "språk": "language", "rutiner": "routines",
           "undvik": "avoid", "musik": "music", "mat": "food", "minnen": "memories",
           "kontakt_roll": "contact_role", "kontakt_namn": "contact_name",
           "kontakt_telefon": "contact_phone", "anteckning": "note"}
ENGLISH = {english: english for english in COLUMNS}
REQUIRED = ("name", "routines")
_NUMBERED = re.compile(r"(.+?)_?([1-9])$")
_IDENTITY_HEADERS = {"personnummer", "personnr", "pnr", "person_nr", "samordningsnummer",
                     "personal_identity_number", "ssn", "id_number"}
_IDENTITY_VALUE = re.compile(r"(?:19|20)?\d{6}[-+ ]?\d{4}")
_HEADER_LIKE = re.compile(r"[\w .\-/()]{1,30}")
SHOWN = 24  # characters of an unknown header a message may quote


def fold(text: str) -> str:
    """'Kontakt Namn 2' -> 'kontakt_namn_2'; 'Språk' stays 'språk' (å kept for Swedish keys)."""
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFC", text).strip().lower())


@dataclass(frozen=True)
class Column:
    """A used column: its canonical key, the person field it fills and how it is read."""

    key: str  # name, contact_phone …
    path: str  # name, likes.music, contacts[1].phone
    kind: str  # text, ids, lines
    header: str  # as written


def canonical(header: str) -> tuple[str, int] | None:
    """(canonical key, contact number from 1) of a known header, else None."""
    key = fold(header)
    number = 1
    match = _NUMBERED.fullmatch(key)
    if key not in ENGLISH and key not in SWEDISH and match:
        key, number = match[1], int(match[2])
    key = SWEDISH.get(key, key)
    if key not in COLUMNS:
        return None
    if number > 1 and (not key.startswith("contact_") or number > MAX_CONTACTS):
        return None
    return key, number


def looks_like_header(cell: str) -> bool:
    """Short, a few words, no sentence: safe to quote in a message."""
    return bool(_HEADER_LIKE.fullmatch(cell.strip())) and len(cell.split()) <= 3


def shown(cell: str) -> str:
    text = cell.strip()
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def is_identity_column(header: str, values: list[str]) -> bool:
    """A column of personal identity numbers: by its name, or by what its cells hold."""
    if fold(header) in _IDENTITY_HEADERS:
        return True
    filled = [value.strip() for value in values if value.strip()]
    return bool(filled) and all(_IDENTITY_VALUE.fullmatch(value) for value in filled)


@dataclass(frozen=True)
class Header:
    columns: tuple[Column | None, ...]  # one per cell of the header; None: ignored
    warnings: tuple[Problem, ...]
    swedish: bool  # most known headers are Swedish: name missing columns that way

    def name_of(self, key: str, number: int = 1) -> str:
        """The column a missing field would have: kontakt_roll, contact_role_2 …"""
        words = {v: k for k, v in SWEDISH.items()} if self.swedish else ENGLISH
        return words[key] + (f"_{number}" if number > 1 else "")


def read_header(cells: list[str], file: str, samples: list[list[str]]) -> Header:
    """Check the header; raise when it cannot be used; warn about columns left out."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    seen: dict[tuple[str, int], int] = {}
    columns: list[Column | None] = []
    unknown: list[str] = []
    swedish = 0
    for index, cell in enumerate(cells, 1):
        found = canonical(cell) if cell.strip() else None
        if found is None:
            columns.append(None)
            if cell.strip():
                unknown.append(cell)
                values = [row[index - 1] if index - 1 < len(row) else "" for row in samples]
                warnings.append(_ignored(cell, index, values, file))
            continue
        key, number = found
        swedish += fold(cell).startswith(tuple(SWEDISH))
        if found in seen:
            problems.append(Problem("roster.column_twice", {
                "column": shown(cell), "first": seen[found], "second": index}, file, 1))
        seen[found] = index
        path, kind = COLUMNS[key]
        if path.startswith("contacts."):
            path = f"contacts[{number - 1}].{path.split('.', 1)[1]}"
        columns.append(Column(key, path, kind, cell.strip()))
    if not seen and not any(_close_to_required(c) for c in cells if looks_like_header(c)):
        raise ContentError.single(file, "roster.no_header", line=1)  # perhaps a person's row
    header = Header(tuple(columns), tuple(warnings), swedish * 2 >= len(seen) > 0)
    for required in REQUIRED:
        if (required, 1) not in seen:
            problems.append(_missing(required, header, unknown, file))
    if problems:
        raise ContentError(problems)
    return header


def _ignored(cell: str, index: int, values: list[str], file: str) -> Problem:
    if is_identity_column(cell, values):
        return Problem("roster.identity_column", {"number": index}, file, 1)
    if looks_like_header(cell):
        close = difflib.get_close_matches(fold(cell), list(SWEDISH) + list(ENGLISH), 1, 0.8)
        hint = ("hint.did_you_mean", {"close": close[0]}) if close else None
        return Problem("roster.column_ignored", {"column": shown(cell)}, file, 1,
                       suggestion=hint)
    return Problem("roster.column_ignored_unnamed", {"number": index}, file, 1)


def _close_to_required(cell: str) -> bool:
    names = [name for name, key in {**SWEDISH, **ENGLISH}.items() if key in REQUIRED]
    return bool(difflib.get_close_matches(fold(cell), names, 1, 0.6))


def _missing(required: str, header: Header, unknown: list[str], file: str) -> Problem:
    swedish = next(k for k, v in SWEDISH.items() if v == required)
    hint = None
    for cell in unknown:
        meant = difflib.get_close_matches(fold(cell), [required, swedish], 1, 0.6)
        if meant and looks_like_header(cell):
            hint = ("hint.column_meant", {"written": shown(cell), "column": meant[0]})
            break
    return Problem("roster.column_missing", {"column": required, "swedish": swedish}, file, 1,
                   suggestion=hint)
