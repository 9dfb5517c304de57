"""Personal cards: one person's values to their cards, rendered alone or imposed on sheets.

The `handouts card` command, the batch (one roster row at a time) and the API call
these; no name, avoid line or note ever reaches a file's metadata.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from babel.dates import format_date

from .build import document_metadata, find_layout
from .compose.personal_card import compose_personal_deck, compose_personal_fridge
from .compose.shaped import fonts_miss
from .compose.text import Fonts
from .content import available_languages, load_content
from .errors import Problem, UsageError
from .layout import CardLayout, SheetLayout
from .locale import NBSP
from .manifest import Project
from .model import Content
from .pdf.classic import Classic
from .pdf.fonts import load_fonts
from .pdf.impose import impose
from .pdf.page import Page
from .pdf.render import Metadata, build_date, render_file, render_pdf
from .pdf.reuse import Placed, reuse_sheets
from .person import Person, convert_person
from .personalise import base_context, personalise_person, personalise_routine
from .write import Document, safe_name
from .yamlread import read_yaml

# The sheet each kind of personal card is imposed on for a batch.
PERSONAL_SHEETS = {"routine-card": "sheet-a4-4up", "fridge-card": "sheet-a4-2up-a5"}
PERSONAL_KINDS = tuple(PERSONAL_SHEETS)
Imposable = tuple[Page, Page | None]


@dataclass
class PersonalInputs:
    """What laying out personal cards needs; content is read once per language, on demand."""

    project: Project
    layout: Any  # CardLayout or FridgeLayout
    sheet: SheetLayout
    sheet_name: str
    fonts: Fonts
    languages: tuple[str, ...]
    contents: dict[str, Content]

    def content(self, language: str) -> Content:
        if language not in self.contents:
            self.contents[language] = load_content(self.project.content, language,
                                                   missing_glyph=fonts_miss(self.fonts))
        return self.contents[language]

    def routine_ids(self, language: str) -> tuple[str, ...]:
        return self.content(language).routine_ids

    def routine_titles(self, language: str) -> dict[str, str]:
        return {r.id: r.title for r in self.content(language).routines}


def read_personal_layouts(project: Project, layout_name: str) -> tuple[Any, SheetLayout, str]:
    """The layout named by --layout (a usage error when unknown), its sheet and its name."""
    layout = find_layout(project, layout_name, PERSONAL_KINDS, "--layout",
                         ("hint.personal_layouts", {}), error=UsageError)
    sheet_name = PERSONAL_SHEETS[layout.kind]
    sheet = find_layout(project, sheet_name, ("sheet",), sheet_name)
    assert isinstance(sheet, SheetLayout)  # find_layout checked its kind
    return layout, sheet, sheet_name


def read_personal_inputs(project: Project, layout_name: str) -> PersonalInputs:
    """The layout named by --layout (a usage error when unknown), its sheet and the fonts."""
    layout, sheet, sheet_name = read_personal_layouts(project, layout_name)
    registered = load_fonts(project.fonts)
    return PersonalInputs(project, layout, sheet, sheet_name,
                          Fonts(registered.regular, registered.bold, registered.fallback,
                                registered.bold_fallback),
                          tuple(available_languages(project.content)), {})


def check_person(value: Any, file: str, inputs: PersonalInputs,
                 warnings: list[Problem] | None = None) -> Person:
    """Validate one person's values (from a file or a roster row) against the content;
    `warnings` collects what was put right on the way."""
    return convert_person(value, file, inputs.languages, inputs.routine_ids,
                          fonts_miss(inputs.fonts), inputs.routine_titles, warnings)


def personal_cards(person: Person, inputs: PersonalInputs, product: str) -> list[Imposable]:
    """The person's pages laid out, as (front, back) pairs ready to render or impose."""
    content = dated(inputs.content(person.language))
    labels = content.labels
    context = base_context(content, person.name, person.carer or labels.carer_default,
                           person.called)
    routines = [personalise_routine(content.routine(i), context) for i in person.routines]
    shown = personalise_person(person, content.locale)
    fonts = replace(inputs.fonts, rtl=content.locale.rtl)  # the card's language decides
    if isinstance(inputs.layout, CardLayout):
        deck = compose_personal_deck(shown, routines, content, inputs.layout, fonts, product)
        return [(card.front, card.back) for card in deck]
    return [(compose_personal_fridge(shown, routines, content, inputs.layout, fonts,
                                     product), None)]


