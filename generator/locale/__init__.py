"""Locale: one language's rules for printed text, built from content/LANG/locale.yaml.

The seam where a language plugs in. Babel (CLDR) gives numbers, plural categories and
month names; phonenumbers gives phone grouping; the language's `locale.yaml` gives
what no library knows (quote marks, unit words, the genitive). A new
language is a new `locale.yaml`, not new code.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..defaults import default_dir
from ..errors import ContentError
from ..model.locale import LocaleData, Plural
from ..validate import convert_file
from ..yamlread import read_yaml

if TYPE_CHECKING:  # Babel and phonenumbers are imported when a number is first formatted:
    import babel  # together they cost a command that formats none ~0.2 s at start-up

NBSP = "\u00a0"
LEFT_TO_RIGHT, POP = "\u202a", "\u202c"  # LRE ... PDF: text that keeps its order
_SPACED_HYPHEN = re.compile(r"(?<=\s)-{1,2}(?=\s)")
_QUOTE = re.compile("[\"“„”]")
_BEFORE_OPENING = " \t\n([" + NBSP  # a quote after these (or first) opens
_NUMBER_FORMAT = "#,##0.##"  # no trailing zeros: 3.0 -> 3, 3.5 -> 3,5


@dataclass(frozen=True, eq=False)  # one object per loaded file: compared and hashed by identity
class Locale:
    """One language's text rules; `language` is the content folder's name (sv)."""

    language: str
    data: LocaleData

    # -- what the rest of the program asks for by name -------------------------------
    @property
    def tag(self) -> str:
        """The BCP 47 language tag a PDF carries: sv-SE."""
        return f"{self.language}-{self.data.region}"

    @property
    def fallback_name(self) -> str:
        return self.data.fallback_name

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left (its pages are mirrored)."""
        return self.data.direction == "rtl"

    @cached_property
    def cldr(self) -> babel.Locale:
        """CLDR's data for language and region, or the language's own (fi in Sweden: fi)."""
        import babel
        try:
            return babel.Locale.parse(f"{self.language}_{self.data.region}")
        except babel.UnknownLocaleError:
            return babel.Locale.parse(self.language)

    @property
    def phone_region(self) -> str:
        return self.data.phone_region or self.data.region

    # -- numbers, units, dates ------------------------------------------------------------
    def decimal(self, value: float) -> str:
        """3.5 -> '3,5'; 3.0 -> '3' (the language's decimal sign, no trailing zero)."""
        from babel.numbers import format_decimal
        return format_decimal(value, _NUMBER_FORMAT, locale=self.cldr)

    def plural(self, value: float, word: Plural) -> str:
        """The form of `word` the language uses after `value` (CLDR plural rules)."""
        form = getattr(word, self.cldr.plural_form(value), None)
        return form or word.other

    def quantity(self, value: float, word: Plural) -> str:
        """A number and its unit held together by a no-break space: '3,5 kg', '1 sekund'."""
        return f"{self.decimal(value)}{NBSP}{self.plural(value, word)}"

    def seconds(self, value: float) -> str:
        return self.quantity(value, self.data.unit_words.seconds)

    def kilograms(self, value: float) -> str:
        return self.quantity(value, self.data.unit_words.kg)

    def long_date(self, day: _dt.date) -> str:
        """22 november 2026, in the pattern locale.yaml gives."""
        from babel.dates import format_date
        return format_date(day, self.data.date_format, locale=self.cldr)

    # -- running text ---------------------------------------------------------------------
    @cached_property
    def _unit_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        units = [re.escape(unit) for unit in self.data.units]
        bounded = "|".join(u + r"\b" if re.search(r"\w$", u) else u for u in units)
        number_unit = re.compile(rf"(?<![\w,.])(\d+(?:[,.]\d+)?) (?=(?:{bounded}))")
        decimal_point = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?=\s?(?:" + "|".join(units)
                                   + r")\b)")
        return number_unit, decimal_point

    @cached_property
    def _decimal_sign(self) -> str:
        from babel.numbers import get_decimal_symbol
        return get_decimal_symbol(self.cldr)

    def text(self, text: str) -> str:
        """Apply the language's typography to running text (remembered: texts repeat).

        - a no-break space between a number and its unit ("3,5 kg", "3 sekunder");
        - a decimal point before a unit becomes the language's decimal sign;
        - straight and English double quotes become the language's own;
        - an apostrophe becomes the typographic one, a spaced hyphen a dash.
        """
        return _typeset(self, text)

    def _typeset(self, text: str) -> str:
        number_unit, decimal_point = self._unit_patterns
        # the sign is asked of Babel only when a text has a decimal point to replace
        text = decimal_point.sub(lambda m: f"{m[1]}{self._decimal_sign}{m[2]}", text)
        text = number_unit.sub(lambda m: m.group(1) + NBSP, text)
        quotes = self.data.quotes
        text = _QUOTE.sub(lambda m: quotes.open if m.start() == 0 or m.string[m.start() - 1]
                          in _BEFORE_OPENING else quotes.close, text)
        text = text.replace("'", self.data.apostrophe)
        text = _native_punctuation(self.data, text)
        return _SPACED_HYPHEN.sub(self.data.dash, text)

    def genitive(self, name: str) -> str:
        """The possessive: Anna -> Annas, Lars -> Lars (the `genitiv` template filter)."""
        rule = self.data.genitive
        if not name or rule is None or name[-1].lower() in rule.unchanged_after:
            return name
        return name + rule.suffix

    # -- phone numbers ----------------------------------------------------------------------
    def phone(self, number: str) -> str:
        """A phone number grouped as the region writes it: 0723010853 -> '072-301 08 53'.

        Remembered: the organisation's number is printed on every card of a batch.
        """
        return _grouped(self, number)

    def tel_uri(self, number: str) -> str:
        """The number as a link a phone can call: 0723010853 -> 'tel:+46723010853'.

        Remembered, as `phone` is: the organisation's number is a link on every card.
        """
        return _dialled(self, number)

    def _tel_uri(self, number: str) -> str:
        import phonenumbers
        try:
            parsed = phonenumbers.parse(number, self.data.region)
        except phonenumbers.NumberParseException:
            return "tel:" + re.sub(r"[^\d+]", "", number)
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

    def _group(self, number: str) -> str:
        """The grouping itself (see `phone`).

        Numbers of the region are printed in the national form (a +46 number too);
        a number of another country, or one that is not a number, is left as written.
        Groups are joined with no-break spaces so a number never breaks across lines.
        """
        import phonenumbers
        try:
            parsed = phonenumbers.parse(number, self.phone_region)
        except phonenumbers.NumberParseException:
            return number
        if phonenumbers.region_code_for_number(parsed) != self.phone_region:
            return number
        national = phonenumbers.national_significant_number(parsed)
        region = phonenumbers.PhoneMetadata.metadata_for_region(self.phone_region)
        trunk = region.national_prefix if region is not None else ""
        formats = [phonenumbers.NumberFormat(
            pattern=f.pattern, format=f.format, leading_digits_pattern=[f.leading],
            national_prefix_formatting_rule=f"{trunk}$FG") for f in self.data.phone_formats
            if re.match(f.leading, national) and re.fullmatch(f.pattern, national)]
        if formats:
            shown = phonenumbers.format_by_pattern(
                parsed, phonenumbers.PhoneNumberFormat.NATIONAL, formats[:1])
        else:
            shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        shown = shown.replace(" ", NBSP)
        # Inside right-to-left text a number keeps its own order: 072-301 08 53, not
        # 53 08 301-072 (the embedding controls are not printed; see script/runs.py).
        return f"{LEFT_TO_RIGHT}{shown}{POP}" if self.rtl else shown


