"""Build: the one orchestrator. Read and validate everything, lay out in memory, then write.

The CLI, the batch runner and the tests all call `build_project` and `write_documents`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from .compose.booklet import compose_booklet
from .compose.fridge_card import compose_fridge_card
from .compose.leaflet import compose_leaflet
from .compose.personal_card import compose_personal_deck, compose_personal_fridge
from .compose.routine_card import compose_deck
from .compose.text import Fonts, missing_in_chain
from .content import available_languages, load_content
from .errors import ContentError, HandoutsError, Problem
from .layout import BookletLayout, CardLayout, Layout, SheetLayout, load_layout
from .manifest import Product, ProductKind, Project, load_manifest
from .model import Content
from .pdf.fonts import load_fonts
from .pdf.impose import impose, impose_booklet
from .pdf.page import Page
from .pdf.render import Metadata, render_pdf
from .person import Person, convert_person
from .personalise import base_context, personalise_person, personalise_routine
from .validate import did_you_mean
from .write import Document, safe_name
from .yamlread import read_yaml

T = TypeVar("T")

# Which layout kinds each product kind can be laid out with.
PRODUCT_LAYOUTS = {ProductKind.ROUTINE_CARDS: ("routine-card",),
                   ProductKind.LEAFLET: ("leaflet", "booklet"),
                   ProductKind.FRIDGE_CARD: ("fridge-card",)}
# Layout kinds whose pages can also be imposed on sheets (the manifest's `sheet:`).
IMPOSED_KINDS = ("routine-card", "booklet")


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated; nothing laid out yet."""

    project: Project
    products: tuple[Product, ...]
    content: Content
    fonts: Fonts
    layouts: dict[str, Any]


def _layout(project: Project, name: str, expected: tuple[str, ...], used_by: str,
            hint: str = "name another layout in the manifest") -> Layout:
    path = project.layout_path(name)
    if path is None:
        close = did_you_mean(name, project.layout_names())
        raise ContentError.single(used_by, f"no layout named '{name}'",
                                  hint=close if close.startswith("did you mean") else hint)
    layout = load_layout(path, project.display(path))
    if layout.kind not in expected:
        kinds = " or ".join(f"'{kind}'" for kind in expected)
        raise ContentError.single(project.display(path), f"{used_by} needs a layout of kind "
                                  f"{kinds}, this one is '{layout.kind}'",
                                  field="kind", hint=hint)
    return layout


def _sheet_problems(project: Project, product: Product, layout: Any) -> list[Problem]:
    if product.sheet is None or layout is None or layout.kind in IMPOSED_KINDS:
        return []
    return [Problem(project.display(project.content / "handouts.yaml"), None, None,
                    f"a layout of kind '{layout.kind}' is printed as it is, not on sheets",
                    f"{product.name}.sheet", "remove the sheet: entry of this product")]


def read_inputs(project: Project, language: str | None = None) -> Inputs:
    """Stages 1 and 2 for a whole project: manifest, content, fonts, layouts.

    Each part is checked even when another failed, so one run reports every problem.
    `language` builds the products in another language than the manifest's: their file
    names get the language code (oxytocin-och-beroring-fi.pdf), their titles come from
    that language's products.yaml.
    """
    problems: list[Problem] = []

    def attempt(step: Callable[[], T]) -> T | None:
        try:
            return step()
        except ContentError as error:
            problems.extend(error.problems)
            return None

    loaded = attempt(lambda: load_manifest(project))
    default = loaded.manifest.language if loaded else "sv"
    language = language or default
    content = attempt(lambda: load_content(project.content, language))
    products = loaded.manifest.products if loaded else ()
    if language != default and loaded and content:
        products = attempt(lambda: in_language(project, products, language)) or ()
    if loaded and content:
        attempt(lambda: loaded.check_references(content.routine_ids))
    registered = attempt(lambda: load_fonts(project.fonts))
    layouts: dict[str, Any] = {}
    for product in products:
        wanted = [(product.layout, PRODUCT_LAYOUTS[product.kind])]
        if product.sheet is not None:
            wanted.append((product.sheet.layout, ("sheet",)))
        for name, kind in wanted:
            if name not in layouts:
                layouts[name] = attempt(partial(_layout, project, name, kind, product.name))
        problems.extend(_sheet_problems(project, product, layouts.get(product.layout)))
    if problems:
        raise ContentError(problems)
    assert loaded and content and registered
    return Inputs(project, products, content,
                  Fonts(registered.regular, registered.bold, registered.fallback,
                        registered.bold_fallback, content.locale.rtl), layouts)


