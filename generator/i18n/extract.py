"""Messages (extraction): every text the tool shows, into generator/i18n/handouts.pot.

    python -m generator.i18n.extract              # write the .pot
    pybabel update -i generator/i18n/handouts.pot -d generator/i18n -D handouts

Four sources: `_("...")` calls in the command line (Babel's Python extractor), the
help texts of every command and option (read from the Click tree, as they are shown),
every message and hint template of the library's catalogue (messages.py), and Click's
own words ("Usage:", "Missing argument", ...) from the modules a user's run meets.
"""
from __future__ import annotations

from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from . import DOMAIN, FOLDER

WORDS = ("error", "errors", "hint", "warning")  # the words around every problem
CLICK_MODULES = ("core.py", "decorators.py", "exceptions.py", "formatting.py", "parser.py",
                 "types.py")


def _help_texts(command: click.Command, path: str) -> list[tuple[str, str]]:
    found = [(command.help, path)] if command.help else []
    for parameter in command.params:
        if isinstance(parameter, click.Option) and parameter.help:
            found.append((parameter.help, f"{path} {parameter.opts[-1]}"))
    for name, child in getattr(command, "commands", {}).items():
        found += _help_texts(child, f"{path} {name}")
    return found


def catalogue() -> Catalog:
    from .. import cli
    from ..messages import library_texts

    result = Catalog(project="handouts", domain=DOMAIN)
    source = Path(cli.__file__)
    for line, message, _comments, _context in extract_from_file("python", str(source),
                                                                keywords={"_": None}):
        result.add(message, locations=[(f"generator/{source.name}", line)])
    for text, where in _help_texts(cli.cli, "handouts"):
        result.add(text, auto_comments=[where])
    for text, comment in library_texts():
        result.add(text, auto_comments=[comment])
    for word in WORDS:
        result.add(word)
    folder = Path(click.__file__).parent
    for name in CLICK_MODULES:
        for line, message, _comments, _context in extract_from_file(
                "python", str(folder / name), keywords={"_": None, "ngettext": (1, 2)}):
            result.add(message, locations=[(f"click/{name}", line)])
    return result


def main() -> None:
    with (FOLDER / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, catalogue(), width=96)


if __name__ == "__main__":
    main()
