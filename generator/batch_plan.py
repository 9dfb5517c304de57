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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    kept from last time (decided once the record is read)."""

    number: int
    name: str
    key: str
    input: str
    readable: bool  # no problems found while reading the row
    kept: Entry | None = None


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    stems: Counter[str] = field(default_factory=Counter)  # rows per file-name stem
    sheet: str = ""  # the sheet's input digest
    sheet_pages: int | None = None  # set when the sheet file is kept as it is

    @property
    def to_make(self) -> int:
        return sum(1 for row in self.rows if row.kept is None)

    @property
    def nothing_to_make(self) -> bool:
        return self.sheet_pages is not None and not self.to_make

    def decide(self, record: BatchRecord, sheet_name: str) -> None:
        """Which cards and whether the sheet stay as they are, by the folder's record."""
        for row in self.rows:
            row.kept = record.unchanged(row.key, row.input) if row.readable else None
        self.sheet_pages = record.sheet_unchanged(sheet_name, self.sheet)


@dataclass(frozen=True)
class Task:
    """A chunk of rows to lay out; with a plan, which rows are kept and whether the sheet is."""

    file: str
    rows: list[RosterRow]
    plans: list[RowPlan] | None = None
    folder: Path | None = None  # where kept cards are, to place them on a sheet made again
    sheet: bool = True

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


def plan_batch(roster: Roster, project: Project, layout_name: str) -> Plan:
    """Each row's key and input digest, in row order, and the sheet's digest."""
    base = inputs_digest(project, layout_name)
    plan, keys = Plan(), RowKeys()
    sheet = hashlib.sha256(base.encode())
    for row in roster:
        stem = safe_name(row.name)
        plan.stems[stem] += 1
        digest = row_digest(base, row.value)
        sheet.update(digest.encode())
        plan.rows.append(RowPlan(row.number, row.name, keys.key(stem, row.value), digest,
                                 not row.problems))
    plan.sheet = sheet.hexdigest()[:32]
    return plan
