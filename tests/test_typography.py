"""Swedish typography: units, quotes, dashes, phone numbers, dates, possessives."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.typography import (
    NBSP,
    decimal,
    genitive,
    long_date,
    phone,
    quantity,
    swedish_text,
    web_address,
)


@pytest.mark.parametrize(("stored", "printed"), [
    ("0723010853", "072-301 08 53"),
    ("+46723010853", "072-301 08 53"),
    ("081234567", "08-123 45 67"),
    ("0812345678", "08-123 456 78"),
    ("031123456", "031-12 34 56"),
    ("0480123456", "0480-12 34 56"),
    ("070-174 06 50", "070-174 06 50"),
])
def test_phone_numbers_are_grouped_the_swedish_way(stored: str, printed: str) -> None:
    assert phone(stored) == printed.replace(" ", NBSP)


def test_foreign_numbers_are_left_alone() -> None:
    assert phone("+4512345678") == "+4512345678"


def test_numbers_keep_their_units() -> None:
    assert swedish_text("ca 3.5 kg i 3 sekunder") == f"ca 3,5{NBSP}kg i 3{NBSP}sekunder"
    assert quantity(3.5, "kg") == f"3,5{NBSP}kg"
    assert quantity(1, "sekund", "sekunder") == f"1{NBSP}sekund"
    assert decimal(3.0) == "3"


def test_quotes_dashes_and_apostrophes() -> None:
    assert swedish_text('Det ”håller ihop” - "sa hon"') == "Det ”håller ihop” – ”sa hon”"
    assert swedish_text("Anna's") == "Anna\u2019s"


def test_years_and_plain_numbers_are_not_glued() -> None:
    assert swedish_text("år 2022 kom 12 svar") == "år 2022 kom 12 svar"


def test_dates_possessives_and_addresses() -> None:
    assert long_date(dt.date(2026, 11, 22)) == f"22{NBSP}november 2026"
    assert genitive("Anna") == "Annas"
    assert genitive("Lars") == "Lars"
    assert genitive("din partner") == "din partners"
    assert web_address("https://www.beroring.se/") == "www.beroring.se"