def in_language(project: Project, products: tuple[Product, ...],
                language: str) -> tuple[Product, ...]:
    """The manifest's products in `language`: file names with its code, titles in it."""
    path = project.content / language / "products.yaml"
    shown = project.display(path)
    titles = read_yaml(path, shown) if path.is_file() else {}
    problems = []
    changed = []
    for product in products:
        words = titles.get(str(product.kind)) if isinstance(titles, dict) else None
        if not isinstance(words, dict) or not all(
                isinstance(words.get(key), str) for key in ("title", "subject")):
            problems.append(Problem(shown, None, None, f"no title and subject for the "
                                    f"product kind '{product.kind}'", str(product.kind),
                                    "give each product kind a title: and a subject:"))
            continue
        sheet = product.sheet and replace(product.sheet,
                                          output=with_language(product.sheet.output, language))
        changed.append(replace(product, title=words["title"], subject=words["subject"],
                               output=with_language(product.output, language), sheet=sheet))
    if problems:
        raise ContentError(problems)
    return tuple(changed)


def with_language(file_name: str, language: str) -> str:
    """oxytocin-och-beroring.pdf -> oxytocin-och-beroring-fi.pdf"""
    stem, dot, suffix = file_name.rpartition(".")
    return f"{stem}-{language}.{suffix}" if dot else f"{file_name}-{language}"


def _metadata(title: str, subject: str, content: Content, layout: Any) -> Metadata:
    """What a PDF says about itself; `layout:KIND` lets preflight pick the type floor."""
    keywords = "beröring, oxytocin, omsorg"
    if layout is not None:
        keywords += f", layout:{layout.kind}"
    return Metadata(title=title, author=content.organisation.name, subject=subject,
                    language=content.locale.tag, keywords=keywords)


def metadata_for(product: Product, content: Content, layout: Any = None) -> Metadata:
    return _metadata(product.title, product.subject, content, layout)


def _routine_cards(inputs: Inputs, product: Product) -> list[Document]:
    content = inputs.content
    chosen = product.routines or content.routine_ids
    context = base_context(content, content.labels.person_default,
                           content.labels.carer_default)
    routines = [personalise_routine(content.routine(i), context) for i in chosen]
    cards = compose_deck(routines, content, inputs.layouts[product.layout], inputs.fonts,
                         product.name)
    metadata = metadata_for(product, content, inputs.layouts[product.layout])
    pages: list[Page] = [page for card in cards for page in (card.front, card.back)]
    documents = [Document(product.output, render_pdf(pages, metadata, inputs.fonts.regular),
                          f"{len(cards)} cards, {len(pages)} pages")]
    if product.sheet is not None:
        sheet = inputs.layouts[product.sheet.layout]
        sheets = impose([(c.front, c.back) for c in cards], sheet, product.sheet.layout)
        sheet_pdf = render_pdf(sheets, metadata, inputs.fonts.regular)
        documents.append(Document(product.sheet.output, sheet_pdf,
                                  f"{len(cards)} cards on {len(sheets) // 2} sheets, "
                                  f"{len(sheets)} pages"))
    return documents


def _leaflet(inputs: Inputs, product: Product) -> list[Document]:
    layout = inputs.layouts[product.layout]
    metadata = metadata_for(product, inputs.content, layout)
    regular = inputs.fonts.regular
    if not isinstance(layout, BookletLayout):
        folded = compose_leaflet(inputs.content, layout, inputs.fonts, product.name)
        return [Document(product.output, render_pdf(folded.pages, metadata, regular),
                         f"{len(folded.pages)} sides, {len(folded.panels)} text panels")]
    booklet = compose_booklet(inputs.content, layout, inputs.fonts, product.name)
    documents = [Document(product.output, render_pdf(booklet.pages, metadata, regular),
                          f"{len(booklet.pages)} pages")]
    if product.sheet is not None:
        sheets = impose_booklet(booklet.pages, inputs.layouts[product.sheet.layout],
                                product.sheet.layout, inputs.fonts.rtl)
        documents.append(Document(product.sheet.output, render_pdf(sheets, metadata, regular),
                                  f"{len(booklet.pages)} pages on {len(sheets) // 2} sheets"))
    return documents


def _fridge_card(inputs: Inputs, product: Product) -> list[Document]:
    content, layout = inputs.content, inputs.layouts[product.layout]
    context = base_context(content, content.labels.person_default)
    routines = [personalise_routine(content.routine(i), context) for i in product.routines or ()]
    page = compose_fridge_card(routines, content, layout, inputs.fonts, product.name)
    return [Document(product.output, render_pdf([page], metadata_for(product, content, layout),
                                                inputs.fonts.regular),
                     f"{len(routines)} routines, 1 page")]


BUILDERS = {ProductKind.ROUTINE_CARDS: _routine_cards, ProductKind.LEAFLET: _leaflet,
            ProductKind.FRIDGE_CARD: _fridge_card}


