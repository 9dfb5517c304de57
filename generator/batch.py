"""Batch: a roster laid out to one card per person, chunk sheets and per-row outcomes.

`lay_out_roster` is pure: it reads nothing but the roster and the project, writes
nothing, and yields each chunk's outcome. Rows are read lazily and laid out in fixed
chunks by worker processes, with a bounded number of chunks in flight, so memory does
not grow with the roster; results come back in row order whatever `jobs` is, and each
chunk's sheets depend only on its own rows, so every output's bytes are the same for any
number of jobs. A row that fails carries its problems and the others go on.
`write_batch` names the cards, joins the sheets and writes the report through a
destination from write.py: a folder (`run_batch`) or memory (the API's ZIP).
Into a folder, a plan (batch_plan.py) first decides from digests which cards are
unchanged since the last run: those are neither laid out nor drawn, and when nothing
changed at all the sheet file stays too; otherwise it is made again from the card files.
Nothing here logs; no message carries the avoid lines or the note.
"""
from __future__ import annotations

import dataclasses
import gc
import io
import itertools
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from .batch_plan import Plan, RowPlan, Task, plan_batch
from .batch_record import BatchRecord, bytes_digest, folder_lock, identity
from .batch_report import ReportWriter, report_text
from .errors import ContentError, HandoutsError, Problem
from .manifest import Project
from .pdf.classic import Classic
from .pdf.join import join_pdfs
from .pdf.numbered import Ranges
from .pdf.reuse import Placed
from .personal import (
    Imposable,
    PersonalInputs,
    check_person,
    personal_cards,
    placed_cards,
    read_personal_inputs,
    render_deck,
    render_sheets,
)
from .roster import Roster, RosterRow, read_roster
from .write import Folder, safe_name

CHUNK_ROWS = 32  # fixed, so the sheets (packed per chunk) do not depend on --jobs
SHEET_NUMBERS = Ranges(CHUNK_ROWS)  # each chunk's sheet numbered in its own range: see join
IN_FLIGHT_PER_JOB = 2  # chunks queued or being laid out per worker: enough to keep it busy
# A row's status, the same in every language: the report, the terminal and the web page
# show it in their reader's words (messages.REPORT_WORDS), JSON as it is.
WRITTEN, UNCHANGED, FAILED, MOVED, NOTICE = "created", "unchanged", "failed", "moved", "warning"


@dataclass(frozen=True)
class RowOutcome:
    """One row laid out: its card's bytes, or the problems that stopped it."""

    number: int
    name: str
    data: bytes | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()  # put right on the way: a phone number's lost 0
    identity: str = ""  # who the row is across runs (batch_record.identity)
    input: str | None = None  # the digest of the card's inputs, when planned
    kept: str | None = None  # the file of a card kept from the last run, not made again



@dataclass(frozen=True)
class ChunkOutcome:
    rows: list[RowOutcome]
    sheet: bytes | None


@dataclass(slots=True)
class ReportRow:
    number: int
    name: str
    file: str
    status: str
    problems: tuple[Problem, ...] = ()  # what the error column says

    @property
    def error(self) -> str:
        """The error column in Swedish (the report itself is in its reader's language)."""
        from .i18n import translator

        return report_text(self.problems, translator("sv"))


@dataclass
class BatchResult:
    """What a batch did: how many rows of each status, what to tell the user, which files.

    `rows` holds every row only when asked for (`keep_rows`: JSON output, the web page):
    otherwise they are in the report file alone, so memory does not grow with the roster.
    """

    rows: list[ReportRow] = field(default_factory=list)
    messages: list[Problem] = field(default_factory=list)  # for the terminal, in run order
    sheet: Path | None = None
    report: Path | None = None
    sheet_pages: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    keep_rows: bool = True

    def add(self, row: ReportRow) -> None:
        self.statuses[row.status] += 1
        if self.keep_rows:
            self.rows.append(row)

    def count(self, status: str) -> int:
        return self.statuses[status]

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def persons(self) -> int:
        """Rows of persons (not the report's notes on columns or moved cards)."""
        return sum(self.statuses[status] for status in (WRITTEN, UNCHANGED, FAILED))


def _row_problems(error: HandoutsError, row: RosterRow, file: str) -> tuple[Problem, ...]:
    """The error's problems placed in the roster: a file's problem at the row and column
    (as Excel shows them), a layout's problem at `file:line` of the row."""
    placed = []
    for problem in error.problems:
        if problem.file:
            placed.append(dataclasses.replace(
                problem, file=file, line=problem.line or row.number, column=None,
                field=row.column(problem.field) if problem.field else "", row=row.number,
                counted=False))
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
class _Worker:
    """This worker process's project and layout, and the inputs read from them."""

    root: Path | None = None
    layout_name = ""
    inputs: PersonalInputs | None = None


