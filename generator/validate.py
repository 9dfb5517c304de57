"""Validate: located YAML values to typed model objects, collecting every problem.

`Checker.convert` walks a dataclass's type hints: unknown keys get "did you mean",
missing keys are named, wrong types say what they got, text longer than its field's
`max_len` is refused (the typed `Limits` in model/constraints.py), a colour is parsed
once. Each problem carries file, line, column and field path.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import math
import re
import types
import typing
from enum import Enum
from typing import Any, TypeVar

from .errors import ContentError, Problem, Suggestion
from .messages import CATALOGUE
from .model.colour import Colour
from .model.constraints import NONE, Limits, limits_of
from .yamlread import Mapping, Sequence

T = TypeVar("T")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """The English text of `suggest`'s hint."""
    code, params = suggest(word, choices)
    return CATALOGUE[code].text.format(**params)


def suggest(word: str, choices: typing.Iterable[str]) -> Suggestion:
    """A hint naming the closest choice, or listing the choices when none is close."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return ("hint.did_you_mean", {"close": close[0]})
    if len(options) <= 14:
        return ("hint.choose_one", {"choices": ", ".join(options)})
    return ("hint.see_list", {"count": len(options)})


def language_hint(language: str, languages: typing.Iterable[str]) -> Suggestion:
    """"did you mean 'fi'?" with every language there is, or just the list."""
    options = sorted(set(languages))
    listed = ", ".join(options)
    close = difflib.get_close_matches(language, options, n=1, cutoff=0.5)  # fy -> fi
    if close:
        return ("hint.language_close", {"close": close[0], "languages": listed})
    return ("hint.languages", {"languages": listed})


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _shown(value: float) -> str | tuple[str, dict[str, Any]]:
    """How a refused number is quoted: `nan`, `inf`, `1e+308`, or how many digits it has."""
    if isinstance(value, int) and abs(value) >= 10**12:
        return ("value.digits", {"count": int(value.bit_length() * math.log10(2)) + 1})
    return f"{value:g}"


# A rule looks at the converted arguments of one dataclass and returns problems as
# (field, code, params); the Checker places them at that field's line. A "hint" in
# params, if any, is a Suggestion that replaces the code's own hint.
RuleProblem = tuple[str, str, dict[str, Any]]
Rule = typing.Callable[[dict[str, Any]], list[RuleProblem]]
# A check of every text a file holds, with its field's limits: None, or a problem as
# (code, params, hint) placed at the text's own line (content.py: glyphs, template marks).
TextProblem = tuple[str, dict[str, Any], "Suggestion | None"]
TextCheck = typing.Callable[[str, Limits], "TextProblem | None"]


def all_rules(*rules: Rule) -> Rule:
    """One rule that runs each of `rules` and gives every problem they find."""
    return lambda arguments: [found for rule in rules for found in rule(dict(arguments))]


class Checker:
    """Collects problems for one file while values are converted."""

    def __init__(self, file: str, rules: dict[type, Rule] | None = None,
                 text_check: TextCheck | None = None) -> None:
        self.file = file
        self.rules = rules or {}
        self.text_check = text_check
        self.problems: list[Problem] = []
        self.unread: set[str] = set()  # paths of values missing or refused: rules wait

    # -- reporting ----------------------------------------------------------------
    def report(self, where: tuple[int, int] | int | None, path: str, code: str,
               params: dict[str, Any] | None = None, hint: Suggestion | None = None) -> None:
        line = column = None
        if isinstance(where, tuple):
            line, column = where
        elif isinstance(where, int):
            line = where
        self.problems.append(Problem(code, params or {}, self.file, line, column, path,
                                     suggestion=hint))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)

    @staticmethod
    def position(container: Any, key: Any) -> tuple[int, int] | int | None:
        if isinstance(container, Mapping):
            return container.positions.get(key, container.line)
        if isinstance(container, Sequence) and isinstance(key, int):
            return container.positions[key]
        return None

    def _field_position(self, value: Any, name: str) -> tuple[int, int] | int | None:
        """Where a rule's field stands; 'items[2]' points at the third item itself."""
        match = re.fullmatch(r"(\w+)\[(\d+)\]", name)
        if match and isinstance(value.get(match[1]), Sequence):
            items = value[match[1]]
            if int(match[2]) < len(items):
                return self.position(items, int(match[2]))
        return self.position(value, name)

    # -- conversion -------------------------------------------------------------
    def convert(self, value: Any, cls: type[T], path: str, where: Any = None,
                meta: Limits = NONE) -> T:
        """Convert `value` to `cls`; on a problem, report it and return a stand-in."""
        origin = typing.get_origin(cls)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(cls) if a is not type(None)]
            if value is None:
                return None  # type: ignore[return-value]
            return self.convert(value, options[0], path, where, meta)
        if origin is tuple:
            return self._sequence(value, typing.get_args(cls)[0], path, where, meta)  # type: ignore[return-value]
        if cls is Colour:  # a value written as one string, not a mapping of its fields
            return self._colour(value, path, where)  # type: ignore[return-value]
        if dataclasses.is_dataclass(cls):
            return self._dataclass(value, cls, path, where)  # type: ignore[return-value]
        if isinstance(cls, type) and issubclass(cls, Enum):
            return self._enum(value, cls, path, where)  # type: ignore[return-value]
        if cls is str:
            return self._text(value, path, where, meta)  # type: ignore[return-value]
        if cls in (int, float):
            return self._number(value, cls, path, where, meta)  # type: ignore[return-value]
        if cls is bool:
            if not isinstance(value, bool):
                self.report(where, path, "value.not_bool", {"got": describe(value)})
                return False  # type: ignore[return-value]
            return value  # type: ignore[return-value]
        raise TypeError(f"no conversion to {cls!r}")

    def _colour(self, value: Any, path: str, where: Any) -> Colour | None:
        """'#rrggbb', or {rgb: '#rrggbb', cmyk: [c, m, y, k]} with the print shop's inks."""
        inks, written = None, value
        if isinstance(value, Mapping) and set(value) <= {"rgb", "cmyk"} and "rgb" in value:
            inks, value = value.get("cmyk"), value["rgb"]
        try:
            colour = Colour.parse(value)
        except ValueError:
            shown = value if isinstance(value, str) else describe(value)
            self.report(where, path, "layout.not_colour", {"value": shown, "example": "#1a1a1a"})
            self.unread.add(path)
            return None
        if inks is None:
            return colour
        return self._inks(colour, inks, f"{path}.cmyk", self.position(written, "cmyk"))

    def _inks(self, colour: Colour, inks: Any, path: str, where: Any) -> Colour:
        """The colour with four ink percentages, each 0 to 100, at most 300 in all."""
        if not isinstance(inks, Sequence) or len(inks) != 4:
            self.report(where, path, "layout.not_inks", {"value": describe(inks)})
            return colour
        percent = Limits(min=0, max=100)
        values = [self._number(ink, float, f"{path}[{i}]", self.position(inks, i), percent)
                  for i, ink in enumerate(inks)]
        if any(v is None for v in values):
            return colour
        try:
            return colour.with_inks(tuple(values))  # type: ignore[arg-type]
        except ValueError:  # more than 300 % in all
            self.report(where, path, "layout.not_inks", {"value": describe(inks)})
            return colour

    def _text(self, value: Any, path: str, where: Any, meta: Limits) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(where, path, "value.not_text", {"got": describe(value)})
            return ""
        if not isinstance(value, str):
            if meta.digits:
                self.report(where, path, "value.phone_number")
                return ""
            value = str(value)
        value = value.strip()
        if not value:
            self.report(where, path, "value.empty")
        limit = meta.max_len
        if limit and len(value) > limit:
            self.report(where, path, "value.too_long", {"length": len(value), "limit": limit})
        if meta.slug and value and not _SLUG.match(value):
            self.report(where, path, "value.not_id", {"value": value})
        if meta.digits and value and not re.fullmatch(r"\+?[0-9 \-]{6,20}", value):
            self.report(where, path, "value.not_phone", {"value": value})
        found = self.text_check(value, meta) if self.text_check and value else None
        if found:
            self.report(where, path, found[0], found[1], found[2])
        return value

    def _number(self, value: Any, cls: type, path: str, where: Any,
                meta: Limits) -> float | None:
        """A finite number inside its field's range, or None (reported) for anything else."""
        span = ("value.from_to", {"low": meta.min, "high": meta.max}) if (
            meta.min is not None and meta.max is not None) else ("value.finite", {})
        wanted = ("value.a_whole_number" if cls is int else "value.a_number", {"span": span})
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            comma = isinstance(value, str) and re.fullmatch(r"\d+,\d+", value.strip())
            self.report(where, path, "value.decimal_comma" if comma else "value.not_number",
                        {"got": describe(value), "wanted": wanted})
            self.unread.add(path)
            return None
        if isinstance(value, float):
            value += 0.0  # -0 is 0
        finite = not isinstance(value, float) or math.isfinite(value)
        whole = cls is not int or isinstance(value, int) or (finite and value.is_integer())
        if not finite or not whole or (meta.min is not None and value < meta.min) or (
                meta.max is not None and value > meta.max):
            self.report(where, path, "value.out_of_range" if finite else "value.not_finite",
                        {"got": _shown(value), "wanted": wanted})
            self.unread.add(path)
            return None
        return cls(value)  # type: ignore[no-any-return]

    def _enum(self, value: Any, cls: type[Enum], path: str, where: Any) -> Enum:
        choices = [str(m.value) for m in cls]
        if isinstance(value, str) and value in choices:
            return cls(value)
        shown = value if isinstance(value, str) else describe(value)
        self.report(where, path, "value.not_choice", {"value": shown},
                    suggest(str(value), choices))
        return next(iter(cls))

    def _sequence(self, value: Any, item_cls: type, path: str, where: Any,
                  meta: Limits) -> tuple[Any, ...]:
        if not isinstance(value, list):
            self.report(where, path, "value.not_list", {"got": describe(value)})
            return ()
        low, high = meta.min_items, meta.max_items
        if low is not None and len(value) < low:
            self.report(where, path, "value.too_few", {"low": low})
        if high is not None and len(value) > high:
            self.report(where, path, "value.too_many", {"count": len(value), "high": high})
        item_meta = Limits(max_len=meta.item_max_len, template=meta.template)
        return tuple(self.convert(item, item_cls, f"{path}[{i}]", self.position(value, i),
                                  item_meta) for i, item in enumerate(value))

    def _dataclass(self, value: Any, cls: type, path: str, where: Any) -> Any:
        shorthand = getattr(cls, "SHORTHAND", None)
        if shorthand and isinstance(value, str):
            value = Mapping({shorthand: value})
            value.file, value.line = self.file, (where[0] if isinstance(where, tuple) else 0)
            value.positions = {shorthand: where}
        if not isinstance(value, dict):
            self.report(where, path, "value.not_mapping", {"got": describe(value)})
            self.unread.add(path)
            return None
        hints = _type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
        prefix = f"{path}." if path else ""
        for key in value:
            if key not in fields:
                self.report(self.position(value, key), f"{prefix}{key}",
                            "key.unknown", {"key": key}, suggest(key, fields))
        arguments: dict[str, Any] = {}
        for name, spec in fields.items():
            required = (spec.default is dataclasses.MISSING
                        and spec.default_factory is dataclasses.MISSING)
            if name not in value:
                if required:
                    self.report(getattr(value, "line", None) or where, f"{prefix}{name}",
                                "key.missing", {"key": name})
                    arguments[name] = None
                    self.unread.add(f"{prefix}{name}")
                continue
            arguments[name] = self.convert(value[name], hints[name], f"{prefix}{name}",
                                           self.position(value, name), limits_of(spec))
        rule = self.rules.get(cls) or self.rules.get(object)
        # A rule reading a missing or refused value (None) could crash or blame the wrong
        # field: the rules of a mapping wait until every value in it can be read.
        if rule is not None and not any(p.startswith(prefix) for p in self.unread):
            for name, code, params in rule(dict(arguments, _class=cls)):
                params = dict(params)
                hint = params.pop("hint", None)
                self.report(self._field_position(value, name), f"{prefix}{name}", code, params,
                            hint)
        return cls(**arguments)


def convert_file(value: Any, cls: type[T], file: str,
                 rules: dict[type, Rule] | None = None, text_check: TextCheck | None = None
                 ) -> T:
    """Convert a whole file's value to `cls`, raising every problem at once."""
    checker = Checker(file, rules, text_check)
    result = checker.convert(value, cls, "", getattr(value, "line", 1) or 1)
    checker.raise_if_any()
    return result


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """A dataclass's resolved type hints, worked out once per class (each is a few ms)."""
    return typing.get_type_hints(cls)
