"""Build: the one orchestrator. Read and validate everything, lay out in memory, then write.

The CLI, the batch runner and the tests all call `build_project` and `write_documents`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from .compose.booklet import compose_booklet
from .compose.fridge_card import compose_fridge_card
from .compose.leaflet import compose_leaflet
from .compose.routine_card import compose_deck
from .compose.text import Fonts
from .content import load_content
from .errors import ContentError, HandoutsError, Problem
from .fonts import load_fonts
from .impose import impose, impose_booklet
from .layout import BookletLayout, load_layout
from .manifest import Product, ProductKind, Project, load_manifest
from .model import Content
from .page import Page
from .personalise import base_context, personalise_routine
from .render import Metadata, render_pdf
from .write import Document

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


def _layout(project: Project, name: str, expected: tuple[str, ...], used_by: str) -> Any:
    path = project.layout_path(name)
    assert path is not None  # the manifest checked that it exists
    layout = load_layout(path, project.display(path))
    if layout.kind not in expected:
        kinds = " or ".join(f"'{kind}'" for kind in expected)
        raise ContentError.single(project.display(path), f"{used_by} needs a layout of kind "
                                  f"{kinds}, this one is '{layout.kind}'",
                                  field="kind", hint="name another layout in the manifest")
    return layout


def _sheet_problems(project: Project, product: Product, layout: Any) -> list[Problem]:
    if product.sheet is None or layout is None or layout.kind in IMPOSED_KINDS:
        return []
    return [Problem(project.display(project.content / "handouts.yaml"), None, None,
                    f"a layout of kind '{layout.kind}' is printed as it is, not on sheets",
                    f"{product.name}.sheet", "remove the sheet: entry of this product")]


def read_inputs(project: Project) -> Inputs:
    """Stages 1 and 2 for a whole project: manifest, content, fonts, layouts.

    Each part is checked even when another failed, so one run reports every problem.
    """
    problems: list[Problem] = []

    def attempt(step: Callable[[], T]) -> T | None:
        try:
            return step()
        except ContentError as error:
            problems.extend(error.problems)
            return None

    loaded = attempt(lambda: load_manifest(project))
    language = loaded.manifest.language if loaded else "sv"
    content = attempt(lambda: load_content(project.content, language))
    if loaded and content:
        attempt(lambda: loaded.check_references(content.routine_ids))
    registered = attempt(lambda: load_fonts(project.fonts))
    layouts: dict[str, Any] = {}
    for product in loaded.manifest.products if loaded else ():
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
    return Inputs(project, loaded.manifest.products, content,
                  Fonts(registered.regular, registered.bold), layouts)


def metadata_for(product: Product, content: Content, layout: Any = None) -> Metadata:
    """What the PDF says about itself; `layout:KIND` lets preflight pick the type floor."""
    keywords = "beröring, oxytocin, omsorg"
    if layout is not None:
        keywords += f", layout:{layout.kind}"
    return Metadata(title=product.title, author=content.organisation.name,
                    subject=product.subject, language=f"{content.language}-SE"
                    if content.language == "sv" else content.language,
                    keywords=keywords)


def _routine_cards(inputs: Inputs, product: Product) -> list[Document]:
    content = inputs.content
    chosen = product.routines or content.routine_ids
    context = base_context(content.organisation, content.labels.person_default)
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
                                product.sheet.layout)
        documents.append(Document(product.sheet.output, render_pdf(sheets, metadata, regular),
                                  f"{len(booklet.pages)} pages on {len(sheets) // 2} sheets"))
    return documents


def _fridge_card(inputs: Inputs, product: Product) -> list[Document]:
    content, layout = inputs.content, inputs.layouts[product.layout]
    context = base_context(content.organisation, content.labels.person_default)
    routines = [personalise_routine(content.routine(i), context) for i in product.routines or ()]
    page = compose_fridge_card(routines, content, layout, inputs.fonts, product.name)
    return [Document(product.output, render_pdf([page], metadata_for(product, content, layout),
                                                inputs.fonts.regular),
                     f"{len(routines)} routines, 1 page")]


BUILDERS = {ProductKind.ROUTINE_CARDS: _routine_cards, ProductKind.LEAFLET: _leaflet,
            ProductKind.FRIDGE_CARD: _fridge_card}


def build_project(project: Project, only: tuple[str, ...] = ()) -> list[Document]:
    """Read and lay out every product of the project (or only the named ones) in memory."""
    return lay_out(read_inputs(project), only)


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


def default_output(project: Project, cwd: Path) -> Path:
    """Where files go unless --out says otherwise: the project's output/ folder."""
    return (project.root or cwd) / "output"