def _start_worker(root: Path | None, layout_name: str) -> None:
    """Read the inputs as the worker starts. A problem with them is raised again by the
    first chunk, to the parent: a worker that failed to start would be started again and
    again by the pool."""
    _Worker.root, _Worker.layout_name = root, layout_name
    with suppress(HandoutsError):
        _worker_inputs()
    _collect_less()


def _collect_less() -> None:
    """Tune the cycle collector for making file after file, each a few thousand
    short-lived objects that refcounting frees (render.py leaves none in cycles).

    Its young passes at Python's default (every 700 new objects) walked each file's live
    document again and again: in a batch of 10,000 persons, 1.8 s of each worker's time;
    every 20,000 objects, 0.3 s. What is there already (fonts, content) is frozen out of
    every pass.
    """
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """`_collect_less` for a batch made in this process, undone after it."""
    thresholds = gc.get_threshold()
    _collect_less()
    try:
        yield None
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _worker_inputs() -> PersonalInputs:
    if _Worker.inputs is None:
        _Worker.inputs = read_personal_inputs(Project(_Worker.root), _Worker.layout_name)
    return _Worker.inputs


def _kept_outcome(plan: RowPlan) -> RowOutcome:
    assert plan.kept is not None
    return RowOutcome(plan.number, plan.name, identity=plan.key, input=plan.input,
                      kept=plan.kept.file)


def lay_out_chunk(task: Task) -> ChunkOutcome:
    """A chunk laid out in a worker process, with the inputs it read when it started."""
    return lay_out_rows(task, _worker_inputs())


def lay_out_rows(task: Task, inputs: PersonalInputs) -> ChunkOutcome:
    """Check, lay out and render each row of a chunk (kept rows are only laid out, and only
    for a sheet made again: their pages come from their files), and the chunk's sheets."""
    if task.all_kept:
        return ChunkOutcome([_kept_outcome(plan) for plan in task.plans or []], None)
    file, rows = task.file, task.rows
    outcomes: list[RowOutcome] = []
    slots: list[Imposable | None] = []
    files: list[bytes | Classic] = []  # each card drawn once: the sheet places their pages
    placed: list[Placed | None] = []
    content = None
    per_sheet = inputs.sheet.columns * inputs.sheet.rows
    for index, row in enumerate(rows):
        warnings: list[Problem] = []
        plan = task.plans[index] if task.plans is not None else None
        key = plan.key if plan else identity(safe_name(row.name), row.value)
        kept = task.kept(index)
        if kept is not None and not task.sheet:
            outcomes.append(_kept_outcome(kept))
            continue
        try:
            if row.problems:
                raise ContentError(list(row.problems))
            person = check_person(row.value, file, inputs, warnings)
            cards = personal_cards(person, inputs, f"{file}:{row.line}")
            content = inputs.content(person.language)
            if kept is not None and kept.kept is not None and task.folder is not None:
                data = (task.folder / kept.kept.file).read_bytes()  # checked by the plan
                parts = None
            else:
                data, parts = render_deck(cards, content, inputs)
        except HandoutsError as error:
            outcomes.append(RowOutcome(row.number, row.name,
                                       problems=_row_problems(error, row, file), identity=key))
            continue
        if kept is not None:
            outcomes.append(_kept_outcome(kept))
        else:
            outcomes.append(RowOutcome(
                row.number, person.name, data, identity=key, input=plan.input if plan else None,
                warnings=_row_problems(ContentError(warnings), row, file)))
        place_cards(slots, cards, per_sheet)
        place_cards(placed, placed_cards(cards, len(files)), per_sheet)
        files.append(data if parts is None else parts)
    sheet = (render_sheets(slots, content, inputs, (files, placed), task.sheet_numbers)
             if content is not None and task.sheet else None)
    return ChunkOutcome(outcomes, sheet)


def _chunks(roster: Roster, plan: Plan | None = None,
            folder: Path | None = None) -> Iterator[Task]:
    rows = iter(roster)
    sheet = plan is None or plan.sheet_pages is None
    plans = plan.chunks() if plan is not None else None
    for index in itertools.count():
        chunk = list(itertools.islice(rows, CHUNK_ROWS))
        if not chunk:
            return
        yield Task(roster.file, chunk, next(plans) if plans is not None else None, folder,
                   sheet, SHEET_NUMBERS.numbers(index))


