"""Batch: a roster laid out to one card per person, chunk sheets and per-row outcomes.

`lay_out_roster` is pure: it reads nothing but the roster and the project, writes
nothing, and yields each chunk's outcome. Rows are read lazily and laid out in fixed
chunks by worker processes, with a bounded number of chunks in flight, so memory does
not grow with the roster; results come back in row order whatever `jobs` is, and each
chunk's sheets depend only on its own rows, so every output's bytes are the same for any
number of jobs. A row that fails carries its problems and the others go on.
`write_batch` names the cards, joins the sheets and writes the report through a
destination from write.py: a folder (`run_batch`) or memory (the API's ZIP).
Nothing here logs; no message carries the avoid lines or the note.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from .batch_record import BatchRecord, folder_lock, identity
from .errors import ContentError, HandoutsError, Problem
from .locale import interface_locale
from .manifest import Project
from .messages import format_problem, hint_text, located_text
from .pdf.join import join_pdfs
from .pdf.reuse import Placed
from .personal import (
    Imposable,
    PersonalInputs,
    check_person,
    personal_cards,
    placed_cards,
    read_personal_inputs,
    render_cards,
    render_sheets,
)
from .report_cells import safe_cell
from .roster import Roster, RosterRow, read_roster
from .write import Folder, safe_name

CHUNK_ROWS = 32  # fixed, so the sheets (packed per chunk) do not depend on --jobs
IN_FLIGHT_PER_JOB = 2  # chunks queued or being laid out per worker: enough to keep it busy
WRITTEN, UNCHANGED, FAILED = interface_locale().report_words
MOVED, NOTICE = interface_locale().data.report.moved, interface_locale().data.report.notice
REPORT_COLUMNS = ("rad", "namn", "fil", "status", "fel")


@dataclass(frozen=True)
class RowOutcome:
    """One row laid out: its card's bytes, or the problems that stopped it."""

    number: int
    name: str
    data: bytes | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()  # put right on the way: a phone number's lost 0
    identity: str = ""  # who the row is across runs (batch_record.identity)

    @property
    def error(self) -> str:
        """The report's one line: `column: message (hint)`, problems joined by '; '."""
        return report_text(self.problems or self.warnings)

    @property
    def message(self) -> str:
        """The terminal's lines: `file:row: error: column: message` and hints."""
        return "\n".join(format_problem(p) for p in self.problems + self.warnings)


def report_text(problems: Iterable[Problem]) -> str:
    """Problems as the report's one cell: `column: message (hint)`, joined by '; '."""
    return "; ".join(located_text(p) + (f" ({hint})" if (hint := hint_text(p)) else "")
                     for p in problems)


@dataclass(frozen=True)
class ChunkOutcome:
    rows: list[RowOutcome]
    sheet: bytes | None


@dataclass
class ReportRow:
    number: int
    name: str
    file: str
    status: str
    error: str
    problems: tuple[Problem, ...] = ()


@dataclass
class BatchResult:
    rows: list[ReportRow] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    sheet: Path | None = None
    report: Path | None = None
    sheet_pages: int = 0

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def persons(self) -> int:
        """Rows of persons (not the report's notes on columns or moved cards)."""
        return sum(1 for row in self.rows if row.status in (WRITTEN, UNCHANGED, FAILED))


def _row_problems(error: HandoutsError, row: RosterRow, file: str) -> tuple[Problem, ...]:
    """The error's problems placed in the roster: a file's problem at the row and column
    (as Excel shows them), a layout's problem at `file:line` of the row."""
    placed = []
    for problem in error.problems:
        if problem.file:
            placed.append(dataclasses.replace(
                problem, file=file, line=problem.line or row.number, column=None,
                field=row.column(problem.field) if problem.field else "", row=row.number, label=""))
        else:
            placed.append(dataclasses.replace(
                problem, product=problem.product or f"{file}:{row.line}", row=row.number))
    return tuple(placed)


T = TypeVar("T")


