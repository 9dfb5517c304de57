"""Personalise: render the Jinja2 templates in content against a person and organisation.

The environment is sandboxed (no reaching into Python internals), undefined names are
errors (a blank name on a printed card is a defect), and huge results are refused.
The output is plain text with Swedish typography applied; compose escapes it for
ReportLab's paragraph markup, so `&` and `<` print as themselves.
"""
from __future__ import annotations

import dataclasses
import operator
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import HandoutsError, Problem
from .model import Organisation, Routine, Step
from .person import Person
from .typography import genitive, phone, quantity, swedish_text, web_address

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


def _environment() -> _Environment:
    env = _Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters["genitiv"] = genitive
    env.filters["telefon"] = phone
    return env


ENVIRONMENT = _environment()


@lru_cache(maxsize=4096)
def _compiled(source: str) -> Any:
    return ENVIRONMENT.from_string(source)


def template_error(source: str, context: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """Why `source` cannot be rendered against `context` (code, params), or None when it can."""
    try:
        render(source, context)
    except TemplateProblem as problem:
        return problem.code, problem.params
    return None


def render(source: str, context: dict[str, Any]) -> str:
    """Render one content string; plain strings skip Jinja entirely."""
    if "{{" not in source and "{%" not in source:
        return swedish_text(source)
    try:
        result = _compiled(source).render(context)
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
    return swedish_text(" ".join(result.split()))


def organisation_context(organisation: Organisation) -> dict[str, str]:
    return {
        "name": organisation.name,
        "website": web_address(organisation.website),
        "email": organisation.email,
        "phone": phone(organisation.phone),
    }


def base_context(organisation: Organisation, person_name: str,
                 carer_name: str | None = None) -> dict[str, Any]:
    """What every template may name: the person cared for, the carer and the organisation."""
    context: dict[str, Any] = {"organisation": organisation_context(organisation),
                               "person": {"name": person_name}}
    if carer_name is not None:
        context["carer"] = {"name": carer_name}
    return context


def step_context(step: Step) -> dict[str, str]:
    values = {}
    if step.seconds is not None:
        values["seconds"] = quantity(step.seconds, "sekund", "sekunder")
    if step.pressure_kg is not None:
        values["pressure"] = quantity(step.pressure_kg, "kg")
    return values


def personalise_routine(routine: Routine, context: dict[str, Any]) -> Routine:
    """The routine with every template rendered for this context."""
    try:
        steps = tuple(dataclasses.replace(step, text=render(
            step.text, {**context, **step_context(step)})) for step in routine.steps)
        return dataclasses.replace(
            routine,
            purpose=render(routine.purpose, context),
            short=render(routine.short, context),
            why=render(routine.why, context),
            steps=steps,
        )
    except TemplateProblem as problem:
        raise TemplateProblem("template.in_routine", {
            "routine": routine.id, "detail": (problem.code, problem.params)}) from None


def personalise_person(person: Person) -> Person:
    """The person's free text with Swedish typography, phone numbers grouped for print."""
    likes = person.likes
    return dataclasses.replace(
        person,
        carer=swedish_text(person.carer) if person.carer else None,
        avoid=tuple(swedish_text(line) for line in person.avoid),
        likes=dataclasses.replace(likes, **{
            key: swedish_text(value) for key in ("music", "food", "memories")
            if (value := getattr(likes, key))}),
        contacts=tuple(dataclasses.replace(c, role=swedish_text(c.role),
                                           name=swedish_text(c.name), phone=phone(c.phone))
                       for c in person.contacts),
        note=swedish_text(person.note) if person.note else None,
    )
