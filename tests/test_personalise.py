"""Personalise stage: sandboxed, strict templates with Swedish typography."""
from __future__ import annotations

import pytest

from generator.locale import interface_locale
from generator.personalise import TemplateProblem, render

SV = interface_locale()

CONTEXT = {"person": {"name": "Anna"}, "seconds": "3\u00a0sekunder"}


def test_templates_fill_in_the_person() -> None:
    assert render("Håll {{ person.name|genitiv }} hand i {{ seconds }}.", CONTEXT, SV) == \
        "Håll Annas hand i 3\u00a0sekunder."


def test_plain_text_is_not_run_through_jinja() -> None:
    assert render("50 % {inte en mall}", {}, SV) == "50\u00a0% {inte en mall}"


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ person.__class__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
])
def test_reaching_for_python_internals_is_refused(source: str) -> None:
    with pytest.raises(TemplateProblem, match="refused|unknown"):
        render(source, CONTEXT, SV)


def test_unknown_names_are_errors_not_blanks() -> None:
    with pytest.raises(TemplateProblem, match="'dict object' has no attribute 'nme'"):
        render("Hej {{ person.nme }}", CONTEXT, SV)


@pytest.mark.parametrize("source", ["{{ 'x' * 100000000 }}", "{{ 9 ** 999 }}",
                                    "{{ (9 ** 60) ** 60 }}"])
def test_huge_results_are_refused(source: str) -> None:
    with pytest.raises(TemplateProblem, match="too"):
        render(source, CONTEXT, SV)


def test_broken_syntax_is_reported() -> None:
    with pytest.raises(TemplateProblem, match="not valid"):
        render("{% for x in y %}", CONTEXT, SV)


def test_markup_like_names_stay_text() -> None:
    assert render("{{ person.name }}", {"person": {"name": "<b>Ann & Bo</b>"}}, SV) == \
        "<b>Ann & Bo</b>"
