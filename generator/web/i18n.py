"""Web edge (words): the message catalogue, and the library's problems in the reader's language.

Interface texts are English msgids in the templates and the code; `i18n/<lang>.po` holds
their translation and is read at start (no compiled .mo in the repository). The
library's problem messages are English templates in its catalogue (messages.py); they
are extracted into the same .pot (see `extract_catalogue`) and translated like every
other text. A message without a translation is shown as the library wrote it.
"""
from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .. import api


def N_(message: str) -> str:
    """Mark a text for the catalogue; it is translated where it is shown."""
    return message


@lru_cache(maxsize=8)
def translations(language: str = "sv") -> gettext.NullTranslations:
    """The catalogue for `language` from its .po file, built in memory."""
    source = resources.files("generator.web") / "i18n" / f"{language}.po"
    if not source.is_file():
        return gettext.NullTranslations()
    with source.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def problem_text(problem: api.Problem, language: str = "sv") -> str:
    """A library problem's message and hint in `language`, as shown beside a field."""
    message, hint = api.describe_problem(problem, translations(language).gettext)
    return f"{_sentence(message)} {_sentence(hint)}".strip()


def _sentence(text: str) -> str:
    """The library writes lower-case fragments for the terminal; a page shows sentences."""
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", ")")) else text + "."


def extract_catalogue(fileobj: Any, keywords: Any, comment_tags: Any,
                      options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor: every message and hint template of the library's catalogue."""
    from ..messages import library_texts

    for text, comment in library_texts():
        yield 0, "gettext", text, [comment]


def language_name(code: str, language: str) -> str:
    """"Finska (suomi)" for fi on a Swedish page: the name in the page's language, and in
    its own when that differs, so a relative finds it; the code when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
        here, own = locale.get_display_name(language), locale.get_display_name(code)
    except (ValueError, UnknownLocaleError):
        return code
    name = (here or code)[:1].upper() + (here or code)[1:]
    return f"{name} ({own})" if own and own.lower() != name.lower() else name
