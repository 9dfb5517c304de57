"""Typography: Swedish conventions for numbers, units, quotes, dashes, phones and dates."""
from __future__ import annotations

import datetime as _dt
import re

NBSP = "\u00a0"
_UNITS = (r"kg|g|mm|cm|m|km|s|sek|sekund|sekunder|min|minut|minuter|timme|timmar|tim|"
          r"dag|dagar|år|%|°C|kr|ml|dl|l|st|pt")
_NUMBER_UNIT = re.compile(rf"(?<![\w,.])(\d+(?:[,.]\d+)?) (?=(?:{_UNITS})\b|%)")
_DOUBLE_QUOTES = re.compile(r"[\"“„”]")
_SPACED_HYPHEN = re.compile(r"(?<=\s)-{1,2}(?=\s)")
_DECIMAL_POINT = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?=\s?(?:" + _UNITS + r")\b)")

MONTHS_SV = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december")

# Swedish area codes of two and three digits (with the leading 0); all others have four.
_AREA_CODES_2 = {"08"}
_AREA_CODES_3 = {
    "010", "011", "013", "016", "018", "019", "020", "021", "023", "026", "031", "033",
    "035", "036", "040", "042", "044", "046", "054", "060", "063", "070", "072", "073",
    "074", "075", "076", "077", "079", "090",
}


def decimal(value: float) -> str:
    """3.5 -> '3,5'; 3.0 -> '3' (Swedish decimal comma, no trailing zero)."""
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return shown.replace(".", ",")


def quantity(value: float, singular: str, plural: str | None = None) -> str:
    """A number and its unit held together by a no-break space: '3,5 kg', '1 sekund'."""
    unit = singular if value == 1 or plural is None else plural
    return f"{decimal(value)}{NBSP}{unit}"


def swedish_text(text: str) -> str:
    """Apply Swedish typography to running text.

    - a no-break space between a number and its unit ("3,5 kg", "3 sekunder");
    - a decimal point before a unit becomes a comma ("3.5 kg" -> "3,5 kg");
    - straight and English double quotes become Swedish ones (”…”);
    - an apostrophe becomes ’, a spaced hyphen an en dash (–).
    """
    text = _DECIMAL_POINT.sub(r"\1,\2", text)
    text = _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP, text)
    text = _DOUBLE_QUOTES.sub("\u201d", text)
    text = text.replace("'", "\u2019")
    text = _SPACED_HYPHEN.sub("\u2013", text)
    return text


def _group_subscriber(digits: str) -> str:
    """Group a Swedish subscriber number: 2-3 digits in front, then pairs."""
    groups = {5: (3, 2), 6: (2, 2, 2), 7: (3, 2, 2), 8: (3, 3, 2)}.get(len(digits))
    if groups is None:
        return digits
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start:start + size])
        start += size
    return " ".join(parts)


def phone(number: str) -> str:
    """Print a Swedish phone number the Swedish way: 0723010853 -> '072-301 08 53'.

    Digits are stored plain; +46 numbers are printed in the national form. Parts are
    joined with no-break spaces so a number never breaks across lines.
    """
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+46"):
        digits = "0" + digits[3:]
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    if not digits.startswith("0") or not digits[1:].isdigit():
        return number
    if digits[:2] in _AREA_CODES_2:
        area = digits[:2]
    elif digits[:3] in _AREA_CODES_3:
        area = digits[:3]
    else:
        area = digits[:4]
    return f"{area}-{_group_subscriber(digits[len(area):])}".replace(" ", NBSP)


def long_date(day: _dt.date) -> str:
    """22 november 2026."""
    return f"{day.day}{NBSP}{MONTHS_SV[day.month - 1]} {day.year}"


def genitive(name: str) -> str:
    """Swedish possessive: Anna -> Annas, Lars -> Lars, din partner -> din partners."""
    if not name:
        return name
    if name[-1].lower() in "sxz":
        return name
    return name + "s"


def tel_uri(number: str) -> str:
    """A phone number as a link a phone can call: '072-301 08 53' -> 'tel:+46723010853'."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+46" + digits[1:]
    return f"tel:{digits}"


def web_address(url: str) -> str:
    """What a reader types: 'https://www.beroring.se/' -> 'www.beroring.se'."""
    return re.sub(r"^https?://", "", url).rstrip("/")
