"""Typography: the built-in Swedish locale's rules as plain functions.

The rules themselves live in content/sv/locale.yaml and generator/locale/; code that
has a `Content` asks `content.locale`. These functions serve the compose modules that
still format the organisation's contact line themselves (see ARCHITECTURE.md).
"""
from __future__ import annotations

import datetime as _dt

from .locale import NBSP, interface_locale, web_address
from .model.locale import Plural

__all__ = ["NBSP", "decimal", "genitive", "long_date", "phone", "quantity", "swedish_text",
           "tel_uri", "web_address"]


def decimal(value: float) -> str:
    return interface_locale().decimal(value)


def quantity(value: float, singular: str, plural: str | None = None) -> str:
    return interface_locale().quantity(value, Plural(other=plural or singular, one=singular))


def swedish_text(text: str) -> str:
    return interface_locale().text(text)


def phone(number: str) -> str:
    return interface_locale().phone(number)


def tel_uri(number: str) -> str:
    return interface_locale().tel_uri(number)


def long_date(day: _dt.date) -> str:
    return interface_locale().long_date(day)


def genitive(name: str) -> str:
    return interface_locale().genitive(name)
