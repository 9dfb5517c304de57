"""Build: the orchestrator of product builds. Read and validate everything, lay out in memory.

One registry, `KINDS`, says per product kind which layouts it takes, which of them can
be imposed on sheets and which function builds it. The CLI, the API and the tests call
`build_project`; write.py puts the documents on disk. Personal cards: personal.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .content import load_content
from .errors import ContentError, HandoutsError, Problem, Suggestion
from .layout import BookletLayout, Layout, load_layout
from .manifest import Product, ProductKind, Project, load_manifest
from .model import Content
from .validate import suggest
from .write import Document
from .yamlread import read_yaml

if TYPE_CHECKING:
    from .compose.routine_card import Card
    from .compose.sizing import Fonts
    from .pdf.page import Page
    from .pdf.render import Metadata

# Composing and rendering (ReportLab) are imported by the builders that use them: reading
# and checking inputs (`handouts list`, the web form) never loads them.

T = TypeVar("T")



@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated; nothing laid out yet."""

    project: Project
    products: tuple[Product, ...]
    content: Content
    fonts: Fonts
    layouts: dict[str, Any]


def find_layout(project: Project, name: str, expected: tuple[str, ...], used_by: str,
                hint: Suggestion = ("hint.other_layout", {}),
                error: type[HandoutsError] = ContentError) -> Layout:
    """The layout `name`, checked to be of one of the `expected` kinds; else `error`."""
    path = project.layout_path(name)
    if path is None:
        close = suggest(name, project.layout_names())
        raise error.single(used_by, "layout.unknown", {"name": name},
                           hint=close if close[0] == "hint.did_you_mean" else hint)
    layout = load_layout(path, project.display(path))
    if layout.kind not in expected:
        kinds = " or ".join(f"'{kind}'" for kind in expected)
        raise error.single(project.display(path), "layout.wrong_kind",
                           {"used_by": used_by, "kinds": kinds, "kind": layout.kind},
                           field="kind", hint=hint)
    return layout


def _sheet_problems(project: Project, product: Product, layout: Any) -> list[Problem]:
    if product.sheet is None or layout is None or layout.kind in KINDS[product.kind].imposed:
        return []
    return [Problem("layout.not_on_sheets", {"kind": layout.kind},
                    project.display(project.content / "handouts.yaml"),
                    field=f"{product.name}.sheet", suggestion=("hint.remove_sheet", {}))]


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
    from .compose.shaped import fonts_miss
    from .compose.sizing import Fonts
    from .pdf.fonts import load_fonts
    registered = attempt(lambda: load_fonts(project.fonts))
    missing = fonts_miss(Fonts(registered.regular, registered.bold, registered.fallback,
                               registered.bold_fallback)) if registered else None
    content = attempt(lambda: load_content(project.content, language, missing_glyph=missing))
    products = loaded.manifest.products if loaded else ()
    if language != default and loaded and content:
        products = attempt(lambda: in_language(project, products, language)) or ()
    if loaded and content:
        attempt(lambda: loaded.check_references(content.routine_ids))
    layouts: dict[str, Any] = {}
    for product in products:
        wanted = [(product.layout, KINDS[product.kind].layouts)]
        if product.sheet is not None:
            wanted.append((product.sheet.layout, ("sheet",)))
        for name, kind in wanted:
            if name not in layouts:
                layouts[name] = attempt(partial(find_layout, project, name, kind, product.name))
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
    problems, changed = [], []
    for product in products:
        words = titles.get(str(product.kind)) if isinstance(titles, dict) else None
        if not isinstance(words, dict) or not all(
                isinstance(words.get(key), str) for key in ("title", "subject")):
            problems.append(Problem("product.no_title", {"kind": str(product.kind)}, shown,
                                    field=str(product.kind)))
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


def document_metadata(title: str, subject: str, content: Content, layout: Any,
                      topics: bool = True) -> Metadata:
    """What a PDF says about itself; `layout:KIND` lets preflight pick the type floor.

    `topics` adds the words a search finds a published leaflet by."""
    from .pdf.render import Metadata
    words = ["beröring, oxytocin, omsorg"] if topics else []
    if layout is not None:
        words.append(f"layout:{getattr(layout, 'floor_name', layout.kind)}")
    keywords = ", ".join(words)
    return Metadata(title=title, author=content.organisation.name, subject=subject,
                    language=content.locale.tag, keywords=keywords)


def metadata_for(product: Product, content: Content, layout: Any = None) -> Metadata:
    return document_metadata(product.title, product.subject, content, layout)