def place_cards(slots: list[T | None], cards: list[T], per_sheet: int) -> None:
    """Add one person's cards; they start a new sheet rather than split across two, and a
    deck of more than a sheet starts on a fresh one, so no sheet mixes two persons' decks
    except for whole decks that fit."""
    free = (-len(slots)) % per_sheet
    if free and len(cards) > free:
        slots.extend([None] * free)
    slots.extend(cards)


# -- the worker side: state loaded once per process --------------------------------------
_STATE: dict[str, PersonalInputs] = {}


def _start_worker(root: Path | None, layout_name: str) -> None:
    _STATE["inputs"] = read_personal_inputs(Project(root), layout_name)


def lay_out_chunk(task: tuple[str, list[RosterRow]]) -> ChunkOutcome:
    """Check, lay out and render each row of a chunk, and the chunk's sheets."""
    file, rows = task
    inputs = _STATE["inputs"]
    outcomes: list[RowOutcome] = []
    slots: list[Imposable | None] = []
    files: list[bytes] = []  # each card drawn once: the sheet places these files' pages
    placed: list[Placed | None] = []
    content = None
    per_sheet = inputs.sheet.columns * inputs.sheet.rows
    for row in rows:
        warnings: list[Problem] = []
        try:
            if row.problems:
                raise ContentError(list(row.problems))
            person = check_person(row.value, file, inputs, warnings)
            cards = personal_cards(person, inputs, f"{file}:{row.line}")
            content = inputs.content(person.language)
            data = render_cards(cards, content, inputs)
        except HandoutsError as error:
            outcomes.append(RowOutcome(row.number, row.name,
                                       problems=_row_problems(error, row, file),
                                       identity=identity(safe_name(row.name), row.value)))
            continue
        outcomes.append(RowOutcome(row.number, person.name, data,
                                   warnings=_row_problems(ContentError(warnings), row, file),
                                   identity=identity(safe_name(person.name), row.value)))
        place_cards(slots, cards, per_sheet)
        place_cards(placed, placed_cards(cards, len(files)), per_sheet)
        files.append(data)
    sheet = (render_sheets(slots, content, inputs, (files, placed))
             if content is not None else None)
    return ChunkOutcome(outcomes, sheet)


def _chunks(roster: Roster) -> Iterator[tuple[str, list[RosterRow]]]:
    rows = iter(roster)
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        yield roster.file, chunk


def lay_out_roster(roster: Roster, project: Project, layout_name: str,
                   jobs: int = 1) -> Iterator[ChunkOutcome]:
    """Each chunk's outcome, in row order; at most IN_FLIGHT_PER_JOB x jobs chunks pending.

    Pure: nothing is written. A bad layout fails before any row is laid out.
    """
    read_personal_inputs(project, layout_name)
    return _outcomes(roster, project, layout_name, jobs)


