"""Init: copy the built-in manifest, content, layouts and font settings out for editing."""
from __future__ import annotations

import shutil
from pathlib import Path

from .defaults import default_dir
from .errors import HandoutsError, Problem

FOLDERS = ("content", "layouts", "fonts")


def init_project(target: Path) -> list[Path]:
    """Copy the defaults into `target`; never overwrite a file that is there."""
    clashes = [target / name for name in FOLDERS if (target / name).exists()]
    if clashes:
        raise HandoutsError([Problem("output.exists", {}, str(clashes[0]))])
    created = []
    for name in FOLDERS:
        source = default_dir(name)
        shutil.copytree(source, target / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py"))
        created.append(target / name)
    (target / "output").mkdir(exist_ok=True)
    return created
