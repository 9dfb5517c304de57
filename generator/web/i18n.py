"""Web edge (words): the message catalogue, and the library's problems in the reader's language.

Interface texts are English msgids in the templates and the code; `i18n/<lang>.po` holds
their translation and is read at start (no compiled .mo in the repository). The
library's problem messages are English today: `PROBLEM_TEXTS` is the one place that
maps them to catalogue entries, so they are translated like every other text; a
message not listed is shown as the library wrote it.
"""
from __future__ import annotations

import gettext
import io
import re
from functools import lru_cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


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


# English library message (a full match) -> catalogue entry; groups fill {0}, {1} ...
PROBLEM_TEXTS: tuple[tuple[str, str], ...] = (
    (r"the key '(.+)' is missing", N_("Fill in this field.")),
    (r"this text is empty", N_("Fill in this field.")),
    (r"the text is (\d+) characters, at most (\d+) fit here",
     N_("The text is {0} characters; at most {1} fit here.")),
    (r"shorten it", N_("Shorten the text.")),
    (r"unknown routine '(.+)'", N_("There is no routine called “{0}”.")),
    (r"'(.+)' is listed twice", N_("“{0}” is chosen twice.")),
    (r"list each routine once", N_("Choose each routine once.")),
    (r"did you mean '(.+)'\?", N_("Did you mean “{0}”?")),
    (r"choose one of: (.+)", N_("Choose one of: {0}.")),
    (r"the list needs at least (\d+) item\(s\)", N_("Choose at least {0}.")),
    (r"the list has (\d+) items, at most (\d+) fit", N_("There are {0}; at most {1} fit.")),
    (r"'(.+)' is not a phone number", N_("“{0}” is not a phone number.")),
    (r"write the digits, like 0701234567 or \+46701234567",
     N_("Write the digits, for example 070-174 06 50.")),
    (r"write the number in quotes", N_("Write the phone number as text.")),
    (r"there is no content in the language '(.+)'",
     N_("There are no texts in the language “{0}”.")),
    (r"the text holds (U\+[0-9A-F]+) \(.+\), which cannot be printed",
     N_("The text holds a character that cannot be printed ({0}).")),
    (r"delete it; it is often pasted in by accident",
     N_("Delete it; it often comes along when text is pasted.")),
    (r"the font has no letter for '(.+)' \(.+\)", N_("The typeface has no letter for “{0}”.")),
    (r"write the text without it, or in words", N_("Write the text without it, or in words.")),
    (r"expected text, got (.+)", N_("Write text here.")),
    (r"expected a list, got (.+)", N_("Write one item a line here.")),
    (r"unknown key '(.+)'", N_("The file has a field the form does not know: “{0}”.")),
    (r"a person is a mapping of keys such as name: and routines:",
     N_("The file is not a person file.")),
    (r"the file is not UTF-8", N_("The file is not saved as UTF-8 text.")),
    (r".*\b(\S+) does not fit: ([\d.]+) mm too much text.*",
     N_("{0} does not fit on the card: {1} mm too much text, even in the smallest type.")),
    (r"shorten the text, or split it into two", N_("Shorten the text.")),
    (r"unknown column '(.+)'", N_("Unknown column “{0}”.")),
    (r"the column '(.+)' appears twice \(columns (\d+) and (\d+)\)",
     N_("The column “{0}” appears twice (columns {1} and {2}).")),
    (r"keep one of them", N_("Keep one of them.")),
    (r"the column '(.+)' is missing", N_("The column “{0}” is missing.")),
    (r"add a column named (\S+) or (\S+)", N_("Add a column named {1}.")),
    (r"the roster is empty", N_("The list is empty.")),
    (r"the roster names no persons", N_("The list names no persons.")),
    (r"add one row per person below the header",
     N_("Add one row per person below the row of column names.")),
    (r"the columns are: (.+)", N_("The columns are: {0}.")),
    (r"the first row names the columns, e\.g\. namn;rutiner",
     N_("The first row names the columns, for example namn;rutiner.")),
    (r"the row has (\d+) cells, the header names (\d+) columns",
     N_("The row has {0} cells, but there are {1} columns.")),
    (r"look for a stray delimiter or a column without a name",
     N_("Look for a stray ; or a column without a name.")),
    (r"the phone number (\S+) was stored as a number and has lost its leading 0",
     N_("The phone number {0} was stored as a number and has lost its leading 0.")),
    (r"format the column as Text in Excel and type the number again",
     N_("Format the column as Text in Excel and type the number again.")),
    (r"the file is an old Excel file \(\.xls\) or a password-protected workbook, which cannot "
     r"be read", N_("The file is an old Excel file (.xls) or has a password, and cannot be read.")),
    (r"the file is an OpenDocument spreadsheet \(\.ods\)",
     N_("The file is an OpenDocument spreadsheet (.ods).")),
    (r"the file is not an Excel workbook, though its name ends in (\S+)",
     N_("The file is not an Excel workbook, though its name ends in {0}.")),
    (r"the workbook cannot be read \((.+)\)", N_("The workbook cannot be read.")),
    (r"(?:remove the password, then )?open it in Excel and choose Save as: Excel workbook "
     r"\(\.xlsx\) or CSV UTF-8",
     N_("Open it in Excel and choose Save as: Excel workbook (.xlsx) or CSV UTF-8.")),
    (r"the file is larger than (\d+) MB", N_("The file is larger than {0} MB.")),
)
_COMPILED = tuple((re.compile(pattern, re.DOTALL), msgid) for pattern, msgid in PROBLEM_TEXTS)


def translate_problem(text: str, language: str = "sv") -> str:
    """One library message or hint in `language`, or as it is when not in the catalogue."""
    text = text.strip()
    for pattern, msgid in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return translations(language).gettext(msgid).format(*match.groups())
    return text


def translate_row_error(text: str, language: str = "sv") -> str:
    """A batch report's reason ("column: message (hint); …") in `language`."""
    parts = []
    for part in text.split("; "):
        column, sep, rest = part.partition(": ")
        if not sep or " " in column:
            column, rest = "", part
        shown = _message_and_hint(rest, language)
        parts.append(f"{column}: {shown}" if column else shown)
    return " ".join(parts)


def _message_and_hint(text: str, language: str) -> str:
    if text.endswith(")"):
        for at in [m.start() for m in re.finditer(r" \(", text)][::-1]:
            message, hint = text[:at], text[at + 2:-1]
            translated = translate_problem(message, language)
            if translated != message:
                return f"{translated} {translate_problem(hint, language)}"
    return translate_problem(text, language)
