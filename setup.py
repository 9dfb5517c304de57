"""Build step: compile the gettext catalogues (.po -> .mo) into the package at install.

The .mo files are build products, never committed; generator/i18n compiles a .po in
memory when run from a source checkout that has none.
"""
from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for source in Path("generator/i18n").glob("*/LC_MESSAGES/*.po"):
            target = Path(self.build_lib) / source.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as po, target.open("wb") as mo:
                write_mo(mo, read_po(po, locale=source.parts[-3]))


setup(cmdclass={"build_py": BuildWithCatalogues})
