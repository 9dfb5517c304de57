"""Write (batch report): `…-rapport.csv`, a line for each row, written as the rows come.

The report is what Swedish Excel opens: UTF-8 with a BOM, `;` between cells, CRLF, its
column names, status words and errors in the reader's language. Its lines go to a spool
(a temporary file) as each row is settled, so a batch of 100,000 persons does not hold
100,000 report rows in memory; the finished report is handed to the destination once.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import BinaryIO, Protocol

from .errors import Problem
from .messages import REPORT_COLUMNS, hint_text, located_text
from .report_cells import safe_cell


class Row(Protocol):
    number: int
    name: str
    file: str
    status: str
    problems: tuple[Problem, ...]


def report_text(problems: Iterable[Problem], translate: Callable[[str], str]) -> str:
    """Problems as the report's one cell: `column: message (hint)`, joined by '; '."""
    return "; ".join(located_text(p, translate) + (
        f" ({hint})" if (hint := hint_text(p, translate)) else "") for p in problems)


class ReportWriter:
    """The report's lines, written to `spool` as they are added."""

    def __init__(self, spool: BinaryIO, translate: Callable[[str], str]) -> None:
        self.spool, self.translate = spool, translate
        self.text = io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
        self.writer = csv.writer(self.text, delimiter=";", lineterminator="\r\n")
        self.text.write("\ufeff")
        self.writer.writerow([translate(column) for column in REPORT_COLUMNS])

    def add(self, row: Row) -> None:
        self.writer.writerow(map(safe_cell, (
            row.number, row.name, row.file, self.translate(row.status),
            report_text(row.problems, self.translate))))

    def finish(self) -> bytes:
        """The whole report (a few dozen bytes a row), once every row is added."""
        self.text.flush()
        self.spool.seek(0)
        data = self.spool.read()
        self.text.detach()
        return data

