"""Validate (translations): each language has what the Swedish source has, and is not stale.

The Swedish folder is the source. A translation must have every label, routine,
leaflet section, self-care tip and activity the source has (a translation lacking
one fails, naming the file and the key), and the same numbers in its steps (3
seconds stay 3 seconds in every language). Each translation keeps, in
`translated-from.yaml`, a short hash of every Swedish text it was made from; when a
Swedish text changes after that, `handouts check` warns that the translation may be
out of date. `handouts check --mark-translated fi` writes the hashes anew once the
translation is brought up to date.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .yamlread import Mapping, read_yaml

SOURCE = "sv"
STAMP_FILE = "translated-from.yaml"
FILES = ("labels.yaml", "routines.yaml", "leaflet.yaml", "self_care.yaml", "activities.yaml")
# Per file: the list whose items are keyed by their `id`, if any.
_ID_LISTS = {"routines.yaml": "routines", "leaflet.yaml": "sections"}
_COUNTED = {"self_care.yaml": ("tips",), "activities.yaml": ("items",)}


def fingerprint(value: Any) -> str:
    """A short hash of a text or a tree of texts; any change to a word changes it."""
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(plain.encode()).hexdigest()[:8]


def _units(name: str, data: Any) -> Iterator[tuple[str, Any, int | None]]:
    """The translatable units of one file: (key, value, line)."""
    if not isinstance(data, Mapping):
        return
    listed = _ID_LISTS.get(name)
    for key, value in data.items():
        line = data.positions.get(key, (None, None))[0]
        if key == listed and isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                    yield item["id"], item, item.line
        else:
            yield str(key), value, line


def _read(folder: Path, name: str, root: Path) -> Any:
    path = folder / name
    if not path.is_file():
        return None
    try:
        return read_yaml(path, str(path.relative_to(root.parent)))
    except ContentError:
        return None  # the content check reports it with its line


def source_fingerprints(root: Path) -> dict[str, dict[str, str]]:
    """Every Swedish unit's hash, per file: what a translation is made from today."""
    folder = root / SOURCE
    return {name: {key: fingerprint(value) for key, value, _ in
                   _units(name, _read(folder, name, root))} for name in FILES}


def _quantities(routine: Any) -> list[tuple[Any, Any]]:
    steps = routine.get("steps") if isinstance(routine, dict) else None
    return [(s.get("seconds"), s.get("pressure_kg")) for s in steps or ()
            if isinstance(s, dict)]


def _same_shape(name: str, key: str, source: Any, translated: Any
                ) -> tuple[str, dict[str, Any]] | None:
    """Why a translated unit cannot stand for the source one (a code), or None."""
    if name == "routines.yaml" and _quantities(source) != _quantities(translated):
        return "translation.numbers_differ", {}
    if name == "leaflet.yaml" and isinstance(source, dict) and isinstance(translated, dict):
        for part in ("routines", "include"):
            if source.get(part) != translated.get(part):
                return "translation.part_differs", {"part": part}
    if key in _COUNTED.get(name, ()) and isinstance(source, list) and isinstance(
            translated, list) and len(source) != len(translated):
        return "translation.count_differs", {"count": len(translated),
                                             "source_count": len(source)}
    return None


def check_translation(root: Path, language: str) -> tuple[list[Problem], list[Problem]]:
    """Errors (something missing or different) and warnings (stale) for one language."""
    folder, errors, warnings = root / language, [], []
    stamps = _read(folder, STAMP_FILE, root)
    stamps = stamps if isinstance(stamps, dict) else {}
    shown_stamp = f"content/{language}/{STAMP_FILE}"
    for name in FILES:
        shown = f"content/{language}/{name}"
        original = _read(root / SOURCE, name, root)
        if original is None:
            continue  # the Swedish file itself is wrong: the content check says how
        source = dict((k, v) for k, v, _ in _units(name, original))
        translated = {k: (v, line) for k, v, line in _units(name, _read(folder, name, root))}
        found = stamps.get(name)
        made_from: dict[str, Any] = found if isinstance(found, dict) else {}
        for key, value in source.items():
            if key not in translated:
                errors.append(Problem("translation.missing", {"key": key, "file": name}, shown,
                                      field=key))
                continue
            other, line = translated[key]
            reason = _same_shape(name, key, value, other)
            if reason:
                errors.append(Problem(reason[0], reason[1], shown, line, field=key))
            now = fingerprint(value)
            if made_from.get(key) != now:
                warnings.append(Problem("translation.stale", {
                    "was": made_from.get(key) or "?", "now": now, "key": key, "file": name,
                    "stamp": shown_stamp}, shown, line, field=key))
        for key, (_, line) in translated.items():
            if key not in source:
                errors.append(Problem("translation.extra", {"key": key, "file": name}, shown,
                                      line, field=key))
    return errors, warnings


def translations(root: Path) -> list[str]:
    """The languages beside the Swedish source that have content."""
    return sorted(p.name for p in root.iterdir() if p.name != SOURCE
                  and (p / "routines.yaml").is_file()) if (root / SOURCE).is_dir() else []


def check_translations(root: Path) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for language in translations(root):
        found, stale = check_translation(root, language)
        errors += found
        warnings += stale
    return errors, warnings


def stamp_text(root: Path) -> str:
    """The text of a `translated-from.yaml` that says: made from today's Swedish source."""
    lines = ["# Which Swedish text each translation was made from: a short hash of it.",
             "# `handouts check --mark-translated LANG` marks every text; after updating one",
             "# text, write the new hash that `handouts check` shows beside its key.",
             "# `handouts check` warns when a Swedish text changes after this."]
    for name, units in source_fingerprints(root).items():
        lines.append(f"{name}:")
        lines += [f"  {key}: '{value}'" for key, value in units.items()]
    return "\n".join(lines) + "\n"


def mark_translated(root: Path, language: str) -> Path:
    """Record that `language` is translated from today's Swedish source."""
    if language == SOURCE or not (root / language / "routines.yaml").is_file():
        raise ContentError.single(str(root), "translation.unknown", {"language": language},
                                  hint=("hint.languages",
                                        {"languages": ", ".join(translations(root))}))
    path = root / language / STAMP_FILE
    path.write_text(stamp_text(root), encoding="utf-8")
    return path
