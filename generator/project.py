"""Read (project): where a project's folders are.

A project is a folder with `content/` (and the manifest, `content/handouts.yaml`, in
it), `layouts/` and `fonts/`. The built-in defaults are a project too. Layouts and
fonts are looked up in the user's folder first and the built-in folder second.
Nothing here reads a file's contents, so a command that only needs to know where
things are (`handouts list`) starts without the models and validators.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .defaults import default_dir

MANIFEST = "handouts.yaml"


@dataclass(frozen=True)
class Project:
    """The folders one build reads from."""

    root: Path | None  # None: the built-in defaults only

    @classmethod
    def find(cls, start: Path) -> Project:
        """`start` if it holds content/handouts.yaml, else the built-in defaults."""
        if (start / "content" / MANIFEST).is_file():
            return cls(start)
        return cls(None)

    def folder(self, kind: str) -> Path:
        if self.root is not None and (self.root / kind).is_dir():
            return self.root / kind
        return default_dir(kind)

    @property
    def content(self) -> Path:
        return self.folder("content")

    @property
    def fonts(self) -> Path:
        folder = self.folder("fonts")
        return folder if (folder / "fonts.yaml").is_file() else default_dir("fonts")

    def layout_names(self) -> list[str]:
        names = {p.stem for p in default_dir("layouts").glob("*.yaml")}
        if self.root is not None:
            names |= {p.stem for p in (self.root / "layouts").glob("*.yaml")}
        return sorted(names)

    def layout_path(self, name: str) -> Path | None:
        for folder in (self.folder("layouts"), default_dir("layouts")):
            path = folder / f"{name}.yaml"
            if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name) and path.is_file():
                return path
        return None

    def display(self, path: Path) -> str:
        base = self.root if self.root is not None else default_dir("content").parent
        try:
            return str(path.relative_to(base))
        except ValueError:
            return str(path)
