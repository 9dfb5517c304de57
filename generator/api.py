"""Public API: what another program (the web app, a script, the tests) calls.

Inputs are bytes, outputs are bytes; nothing here prints or exits. Bad input raises a
`HandoutsError` whose `problems` list says what is wrong and where (see errors.py), or
comes back as a list of `Problem`s from the `check_*` functions.

    from pathlib import Path
    from generator import api

    project = api.open_project(Path("mitt-hem"))      # or api.open_project() for the built-in
    card = api.make_card(Path("anna.yaml").read_bytes(), project=project)
    Path(card.file_name).write_bytes(card.pdf)
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .batch import FAILED, UNCHANGED, WRITTEN, lay_out_roster, report_text, write_batch
from .build import build_project
from .content import available_languages
from .errors import ContentError, HandoutsError, Problem
from .manifest import Project
from .messages import format_problem
from .model import Routine
from .personal import (
    PERSONAL_KINDS,
    PersonalInputs,
    personal_cards,
    read_personal_inputs,
    render_cards,
)
from .personal import (
    check_person as _check_person,
)
from .preflight import Report, preflight
from .preview import render_pages
from .roster import roster_from_bytes
from .write import Document, Memory, safe_name, zip_bytes
from .yamlread import parse_yaml

__all__ = ["FAILED", "UNCHANGED", "WRITTEN", "BatchOutcome", "Card", "HandoutsError", "Problem",
           "ProductFile", "Project", "RowResult", "build_products", "card_layouts",
           "check_person", "check_roster", "count_roster", "describe_problem", "file_stem",
           "format_problem", "languages", "make_batch", "make_card", "open_project",
           "person_values", "pictogram_png", "preflight_pdf", "preview_pages", "product_files",
           "project_stamp", "roster_column", "routines"]


@dataclass(frozen=True)
class Card:
    """One person's card: the PDF to save and the name to save it under."""

    person_name: str
    file_name: str
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class RowResult:
    """One roster row's outcome, as the batch report gives it."""

    number: int  # the row as Excel shows it (header = 1), or the item in a YAML list
    name: str
    file: str  # the card's file name in the ZIP; "" when the row failed
    status: str  # created, unchanged or failed (the same in every language; see batch.py)
    error: str = ""  # one line, as the report says it, in make_batch's `language`
    problems: tuple[Problem, ...] = ()  # why the row failed, as data (code, params, place)


@dataclass(frozen=True)
class BatchOutcome:
    """Every row's outcome and the files `handouts batch` writes, in memory."""

    rows: tuple[RowResult, ...]
    documents: tuple[Document, ...] = field(repr=False)

    @property
    def failed(self) -> int:
        return sum(1 for row in self.rows if row.status == FAILED)

    def zip(self) -> bytes:
        """The cards, the sheet file and the report in one ZIP, as the batch writes them."""
        return zip_bytes([(document.name, document.data) for document in self.documents])


def open_project(folder: Path | None = None) -> Project:
    """The project in `folder` (with content/handouts.yaml), else the built-in content."""
    return Project.find(folder.resolve()) if folder is not None else Project(None)


def card_layouts(project: Project) -> tuple[str, ...]:
    """The layouts a personal card can be made with (card-a6, fridge-a5, and the user's)."""
    from .layout import load_layout

    def find() -> tuple[str, ...]:
        names = []
        for name in project.layout_names():
            path = project.layout_path(name)
            if path is not None and load_layout(path, project.display(path)).kind in (
                    PERSONAL_KINDS):
                names.append(name)
        return tuple(names)

    return _while_unchanged(project, "card_layouts", find)


def routines(project: Project, language: str = "sv") -> tuple[Routine, ...]:
    """The routines a person can choose, in the content's order."""
    return _personal_inputs(project, "card-a6").content(language).routines


def languages(project: Project) -> tuple[str, ...]:
    """The languages the project has content in (a folder each under content/)."""

    return tuple(available_languages(project.content))


