"""Read: YAML files to plain Python values that remember their line numbers.

Parsing uses PyYAML's safe composer; construction is our own, so that only plain
YAML types are built (any `!!python/...` or custom tag is refused), aliases expand
within a fixed budget (an alias bomb fails fast), duplicate keys are errors, and every
mapping and list knows where each of its items stands in the file.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

# Values a content file legitimately holds number in the hundreds; an alias bomb needs
# millions. The budget counts every node visited, aliases expanded.
NODE_BUDGET = 200_000
MAX_DEPTH = 40  # content nests four or five levels; an alias inside itself never ends
MAX_BYTES = 2_000_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Position = tuple[int, int]


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping; `positions[key]` is the (line, column) of that key's value."""

    file: str
    line: int
    positions: dict[str, Position]


class Sequence(list):  # type: ignore[type-arg]
    """A YAML list; `positions[i]` is the (line, column) of item i."""

    file: str
    line: int
    positions: list[Position]


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.visited = 0
        self.open: list[yaml.Node] = []  # the mappings and lists being built, outermost first
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, code: str, params: dict[str, Any] | None = None
             ) -> ContentError:
        line, column = _position(node)
        return ContentError([Problem(code, params or {}, self.file, line, column)])

    def refuse_tag(self, node: yaml.Node) -> ContentError:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.fail(node, "yaml.tag", {"tag": shown})

    def build(self, node: yaml.Node) -> Any:
        self.visited += 1
        if self.visited > NODE_BUDGET:
            raise self.fail(node, "yaml.too_many_values", {"budget": NODE_BUDGET})
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if any(node is outer for outer in self.open) or len(self.open) >= MAX_DEPTH:
                raise self.fail(node, "yaml.too_deep", {"depth": MAX_DEPTH})
            self.open.append(node)
            try:
                return self._mapping(node) if isinstance(node, yaml.MappingNode) else (
                    self._sequence(node))
            finally:
                self.open.pop()
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date is text to us: never a datetime object
        if node.tag not in _PLAIN_TAGS:
            raise self.refuse_tag(node)
        if node.tag == "tag:yaml.org,2002:int" and re.fullmatch(r"0[0-9]{5,}", node.value):
            return node.value  # 0701740650 is a phone number as written, never octal
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:  # an integer of more than 4,300 digits
            raise self.fail(node, "yaml.number_too_long", {"digits": len(node.value)}) from None

    def _mapping(self, node: yaml.MappingNode) -> Mapping:
        if node.tag != _MAP_TAG:
            raise self.refuse_tag(node)
        result = Mapping()
        result.file, result.line = self.file, _position(node)[0]
        result.positions = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "yaml.merge_key")
            key = self.build(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = result.positions[key][0]
                raise self.fail(key_node, "yaml.duplicate_key", {"key": key, "first": first})
            result[key] = self.build(value_node)
            result.positions[key] = _position(value_node)
        return result

    def _sequence(self, node: yaml.SequenceNode) -> Sequence:
        if node.tag != _SEQ_TAG:
            raise self.refuse_tag(node)
        result = Sequence()
        result.file, result.line = self.file, _position(node)[0]
        result.positions = []
        for item in node.value:
            result.append(self.build(item))
            result.positions.append(_position(item))
        return result


# LibYAML's parser (when PyYAML has it) is about ten times faster than the pure-Python
# one and gives the same nodes and marks. Its composer recurses on the C stack, so text
# that could nest deeper than this goes to the Python parser, whose RecursionError is
# caught; so does any text LibYAML refuses, so error messages stay the Python parser's.
_C_NESTING = 1000
_C_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`: LibYAML when it is safe to, else PyYAML's Python parser."""
    # block nesting needs a column per level; flow nesting a bracket per level
    lines = text.splitlines() or [""]
    bound = max(map(len, lines)) + text.count("[") + text.count("{")
    if _C_LOADER is not None and bound < _C_NESTING:
        try:
            return yaml.compose(text, Loader=_C_LOADER)
        except yaml.YAMLError:
            pass  # parsed again below, for the Python parser's message
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text; the result is plain values, mappings and lists located in `file`."""
    if len(text) > MAX_BYTES:
        raise ContentError.single(file, "file.too_large", {"megabytes": MAX_BYTES // 1_000_000})
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = (error.problem or "").strip() or str(error)
        tabs = "\\t" in problem or "\t" in problem
        colon = problem.startswith("mapping values are not allowed")  # Obs: hör dåligt
        raise ContentError([Problem(
            "yaml.colon" if colon else "yaml.invalid_tabs" if tabs else "yaml.invalid",
            {"detail": problem}, file, line, column)]) from None
    except yaml.YAMLError as error:
        raise ContentError.single(file, "yaml.invalid_bare", {"detail": str(error)}) from None
    except RecursionError:  # thousands of [ or { in a row: PyYAML's composer recurses
        raise ContentError.single(file, "yaml.too_deep", {"depth": MAX_DEPTH}) from None
    if node is None:
        return None
    return _Builder(file).build(node)


def read_input(path: Path, name: str) -> bytes:
    """The bytes of an input file, or a ContentError saying why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ContentError.single(name, "file.missing") from None
    except OSError as error:
        raise ContentError.single(name, "file.unreadable", {"reason": error.strerror}) from None


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Read one YAML file (UTF-8, with or without BOM)."""
    name = display or str(path)
    raw = read_input(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError.single(name, "file.not_utf8", line=line) from None
    return parse_yaml(text, name)
