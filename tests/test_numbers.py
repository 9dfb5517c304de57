"""Validate (numbers): every number in a layout, content or font file is finite and in range.

YAML reads `.nan`, `.inf` and `1.0e+308` as numbers. Each is refused at its own line,
naming its field and the range it may take, before anything is laid out; a refused
number never reaches a rule that would blame another field, nor a page box or a loop.
"""
from __future__ import annotations

import dataclasses
import math
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import edit
from generator.cli import cli
from generator.content import load_content
from generator.defaults import default_dir
from generator.errors import ContentError, Problem
from generator.layout import LAYOUT_KINDS, load_layout
from generator.manifest import Manifest
from generator.model import Activities, Colour, Labels, Leaflet, Organisation, RoutineBook, SelfCare
from generator.model.constraints import limits_of
from generator.model.locale import LocaleData
from generator.pdf.fonts import FontConfig, load_fonts
from generator.person import Person
from generator.yamlread import Mapping, Sequence, read_yaml
from guards import time_limit

# What YAML reads as a number (or, for 1e308 without a point, as text) that no field takes.
BAD_NUMBERS = (".nan", ".NaN", ".inf", "-.inf", "1.0e+308", "-1.0e+308", "1e308",
               "123456789012345678901234567890")
ANNA = default_dir("content") / "people" / "anna-lind.yaml"


def located_numbers(value: object, path: str = "") -> Iterator[tuple[str, int, int]]:
    """(field path, line, column) of every number in a file read by read_yaml."""
    items: typing.Iterable[tuple[object, object, tuple[int, int]]] = ()
    if isinstance(value, Mapping):
        items = ((f"{path}.{k}" if path else k, v, value.positions[k]) for k, v in value.items())
    elif isinstance(value, Sequence):
        items = ((f"{path}[{i}]", v, value.positions[i]) for i, v in enumerate(value))
    for name, item, (line, column) in items:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            yield str(name), line, column
        else:
            yield from located_numbers(item, str(name))


def replace_at(text: str, line: int, column: int, new: str) -> str:
    """`text` with the YAML scalar that starts at (line, column) replaced by `new`."""
    lines = text.split("\n")
    row = lines[line - 1]
    token = re.match(r"[^,}\]\s#]+", row[column - 1:])
    assert token, row
    lines[line - 1] = row[:column - 1] + new + row[column - 1 + token.end():]
    return "\n".join(lines)


def problems_of(load: typing.Callable[[], object]) -> list[Problem]:
    with time_limit(10):
        with pytest.raises(ContentError) as caught:
            load()
    return caught.value.problems


def assert_refused_at(problems: list[Problem], file: str, line: int, field: str,
                      bad: str) -> None:
    """Exactly one problem, at the number's line, naming its field and its range."""
    shown = [p.format() for p in problems]
    assert len(problems) == 1, (bad, shown)
    problem = problems[0]
    assert (problem.file, problem.line, problem.field) == (file, line, field), (bad, shown)
    assert re.match(r"must be a (whole )?number from [\d.]+ to [\d.]+, got ", problem.message), \
        (bad, shown)
    assert problem.hint, (bad, shown)


@pytest.mark.parametrize("name", sorted(p.name for p in default_dir("layouts").glob("*.yaml")))
def test_every_number_of_every_shipped_layout_refuses_bad_numbers(name: str,
                                                                 tmp_path: Path) -> None:
    source = default_dir("layouts") / name
    text = source.read_text(encoding="utf-8")
    numbers = list(located_numbers(read_yaml(source)))
    assert numbers
    target = tmp_path / name
    for field, line, column in numbers:
        for bad in BAD_NUMBERS:
            target.write_text(replace_at(text, line, column, bad), encoding="utf-8")
            problems = problems_of(lambda: load_layout(target, name))
            assert_refused_at(problems, name, line, field, bad)


def test_every_number_of_the_routines_refuses_bad_numbers(project: Path) -> None:
    path = project / "content/sv/routines.yaml"
    text = path.read_text(encoding="utf-8")
    numbers = list(located_numbers(read_yaml(path)))
    assert {field.rsplit(".", 1)[1] for field, _, _ in numbers} == {"seconds", "pressure_kg"}
    for field, line, column in numbers:
        for bad in BAD_NUMBERS:
            path.write_text(replace_at(text, line, column, bad), encoding="utf-8")
            problems = problems_of(lambda: load_content(project / "content", "sv"))
            # the step's text is not blamed for a number it cannot print
            assert_refused_at(problems, str(path.relative_to(project)), line, field, bad)


def test_a_font_weight_of_nan_is_refused(project: Path) -> None:
    path = project / "fonts/fonts.yaml"
    edit(path, "weight: 400", "weight: .nan")
    problems = problems_of(lambda: load_fonts(project / "fonts"))
    assert problems[0].field == "regular.weight"
    assert problems[0].message == "must be a whole number from 100 to 1000, got nan"


