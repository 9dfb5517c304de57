"""Model (person): one person cared for, as their personal card shows them.

Filled in from a person file or a roster row by person.py, which checks it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .constraints import items, text


@dataclass(frozen=True)
class Likes:
    """What brings the person joy: printed so a carer can start a good moment."""

    music: str | None = field(default=None, metadata=text(100))
    food: str | None = field(default=None, metadata=text(100))
    memories: str | None = field(default=None, metadata=text(140))


@dataclass(frozen=True)
class Contact:
    role: str = field(metadata=text(30))
    name: str = field(metadata=text(50))
    phone: str = field(metadata=text(20, digits=True))


@dataclass(frozen=True)
class Person:
    """One person cared for, as their personal card shows them."""

    name: str = field(metadata=text(60))
    routines: tuple[str, ...] = field(metadata=items(1, 8))
    call_name: str | None = field(default=None, metadata=text(30))  # "Anna"; see `called`
    carer: str | None = field(default=None, metadata=text(60))
    language: str = field(default="sv", metadata=text(10))
    avoid: tuple[str, ...] = field(default=(), metadata=items(max_items=6, item_max_len=90))
    likes: Likes = field(default_factory=Likes)
    contacts: tuple[Contact, ...] = field(default=())  # as many as fit on the card
    note: str | None = field(default=None, metadata=text(240))

    @property
    def called(self) -> str:
        """What the routine steps call the person: `call_name`, else the name's first word."""
        if self.call_name:
            return self.call_name
        words = self.name.split() if isinstance(self.name, str) else []
        return words[0] if words else ""
