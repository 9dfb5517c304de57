"""Model (locale): what one language's `locale.yaml` says, as typed, checked data.

The rules a language's text follows that are not in a library: its quote marks, unit
words, where its no-break spaces go, its genitive.
Numbers, plurals and dates come from Babel (CLDR), phone numbers from phonenumbers;
generator/locale/ puts the two together into one `Locale`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .constraints import items, text


class TextDirection(StrEnum):
    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True)
class Quotes:
    open: str = field(metadata=text(2))
    close: str = field(metadata=text(2))


@dataclass(frozen=True)
class Plural:
    """A word in each CLDR plural category the language uses; `other` is always there."""

    other: str = field(metadata=text(30))
    one: str | None = field(default=None, metadata=text(30))
    two: str | None = field(default=None, metadata=text(30))
    few: str | None = field(default=None, metadata=text(30))
    many: str | None = field(default=None, metadata=text(30))
    zero: str | None = field(default=None, metadata=text(30))


@dataclass(frozen=True)
class UnitWords:
    """How a step's duration and pressure are printed after their number."""

    seconds: Plural
    kg: Plural


@dataclass(frozen=True)
class Genitive:
    """The possessive: add `suffix`, unless the name already ends in one of `unchanged_after`."""

    suffix: str = field(metadata=text(5))
    unchanged_after: str = field(default="", metadata=text(20))


@dataclass(frozen=True)
class ReportWords:
    """A batch report's status column: a card written, one left as it was, a row that failed."""

    written: str = field(metadata=text(20))
    unchanged: str = field(metadata=text(20))
    failed: str = field(metadata=text(20))
    moved: str = field(default="flyttad", metadata=text(20))  # a stale card moved aside
    notice: str = field(default="varning", metadata=text(20))  # a column ignored


@dataclass(frozen=True)
class PhoneFormat:
    """A grouping the phone library does not know, in its own terms (libphonenumber's).

    `leading` matches the start of the national number (without the trunk 0),
    `pattern` splits it into groups, `format` joins them: \\1-\\2 \\3.
    """

    leading: str = field(metadata=text(20))
    pattern: str = field(metadata=text(60))
    format: str = field(metadata=text(30))


@dataclass(frozen=True)
class LocaleData:
    """One language's `content/LANG/locale.yaml`."""

    region: str = field(metadata=text(3))  # with the language, the tag: sv + SE = sv-SE
    quotes: Quotes
    apostrophe: str = field(metadata=text(2))
    dash: str = field(metadata=text(2))  # what a spaced hyphen becomes
    units: tuple[str, ...] = field(metadata=items(1, item_max_len=12))
    unit_words: UnitWords
    date_format: str = field(metadata=text(30))  # a CLDR pattern: d MMMM y
    fallback_name: str = field(metadata=text(30))  # a file name when a name has no letters
    # No longer read: a batch report's words come from the interface catalogue (i18n/),
    # in its reader's language. Kept optional so a project folder made earlier still reads.
    report: ReportWords | None = None
    genitive: Genitive | None = None  # no rule: names are printed as they are
    phone_formats: tuple[PhoneFormat, ...] = field(default=(), metadata=items(max_items=20))
    # Issue 13: what Finnish, English and Arabic need beyond that.
    phone_region: str | None = field(default=None, metadata=text(3))  # default: region
    direction: TextDirection = TextDirection.LTR  # rtl: Arabic; pages are mirrored
    # Punctuation of the language's own script after one of its letters (Arabic ، ؟ ؛).
    comma: str = field(default=",", metadata=text(2))
    question_mark: str = field(default="?", metadata=text(2))
    semicolon: str = field(default=";", metadata=text(2))