def dated(content: Content) -> Content:
    """The content whose `updated` label carries the build date: "Uppdaterad 23 nov. 2026"
    (SOURCE_DATE_EPOCH, else today, so the same inputs give the same card), in the
    language's medium date form (CLDR), short enough for the full fridge card."""
    day = _dt.datetime.fromtimestamp(build_date(), _dt.timezone.utc).date()
    shown = format_date(day, "medium", locale=content.locale.cldr).replace(" ", NBSP)
    line = f"{content.labels.updated} {shown}"
    return replace(content, labels=replace(content.labels,
                                                                   updated=line))


def personal_metadata(content: Content, layout: Any) -> Metadata:
    """Deliberately bare: no name, no avoid lines, no note ever reach a file's metadata,
    and no search words (a card for one person is handed over, never published)."""
    title = content.labels.personal_title
    return document_metadata(title, title, content, layout, topics=False)


def render_cards(cards: list[Imposable], content: Content, inputs: PersonalInputs) -> bytes:
    return render_deck(cards, content, inputs)[0]


def render_deck(cards: list[Imposable], content: Content,
                inputs: PersonalInputs) -> tuple[bytes, Classic | None]:
    """The person file's bytes, and its objects as written, for `render_sheets` to place."""
    pages = [page for pair in cards for page in pair if page is not None]
    metadata = personal_metadata(content, inputs.layout)
    return render_file(pages, metadata, inputs.fonts.regular)


def render_sheets(cards: list[Imposable | None], content: Content,
                  inputs: PersonalInputs,
                  reused: tuple[list[bytes | Classic], list[Placed | None]] | None = None,
                  numbers: range | None = None) -> bytes:
    """`cards` imposed n-up (None leaves a slot empty) and rendered.

    With `reused` (the cards' rendered files, or their objects as written, and where each
    card is in them, slot for slot), the sheet places those files' pages instead of
    drawing every card again; in a batch, its objects numbered in `numbers` (see
    pdf/numbered.py).
    """
    metadata = personal_metadata(content, inputs.layout)
    first = next((card for card in cards if card is not None), None)
    if reused is not None and first is not None:
        sheet = reuse_sheets(*reused, first[0], inputs.sheet, inputs.sheet_name, metadata,
                             inputs.fonts.regular, numbers)
        if sheet is not None:
            return sheet
    sheets = impose(cards, inputs.sheet, inputs.sheet_name)
    return render_pdf(sheets, metadata, inputs.fonts.regular, printer=True)


def placed_cards(cards: list[Imposable], file: int) -> list[Placed]:
    """Where each (front, back) of `cards` is in their rendered file (see `render_cards`)."""
    placed, page = [], 0
    for _, back in cards:
        placed.append(Placed(file, page, page + 1 if back is not None else None))
        page += 1 if back is None else 2
    return placed


def personal_card_document(project: Project, path: Path, layout_name: str,
                           display: str | None = None, sheet: bool = False,
                           warnings: list[Problem] | None = None) -> list[Document]:
    """One person file laid out and rendered: the `handouts card` command's work.

    With `sheet`, also the person's cards on A4 sheets (`NAME-ark.pdf`), for the office
    printer: the same sheets a batch makes, one person's deck alone.
    """
    inputs = read_personal_inputs(project, layout_name)
    shown = display or str(path)
    person = check_person(read_yaml(path, shown), shown, inputs, warnings)
    cards = personal_cards(person, inputs, shown)
    content = inputs.content(person.language)
    data = render_cards(cards, content, inputs)
    pages = sum(1 for pair in cards for page in pair if page is not None)
    stem = safe_name(person.name)
    documents = [Document(f"{stem}.pdf", data, f"{len(cards)} card(s), {pages} page(s)")]
    if sheet:
        per_sheet = inputs.sheet.columns * inputs.sheet.rows
        sheets = -(-len(cards) // per_sheet)
        documents.append(Document(f"{stem}-ark.pdf", render_sheets(list(cards), content, inputs),
                                  f"{len(cards)} card(s) on {sheets} A4 sheet(s)"))
    return documents
