"""Validate (content): a content folder and language to one checked `Content` object.

Every file of the folder is read and checked before anything fails, so `handouts
check` reports all problems at once. Templates in content are test-rendered by the
personalise stage against the generic context, which catches unknown names and refused
code with the line they stand on. The language's rules (locale.yaml) are read first.
"""
from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ContentError, Problem
from .locale import Locale, locale_file
from .model import (
    Activities,
    Content,
    Labels,
    Leaflet,
    LeafletSection,
    Organisation,
    RoutineBook,
    SelfCare,
    Step,
)
from .model.constraints import Limits, limits_of
from .model.locale import LocaleData
from .validate import (
    Rule,
    RuleProblem,
    TextCheck,
    TextProblem,
    all_rules,
    convert_file,
    language_hint,
    suggest,
)
from .yamlread import read_yaml

if TYPE_CHECKING:  # Jinja2 is imported only when templates are checked
    from .personalise import Context

T = TypeVar("T")
TEMPLATE_NAMES = ("person.name, carer.name, organisation.name, organisation.phone, seconds, "
                  "pressure")
TEMPLATE_MARKS = ("{{", "{%", "{#")  # where Jinja2 would start reading code
LEAFLET_NAMES = "person.name, organisation.name, organisation.phone"
MissingGlyph = Callable[[str], "str | None"]  # the first character no font prints, or None


def display_path(path: Path, root: Path) -> str:
    """A path as a person recognises it: relative to the content folder's parent."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def template_rule(base_context: Context, names: str = TEMPLATE_NAMES) -> Rule:
    """Check every template field of a dataclass by rendering it against the context."""

    from .personalise import step_context

    def check(arguments: dict[str, Any]) -> list[RuleProblem]:
        cls = arguments.pop("_class")
        context = base_context
        if cls is Step:
            context = context.with_values(**step_context(Step(**{
                k: v for k, v in arguments.items() if k != "text"}, text=""), context.locale))
        found = []
        for spec in dataclasses.fields(cls):
            if not limits_of(spec).template:
                continue
            source = arguments.get(spec.name)
            texts = [(spec.name, source)] if isinstance(source, str) else [
                (f"{spec.name}[{i}]", item) for i, item in enumerate(source or ())
                if isinstance(source, tuple) and isinstance(item, str)]
            for name, text in texts:
                problem = context.error(text) if text else None
                if problem:
                    found.append((name, problem[0], {
                        **problem[1], "hint": ("hint.template_names", {"names": names})}))
        if cls is Step:
            found += _quantity_problems(arguments)
        return found

    return check


def content_text_check(missing_glyph: MissingGlyph | None) -> TextCheck:
    """What every text of content is held to, at its own line, before anything is laid out.

    A field that is not a template refuses Jinja2's marks: it would print them as they
    are (a routine's title also names the routine in person files and rosters, so it is
    the same words for everyone). A character no font prints is named here, at the
    content file's line, not later on the card that happens to show it first.
    """

    def check(text: str, limits: Limits) -> TextProblem | None:
        mark = next((m for m in TEMPLATE_MARKS if m in text), None)
        if mark is not None and not limits.template:
            return "content.template_in_plain", {"mark": mark}, None
        character = missing_glyph(text) if missing_glyph is not None else None
        if character is not None:
            return "content.no_glyph", {
                "character": character, "codepoint": f"{ord(character):04X}",
                "name": unicodedata.name(character, "unnamed character")}, None
        return None

    return check


def _quantity_problems(step: dict[str, Any]) -> list[RuleProblem]:
    """A step's duration or pressure must be printed by its text, and only through data."""
    text = step.get("text") or ""
    found = []
    for key, placeholder in (("seconds", "seconds"), ("pressure_kg", "pressure")):
        if step.get(key) is not None and placeholder not in text:
            found.append(("text", "step.unprinted",
                          {"key": key, "value": step[key], "placeholder": placeholder}))
    return found


def _unique_ids(arguments: dict[str, Any]) -> list[RuleProblem]:
    seen: dict[str, int] = {}
    found = []
    for index, routine in enumerate(arguments.get("routines") or ()):
        if routine is None:
            continue
        if routine.id in seen:
            found.append(("routines", "routine.id_twice",
                          {"id": routine.id, "first": seen[routine.id], "second": index}))
        seen[routine.id] = index
    return found


