"""Validate (person): one person's details, from a person file or a roster row, to `Person`.

The types (`Person`, `Likes`, `Contact`) live in model/person.py; this module checks.

A person names the routines they follow; those ids are checked against the content of
the person's language, with "did you mean" for a misspelt id. Text that cannot be
printed (control and format characters) is refused with the character's name. No
message quotes the avoid lines or the note: they are health details.
"""
from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from .errors import ContentError, Problem
from .locale import interface_locale
from .locale.phone import read_phone
from .model.person import Contact, Likes, Person
from .validate import Checker, language_hint, suggest
from .yamlread import Mapping
from .yamlread import Sequence as YamlSequence

_ALLOWED_CONTROLS = "\n\t\r"
__all__ = ["Contact", "Likes", "Person", "convert_person", "located"]


RoutineIds = Callable[[str], Sequence[str]]
RoutineTitles = Callable[[str], dict[str, str]]  # language -> {routine id: title}
MissingGlyph = Callable[[str], "str | None"]
# A person file may use the roster's Swedish words for its keys.
SWEDISH_KEYS = {"namn": "name", "tilltalsnamn": "call_name", "anhörig": "carer",
                "språk": "language", "rutiner": "routines",
                "undvik": "avoid", "tycker_om": "likes", "musik": "music", "mat": "food",
                "minnen": "memories", "kontakter": "contacts", "roll": "role",
                "telefon": "phone", "anteckning": "note"}
_LIKES = ("music", "food", "memories")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


@lru_cache(maxsize=4096)
def fold_routine(text: str) -> str:
    """'Sitt nära' -> 'sitt-nara', 'MÅLTID' -> 'maltid': how a typed routine is matched.

    Remembered: every row of a roster folds the content's routine ids and titles again.
    """
    import re

    plain = unicodedata.normalize("NFC", text).strip().lower().translate(_FOLD)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _renamed(value: Mapping, top: bool) -> Mapping:
    """The mapping with Swedish keys put in English; top-level musik/mat/minnen go to likes."""
    result = Mapping()
    result.file, result.line, result.positions = value.file, value.line, {}
    for key, item in value.items():
        english = SWEDISH_KEYS.get(key, key) if isinstance(key, str) else key
        if isinstance(item, Mapping):
            item = _renamed(item, False)
        elif isinstance(item, YamlSequence):
            items = YamlSequence(_renamed(i, False) if isinstance(i, Mapping) else i
                                 for i in item)
            items.file, items.line, items.positions = item.file, item.line, item.positions
            item = items
        if top and english in _LIKES and english not in value:
            likes = result.setdefault("likes", Mapping())
            if not hasattr(likes, "positions"):
                likes.file, likes.line, likes.positions = value.file, value.line, {}
            likes[english] = item
            likes.positions[english] = value.positions.get(key)
            result.positions.setdefault("likes", value.positions.get(key))  # type: ignore[arg-type]
            continue
        result[english] = item
        result.positions[english] = value.positions.get(key)  # type: ignore[assignment]
    if top:
        for key, splitter in (("routines", r"[,\n]"), ("avoid", r"\n")):
            if isinstance(result.get(key), str):  # rutiner: maltid, musik
                result[key] = _listed(result[key], splitter, result, key)
    return result


def _listed(text: str, splitter: str, owner: Mapping, key: str) -> YamlSequence:
    import re

    items = YamlSequence(part.strip() for part in re.split(splitter, text) if part.strip())
    where = owner.positions.get(key, owner.line)
    items.file, items.line = owner.file, owner.line
    items.positions = [where] * len(items)  # type: ignore[list-item]
    return items


def _read_phones(value: Mapping, checker: Checker, warnings: list[Problem] | None) -> None:
    """Put back a phone number's lost leading zero (noted as a warning), the same rule for
    a person file and every roster."""
    contacts = value.get("contacts")
    if not isinstance(contacts, list):
        return
    for index, contact in enumerate(contacts):
        if not isinstance(contact, Mapping) or "phone" not in contact:
            continue
        written = contact["phone"]
        read = read_phone(written)
        path, where = f"contacts[{index}].phone", checker.position(contact, "phone")
        if read is None:
            if written not in (None, "") and not isinstance(written, (list, dict, bool)):
                checker.report(where, path, "phone.invalid")
                contact["phone"] = "000000"  # reported; keeps the type check quiet
            continue
        contact["phone"] = read.number
        if read.restored and warnings is not None:
            line, column = where if isinstance(where, tuple) else (where, None)
            shown = interface_locale().phone(read.number)
            warnings.append(Problem("phone.restored", {"number": shown}, checker.file,
                                    line, column, path, counted=True))


