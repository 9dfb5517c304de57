"""Read (phone): a phone number as people and Excel write it, to one a card can print.

The one rule every route shares (a person file, a CSV or XLSX roster): Excel and YAML
turn `0701740650` into the number 701740650, dropping the leading zero; a cell that is
clearly a Swedish number without its zero gets it back, and the caller notes a warning.
`+46 70 174 06 50`, `0046 70 …`, `070 174 06 50` and `070-1740650` are all accepted (the
locale groups them the Swedish way when printing); a foreign number keeps its
international form; anything else is not a phone number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

_WRITTEN = re.compile(r"\+?[0-9 ()\-./]{5,24}")
_BARE_DIGITS = re.compile(r"[1-9][0-9]{6,9}")


@dataclass(frozen=True)
class ReadPhone:
    """A number fit to print, and whether its leading zero was put back."""

    number: str
    restored: bool = False


def _possible(number: str, region: str) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(parsed)


def read_phone(value: object, region: str = "SE") -> ReadPhone | None:
    """`value` (text, or a number from Excel or YAML) as a phone number; None if it is not."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if isinstance(value, float):
        if value != value or not value.is_integer() or abs(value) > 1e15:
            return None
        value = int(value)
    text = str(value).strip()
    if not _WRITTEN.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("00"):
        text = "+" + text[2:].lstrip()
    if re.fullmatch(r"46[1-9][0-9]{6,8}", text):  # +46 70… that Excel stored as 4670…
        return ReadPhone("+" + text, restored=True) if _possible("+" + text, region) else None
    if _BARE_DIGITS.fullmatch(text) and not text.startswith("0"):
        restored = "0" + text  # a number whose leading zero a spreadsheet dropped
        if _possible(restored, region) and phonenumbers.is_valid_number(
                phonenumbers.parse(restored, region)):
            return ReadPhone(restored, restored=True)
        return None
    if not text.startswith("+") and not text.startswith("0"):
        return None  # a national number starts with its zero
    if len(digits) < 6 or not _possible(text, region):
        return None
    return ReadPhone(text)
