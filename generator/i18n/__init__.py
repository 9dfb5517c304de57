"""Messages (language): the tool's own words in Swedish or English, through gettext.

The catalogues are gettext `.po` files (generator/i18n/LANG/LC_MESSAGES/handouts.po),
extracted and compiled with Babel; the compiled `.mo` files are built when the package
is built (setup.py) and never committed. In a source checkout without them the `.po`
is compiled in memory on first use. English is the source language: its messages are
the msgids themselves.

The language follows the locale as gettext does (LANGUAGE, then LC_ALL, LC_MESSAGES,
LANG; C and POSIX mean English), and `--lang-ui` overrides it.
"""
from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

DOMAIN = "handouts"
FOLDER = Path(__file__).parent
LANGUAGES = ("sv", "en")  # the languages the tool speaks; English is the source
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """'sv' or 'en', read the way gettext reads the locale variables."""
    environ = dict(os.environ) if environ is None else environ
    for variable in _ENVIRONMENT:
        value = environ.get(variable, "")
        if not value:
            continue
        for candidate in value.split(":"):  # LANGUAGE may list several: sv:en
            code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in ("c", "posix"):
                return "en"
            if code in LANGUAGES:
                return code
        if variable != "LANGUAGE":
            return "en"
    return "en"


def _catalogue_bytes(language: str) -> bytes | None:
    folder = FOLDER / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    source = folder / f"{DOMAIN}.po"
    if compiled.is_file() and (not source.is_file()
                               or compiled.stat().st_mtime >= source.stat().st_mtime):
        return compiled.read_bytes()
    if not source.is_file():
        return None
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


@lru_cache(maxsize=4)
def translation(language: str) -> gettext.NullTranslations:
    """The gettext catalogue of `language`; English (the source) translates nothing."""
    data = _catalogue_bytes(language) if language != "en" else None
    return gettext.GNUTranslations(io.BytesIO(data)) if data else gettext.NullTranslations()


def translator(language: str | None = None) -> Callable[[str], str]:
    """A function that gives each English message in `language` (default: the locale's)."""
    return translation(language or language_from_environment()).gettext


def use_in_click(language: str) -> None:
    """Click's own words (Usage:, Options, Missing argument ...) in `language` too.

    Click calls the standard library's gettext through module-level `_` and `ngettext`;
    they are pointed at our catalogue, which carries Click's messages.
    """
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    catalogue = translation(language)
    for module in (click.core, click.decorators, click.exceptions, click.formatting,
                   click.parser, click.types):
        if hasattr(module, "_"):
            module._ = catalogue.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def N_(message: str) -> str:
    """Mark a message for extraction where it is translated later (help texts)."""
    return message