def test_minus_zero_is_zero_then_judged_by_the_range(project: Path) -> None:
    sheet = project / "layouts/sheet-a4-4up.yaml"
    edit(sheet, "gutter_mm: 0", "gutter_mm: -0.0")
    gutter = load_layout(sheet).gutter_mm
    assert gutter == 0 and math.copysign(1, gutter) == 1
    card = project / "layouts/card-a6.yaml"
    edit(card, "margin_mm: 8", "margin_mm: -0.0")
    problems = problems_of(lambda: load_layout(card, "card-a6.yaml"))
    assert [(p.line, p.field) for p in problems] == [(8, "margin_mm")]
    assert "a margin of 0 mm" in problems[0].message


@pytest.mark.parametrize(("title", "field", "message"), [
    ("{leading: 27}", "type.title.size", "the key 'size' is missing"),
    ("22", "type.title", "expected a mapping of keys, got a number"),
])
def test_a_missing_type_size_is_named_not_a_crash(project: Path, title: str, field: str,
                                                  message: str) -> None:
    card = project / "layouts/card-a6.yaml"
    edit(card, "title: {size: 22, leading: 27, min_size: 18}", f"title: {title}")
    problems = problems_of(lambda: load_layout(card, "card-a6.yaml"))
    assert [(p.line, p.field, p.message) for p in problems] == [(12, field, message)]


def card(project: Path, out: Path) -> typing.Any:
    with time_limit(30):
        return CliRunner().invoke(cli, ["card", str(ANNA), "-C", str(project), "--out",
                                        str(out)])


def test_a_nan_bleed_writes_no_pdf(project: Path, tmp_path: Path) -> None:
    edit(project / "layouts/card-a6.yaml", "bleed_mm: 3", "bleed_mm: .nan")
    result = card(project, tmp_path / "anna.pdf")
    assert result.exit_code == 1, result.output
    assert ("layouts/card-a6.yaml:7:11: error: bleed_mm: must be a number from 0 to 10, got nan\n"
            "  hint: YAML reads .nan as 'not a number'") in result.output
    assert not (tmp_path / "anna.pdf").exists()


def test_a_nan_margin_is_blamed_on_the_margin(project: Path, tmp_path: Path) -> None:
    edit(project / "layouts/card-a6.yaml", "margin_mm: 8", "margin_mm: .nan")
    result = card(project, tmp_path / "anna.pdf")
    assert result.exit_code == 1, result.output
    assert "layouts/card-a6.yaml:8:12: error: margin_mm: must be a number" in result.output
    assert "does not fit" not in result.output


@pytest.mark.parametrize("style", ["title", "heading", "body"])
def test_a_nan_type_size_is_refused_before_the_fitting_loop(project: Path, tmp_path: Path,
                                                            style: str) -> None:
    path = project / "layouts/card-a6.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"({style}: {{size: )\d+", r"\g<1>.nan", text), encoding="utf-8")
    result = card(project, tmp_path / "anna.pdf")
    assert result.exit_code == 1, result.output
    assert f"error: type.{style}.size: must be a number from 4 to 120, got nan" in result.output


def number_fields(cls: type, seen: set[type]) -> Iterator[tuple[str, dataclasses.Field]]:
    """Every int or float field of `cls` and the dataclasses it holds."""
    if cls in seen:
        return
    seen.add(cls)
    for spec in dataclasses.fields(cls):
        hint = typing.get_type_hints(cls)[spec.name]
        kinds = typing.get_args(hint) or (hint,)
        for kind in kinds:
            inner = typing.get_args(kind) or (kind,)
            for part in inner:
                if part in (int, float):
                    yield f"{cls.__name__}.{spec.name}", spec
                elif dataclasses.is_dataclass(part) and part is not Colour:  # read from text
                    yield from number_fields(part, seen)  # type: ignore[arg-type]


def test_every_number_field_has_a_range_that_holds_its_default() -> None:
    seen: set[type] = set()
    roots = (*LAYOUT_KINDS.values(), Organisation, RoutineBook, Activities, SelfCare, Labels,
             Leaflet, LocaleData, Person, FontConfig, Manifest)  # every file's own type
    fields = [pair for root in roots for pair in number_fields(root, seen)]
    assert len(fields) > 20
    for name, spec in fields:
        low, high = limits_of(spec).min, limits_of(spec).max
        assert low is not None and high is not None, f"{name} has no range"
        assert math.isfinite(low) and math.isfinite(high) and low <= high, name
        if isinstance(spec.default, (int, float)):
            assert low <= spec.default <= high, name