def _unprintable(value: str) -> str | None:
    for character in value:
        if character in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(character) in ("Cc", "Cf", "Co", "Cs", "Cn"):
            return character
    return None


def _check_characters(checker: Checker, value: Any, path: str, where: Any,
                      missing_glyph: MissingGlyph | None) -> None:
    """Report characters that cannot be printed, naming them, anywhere in `value`.

    Control and invisible format characters never print; anything else the font lacks
    (an emoji in a name) is named too, so the row fails with a reason, not a crash.
    """
    if isinstance(value, str):
        character = _unprintable(value)
        if character is not None:
            name = unicodedata.name(character, "a control character")
            checker.report(where, path, "text.unprintable",
                           {"codepoint": f"{ord(character):04X}", "name": name})
        elif missing_glyph is not None and (character := missing_glyph(value)) is not None:
            name = unicodedata.name(character, "unnamed character")
            checker.report(where, path, "text.no_letter", {
                "character": character, "codepoint": f"{ord(character):04X}", "name": name})
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            _check_characters(checker, item, child, checker.position(value, key),
                              missing_glyph)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_characters(checker, item, f"{path}[{index}]", checker.position(value, index),
                              missing_glyph)


def _check_routines(checker: Checker, value: Any, person: Person, languages: Sequence[str],
                    routine_ids: RoutineIds, titles: RoutineTitles | None) -> tuple[str, ...]:
    """The person's routines as ids (an id or a title, any case, with or without å, ä, ö)."""
    if person.language not in languages:
        checker.report(checker.position(value, "language"), "language",
                       "person.language", {"language": person.language},
                       language_hint(person.language, languages))
        return person.routines
    known = routine_ids(person.language)
    folded = {fold_routine(i): i for i in known}
    for routine_id, title in (titles(person.language) if titles else {}).items():
        folded.setdefault(fold_routine(title), routine_id)
    listed = value.get("routines") if isinstance(value, dict) else None
    seen: set[str] = set()
    resolved = []
    for index, written in enumerate(person.routines):
        where = checker.position(listed, index) if isinstance(listed, list) else None
        routine_id = written if written in known else folded.get(fold_routine(written), written)
        if routine_id and routine_id not in known:
            checker.report(where, f"routines[{index}]", "routine.unknown",
                           {"routine": written}, suggest(written, known))
        elif routine_id in seen:
            checker.report(where, f"routines[{index}]", "routine.twice",
                           {"routine": routine_id})
        seen.add(routine_id)
        resolved.append(routine_id)
    return tuple(resolved)


def convert_person(value: Any, file: str, languages: Sequence[str],
                   routine_ids: RoutineIds, missing_glyph: MissingGlyph | None = None,
                   routine_titles: RoutineTitles | None = None,
                   warnings: list[Problem] | None = None) -> Person:
    """Check one person's values (a mapping) and return the `Person`; raise every problem.

    `missing_glyph(text)` names a character the fonts cannot print (see fonts.py);
    `warnings` collects what was put right on the way (a phone number's lost 0).
    """
    checker = Checker(file)
    where = getattr(value, "line", 1) or 1
    if not isinstance(value, dict):
        raise ContentError([Problem("person.not_mapping", {}, file, where)])
    if isinstance(value, Mapping):
        value = _renamed(value, True)
        _read_phones(value, checker, warnings)
    _check_characters(checker, value, "", where, missing_glyph)
    person = checker.convert(value, Person, "", where)
    if isinstance(person.language, str) and isinstance(person.routines, tuple):
        routines = _check_routines(checker, value, person, languages, routine_ids,
                                   routine_titles)
        person = dataclasses.replace(person, routines=routines)
    if checker.problems:
        raise ContentError([dataclasses.replace(p, counted=True)
                            for p in checker.problems])
    return person


def located(values: dict[str, Any], file: str, line: int) -> Mapping:
    """Plain values (a roster row) as a located mapping: every value sits on `line`."""
    result = Mapping()
    result.file, result.line, result.positions = file, line, {}
    for key, item in values.items():
        if isinstance(item, dict):
            item = located(item, file, line)
        elif isinstance(item, list):
            items = YamlSequence(located(i, file, line) if isinstance(i, dict) else i
                                 for i in item)
            items.file, items.line = file, line
            items.positions = [line] * len(items)  # type: ignore[list-item]
            item = items
        result[key] = item
        result.positions[key] = line  # type: ignore[assignment]
    return result