@dataclass(frozen=True)
class ProductFile:
    """One file `build_products` makes, and what it is."""

    file_name: str
    product: str  # the product's name in the manifest
    title: str
    kind: str  # routine-cards, leaflet or fridge-card
    layout_kind: str  # the layout it is laid out with: routine-card, leaflet, booklet, ...
    sheet: bool  # the product's pages imposed on sheets (print on a desktop printer)


def product_files(project: Project, language: str | None = None) -> list[ProductFile]:
    """Every file the project's products make, in the manifest's order (in `language`:
    its file names and titles, as `build_products` makes them)."""
    from .build import read_inputs

    inputs = read_inputs(project, language)
    found = []
    for product in inputs.products:
        layout_kind = inputs.layouts[product.layout].kind
        found.append(ProductFile(product.output, product.name, product.title,
                                 product.kind.value, layout_kind, False))
        if product.sheet is not None:
            found.append(ProductFile(product.sheet.output, product.name, product.title,
                                     product.kind.value, layout_kind, True))
    return found


def describe_problem(problem: Problem, translate: Callable[[str], str] | None = None
                     ) -> tuple[str, str]:
    """A problem's message and hint without its place, through `translate` (a gettext)."""
    from .messages import hint_text, identity, message_text

    translate = translate or identity
    return message_text(problem, translate), hint_text(problem, translate)


def file_stem(person_name: str) -> str:
    """The file name (without suffix) a person's card is saved under: `Åsa Öberg` → asa-oberg."""
    return safe_name(person_name)


def person_values(source: bytes, name: str = "person.yaml") -> object:
    """A person file's values as plain data (for an editor to fill a form), not yet checked."""
    return _plain(_read_person(source, name))


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def count_roster(source: bytes, *, file_name: str) -> int:
    """How many persons a roster names; raises `HandoutsError` when it cannot be read."""
    return roster_from_bytes(source, Path(file_name).name or "lista.csv").count


def roster_column(field: str) -> str:
    """The roster column (its Swedish name) a person's field path comes from: `routines[0]`
    → rutiner, `contacts[0].phone` → kontakt_telefon; the path itself when none."""
    from .roster_columns import COLUMNS, SWEDISH

    plain = re.sub(r"\[\d+\]", "", field)
    swedish = {english: name for name, english in SWEDISH.items()}
    for column, (path, _) in COLUMNS.items():
        if plain == path or plain.startswith(path + "."):
            return swedish.get(column, column)
    return field


def project_stamp(project: Project) -> tuple[tuple[str, int, int], ...]:
    """Every content, layout and font settings file of the project with its size and time.

    It changes when any of them is edited, added or removed: a cache keyed on it (the
    web app's materials, the read inputs below) is never stale.
    """
    folders = {project.content, project.fonts, project.folder("layouts")}
    found = []
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = path.stat()
                found.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(found)


_READ: dict[tuple[Path | None, str], tuple[object, object]] = {}
T = TypeVar("T")


def _while_unchanged(project: Project, key: str, read: Callable[[], T]) -> T:
    """`read()`'s result, read again only when a file of the project has changed."""
    stamp = project_stamp(project)
    cached = _READ.get((project.root, key))
    if cached is not None and cached[0] == stamp:
        return cached[1]  # type: ignore[return-value]
    value = read()
    _READ[(project.root, key)] = (stamp, value)
    return value


def _personal_inputs(project: Project, layout: str) -> PersonalInputs:
    """The layout, fonts and content a card needs, read once while the files stay the same."""
    return _while_unchanged(project, f"inputs:{layout}",
                            lambda: read_personal_inputs(project, layout))


def make_card(source: bytes, *, project: Project, layout: str = "card-a6",
              name: str = "person.yaml") -> Card:
    """A person file's bytes (YAML, UTF-8) laid out as a card; raises `HandoutsError`."""
    inputs = _personal_inputs(project, layout)
    person = _check_person(_read_person(source, name), name, inputs)
    cards = personal_cards(person, inputs, name)
    data = render_cards(cards, inputs.content(person.language), inputs)
    pages = sum(1 for pair in cards for page in pair if page is not None)
    return Card(person.name, f"{safe_name(person.name)}.pdf", data, pages)


