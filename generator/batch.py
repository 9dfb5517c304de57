"""Batch: a roster to one card per person, one imposed sheet file and a report.

Rows are read lazily and laid out in fixed chunks by worker processes, with a bounded
number of chunks in flight, so memory does not grow with the roster; results come back
in row order whatever `jobs` is, and each chunk's sheets depend only on its own rows, so every
output's bytes are the same for any number of jobs. A row that fails is reported with
its reason and the others go on. Files are written atomically, and a card whose bytes
would not change is left alone, so an interrupted batch is finished by running it again.
Nothing here logs; no message carries the avoid lines or the note.
"""
from __future__ import annotations

import csv
import io
import itertools
import multiprocessing
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import BinaryIO

from .build import (
    Imposable,
    PersonalInputs,
    check_person,
    personal_cards,
    read_personal_inputs,
    render_cards,
    render_sheets,
)
from .errors import ContentError, HandoutsError, OutputError
from .locale import interface_locale
from .manifest import Project
from .pdf.join import join_pdfs
from .roster import Roster, RosterRow, read_roster
from .write import atomic_file, safe_name, write_atomic

CHUNK_ROWS = 32  # fixed, so the sheets (packed per chunk) do not depend on --jobs
IN_FLIGHT_PER_JOB = 2  # chunks queued or being laid out per worker: enough to keep it busy
WRITTEN, UNCHANGED, FAILED = interface_locale().report_words
REPORT_COLUMNS = ("rad", "namn", "fil", "status", "fel")


@dataclass(frozen=True)
class RowOutcome:
    number: int
    name: str
    data: bytes | None = None
    error: str = ""  # one line for the report
    message: str = ""  # file:row: error: ... lines, for the terminal


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


def _row_error(error: HandoutsError, row: RosterRow, file: str) -> tuple[str, str]:
    """The report's one line and the terminal's message for a row that failed."""
    if isinstance(error, ContentError):
        parts, lines = [], []
        for problem in error.problems:
            column = row.column(problem.field) if problem.field else ""
            text = f"{column}: {problem.message}" if column else problem.message
            parts.append(text + (f" ({problem.hint})" if problem.hint else ""))
            place = f"{file}:{problem.line or row.number}"
            lines.append(f"{place}: error: {text}" + (f"\n  hint: {problem.hint}"
                                                      if problem.hint else ""))
        return "; ".join(parts), "\n".join(lines)
    message = error.format_message()
    first, _, rest = message.partition("\n")
    prefix = f"{file}:{row.line}: "
    short = first[len(prefix):] if first.startswith(prefix) else first
    short = short.replace("error: ", "", 1)
    hint = rest.strip().removeprefix("hint: ")
    full = message if message.startswith(prefix) else f"{prefix}{message}"
    return short + (f" ({hint})" if hint else ""), full


def place_cards(slots: list[Imposable | None], cards: list[Imposable], per_sheet: int) -> None:
    """Add one person's cards; they start a new sheet rather than split across two."""
    free = (-len(slots)) % per_sheet
    if free and len(cards) > free and len(cards) <= per_sheet:
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
    content = None
    per_sheet = inputs.sheet.columns * inputs.sheet.rows
    for row in rows:
        try:
            if row.problems:
                raise ContentError(list(row.problems))
            person = check_person(row.value, file, inputs)
            cards = personal_cards(person, inputs, f"{file}:{row.line}")
            content = inputs.content(person.language)
            data = render_cards(cards, content, inputs)
        except HandoutsError as error:
            short, full = _row_error(error, row, file)
            outcomes.append(RowOutcome(row.number, row.name, error=short, message=full))
            continue
        outcomes.append(RowOutcome(row.number, person.name, data))
        place_cards(slots, cards, per_sheet)
    sheet = render_sheets(slots, content, inputs) if content is not None else None
    return ChunkOutcome(outcomes, sheet)


def _chunks(roster: Roster) -> Iterator[tuple[str, list[RosterRow]]]:
    rows = iter(roster)
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        yield roster.file, chunk


def _outcomes(roster: Roster, project: Project, layout_name: str,
              jobs: int) -> Iterator[ChunkOutcome]:
    """Each chunk's outcome, in row order; at most IN_FLIGHT_PER_JOB x jobs chunks pending."""
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


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file already holds exactly it."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        write_atomic(path, data, durable=False)
    except OSError as error:
        raise OutputError(f"{path}: error: cannot write: {error.strerror}\n"
                          "  hint: check that the folder exists and is writable") from None
    return True


def _report_bytes(rows: list[ReportRow]) -> bytes:
    """The report as Swedish Excel opens it: UTF-8 with BOM, ';', CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for row in rows:
        writer.writerow((row.number, row.name, row.file, row.status, row.error))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def run_batch(project: Project, roster_path: Path, layout_name: str, out: Path, jobs: int,
              progress: Callable[[int, int], None] | None = None,
              display: str | None = None) -> BatchResult:
    """Lay out every row of the roster into `out`; see the module's docstring."""
    roster = read_roster(roster_path, display)
    read_personal_inputs(project, layout_name)  # a bad layout fails before any work
    out.mkdir(parents=True, exist_ok=True)
    stem = safe_name(roster.stem, fallback="roster")
    sheet_path, report_path = out / f"{stem}-ark.pdf", out / f"{stem}-rapport.csv"
    used = {sheet_path.name}
    result = BatchResult()
    # The chunks' sheets wait in an unnamed temporary file, not in memory, until joined.
    with tempfile.TemporaryFile(dir=out) as sheet_file:
        sheets = []
        for chunk in _outcomes(roster, project, layout_name, jobs):
            for row in chunk.rows:
                result.rows.append(_settle(row, out, used))
                if row.message:
                    result.messages.append(row.message)
            if chunk.sheet is not None:
                sheets.append((sheet_file.seek(0, io.SEEK_END), len(chunk.sheet)))
                sheet_file.write(chunk.sheet)
            if progress is not None:
                progress(len(chunk.rows), roster.count)
        if sheets:
            result.sheet_pages = _write_sheet(sheet_file, sheets, sheet_path)
            result.sheet = sheet_path
    _write_if_changed(report_path, _report_bytes(result.rows))
    result.report = report_path
    return result


def _settle(row: RowOutcome, out: Path, used: set[str]) -> ReportRow:
    """Name and write one row's card; duplicates get -2, -3 in row order."""
    if row.data is None:
        return ReportRow(row.number, row.name, "", FAILED, row.error)
    stem = safe_name(row.name)
    name, counter = f"{stem}.pdf", 1
    while name in used:
        counter += 1
        name = f"{stem}-{counter}.pdf"
    used.add(name)
    changed = _write_if_changed(out / name, row.data)
    return ReportRow(row.number, row.name, name, WRITTEN if changed else UNCHANGED, "")


def _write_sheet(parts_file: BinaryIO, parts: list[tuple[int, int]], target: Path) -> int:
    """Join the chunks' sheet PDFs (kept in `parts_file`) into `target`, atomically."""

    def read_parts() -> Iterator[bytes]:
        for offset, size in parts:
            parts_file.seek(offset)
            yield parts_file.read(size)

    try:
        with atomic_file(target) as stream:
            return join_pdfs(read_parts(), stream)
    except OSError as error:
        raise OutputError(f"{target}: error: cannot write: {error.strerror}") from None
