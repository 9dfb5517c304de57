"""Errors: one hierarchy; each error knows where the problem is and how to mend it."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import click

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file, with its place and a hint."""

    file: str
    line: int | None
    column: int | None
    message: str
    field: str = ""
    hint: str = ""

    def format(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        text = f"{place}: error: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class HandoutsError(click.ClickException):
    """Root of every error the tool reports to a person; the CLI exits 1 on it."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(self.format_message(), err=True, file=file)


class ContentError(HandoutsError):
    """One or more problems in content, layout, manifest or roster files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [p.format() for p in self.problems]
        count = len(self.problems)
        if count > 1:
            lines.append(f"{count} errors")
        super().__init__("\n".join(lines))

    @classmethod
    def single(cls, file: str | Path, message: str, *, line: int | None = None,
               column: int | None = None, field: str = "", hint: str = "") -> ContentError:
        return cls([Problem(str(file), line, column, message, field, hint)])


class LayoutOverflow(HandoutsError):
    """Text does not fit its page or panel even at the layout's minimum type size."""

    def __init__(self, product: str, page: str, field: str, overflow_mm: float,
                 min_size: float, hint: str = "") -> None:
        self.product, self.page, self.field = product, page, field
        self.overflow_mm = overflow_mm
        message = (f"{product}: error: {page}: {field} does not fit: "
                   f"{overflow_mm:.1f} mm too much text, even at the minimum {min_size:g} pt")
        message += f"\n  hint: {hint or 'shorten the text, or split it into two'}"
        super().__init__(message)


class FontError(HandoutsError):
    """A character in the text has no glyph in the font that prints it."""

    def __init__(self, product: str, where: str, character: str, font: str) -> None:
        import unicodedata

        self.character, self.font = character, font
        name = unicodedata.name(character, "unnamed character")
        super().__init__(
            f"{product}: error: {where}: the font {font} has no glyph for {character!r} "
            f"(U+{ord(character):04X} {name})\n"
            "  hint: replace the character, or name a font that has it in fonts/fonts.yaml")


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
        messages = [f.format_message() for f in failures]
        raise HandoutsError("\n".join(messages) + f"\n{len(failures)} errors")
    return results
