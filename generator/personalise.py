"""Personalise: render the Jinja2 templates in content against a person and organisation.

The one place templates are rendered: the build renders a product's words here once,
and validation's test renders call `Context.error` here. The environment is sandboxed
(no reaching into Python internals), undefined names are errors (a blank name on a
printed card is a defect), and huge results are refused. The output is plain text with
the language's typography applied (its `Locale`); compose escapes it for ReportLab's
paragraph markup, so `&` and `<` print as themselves.
"""
from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import HandoutsError, Problem
from .locale import Locale, web_address
from .model import Content, Organisation, Routine, Step
from .model.person import Person

MAX_RESULT = 2_000  # characters one template may produce


class TemplateProblem(HandoutsError):
    """A template in content could not be rendered."""

    def __init__(self, code: str, params: dict[str, Any]) -> None:
        self.code, self.params = code, params
        super().__init__([Problem(code, params)])


_OPERATORS = {"*": operator.mul, "**": operator.pow, "+": operator.add}


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


class _Environment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(_OPERATORS)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError("the power is too large")
        if operator_name == "*":
            count = right if isinstance(right, int) else left if isinstance(left, int) else 1
            if max(_length(left), _length(right)) * count > MAX_RESULT:
                raise SecurityError("the result would be too long")
        result = _OPERATORS[operator_name](left, right)
        if _length(result) > MAX_RESULT or (
                isinstance(result, int) and result.bit_length() > 256):
            raise SecurityError("the result would be too long")
        return result


def _environment(locale: Locale) -> _Environment:
    env = _Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters["genitiv"] = locale.genitive
    env.filters["telefon"] = locale.phone
    return env


@lru_cache(maxsize=8)
def environment(locale: Locale) -> _Environment:
    """The sandboxed environment whose filters follow `locale`'s rules."""
    return _environment(locale)


@lru_cache(maxsize=4096)
def _compiled(locale: Locale, source: str) -> Any:
    return environment(locale).from_string(source)


def render(source: str, values: dict[str, Any], locale: Locale) -> str:
    """Render one content string; plain strings skip Jinja and only get typography."""
    if "{{" not in source and "{%" not in source and "{#" not in source:
        return locale.text(source)
    try:
        result = _compiled(locale, source).render(values)
    except SecurityError as error:
        raise TemplateProblem("template.refused", {"detail": str(error)}) from None
    except UndefinedError as error:
        raise TemplateProblem("template.unknown_name", {"detail": error.message}) from None
    except TemplateError as error:
        raise TemplateProblem("template.invalid", {"detail": error.message}) from None
    except (TypeError, ValueError, ArithmeticError, OverflowError, MemoryError) as error:
        raise TemplateProblem("template.fails", {"detail": str(error)}) from None
    if len(result) > MAX_RESULT:
        raise TemplateProblem("template.too_long", {"length": len(result)})
    return locale.text(" ".join(result.split()))


@dataclass(frozen=True)
class Context:
    """What templates may name, and the language whose rules their results follow."""

    values: dict[str, Any]
    locale: Locale

    def render(self, source: str) -> str:
        return render(source, self.values, self.locale)

    def error(self, source: str) -> tuple[str, dict[str, Any]] | None:
        """Why `source` cannot be rendered here (code, params), or None when it can."""
        try:
            self.render(source)
        except TemplateProblem as problem:
            return problem.code, problem.params
        return None

    def with_values(self, **values: Any) -> Context:
        return Context({**self.values, **values}, self.locale)


def organisation_context(organisation: Organisation, locale: Locale) -> dict[str, str]:
    return {
        "name": organisation.name,
        "website": web_address(organisation.website),
        "email": organisation.email,
        "phone": locale.phone(organisation.phone),
    }


def base_context(content: Content, person_name: str, carer_name: str | None = None,
                 call_name: str | None = None) -> Context:
    """What every template may name: the person cared for, the carer and the organisation.

    `person.call_name` is what the person is called (Anna), for the routine steps;
    `person.name` the full name. Without a person both are the content's default words.
    """
    values: dict[str, Any] = {
        "organisation": organisation_context(content.organisation, content.locale),
        "person": {"name": person_name, "call_name": call_name or person_name}}
    if carer_name is not None:
        values["carer"] = {"name": carer_name}
    return Context(values, content.locale)


def step_context(step: Step, locale: Locale) -> dict[str, str]:
    """A step's duration and pressure, printed with their units: {{ seconds }}, {{ pressure }}."""
    values = {}
    if step.seconds is not None:
        values["seconds"] = locale.seconds(step.seconds)
    if step.pressure_kg is not None:
        values["pressure"] = locale.kilograms(step.pressure_kg)
    return values


def personalise_routine(routine: Routine, context: Context) -> Routine:
    """The routine with every template rendered for this context."""
    try:
        steps = tuple(dataclasses.replace(step, text=context.with_values(
            **step_context(step, context.locale)).render(step.text)) for step in routine.steps)
        return dataclasses.replace(
            routine,
            purpose=context.render(routine.purpose),
            short=context.render(routine.short),
            why=context.render(routine.why),
            steps=steps,
        )
    except TemplateProblem as problem:
        raise TemplateProblem("template.in_routine", {
            "routine": routine.id, "detail": (problem.code, problem.params)}) from None


def personalise_person(person: Person, locale: Locale) -> Person:
    """The person's free text with the language's typography, phone numbers grouped."""
    likes, text = person.likes, locale.text
    return dataclasses.replace(
        person,
        carer=text(person.carer) if person.carer else None,
        avoid=tuple(text(line) for line in person.avoid),
        likes=dataclasses.replace(likes, **{
            key: text(value) for key in ("music", "food", "memories")
            if (value := getattr(likes, key))}),
        contacts=tuple(dataclasses.replace(c, role=text(c.role), name=text(c.name),
                                           phone=locale.phone(c.phone))
                       for c in person.contacts),
        note=text(person.note) if person.note else None,
    )


def personalise_leaflet(content: Content, context: Context) -> Content:
    """The leaflet's words rendered once: its sections, the parts it takes in, the credit.

    Compose then fits the result at each type size without rendering anything again.
    Routines are left as they are; the leaflet shows those it names through
    `personalise_routine`.
    """
    draw = context.render
    leaflet, activities, self_care = content.leaflet, content.activities, content.self_care
    sections = tuple(dataclasses.replace(
        section, heading=draw(section.heading) if section.heading else None,
        paragraphs=tuple(draw(p) for p in section.paragraphs)) for section in leaflet.sections)
    return dataclasses.replace(
        content,
        leaflet=dataclasses.replace(leaflet, title=draw(leaflet.title),
                                    subtitle=draw(leaflet.subtitle), sections=sections),
        activities=dataclasses.replace(
            activities, title=draw(activities.title), intro=draw(activities.intro),
            items=tuple(dataclasses.replace(a, title=draw(a.title), text=draw(a.text))
                        for a in activities.items)),
        self_care=dataclasses.replace(self_care, title=draw(self_care.title),
                                      intro=draw(self_care.intro),
                                      tips=tuple(draw(t) for t in self_care.tips)),
        labels=dataclasses.replace(content.labels, made_with=draw(content.labels.made_with)),
    )
