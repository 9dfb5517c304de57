"""Read stage: YAML to located values, refusing what is unsafe."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.yamlread import Mapping, parse_yaml, read_yaml


def error_of(text: str) -> str:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "x.yaml")
    return caught.value.format_message()


def test_values_remember_their_lines() -> None:
    value = parse_yaml("a: 1\nlist:\n  - one\n  - two\n", "x.yaml")
    assert isinstance(value, Mapping)
    assert value.positions["a"] == (1, 4)
    assert value["list"].positions == [(3, 5), (4, 5)]
    assert value["list"] == ["one", "two"]


def test_syntax_error_names_the_line() -> None:
    message = error_of("routines:\n  - id: a\n   title: b\n")
    assert message.startswith("x.yaml:3:")
    assert "not valid YAML" in message and "hint:" in message


def test_tabs_get_their_own_hint() -> None:
    assert "spaces, not tabs" in error_of("a:\n\t- b\n")


def test_python_tags_are_refused() -> None:
    message = error_of("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert "x.yaml:1:4: error: the tag !!python/object/apply:os.system is not allowed" in message


def test_custom_tags_are_refused() -> None:
    assert "is not allowed" in error_of("a: !secret value\n")


def test_alias_bomb_is_refused_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    message = error_of("\n".join(lines) + "\n")
    # The node budget stops it after 200,000 nodes (milliseconds); a full expansion would
    # be 387 million. The bound is a hang guard, generous for a loaded machine.
    assert time.perf_counter() - started < 30
    assert "expands to more than" in message


def test_duplicate_keys_are_errors() -> None:
    assert "the key 'a' appears twice (first on line 1)" in error_of("a: 1\nb: 2\na: 3\n")


def test_merge_keys_are_refused() -> None:
    assert "merge keys" in error_of("base: &b {x: 1}\nother:\n  <<: *b\n")


def test_dates_stay_text() -> None:
    assert parse_yaml("d: 2026-11-22\n", "x.yaml") == {"d": "2026-11-22"}


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffnamn: Åsa\n".encode())
    assert read_yaml(path) == {"namn": "Åsa"}


def test_latin1_file_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_bytes("a: 1\nnamn: \xc5sa\n".encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        read_yaml(path)
    assert f"{path}:2: error: the file is not UTF-8" in caught.value.format_message()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="does not exist"):
        read_yaml(tmp_path / "nope.yaml")