def build_project(project: Project, only: tuple[str, ...] = (),
                  language: str | None = None) -> list[Document]:
    """Read and lay out every product of the project (or only the named ones) in memory."""
    return lay_out(read_inputs(project, language), only)


def lay_out(inputs: Inputs, only: tuple[str, ...] = ()) -> list[Document]:
    """Stages 3 to 6 for validated inputs: personalise, compose, render, impose."""
    products = [p for p in inputs.products if not only or p.name in only]
    unknown = set(only) - {p.name for p in inputs.products}
    if unknown:
        raise HandoutsError(f"error: no product named {', '.join(sorted(unknown))}\n"
                            f"  hint: the products are: "
                            f"{', '.join(p.name for p in inputs.products)}")
    documents: list[Document] = []
    for product in products:
        documents.extend(BUILDERS[product.kind](inputs, product))
    return documents


# -- personal cards (one person, or a roster's rows in batch.py) -------------------------

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
            self.contents[language] = load_content(self.project.content, language)
        return self.contents[language]

    def routine_ids(self, language: str) -> tuple[str, ...]:
        return self.content(language).routine_ids


def read_personal_inputs(project: Project, layout_name: str) -> PersonalInputs:
    layout = _layout(project, layout_name, PERSONAL_KINDS, "--layout",
                     "use card-a6 or fridge-a5")
    sheet_name = PERSONAL_SHEETS[layout.kind]
    sheet = _layout(project, sheet_name, ("sheet",), sheet_name)
    assert isinstance(sheet, SheetLayout)  # _layout checked its kind
    registered = load_fonts(project.fonts)
    return PersonalInputs(project, layout, sheet, sheet_name,
                          Fonts(registered.regular, registered.bold, registered.fallback,
                                registered.bold_fallback),
                          tuple(available_languages(project.content)), {})


def check_person(value: Any, file: str, inputs: PersonalInputs) -> Person:
    """Validate one person's values (from a file or a roster row) against the content."""
    fonts = inputs.fonts

    def missing(text: str) -> str | None:  # a character no font of either weight has
        return missing_in_chain(text, fonts.chain(fonts.regular)) or missing_in_chain(
            text, fonts.chain(fonts.bold))

    return convert_person(value, file, inputs.languages, inputs.routine_ids, missing)


def personal_cards(person: Person, inputs: PersonalInputs, product: str) -> list[Imposable]:
    """The person's pages laid out, as (front, back) pairs ready to render or impose."""
    content = inputs.content(person.language)
    labels = content.labels
    context = base_context(content, person.name, person.carer or labels.carer_default)
    routines = [personalise_routine(content.routine(i), context) for i in person.routines]
    shown = personalise_person(person, content.locale)
    fonts = replace(inputs.fonts, rtl=content.locale.rtl)  # the card's language decides
    if isinstance(inputs.layout, CardLayout):
        deck = compose_personal_deck(shown, routines, content, inputs.layout, fonts, product)
        return [(card.front, card.back) for card in deck]
    return [(compose_personal_fridge(shown, routines, content, inputs.layout, fonts,
                                     product), None)]


def personal_metadata(content: Content, layout: Any) -> Metadata:
    """Deliberately bare: no name, no avoid lines, no note ever reach a file's metadata."""
    title = content.labels.personal_title
    return _metadata(title, title, content, layout)


def render_cards(cards: list[Imposable], content: Content, inputs: PersonalInputs) -> bytes:
    pages = [page for pair in cards for page in pair if page is not None]
    metadata = personal_metadata(content, inputs.layout)
    return render_pdf(pages, metadata, inputs.fonts.regular)


def render_sheets(cards: list[Imposable | None], content: Content,
                  inputs: PersonalInputs) -> bytes:
    """`cards` imposed n-up (None leaves a slot empty) and rendered."""
    sheets = impose(cards, inputs.sheet, inputs.sheet_name)
    metadata = personal_metadata(content, inputs.layout)
    return render_pdf(sheets, metadata, inputs.fonts.regular)


def personal_card_document(project: Project, path: Path, layout_name: str,
                           display: str | None = None) -> Document:
    """One person file laid out and rendered: the `handouts card` command's work."""
    inputs = read_personal_inputs(project, layout_name)
    shown = display or str(path)
    person = check_person(read_yaml(path, shown), shown, inputs)
    cards = personal_cards(person, inputs, shown)
    data = render_cards(cards, inputs.content(person.language), inputs)
    pages = sum(1 for pair in cards for page in pair if page is not None)
    return Document(f"{safe_name(person.name)}.pdf", data,
                    f"{len(cards)} card(s), {pages} page(s)")


def default_output(project: Project, cwd: Path) -> Path:
    """Where files go unless --out says otherwise: the project's output/ folder."""
    return (project.root or cwd) / "output"

