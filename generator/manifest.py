"""Read (manifest): `content/handouts.yaml`, the products a project builds, validated.

Where a project's folders are is `project.py`'s (re-exported here as before).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import ContentError, Problem
from .model.constraints import items, text
from .project import MANIFEST, Project
from .validate import convert_file, suggest
from .yamlread import read_yaml

__all__ = ["MANIFEST", "Project", "load_manifest"]  # Project lives in project.py
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")


class ProductKind(StrEnum):
    ROUTINE_CARDS = "routine-cards"
    LEAFLET = "leaflet"
    FRIDGE_CARD = "fridge-card"


FRIDGE_LINES = (6, 8)  # a fridge card shows this many routines, fewest and most


@dataclass(frozen=True)
class SheetChoice:
    layout: str
    output: str


@dataclass(frozen=True)
class Product:
    name: str = field(metadata=text(60, slug=True))
    kind: ProductKind
    title: str = field(metadata=text(120))
    subject: str = field(metadata=text(200))
    layout: str
    output: str
    sheet: SheetChoice | None = None
    routines: tuple[str, ...] | None = None  # all routines when absent


@dataclass(frozen=True)
class Manifest:
    products: tuple[Product, ...] = field(metadata=items(1))
    language: str = "sv"


def load_manifest(project: Project) -> LoadedManifest:
    path = project.content / MANIFEST
    name = project.display(path)
    value = read_yaml(path, name)
    known_layouts = project.layout_names()

    def rule(arguments: dict) -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
        cls = arguments.pop("_class")
        found: list[tuple[str, str, dict]] = []  # type: ignore[type-arg]
        if cls is Product and arguments.get("kind") is ProductKind.FRIDGE_CARD:
            chosen = arguments.get("routines") or ()
            low, high = FRIDGE_LINES
            if not low <= len(chosen) <= high:
                found.append(("routines" if chosen else "kind", "manifest.fridge_count",
                              {"low": low, "high": high, "count": len(chosen)}))
        if cls in (Product, SheetChoice):
            layout, output = arguments.get("layout"), arguments.get("output")
            if isinstance(layout, str) and layout and project.layout_path(layout) is None:
                found.append(("layout", "layout.unknown", {
                    "name": layout, "hint": suggest(layout, known_layouts)}))
            if isinstance(output, str) and output and not _FILE_NAME.match(output):
                found.append(("output", "manifest.output_name", {"output": output}))
        return found

    manifest = convert_file(value, Manifest, name, {object: rule})
    references = []
    for index, product in enumerate(value["products"]):
        chosen = product.get("routines") or []
        positions = getattr(chosen, "positions", [])
        for (line, column), routine_id in zip(positions, chosen, strict=True):
            references.append(RoutineReference(routine_id, name, line, column,
                                               f"products[{index}].routines"))
    return LoadedManifest(manifest, tuple(references))


@dataclass(frozen=True)
class RoutineReference:
    """A routine id named in the manifest, with its place, checked against the content."""

    routine_id: str
    file: str
    line: int
    column: int
    field: str


@dataclass(frozen=True)
class LoadedManifest:
    manifest: Manifest
    references: tuple[RoutineReference, ...]

    def check_references(self, known: tuple[str, ...]) -> None:
        problems = [Problem("routine.unknown", {"routine": r.routine_id}, r.file, r.line,
                            r.column, r.field, suggestion=suggest(r.routine_id, known))
                    for r in self.references if r.routine_id not in known]
        if problems:
            raise ContentError(problems)

