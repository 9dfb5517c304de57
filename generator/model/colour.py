"""Model (colour): one colour, parsed once from the layout's hex string.

sRGB now; a CMYK edition adds `cmyk` (the print shop's values for the same colour)
without touching the call sites, which ask for `.reportlab` when they draw and for
`contrast()` when they check legibility.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Colour:
    """An sRGB colour, channels 0 to 255; `hex` is how a layout writes it."""

    red: int
    green: int
    blue: int
    cmyk: tuple[float, float, float, float] | None = None  # filled in by a print edition

    @classmethod
    def parse(cls, text: str) -> Colour:
        """'#1a1a1a' -> Colour(26, 26, 26); anything else is a ValueError."""
        match = _HEX.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"'{text}' is not a colour")
        value = int(match[1], 16)
        return cls((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)

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

    @cached_property
    def reportlab(self) -> Any:
        """The colour as ReportLab's canvas takes it (the same values `HexColor` gives)."""
        from reportlab.lib.colors import Color
        return Color(self.red / 255.0, self.green / 255.0, self.blue / 255.0)