def routine_deck(inputs: Inputs, product: Product) -> list[Card]:
    """A routine-card product's cards, personalised with the content's default names."""
    from .compose.routine_card import compose_deck
    from .personalise import base_context, personalise_routine
    content = inputs.content
    chosen = product.routines or content.routine_ids
    context = base_context(content, content.labels.person_default,
                           content.labels.carer_default)
    routines = [personalise_routine(content.routine(i), context) for i in chosen]
    return compose_deck(routines, content, inputs.layouts[product.layout], inputs.fonts,
                        product.name)


def _routine_cards(inputs: Inputs, product: Product) -> list[Document]:
    from .pdf.impose import impose
    from .pdf.render import render_pdf
    content = inputs.content
    cards = routine_deck(inputs, product)
    metadata = metadata_for(product, content, inputs.layouts[product.layout])
    pages: list[Page] = [page for card in cards for page in (card.front, card.back)]
    documents = [Document(product.output, render_pdf(pages, metadata, inputs.fonts.regular),
                          f"{len(cards)} cards, {len(pages)} pages")]
    if product.sheet is not None:
        sheet = inputs.layouts[product.sheet.layout]
        sheets = impose([(c.front, c.back) for c in cards], sheet, product.sheet.layout)
        sheet_pdf = render_pdf(sheets, metadata, inputs.fonts.regular, printer=True)
        documents.append(Document(product.sheet.output, sheet_pdf,
                                  f"{len(cards)} cards on {len(sheets) // 2} sheets, "
                                  f"{len(sheets)} pages"))
    return documents


def _leaflet(inputs: Inputs, product: Product) -> list[Document]:
    from .compose.booklet import compose_booklet
    from .compose.leaflet import compose_leaflet
    from .pdf.impose import impose_booklet
    from .pdf.render import render_pdf
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
        sheet_pdf = render_pdf(sheets, metadata, regular, printer=True)
        documents.append(Document(product.sheet.output, sheet_pdf,
                                  f"{len(booklet.pages)} pages on {len(sheets) // 2} sheets"))
    return documents


def _fridge_card(inputs: Inputs, product: Product) -> list[Document]:
    from .compose.fridge_card import compose_fridge_card
    from .pdf.render import render_pdf
    from .personalise import base_context, personalise_routine
    content, layout = inputs.content, inputs.layouts[product.layout]
    context = base_context(content, content.labels.person_default)
    routines = [personalise_routine(content.routine(i), context) for i in product.routines or ()]
    page = compose_fridge_card(routines, content, layout, inputs.fonts, product.name)
    return [Document(product.output, render_pdf([page], metadata_for(product, content, layout),
                                                inputs.fonts.regular),
                     f"{len(routines)} routines, 1 page")]


@dataclass(frozen=True)
class Kind:
    """What one product kind needs: the layouts it takes, which of them go on sheets, a builder."""

    layouts: tuple[str, ...]  # layout kinds it can be laid out with
    imposed: tuple[str, ...]  # those whose pages can be imposed on sheets (`sheet:`)
    build: Callable[[Inputs, Product], list[Document]]


KINDS: dict[ProductKind, Kind] = {
    ProductKind.ROUTINE_CARDS: Kind(("routine-card",), ("routine-card",), _routine_cards),
    ProductKind.LEAFLET: Kind(("leaflet", "booklet"), ("booklet",), _leaflet),
    ProductKind.FRIDGE_CARD: Kind(("fridge-card",), (), _fridge_card),
}


def build_project(project: Project, only: tuple[str, ...] = (),
                  language: str | None = None) -> list[Document]:
    """Read and lay out every product of the project (or only the named ones) in memory."""
    return lay_out(read_inputs(project, language), only)


def lay_out(inputs: Inputs, only: tuple[str, ...] = ()) -> list[Document]:
    """Stages 3 to 6 for validated inputs: personalise, compose, render, impose."""
    products = [p for p in inputs.products if not only or p.name in only]
    unknown = set(only) - {p.name for p in inputs.products}
    if unknown:
        raise HandoutsError([Problem("product.unknown", {
            "names": ", ".join(sorted(unknown)),
            "products": ", ".join(p.name for p in inputs.products)})])
    documents: list[Document] = []
    for product in products:
        documents.extend(KINDS[product.kind].build(inputs, product))
    return documents


def default_output(project: Project, cwd: Path) -> Path:
    """Where files go unless --out says otherwise: the project's output/ folder."""
    return (project.root or cwd) / "output"