def leaflet_rule(routine_ids: tuple[str, ...] | None) -> Rule:
    """A section says something; the routines it names exist (when they could be read)."""

    def check(arguments: dict[str, Any]) -> list[RuleProblem]:
        found: list[RuleProblem] = []
        if arguments.get("include") is None:
            if arguments.get("heading") is None:
                found.append(("heading", "content.heading_missing", {}))
            if not arguments.get("paragraphs") and not arguments.get("routines"):
                found.append(("paragraphs", "content.empty_section", {}))
        for index, routine_id in enumerate(arguments.get("routines") or ()):
            if routine_ids is not None and routine_id and routine_id not in routine_ids:
                found.append((f"routines[{index}]", "routine.unknown", {
                    "routine": routine_id, "hint": suggest(routine_id, routine_ids)}))
        return found

    return check


class _Loader:
    """Reads the files of one content folder, collecting problems across all of them."""

    def __init__(self, root: Path, text_check: TextCheck | None = None) -> None:
        self.root = root
        self.text_check = text_check
        self.problems: list[Problem] = []

    def load(self, path: Path, cls: type[T], rules: dict[type, Rule] | None = None,
             checked: bool = True) -> T | None:
        name = display_path(path, self.root)
        try:
            return convert_file(read_yaml(path, name), cls, name, rules,
                                self.text_check if checked else None)
        except ContentError as error:
            self.problems.extend(error.problems)
            return None


def available_languages(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "routines.yaml").is_file())


def check_languages(root: Path, skip: str, missing_glyph: MissingGlyph | None) -> list[Problem]:
    """Every problem of every language's content but `skip` (the one already read)."""
    found: list[Problem] = []
    for language in available_languages(root):
        if language != skip:
            try:
                load_content(root, language, missing_glyph=missing_glyph)
            except ContentError as error:
                found += error.problems
    return found


def load_content(root: Path, language: str = "sv",
                 person_context: Callable[[Labels], dict[str, Any]] | None = None,
                 templates: bool = True, missing_glyph: MissingGlyph | None = None
                 ) -> Content:
    """Read and validate every content file for `language` under `root`.

    `templates=False` skips test-rendering the templates (Jinja2, phone grouping): for a
    command that only lists what is there, and starts faster without them.
    `missing_glyph(text)` names a character the fonts cannot print (personal.py's
    `fonts_miss`): each is refused at its content file's line.
    """
    folder = root / language
    if not folder.is_dir():
        languages = available_languages(root) if root.is_dir() else []
        raise ContentError.single(display_path(root, root), "content.no_language",
                                  {"language": language}, hint=language_hint(language, languages)
                                  if languages else ("hint.start_folder", {}))
    loader = _Loader(root, content_text_check(missing_glyph))
    rules_file = loader.load(locale_file(root, language), LocaleData, checked=False)
    locale = Locale(language, rules_file) if rules_file is not None else None
    organisation = loader.load(root / "organisation.yaml", Organisation)
    context: dict[str, Any] = {}
    if organisation is not None and locale is not None and templates:
        from .personalise import Context, organisation_context
        context["organisation"] = organisation_context(organisation, locale)
    labels = loader.load(folder / "labels.yaml", Labels, {object: template_rule(
        Context(context, locale))} if context and locale else None)
    rules: dict[type, Rule] | None = None if templates else {RoutineBook: _unique_ids}
    if context and labels is not None and locale is not None:
        context["person"] = {"name": labels.person_default,
                             "call_name": labels.person_default}
        context["carer"] = {"name": labels.carer_default}
        if person_context is not None:
            context.update(person_context(labels))
        rules = {object: template_rule(Context(context, locale)), RoutineBook: _unique_ids}
    book = loader.load(folder / "routines.yaml", RoutineBook, rules)
    # The leaflet's words are rendered as compose's LeafletWords renders them: no carer.
    words: dict[type, Rule] = {object: template_rule(Context(
        {k: v for k, v in context.items() if k != "carer"}, locale), LEAFLET_NAMES)} if (
        templates and "person" in context and locale is not None) else {}
    activities = loader.load(folder / "activities.yaml", Activities, words)
    self_care = loader.load(folder / "self_care.yaml", SelfCare, words)
    known = tuple(r.id for r in book.routines) if book is not None else None
    sections = leaflet_rule(known)
    leaflet = loader.load(folder / "leaflet.yaml", Leaflet, {
        **words, LeafletSection: all_rules(sections, words[object]) if words else sections})
    if loader.problems:
        raise ContentError(loader.problems)
    assert organisation and labels and book and activities and self_care and leaflet and locale
    return Content(language, organisation, book.routines, activities, self_care, labels,
                   leaflet, locale)
