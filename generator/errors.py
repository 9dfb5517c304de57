"""Errors: one hierarchy of plain exceptions, each carrying problems as data.

A `Problem` is a stable code, its parameters and where it happened; its English text
comes from the catalogue in messages.py, formatted only at an edge (terminal, CSV
report, JSON, web form, translations). Nothing here imports Click: cli.py adapts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import messages

T = TypeVar("T")
R = TypeVar("R")
# A hint other than the code's own: (hint code, its parameters), e.g. a did-you-mean.
Suggestion = tuple[str, dict[str, Any]]

EXIT_INPUT = 1  # bad input: content, a roster row, a PDF that fails preflight
EXIT_USAGE = 2  # the command was called wrongly, e.g. an unknown --layout


@dataclass(frozen=True)
class Problem:
    """One thing wrong: a catalogue code, its parameters, and where it happened."""

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    file: str = ""
    line: int | None = None
    column: int | None = None
    field: str = ""  # the field path in the file, e.g. contacts[0].phone
    product: str = ""  # the product (or file:line of a roster row) being laid out
    panel: str = ""  # the page, card side or panel within the product
    row: int | None = None  # the roster row, as Excel numbers it
    suggestion: Suggestion | None = None  # overrides the code's own hint
    label: str = ""  # the field as people name it ("avoid, line 3"); messages prefer it

    @property
    def message(self) -> str:
        return messages.message_text(self)

    @property
    def hint(self) -> str:
        return messages.hint_text(self)

    def format(self) -> str:
        return messages.format_problem(self)

    def as_dict(self) -> dict[str, Any]:
        """The problem for another program (JSON): code, parameters, place and English text."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params.items()},
                "file": self.file, "line": self.line, "column": self.column,
                "field": self.field, "product": self.product, "panel": self.panel,
                "row": self.row, "message": self.message, "hint": self.hint}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        return messages.phrase(value)  # a nested (code, params): its text
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


class HandoutsError(Exception):
    """Root of every error the tool reports to a person: problems and an exit code."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: Iterable[Problem], exit_code: int | None = None) -> None:
        self.problems = list(problems)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(self.format_message())

    @classmethod
    def single(cls: type[E], file: str | Path, code: str, params: dict[str, Any] | None = None,
               *, line: int | None = None, column: int | None = None, field: str = "",
               hint: Suggestion | None = None) -> E:
        return cls([Problem(code, params or {}, str(file), line, column, field,
                            suggestion=hint)])

    def format_message(self, translate: Callable[[str], str] = messages.identity) -> str:
        return messages.format_problems(self.problems, translate)

    @property
    def message(self) -> str:
        return self.format_message()


E = TypeVar("E", bound=HandoutsError)


class ContentError(HandoutsError):
    """One or more problems in content, layout, manifest or roster files."""


class UsageError(HandoutsError):
    """The command was called wrongly (an unknown --layout, a bad --dpi): exit 2."""

    exit_code = EXIT_USAGE


class LayoutOverflow(HandoutsError):
    """Text does not fit its page or panel even at the layout's minimum type size."""

    def __init__(self, product: str, page: str, field: str, overflow_mm: float,
                 min_size: float, hint: Suggestion | None = None) -> None:
        self.product, self.page, self.field = product, page, field
        self.overflow_mm = overflow_mm
        super().__init__([Problem("layout.overflow", {"overflow_mm": overflow_mm,
                                                      "min_size": min_size},
                                  field=field, product=product, panel=page, suggestion=hint)])


class FontError(HandoutsError):
    """A character in the text has no glyph in the font that prints it."""

    def __init__(self, product: str, where: str, character: str, font: str) -> None:
        import unicodedata

        self.character, self.font = character, font
        name = unicodedata.name(character, "unnamed character")
        super().__init__([Problem("font.no_glyph", {"font": font, "character": character,
                                                    "codepoint": f"{ord(character):04X}",
                                                    "name": name},
                                  product=product, panel=where)])


class OutputError(HandoutsError):
    """A file could not be written where it was asked to go."""


def gather(items: Iterable[T], work: Callable[[T], R]) -> list[R]:
    """Apply `work` to every item; if any fail, raise one error listing every failure."""
    results, failures = [], []
    for item in items:
        try:
            results.append(work(item))
        except HandoutsError as error:
            failures.append(error)
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise HandoutsError([p for f in failures for p in f.problems])
    return results
