"""Write (report cells): each value of the batch report made safe for a spreadsheet.

The report's names and errors come from a roster anyone may have typed into. Excel
runs a cell that begins with =, +, -, @, a tab or a carriage return as a formula, so
such a cell gets a single quote in front (OWASP's advice on CSV injection) and reads
as the text it is. Control characters (C0 and C1) and the bidirectional overrides and
isolates (U+202A–U+202E, U+2066–U+2069), which can make a cell show other text than
it holds, are taken out; a tab or line break becomes a space.
"""
from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SPACE = re.compile("[\t\n\r\v\f\x85\u2028\u2029]")
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_cell(value: object) -> object:
    """`value` as a report cell: numbers as they are, text defused and cleaned."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    value = _UNSEEN.sub("", _SPACE.sub(" ", value))
    if value.lstrip().startswith(FORMULA_START):  # a formula behind spaces or removed marks
        value = "'" + value
    return value