_AFTER_LETTER = re.compile(r"(?<=[\u0600-\u06ff\u0750-\u077f])([,?;])")


def _native_punctuation(data: LocaleData, text: str) -> str:
    """A comma, question mark or semicolon after a letter of the language's script
    becomes the script's own (Arabic ، ؟ ؛); Latin text inside keeps its ASCII ones."""
    native = {",": data.comma, "?": data.question_mark, ";": data.semicolon}
    if all(key == value for key, value in native.items()):
        return text
    return _AFTER_LETTER.sub(lambda m: native[m[1]], text)


@lru_cache(maxsize=8192)
def _typeset(locale: Locale, text: str) -> str:
    return locale._typeset(text)


@lru_cache(maxsize=1024)
def _grouped(locale: Locale, number: str) -> str:
    return locale._group(number)


@lru_cache(maxsize=1024)
def _dialled(locale: Locale, number: str) -> str:
    return locale._tel_uri(number)


def web_address(url: str) -> str:
    """What a reader types: 'https://www.beroring.se/' -> 'www.beroring.se'."""
    return re.sub(r"^https?://", "", url).rstrip("/")


FILE = "locale.yaml"
INTERFACE_LANGUAGE = "sv"  # the language of file names, whatever a card's language


def locale_file(content_root: Path, language: str) -> Path:
    """The language's locale.yaml; a folder made before it existed uses the built-in one."""
    path = content_root / language / FILE
    built_in = default_dir("content") / language / FILE
    return path if path.is_file() or not built_in.is_file() else built_in


def load_locale(content_root: Path, language: str, display: str | None = None) -> Locale:
    """Read and check the `locale.yaml` of `language` under `content_root`."""
    path = locale_file(content_root, language)
    if not path.is_file():
        raise ContentError.single(display or str(path), "locale.missing",
                                  {"language": language, "file": FILE})
    stamp = path.stat().st_mtime_ns
    return _cached(str(path), stamp, language, display or str(path))


@lru_cache(maxsize=32)
def _cached(path: str, stamp: int, language: str, display: str) -> Locale:
    data = convert_file(read_yaml(Path(path), display), LocaleData, display)
    return Locale(language, data)


@lru_cache(maxsize=1)
def interface_locale() -> Locale:
    """The built-in locale of the program's own words (fallback file names)."""
    return load_locale(default_dir("content"), INTERFACE_LANGUAGE)