def _outcomes(roster: Roster, project: Project, layout_name: str,
              jobs: int) -> Iterator[ChunkOutcome]:
    chunks = -(-roster.count // CHUNK_ROWS)
    if jobs <= 1 or chunks <= 1:
        _start_worker(project.root, layout_name)
        yield from map(lay_out_chunk, _chunks(roster))
        return
    workers = min(jobs, chunks)
    with multiprocessing.Pool(workers, _start_worker, (project.root, layout_name)) as pool:
        pending: deque[AsyncResult[ChunkOutcome]] = deque()
        for task in _chunks(roster):
            pending.append(pool.apply_async(lay_out_chunk, (task,)))
            if len(pending) >= IN_FLIGHT_PER_JOB * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


# -- writing the results -------------------------------------------------------------------
class Destination(Protocol):
    """Where a batch's files go: write.Folder or write.Memory."""

    def put(self, name: str, data: bytes) -> bool: ...
    def spool(self) -> BinaryIO: ...
    def stream(self, name: str) -> AbstractContextManager[BinaryIO]: ...


def report_bytes(rows: list[ReportRow]) -> bytes:
    """The report as Swedish Excel opens it: UTF-8 with BOM, ';', CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for row in rows:
        writer.writerow(map(safe_cell, (row.number, row.name, row.file, row.status, row.error)))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_batch(roster: Roster, chunks: Iterable[ChunkOutcome], destination: Destination,
                progress: Callable[[int, int], None] | None = None,
                record: BatchRecord | None = None) -> BatchResult:
    """Name and write every card, join the chunks' sheets and write the report.

    With a `record` (a folder's), names follow the record: a person keeps their file,
    another roster's file is never replaced, and cards of rows now gone are moved aside.
    """
    stem = safe_name(roster.stem, fallback="roster")
    sheet_name, report_name = f"{stem}-ark.pdf", f"{stem}-rapport.csv"
    used = {sheet_name}
    result = BatchResult()
    for warning in roster.warnings:
        result.messages.append(format_problem(warning))
        result.rows.append(ReportRow(1, "", "", NOTICE, report_text([warning]), (warning,)))
    # The chunks' sheets wait in a spool (an unnamed temporary file on disk) until joined.
    with destination.spool() as spool:
        sheets = []
        for chunk in chunks:
            for row in chunk.rows:
                result.rows.append(_settle(row, destination, used, record, result.messages))
                if row.problems or row.warnings:
                    result.messages.append(row.message)
            if chunk.sheet is not None:
                sheets.append((spool.seek(0, io.SEEK_END), len(chunk.sheet)))
                spool.write(chunk.sheet)
            if progress is not None:
                progress(len(chunk.rows), roster.count)
        if sheets:
            with destination.stream(sheet_name) as stream:
                result.sheet_pages = join_pdfs(_parts(spool, sheets), stream)
            result.sheet = Path(sheet_name)
    if record is not None:
        for entry, moved in record.move_stale():
            stale = Problem("output.stale_card", {"file": entry.file, "moved": moved},
                            roster.file)
            result.messages.append(format_problem(stale))
            result.rows.append(ReportRow(entry.row, "", moved, MOVED, report_text([stale]),
                                         (stale,)))
    destination.put(report_name, report_bytes(result.rows))
    result.report = Path(report_name)
    return result


def _settle(row: RowOutcome, destination: Destination, used: set[str],
            record: BatchRecord | None, messages: list[str]) -> ReportRow:
    """Name and write one row's card; duplicates get -2, -3 (kept across runs by a record)."""
    if row.data is None:
        return ReportRow(row.number, row.name, "", FAILED, row.error, row.problems)
    stem = safe_name(row.name)
    warnings = row.warnings
    if record is not None:
        name, moved = record.claim(row.identity, stem, row.number)
        if moved is not None:
            messages.append(format_problem(moved))
            warnings += (moved,)
    else:
        name, counter = f"{stem}.pdf", 1
        while name in used:
            counter += 1
            name = f"{stem}-{counter}.pdf"
    used.add(name)
    changed = destination.put(name, row.data)
    return ReportRow(row.number, row.name, name, WRITTEN if changed else UNCHANGED,
                     report_text(warnings), warnings)


def _parts(spool: BinaryIO, parts: list[tuple[int, int]]) -> Iterator[bytes]:
    for offset, size in parts:
        spool.seek(offset)
        yield spool.read(size)


def run_batch(project: Project, roster_path: Path, layout_name: str, out: Path, jobs: int,
              progress: Callable[[int, int], None] | None = None,
              display: str | None = None) -> BatchResult:
    """Lay out every row of the roster file into the folder `out`; see the module's docstring."""
    roster = read_roster(roster_path, display)
    chunks = lay_out_roster(roster, project, layout_name, jobs)
    folder = Folder(out)
    with folder_lock(out):
        stems = Counter(safe_name(row.name) for row in roster)
        record = BatchRecord(out, str(roster_path.resolve()), roster_path.name,
                             roster.header_digest, stems)
        try:
            result = write_batch(roster, chunks, folder, progress, record)
            record.save()
        finally:
            record.close()
    result.sheet = out / result.sheet if result.sheet else None
    result.report = out / result.report if result.report else None
    return result