def lay_out_roster(roster: Roster, project: Project, layout_name: str,
                   jobs: int = 1, plan: Plan | None = None,
                   folder: Path | None = None, pool: Pool | None = None
                   ) -> Iterator[ChunkOutcome]:
    """Each chunk's outcome, in row order; at most IN_FLIGHT_PER_JOB x jobs chunks pending.

    Pure: nothing is written. A bad layout fails before any row is laid out. With a
    `plan`, the cards it keeps (files in `folder`) are not made again. `pool` is a set of
    `jobs` workers started earlier (`forked_pool`); without it they start here.
    """
    if plan is None:  # a plan was made from the same inputs
        read_personal_inputs(project, layout_name)
    return _outcomes(roster, project, layout_name, jobs, plan, folder, pool)


def _outcomes(roster: Roster, project: Project, layout_name: str, jobs: int,
              plan: Plan | None, folder: Path | None,
              pool: Pool | None) -> Iterator[ChunkOutcome]:
    if plan is not None and plan.nothing_to_make:  # the roster need not even be read again
        for plans in plan.chunks():
            yield ChunkOutcome([_kept_outcome(p) for p in plans], None)
        return
    work = roster.count if plan is None or plan.sheet_pages is None else plan.to_make
    chunks = -(-work // CHUNK_ROWS)
    tasks = _chunks(roster, plan, folder)
    if jobs <= 1 or chunks <= 1:  # little to do: no worker processes to start
        inputs: PersonalInputs | None = None
        for task in tasks:
            if not task.all_kept and inputs is None:
                inputs = read_personal_inputs(project, layout_name)
            yield lay_out_rows(task, inputs)  # type: ignore[arg-type]  # all kept: unused
        return
    workers = min(jobs, chunks)
    with nullcontext(pool) if pool is not None else forked_pool(
            workers, project.root, layout_name) as started:
        pending: deque[AsyncResult[ChunkOutcome] | ChunkOutcome] = deque()
        for task in tasks:
            pending.append(lay_out_chunk(task) if task.all_kept
                           else started.apply_async(lay_out_chunk, (task,)))
            if len(pending) >= IN_FLIGHT_PER_JOB * workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
        # Every row is laid out: the workers go before the sheet is joined (which takes a
        # while at 100,000 rows), so their memory is not held beside the joiner's.
        started.close()
        started.join()


@contextmanager
def forked_pool(workers: int, root: Path | None, layout_name: str) -> Iterator[Pool]:
    """Worker processes forked from this one, sharing what it holds without copying it.

    A batch into a folder starts them before it reads the roster, so they never hold
    the parent's rows; the API starts them once a small roster is read. Python's
    collector, walking every object, would write to each page the workers share with
    the parent and so copy it; frozen, the collector leaves them alone (the `gc.freeze`
    recipe).
    """
    gc.freeze()
    try:
        pool = multiprocessing.Pool(workers, _start_worker, (root, layout_name))
    finally:
        gc.unfreeze()
    with pool:
        yield pool


def _result(pending: AsyncResult[ChunkOutcome] | ChunkOutcome) -> ChunkOutcome:
    return pending if isinstance(pending, ChunkOutcome) else pending.get()


# -- writing the results -------------------------------------------------------------------
class Destination(Protocol):
    """Where a batch's files go: write.Folder or write.Memory."""

    def put(self, name: str, data: bytes) -> bool: ...
    def spool(self) -> BinaryIO: ...
    def stream(self, name: str) -> AbstractContextManager[BinaryIO]: ...


def write_batch(roster: Roster, chunks: Iterable[ChunkOutcome], destination: Destination,
                progress: Callable[[int, int], None] | None = None,
                record: BatchRecord | None = None, plan: Plan | None = None,
                translate: Callable[[str], str] | None = None,
                keep_rows: bool = True) -> BatchResult:
    """Name and write every card, join the chunks' sheets and write the report.

    With a `record` (a folder's), names follow the record: a person keeps their file,
    another roster's file is never replaced, and cards of rows now gone are moved aside.
    Without `keep_rows`, the result counts the rows and the report alone lists them.
    """
    stem = safe_name(roster.stem, fallback="roster")
    sheet_name, report_name = f"{stem}-ark.pdf", f"{stem}-rapport.csv"
    used = {sheet_name}  # names taken, without a record (which keeps its own)
    if record is not None:
        record.claimed.add(sheet_name)
    result = BatchResult(keep_rows=keep_rows)
    # The report's lines and the chunks' sheets wait in spools (unnamed temporary files on
    # disk) until the last row is settled.
    with destination.spool() as report_spool, destination.spool() as spool:
        report = ReportWriter(report_spool, translate or _interface())

        def add(row: ReportRow) -> None:
            result.add(row)
            report.add(row)

        for warning in roster.warnings:
            result.messages.append(warning)
            add(ReportRow(1, "", "", NOTICE, (warning,)))
        sheets, chunk_count = [], 0
        for chunk in chunks:
            chunk_count += 1
            for row in chunk.rows:
                add(_settle(row, destination, used, record, result.messages))
                if row.problems or row.warnings:
                    result.messages.extend(row.problems + row.warnings)
            if chunk.sheet is not None:
                sheets.append((spool.seek(0, io.SEEK_END), len(chunk.sheet)))
                spool.write(chunk.sheet)
            if progress is not None:
                progress(len(chunk.rows), roster.count)
        if sheets:
            with destination.stream(sheet_name) as stream:
                result.sheet_pages = join_pdfs(_parts(spool, sheets), stream,
                                               SHEET_NUMBERS.spare(chunk_count))
            result.sheet = Path(sheet_name)
            if record is not None and plan is not None:
                record.made_sheet(sheet_name, plan.sheet, result.sheet_pages)
        elif plan is not None and plan.sheet_pages is not None and record is not None:
            result.sheet, result.sheet_pages = Path(sheet_name), plan.sheet_pages
            record.made_sheet(sheet_name, plan.sheet, plan.sheet_pages)  # kept as it was
        if record is not None:
            for entry, moved in record.move_stale():
                stale = Problem("output.stale_card", {"file": entry.file, "moved": moved},
                                roster.file)
                result.messages.append(stale)
                add(ReportRow(entry.row, "", moved, MOVED, (stale,)))
        destination.put(report_name, report.finish())
    result.report = Path(report_name)
    return result


def _settle(row: RowOutcome, destination: Destination, used: set[str],
            record: BatchRecord | None, messages: list[Problem]) -> ReportRow:
    """Name and write one row's card; duplicates get -2, -3 (kept across runs by a record)."""
    if row.kept is not None and record is not None:
        entry = record.previous[row.identity]
        name, moved = record.claim(row.identity, safe_name(row.name), row.number, row.input,
                                   entry.output)
        if name == row.kept:  # always so: the record keeps a kept row's name
            return ReportRow(row.number, row.name, name, UNCHANGED)
        row = dataclasses.replace(row, data=(record.folder / row.kept).read_bytes())
    if row.data is None:
        return ReportRow(row.number, row.name, "", FAILED, row.problems or row.warnings)
    stem = safe_name(row.name)
    warnings = row.warnings
    if record is not None:
        name, moved = record.claim(row.identity, stem, row.number,
                                   None if warnings else row.input, bytes_digest(row.data))
        if moved is not None:
            messages.append(moved)
            warnings += (moved,)
    else:
        name, counter = f"{stem}.pdf", 1
        while name in used:
            counter += 1
            name = f"{stem}-{counter}.pdf"
        used.add(name)
    changed = destination.put(name, row.data)
    return ReportRow(row.number, row.name, name, WRITTEN if changed else UNCHANGED, warnings)


def _interface() -> Callable[[str], str]:
    """The reader's language as the locale says, where the caller gave none."""
    from .i18n import translator

    return translator()


def _parts(spool: BinaryIO, parts: list[tuple[int, int]]) -> Iterator[bytes]:
    for offset, size in parts:
        spool.seek(offset)
        yield spool.read(size)


def run_batch(project: Project, roster_path: Path, layout_name: str, out: Path, jobs: int,
              progress: Callable[[int, int], None] | None = None,
              display: str | None = None,
              translate: Callable[[str], str] | None = None,
              keep_rows: bool = True) -> BatchResult:
    """Lay out every row of the roster file into the folder `out`; see the module's docstring.

    The workers start first, so they never hold a copy of the roster or the plan; what
    the parent keeps a row is a few dozen bytes (the plan and the report are spooled to
    disk, the record's claims are in its journal).
    """
    with forked_pool(jobs, project.root, layout_name) if jobs > 1 else _collecting_less() as pool:
        roster = read_roster(roster_path, display)
        folder = Folder(out)
        with folder_lock(out):
            record = BatchRecord(out, str(roster_path.resolve()), roster_path.name,
                                 roster.header_digest)
            plan = None
            try:
                plan = plan_batch(roster, project, layout_name, record,
                                  f"{safe_name(roster.stem, fallback='roster')}-ark.pdf",
                                  CHUNK_ROWS)
                record.stems = plan.stems
                chunks = lay_out_roster(roster, project, layout_name, jobs, plan, out, pool)
                result = write_batch(roster, chunks, folder, progress, record, plan, translate,
                                     keep_rows)
                record.save()
            finally:
                record.close()
                if plan is not None:
                    plan.close()
    result.sheet = out / result.sheet if result.sheet else None
    result.report = out / result.report if result.report else None
    return result
