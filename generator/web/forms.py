"""Web edge (form): the personal-card form to the person file the command line reads, and back.

The form is only a way to write a person file: its values become that YAML, which goes
through the library's one validator. A problem's field path (`contacts[1].phone`) names
the form field it is shown beside. Nothing here checks a rule of the card.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .i18n import N_

MAX_CONTACT_ROWS = 5  # rows the form offers; the library says how many fit on a card
TEXT_FIELDS = ("name", "call_name", "carer", "language", "avoid", "music", "food", "memories",
               "note", "layout", "contacts", "action")
CONTACT_PARTS = ("role", "name", "phone")
LIKES = ("music", "food", "memories")


class FormProblem(ValueError):
    """A form that no page of ours sends (a field twice, a value out of range): a 400."""


@dataclass
class CardForm:
    """What the personal-card form holds, as text, in the order the page shows it."""

    name: str = ""
    call_name: str = ""
    carer: str = ""
    language: str = "sv"
    routines: list[str] = field(default_factory=list)
    avoid: str = ""
    music: str = ""
    food: str = ""
    memories: str = ""
    contacts: list[dict[str, str]] = field(default_factory=lambda: [dict.fromkeys(CONTACT_PARTS,
                                                                                  "")])
    note: str = ""
    layout: str = "card-a6"


def _single(items: list[tuple[str, Any]], key: str) -> str:
    values = [value for name, value in items if name == key]
    if len(values) > 1:
        raise FormProblem(N_("The form sent the field “{0}” more than once."), key)
    value = values[0] if values else ""
    if not isinstance(value, str):
        raise FormProblem(N_("The field “{0}” should hold text, not a file."), key)
    return value


def read_form(items: list[tuple[str, Any]], layouts: Iterable[str]) -> tuple[CardForm, str]:
    """The posted fields (a multi-dict's items) as a `CardForm`, and the button pressed."""
    known = set(TEXT_FIELDS) | {"routines"} | {
        f"contact-{i}-{part}" for i in range(MAX_CONTACT_ROWS) for part in CONTACT_PARTS}
    for key, _ in items:
        if key not in known:
            raise FormProblem(N_("The form sent a field it does not have: “{0}”."), key)
    form = CardForm()
    for key in ("name", "call_name", "carer", "avoid", "music", "food", "memories", "note"):
        setattr(form, key, _single(items, key))
    form.language = _single(items, "language") or "sv"
    form.layout = _single(items, "layout") or "card-a6"
    if form.layout not in layouts:
        raise FormProblem(N_("There is no card layout called “{0}”."), form.layout)
    routines = [value for key, value in items if key == "routines"]
    if not all(isinstance(value, str) for value in routines):
        raise FormProblem(N_("The field “{0}” should hold text, not a file."), "routines")
    form.routines = routines
    count_text = _single(items, "contacts") or "1"
    if not count_text.isdigit() or not 0 <= int(count_text) <= MAX_CONTACT_ROWS:
        raise FormProblem(N_("The form sent a wrong number of contact rows."), count_text[:20])
    form.contacts = [{part: _single(items, f"contact-{i}-{part}") for part in CONTACT_PARTS}
                     for i in range(int(count_text))]
    return form, _single(items, "action")


def person_values(form: CardForm) -> dict[str, Any]:
    """The person file's values: empty fields left out, as a person would write the file."""
    values: dict[str, Any] = {}
    for key in ("name", "call_name", "carer"):
        if getattr(form, key).strip():
            values[key] = getattr(form, key).strip()
    values["language"] = form.language.strip() or "sv"
    values["routines"] = list(form.routines)
    avoid = [line.strip() for line in form.avoid.splitlines() if line.strip()]
    if avoid:
        values["avoid"] = avoid
    likes = {key: getattr(form, key).strip() for key in LIKES if getattr(form, key).strip()}
    if likes:
        values["likes"] = likes
    contacts = [{part: row[part].strip() for part in CONTACT_PARTS if row[part].strip()}
                for row in form.contacts]
    contacts = [row for row in contacts if row]
    if contacts:
        values["contacts"] = contacts
    if form.note.strip():
        values["note"] = form.note.strip()
    return values


def person_yaml(form: CardForm) -> bytes:
    """The person file, as `handouts card` reads it and `Öppna fil` loads it back."""
    head = "# Personfil för handouts: öppna den i webbappen, eller kör  handouts card FIL\n"
    body = yaml.safe_dump(person_values(form), allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=False)
    return (head + body).encode("utf-8")


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)


def form_from_values(value: Any, layout: str) -> CardForm:
    """A person file's values (from `Öppna fil`) in the form; what does not fit is left out."""
    value = value if isinstance(value, dict) else {}
    likes = value.get("likes") if isinstance(value.get("likes"), dict) else {}
    routines = value.get("routines")
    avoid = value.get("avoid")
    contacts = value.get("contacts") if isinstance(value.get("contacts"), list) else []
    rows = [{part: _text(c.get(part)) for part in CONTACT_PARTS}
            for c in contacts[:MAX_CONTACT_ROWS] if isinstance(c, dict)]
    return CardForm(
        name=_text(value.get("name")), call_name=_text(value.get("call_name")),
        carer=_text(value.get("carer")), language=_text(value.get("language")) or "sv",
        routines=[_text(r) for r in routines] if isinstance(routines, list) else
        [_text(routines)] if routines else [],
        avoid="\n".join(_text(a) for a in avoid) if isinstance(avoid, list) else _text(avoid),
        music=_text(likes.get("music")), food=_text(likes.get("food")),
        memories=_text(likes.get("memories")),
        contacts=rows or [dict.fromkeys(CONTACT_PARTS, "")],
        note=_text(value.get("note")), layout=layout)


_INDEXED = re.compile(r"(\w+)\[(\d+)\](?:\.(\w+))?")


def field_id(path: str) -> str | None:
    """The form field a problem's field path belongs to, or None for the page as a whole."""
    if path in ("name", "call_name", "carer", "language", "note", "avoid", "routines",
                "contacts"):
        return f"f-{path}"
    if path == "file":
        return "f-file"
    if path.startswith("likes."):
        key = path.split(".", 1)[1]
        return f"f-{key}" if key in LIKES else None
    if path == "likes":
        return "f-music"
    match = _INDEXED.fullmatch(path)
    if match is None:
        return None
    base, index, part = match.groups()
    if base in ("routines", "avoid"):
        return f"f-{base}"
    if base == "contacts" and int(index) < MAX_CONTACT_ROWS:
        return f"f-contact-{index}-{part}" if part in CONTACT_PARTS else f"f-contact-{index}-name"
    return None
