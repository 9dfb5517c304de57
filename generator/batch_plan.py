"""Batch (plan): before anything is laid out, which cards of a re-run must be made again.

Each row's card has an input digest: the row as parsed, and everything else the card's
bytes depend on (the layout and its sheet, every content file, the fonts, the program
itself, the build date). A row whose digest and file are as the folder's record
(batch_record.py) says is `oförändrad` without being laid out or drawn; any other row is
made. The sheet file's digest covers every row's digest in order, so it is kept only
when nothing changed, and made again (from the card files, see batch.py) otherwise.
Rows with problems or warnings are always made again: their messages are not recorded.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .batch_record import BatchRecord, Entry, RowKeys
from .manifest import Project
from .pdf.fonts import font_files
from .pdf.render import build_date
from .personal import read_personal_layouts
from .roster import Roster, RosterRow
from .write import safe_name

_PROGRAM = Path(__file__).parent  # the generator package: code, built-in content, layouts
_SKIP = {"__pycache__"}


@dataclass(slots=True)
class RowPlan:
    """One row: its number and name, its key in the record, its input digest, and the card
    kept from last time (a row with problems found while reading is never kept)."""

    number: int
    name: str
    key: str
    input: str
    kept: Entry | None = None  # the card kept from last time, when it is


class Plan:
    """Every row's plan, in chunks of `chunk_rows` kept in a spool (a temporary file) rather
    than in memory: a batch holds only the chunk it is sending to be laid out."""

    def __init__(self, chunk_rows: int) -> None:
        self.chunk_rows = chunk_rows
        self.stems: Counter[str] = Counter()  # rows per file-name stem
        self.sheet = ""  # the sheet's input digest
        self.sheet_pages: int | None = None  # set when the sheet file is kept as it is
        self.to_make = 0  # rows whose card is made (not kept)
        self._spool: BinaryIO = tempfile.TemporaryFile()
        self._chunk: list[RowPlan] = []

    @property
    def nothing_to_make(self) -> bool:
        return self.sheet_pages is not None and not self.to_make

    def add(self, row: RowPlan) -> None:
        self.to_make += row.kept is None
        self._chunk.append(row)
        if len(self._chunk) == self.chunk_rows:
            self._flush()

    def _flush(self) -> None:
        if self._chunk:
            pickle.dump(self._chunk, self._spool, pickle.HIGHEST_PROTOCOL)
            self._chunk = []

    def chunks(self) -> Iterator[list[RowPlan]]:
        """Each chunk's row plans, in row order (read again from the start each time)."""
        self._flush()
        self._spool.seek(0)
        while True:
            try:
                yield pickle.load(self._spool)
            except EOFError:
                return

    def close(self) -> None:
        self._spool.close()


@dataclass(frozen=True)
class Task:
    """A chunk of rows to lay out; with a plan, which rows are kept and whether the sheet is."""

    file: str
    rows: list[RosterRow]
    plans: list[RowPlan] | None = None
    folder: Path | None = None  # where kept cards are, to place them on a sheet made again
    sheet: bool = True
    sheet_numbers: range | None = None  # object numbers set aside for its sheet (numbered.py)

    def kept(self, index: int) -> RowPlan | None:
        plan = self.plans[index] if self.plans is not None else None
        return plan if plan is not None and plan.kept is not None else None

    @property
    def all_kept(self) -> bool:
        return not self.sheet and all(self.kept(i) for i in range(len(self.rows)))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not _SKIP.intersection(p.relative_to(folder).parts))


def _program_digest() -> str:
    digest = hashlib.sha256()
    for path in _files(_PROGRAM):
        digest.update(str(path.relative_to(_PROGRAM)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def inputs_digest(project: Project, layout_name: str) -> str:
    """A digest of everything but the row that a personal card's bytes depend on; the
    layout is checked as `read_personal_inputs` does, the fonts are read, not registered."""
    layout, sheet, sheet_name = read_personal_layouts(project, layout_name)
    digest = hashlib.sha256(_program_digest().encode())
    digest.update(repr((layout_name, layout, sheet_name, sheet, build_date())).encode())
    for path in _files(project.content):
        digest.update(str(path.relative_to(project.content)).encode() + b"\0")
        digest.update(path.read_bytes())
    for path in font_files(project.fonts):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def row_digest(base: str, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256((base + "\0" + text).encode()).hexdigest()[:32]


def plan_batch(roster: Roster, project: Project, layout_name: str, record: BatchRecord,
               sheet_name: str, chunk_rows: int) -> Plan:
    """Each row's key and input digest, in row order, and the sheet's digest; which cards
    and whether the sheet stay as they are, by the folder's record."""
    base = inputs_digest(project, layout_name)
    plan, keys = Plan(chunk_rows), RowKeys()
    sheet = hashlib.sha256(base.encode())
    for row in roster:
        stem = safe_name(row.name)
        plan.stems[stem] += 1
        digest = row_digest(base, row.value)
        sheet.update(digest.encode())
        key = keys.key(stem, row.value)
        plan.add(RowPlan(row.number, row.name, key, digest,
                         None if row.problems else record.unchanged(key, digest)))
    plan.sheet = sheet.hexdigest()[:32]
    plan.sheet_pages = record.sheet_unchanged(sheet_name, plan.sheet)
    return plan
