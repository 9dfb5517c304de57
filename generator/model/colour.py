"""Model (colour): one colour, parsed once from the layout's hex string and CMYK values.

A layout writes a colour as `"#123f5c"` (sRGB, for screens and office printers) or as
`{rgb: "#123f5c", cmyk: [100, 60, 20, 45]}`: the print shop's ink percentages for the
same colour, chosen by a person, not converted by a formula. The call sites ask for
`.reportlab` when they draw and for `contrast()` when they check legibility; inside
`print_inks()` (the print-shop edition) `.reportlab` gives the CMYK values instead.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from typing import Any

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
MAX_INK = 300  # total ink coverage a print shop accepts on coated paper, in per cent
_PRINT_INKS: ContextVar[bool] = ContextVar("print_inks", default=False)


@contextmanager
def print_inks() -> Iterator[None]:
    """Within this block every colour draws with its CMYK inks (the print-shop edition)."""
    token = _PRINT_INKS.set(True)
    try:
        yield
    finally:
        _PRINT_INKS.reset(token)


def drawing_in_inks() -> bool:
    return _PRINT_INKS.get()


@dataclass(frozen=True)
class Colour:
    """An sRGB colour, channels 0 to 255; `hex` is how a layout writes it."""

    red: int
    green: int
    blue: int
    cmyk: tuple[float, float, float, float] | None = None  # ink percentages, 0 to 100

    @classmethod
    def parse(cls, text: str) -> Colour:
        """'#1a1a1a' -> Colour(26, 26, 26); anything else is a ValueError."""
        match = _HEX.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"'{text}' is not a colour")
        value = int(match[1], 16)
        return cls((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)

    def with_inks(self, cmyk: tuple[float, ...]) -> Colour:
        """The same colour with the print shop's ink percentages; each 0 to 100, 300 in all."""
        if len(cmyk) != 4 or any(not 0 <= value <= 100 for value in cmyk):
            raise ValueError(f"{list(cmyk)} are not four ink percentages")
        if sum(cmyk) > MAX_INK:
            raise ValueError(f"{list(cmyk)} add up to {sum(cmyk):g} % of ink, over {MAX_INK} %")
        return Colour(self.red, self.green, self.blue, tuple(float(v) for v in cmyk))  # type: ignore[arg-type]

    @classmethod
    def rgb(cls, red: int, green: int, blue: int) -> Colour:
        return cls(red, green, blue)

    @property
    def hex(self) -> str:
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"

    def __str__(self) -> str:
        return self.hex

    @property
    def luminance(self) -> float:
        """WCAG 2 relative luminance, 0 (black) to 1 (white)."""
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(self.red) + 0.7152 * channel(self.green)
                + 0.0722 * channel(self.blue))

    def contrast(self, other: Colour) -> float:
        """WCAG contrast ratio against `other`, 1 to 21."""
        a, b = sorted((self.luminance, other.luminance), reverse=True)
        return (a + 0.05) / (b + 0.05)

    @property
    def reportlab(self) -> Any:
        """The colour as ReportLab's canvas takes it: sRGB, or its CMYK inks within
        `print_inks()`."""
        return self._inks if _PRINT_INKS.get() else self._screen

    @cached_property
    def _screen(self) -> Any:
        """Each channel to three decimals: ".102" for 26, not ReportLab's ".101961", and
        still 26 when a reader takes it back to 8 bits (off by at most 0.13 of a step)."""
        from reportlab.lib.colors import Color
        return Color(*(round(channel / 255, 3) for channel in (self.red, self.green, self.blue)))

    @cached_property
    def _inks(self) -> Any:
        if self.cmyk is None:
            raise ValueError(f"{self.hex} has no CMYK values for the print shop")
        from reportlab.lib.colors import CMYKColor
        return CMYKColor(*(value / 100 for value in self.cmyk))
