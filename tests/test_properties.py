"""Properties of every reader: a result or located problems, never an exception or a hang.

Hypothesis generates YAML text, person files and layout numbers. Each example runs
under a time limit; nothing is written outside pytest's tmp_path. Examples that once
failed are kept with @example.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_numbers import located_numbers, replace_at

from generator import api
from generator.defaults import default_dir
from generator.errors import HandoutsError
from generator.layout import load_layout
from generator.yamlread import parse_yaml, read_yaml
from guards import time_limit

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
PROJECT = api.open_project()


def assert_located(error: HandoutsError) -> None:
    """Every problem says where: a file and line, or the product and page laid out."""
    assert error.problems
    for problem in error.problems:
        assert problem.message
        assert (problem.file and problem.line is not None) or problem.product or problem.file, \
            problem


@FAST
@given(st.text(max_size=300))
@example("a: " + "1" * 5000)  # an integer too long for Python to read: was a ValueError
@example("a: !!python/object:os.system x")
@example("- &a [*a]")  # an alias inside its own anchor: was a RecursionError
def test_any_text_reads_as_yaml_or_a_located_problem(text: str) -> None:
    with time_limit(5):
        try:
            parse_yaml(text, "x.yaml")
        except HandoutsError as error:
            assert all(p.file == "x.yaml" for p in error.problems)
            assert_located(error)


def test_deep_nesting_is_a_problem_not_a_recursion_error() -> None:
    """PyYAML's composer recursed past Python's limit on 1,200 [ in a row."""
    with time_limit(10):
        try:
            parse_yaml("[" * 1200, "x.yaml")
        except HandoutsError as error:
            assert [p.code for p in error.problems] == ["yaml.too_deep"]


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                    st.text(max_size=80), st.sampled_from(["musik", "maltid", "sitta-nara"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=3)),
    max_leaves=8)
persons = st.fixed_dictionaries(
    {}, optional={"name": st.one_of(st.text(max_size=70), values),
                  "routines": st.one_of(st.lists(st.sampled_from(
                      ["musik", "maltid", "sitta-nara", "okand"]), max_size=9), values),
                  "avoid": st.one_of(st.lists(st.text(max_size=100), max_size=7), values),
                  "note": st.one_of(st.text(max_size=260), values),
                  "carer": values, "language": values, "likes": values, "contacts": values,
                  "extra": values})


@SLOW
@given(persons)
@example({"name": "Bo Ek", "routines": ["musik"], "note": float("nan")})
@example({"name": "Bo Ek", "routines": ["musik"], "likes": {"music": 10**400}})
def test_any_person_file_gives_a_card_or_located_problems(person: dict[str, Any]) -> None:
    source = yaml.safe_dump(person, allow_unicode=True).encode("utf-8")
    with time_limit(30):
        try:
            card = api.make_card(source, project=PROJECT)
        except HandoutsError as error:
            assert_located(error)
            return
    assert card.pdf.startswith(b"%PDF") and card.pages >= 2


LAYOUT = default_dir("layouts") / "card-a6.yaml"
NUMBERS = list(located_numbers(read_yaml(LAYOUT)))
numbers = st.one_of(st.floats(), st.integers(), st.floats(-1e6, 1e6),
                    st.sampled_from([float("nan"), float("inf"), -0.0, 1e308]))


@FAST
@given(st.lists(st.tuples(st.integers(0, len(NUMBERS) - 1), numbers), min_size=1, max_size=4))
@example([(0, float("nan"))])
@example([(1, -0.0)])
def test_any_layout_numbers_give_a_layout_or_located_problems(
        tmp_path: Path, changes: list[tuple[int, float]]) -> None:
    text = LAYOUT.read_text(encoding="utf-8")
    for index, number in sorted(set(changes), key=lambda c: (-NUMBERS[c[0]][1], -NUMBERS[c[0]][2])):
        _, line, column = NUMBERS[index]
        shown = ".nan" if math.isnan(number) else (".inf" if number == math.inf else (
            "-.inf" if number == -math.inf else repr(number)))
        text = replace_at(text, line, column, shown)
    path = tmp_path / "card-a6.yaml"
    path.write_text(text, encoding="utf-8")
    with time_limit(5):
        try:
            layout = load_layout(path, "card-a6.yaml")
        except HandoutsError as error:
            assert_located(error)
            assert all(p.line is not None for p in error.problems)
            return
    for field, _, _ in NUMBERS:
        value: Any = layout
        for part in field.split("."):
            name, _, index = part.partition("[")  # colours.text.cmyk[0]: an item of a list
            value = getattr(value, name)
            if index:
                value = value[int(index.rstrip("]"))]
        assert math.isfinite(value)
