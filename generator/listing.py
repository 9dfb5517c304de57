"""List (`handouts list`): the layouts, products and routines a project names.

Read from the files as they stand, without validating them: `handouts check` does
that. So `list` starts without the models and validators, and it still lists what is
there when one file has a problem (a value out of range, an unknown key), which is
when a person most needs to see the names. A file that is not YAML at all is still an
error at its line, as everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .project import MANIFEST, Project
from .yamlread import read_yaml

UNKNOWN = "?"  # a value the file does not give as text


@dataclass(frozen=True)
class Listing:
    layouts: list[tuple[str, str]]  # name, kind
    products: list[tuple[str, str, str, str | None]]  # name, kind, output, sheet output
    routines: list[tuple[str, str]]  # id, title, in the manifest's language


def _text(mapping: Any, key: str) -> str:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, str) else UNKNOWN


def _items(mapping: Any, key: str) -> list[Any]:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else []


def project_listing(project: Project) -> Listing:
    """What `handouts list` shows, read from the project's files."""
    layouts = []
    for name in project.layout_names():
        path = project.layout_path(name)
        if path is not None:
            layouts.append((name, _text(read_yaml(path, project.display(path)), "kind")))
    manifest_path = project.content / MANIFEST
    manifest = read_yaml(manifest_path, project.display(manifest_path))
    products = []
    for product in _items(manifest, "products"):
        sheet = product.get("sheet") if isinstance(product, dict) else None
        products.append((_text(product, "name"), _text(product, "kind"),
                         _text(product, "output"),
                         _text(sheet, "output") if isinstance(sheet, dict) else None))
    language = manifest.get("language") if isinstance(manifest, dict) else None
    routines_path = project.content / (language if isinstance(language, str) else "sv") / (
        "routines.yaml")
    routines = [(_text(r, "id"), _text(r, "title")) for r in _items(
        read_yaml(routines_path, project.display(routines_path)), "routines")]
    return Listing(layouts, products, routines)
