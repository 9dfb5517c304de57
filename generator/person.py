"""Validate (person): one person's details, from a person file or a roster row, to `Person`.

The types (`Person`, `Likes`, `Contact`) live in model/person.py; this module checks.

A person names the routines they follow; those ids are checked against the content of
the person's language, with "did you mean" for a misspelt id. Text that cannot be
printed (control and format characters) is refused with the character's name. No
message quotes the avoid lines or the note: they are health details.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from .errors import ContentError, Problem
from .model.person import Contact, Likes, Person
from .validate import Checker, language_hint, suggest
from .yamlread import Mapping
from .yamlread import Sequence as YamlSequence

_ALLOWED_CONTROLS = "\n\t\r"
__all__ = ["Contact", "Likes", "Person", "convert_person", "located"]


RoutineIds = Callable[[str], Sequence[str]]
MissingGlyph = Callable[[str], "str | None"]


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
                    routine_ids: RoutineIds) -> None:
    if person.language not in languages:
        checker.report(checker.position(value, "language"), "language",
                       "person.language", {"language": person.language},
                       language_hint(person.language, languages))
        return
    known = routine_ids(person.language)
    listed = value.get("routines") if isinstance(value, dict) else None
    seen: set[str] = set()
    for index, routine_id in enumerate(person.routines):
        where = checker.position(listed, index) if isinstance(listed, list) else None
        if routine_id and routine_id not in known:
            checker.report(where, f"routines[{index}]", "routine.unknown",
                           {"routine": routine_id}, suggest(routine_id, known))
        elif routine_id in seen:
            checker.report(where, f"routines[{index}]", "routine.twice",
                           {"routine": routine_id})
        seen.add(routine_id)


def convert_person(value: Any, file: str, languages: Sequence[str],
                   routine_ids: RoutineIds, missing_glyph: MissingGlyph | None = None) -> Person:
    """Check one person's values (a mapping) and return the `Person`; raise every problem.

    `missing_glyph(text)` names a character the fonts cannot print (see fonts.py).
    """
    checker = Checker(file)
    where = getattr(value, "line", 1) or 1
    if not isinstance(value, dict):
        raise ContentError([Problem("person.not_mapping", {}, file, where)])
    _check_characters(checker, value, "", where, missing_glyph)
    person = checker.convert(value, Person, "", where)
    if isinstance(person.language, str) and isinstance(person.routines, tuple):
        _check_routines(checker, value, person, languages, routine_ids)
    checker.raise_if_any()
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