def check_person(source: bytes, *, project: Project, layout: str = "card-a6",
                 name: str = "person.yaml") -> list[Problem]:
    """Every problem with a person file, including text that does not fit; [] when fine."""
    try:
        make_card(source, project=project, layout=layout, name=name)
    except HandoutsError as error:
        return list(error.problems)
    return []


def check_roster(source: bytes, *, file_name: str) -> list[Problem]:
    """Problems with a roster as a whole (its columns, its encoding); [] when it can be read
    as it is. Warnings (a column ignored) come back too: `messages.is_warning` tells them.

    Each row's own problems come back from `make_batch`, in `RowResult.problems`.
    """
    try:
        roster = roster_from_bytes(source, Path(file_name).name or "lista.csv")
    except HandoutsError as error:
        return list(error.problems)
    return list(roster.warnings)  # columns ignored: the list can be used


def _read_person(source: bytes, name: str) -> object:
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError.single(name, "file.not_utf8") from None
    return parse_yaml(text, name)


def make_batch(source: bytes, *, file_name: str, project: Project, layout: str = "card-a6",
               jobs: int = 1, progress: Callable[[int, int], None] | None = None,
               language: str = "sv") -> BatchOutcome:
    """A roster's bytes (CSV or YAML; `file_name` says which) to every card, sheet and report.

    `language` is the reader's (the web app's interface language): the report's column
    names, status words and errors, and each row's `error`, are in it.
    """
    from .i18n import translator

    translate = translator(language)
    stem = Path(file_name).name or "lista.csv"
    roster = roster_from_bytes(source, stem)
    memory = Memory()
    result = write_batch(roster, lay_out_roster(roster, project, layout, jobs), memory, progress,
                         translate=translate)
    rows = tuple(RowResult(r.number, r.name, r.file, r.status,
                           report_text(r.problems, translate), r.problems) for r in result.rows)
    names = [r.file for r in result.rows if r.file]
    for extra in (result.sheet, result.report):
        if extra is not None:
            names.append(extra.name)
    return BatchOutcome(rows, tuple(Document(n, memory.files[n], "") for n in names))


def build_products(project: Project, only: tuple[str, ...] = (),
                   language: str | None = None) -> list[Document]:
    """Every product of the project (or only the named ones), laid out in memory.

    `language` (fi, en, ar, ...) makes them in that language, the code in each file name.
    """
    return build_project(project, only, language)


def preflight_pdf(pdf: bytes, name: str = "document.pdf") -> Report:
    """A print shop's checks on any PDF's bytes."""
    return preflight(pdf, name)


def pictogram_png(routine: Routine, pixels: int = 64, colour: str = "#1a1a1a") -> bytes:
    """A routine's pictogram as a square PNG, for a screen (a form's checkbox, a list)."""
    from reportlab.pdfgen.canvas import Canvas

    from .compose.pictograms import draw_pictogram
    from .model.colour import Colour

    buffer, size = io.BytesIO(), 72.0
    canvas = Canvas(buffer, pagesize=(size, size), invariant=1)
    draw_pictogram(canvas, routine.pictogram, 6, 6, size - 12, Colour.parse(colour))
    canvas.showPage()
    canvas.save()
    return preview_pages(buffer.getvalue(), dpi=round(72 * pixels / size))[0]


def preview_pages(pdf: bytes, dpi: int = 72, name: str = "document.pdf") -> list[bytes]:
    """Each page of a PDF as PNG bytes."""
    pictures = render_pages(name, pdf, dpi)
    out = []
    for picture in pictures:
        buffer = io.BytesIO()
        picture.image.save(buffer, format="PNG", compress_level=1)  # fast: a preview is short-lived
        out.append(buffer.getvalue())
    return out
