"""The catalogue of problem codes: every code the package uses has its English, every
placeholder a template names is given where the code is raised, and translation is one
function at the edge."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from generator.errors import Problem
from generator.messages import CATALOGUE, format_problem, format_problems

PACKAGE = Path(__file__).parents[1] / "generator"
PREFIXES = {code.split(".")[0] for code in CATALOGUE}
CODE = re.compile(r"^[a-z]+\.[a-z0-9_]+$")
LOCATION = {"field", "panel"}  # placed by format_problem, not params


def _codes(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if CODE.match(node.value) and node.value.split(".")[0] in PREFIXES \
            else []
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    return []


def _keys(node: ast.expr | None) -> list[set[str]] | None:
    """The keys each literal dict (or each branch of a conditional) gives; None if unknown."""
    if node is None:
        return [set()]
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):  # **spread: not known statically
            return None
        return [{key.value for key in node.keys if isinstance(key, ast.Constant)}]
    if isinstance(node, ast.IfExp):
        body, orelse = _keys(node.body), _keys(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return [set()] if not isinstance(node, (ast.Name, ast.Subscript, ast.Call)) else None


def uses() -> dict[str, list[tuple[str, set[str]]]]:
    """Each code literal in the package with the parameter keys given beside it."""
    found: dict[str, list[tuple[str, set[str]]]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            items = node.args if isinstance(node, ast.Call) else (
                node.elts if isinstance(node, ast.Tuple) else None)
            if items is None:
                continue
            for index, item in enumerate(items):
                codes = _codes(item)
                if not codes:
                    continue
                following = items[index + 1] if index + 1 < len(items) else None
                keys = _keys(following)
                for position, code in enumerate(codes):
                    given = set() if keys is None else keys[min(position, len(keys) - 1)]
                    found.setdefault(code, []).append(
                        (f"{path.name}:{item.lineno}", given if keys is not None else {"*"}))
    return found


def placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_the_package_raises_has_a_template() -> None:
    used = uses()
    assert len(used) > 80  # the walk really finds the raise sites
    assert sorted(code for code in used if code not in CATALOGUE) == []


def test_every_template_is_used_somewhere() -> None:
    used = uses()
    assert sorted(code for code in CATALOGUE if code not in used) == []


def test_every_placeholder_is_given_where_the_code_is_raised() -> None:
    missing = []
    for code, sites in uses().items():
        entry = CATALOGUE[code]
        wanted = placeholders(entry.text) | placeholders(entry.hint)
        for site, given in sites:
            if "*" in given:
                continue  # parameters passed on from another problem
            lacking = wanted - given - LOCATION
            if lacking:
                missing.append((code, site, sorted(lacking)))
    assert missing == []


def test_templates_are_plain_msgids() -> None:
    for code, entry in CATALOGUE.items():
        for template in (entry.text, entry.hint):
            assert template == template.strip(), code
            assert "\n" not in template, code
            placeholders(template)  # parses: no stray brace


def test_a_problem_formats_from_its_code_and_params() -> None:
    problem = Problem("routine.unknown", {"routine": "maltider"}, "bo.yaml", 5, 5,
                      "routines[1]", suggestion=("hint.did_you_mean", {"close": "maltid"}))
    assert problem.message == "unknown routine 'maltider'"
    assert format_problem(problem) == ("bo.yaml:5:5: error: routines[1]: unknown routine "
                                       "'maltider'\n  hint: did you mean 'maltid'?")
    assert format_problems([problem, problem]).endswith("\n2 errors")


def test_translation_is_one_function_at_the_edge() -> None:
    swedish = {"unknown routine '{routine}'": "okänd rutin '{routine}'", "error": "fel",
               "hint": "tips", "did you mean '{close}'?": "menade du '{close}'?"}
    problem = Problem("routine.unknown", {"routine": "maltider"}, "bo.yaml", 5, None,
                      "routines[1]", suggestion=("hint.did_you_mean", {"close": "maltid"}))
    assert format_problem(problem, lambda text: swedish.get(text, text)) == (
        "bo.yaml:5: fel: routines[1]: okänd rutin 'maltider'\n  tips: menade du 'maltid'?")


def test_a_layout_problem_is_placed_by_product_and_panel() -> None:
    problem = Problem("layout.overflow", {"overflow_mm": 12.34, "min_size": 14},
                      field="steps", product="rutinkort", panel="card 2 back")
    assert format_problem(problem) == (
        "rutinkort: error: card 2 back: steps does not fit: 12.3 mm too much text, even at "
        "the minimum 14 pt\n  hint: shorten the text, or split it into two")
    assert problem.as_dict()["code"] == "layout.overflow"
    assert problem.as_dict()["panel"] == "card 2 back"
