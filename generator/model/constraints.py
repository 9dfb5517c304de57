"""Model (constraints): the typed limits a field's metadata carries for validation.

A field says `field(metadata=text(60))` or `field(metadata=between(0.5, 600))`; each
helper builds one frozen `Limits`, so a misspelt limit is a TypeError at import, not
a rule silently ignored. Validation (validate.py) reads them with `limits_of`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

KEY = "limits"


@dataclass(frozen=True)
class Limits:
    """What validation holds one field to; None or False means no limit of that kind."""

    max_len: int | None = None        # characters of text
    item_max_len: int | None = None   # characters of each text in a list
    min_items: int | None = None
    max_items: int | None = None
    min: float | None = None          # a number's range
    max: float | None = None
    digits: bool = False              # a phone number: digits, spaces, hyphens, a leading +
    slug: bool = False                # an id: a-z, 0-9 and single hyphens
    template: bool = False            # Jinja2 template text (a list's: each item), test-rendered


NONE = Limits()


def text(max_len: int, *, digits: bool = False, slug: bool = False,
         template: bool = False) -> dict[str, Limits]:
    """Metadata for a text field: its length limit in characters, and what kind of text."""
    return {KEY: Limits(max_len=max_len, digits=digits, slug=slug, template=template)}


def between(low: float, high: float) -> dict[str, Limits]:
    """Metadata for a number field: its lowest and highest value."""
    return {KEY: Limits(min=low, max=high)}


def items(min_items: int | None = None, max_items: int | None = None, *,
          item_max_len: int | None = None, template: bool = False) -> dict[str, Limits]:
    """Metadata for a list field: how many items, how long each text item may be, and
    whether each text item is a template."""
    return {KEY: Limits(min_items=min_items, max_items=max_items, item_max_len=item_max_len,
                        template=template)}


def limits_of(spec: dataclasses.Field | Mapping[str, object]) -> Limits:  # type: ignore[type-arg]
    """The field's limits; metadata in any other shape is a programming error."""
    metadata = spec.metadata if isinstance(spec, dataclasses.Field) else spec
    unknown = set(metadata) - {KEY}
    if unknown:
        raise TypeError(f"field metadata {sorted(unknown)} is not a limit; "
                        "use text(), between() or items() from generator.model")
    found = metadata.get(KEY, NONE)
    if not isinstance(found, Limits):
        raise TypeError(f"field metadata {found!r} is not a Limits")
    return found
