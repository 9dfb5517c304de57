"""Compose (type sizing): paragraph styles at a type scale, and the one bounded search
from full size down to each style's minimum.

Both ways of setting text use it: boxes of blocks (`text.fit`) and running text through
panels (`flow.flow`). Each tries the text at a scale; the search starts at full size and
steps down half a point of the largest size at a time until the text fits or every
style is at its minimum, and then reports the last try, which the caller turns into an
overflow error naming what does not fit. Nothing is clipped.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import TypeVar
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ..model.colour import Colour
from ..model.layout import TypeStyle

STEP_PT = 0.5  # each try is this much smaller, measured on the largest style
Try = TypeVar("Try")


@dataclass(frozen=True)
class Fonts:
    """The fonts that print a product; fallbacks carry other scripts, `rtl` mirrors."""

    regular: str
    bold: str
    fallback: tuple[str, ...] = ()  # tried in order per run: Arabic, Greek, ...
    bold_fallback: tuple[str, ...] = ()
    rtl: bool = False  # the content's language is written right to left

    def chain(self, font: str) -> tuple[str, ...]:
        """`font` first, then the fallbacks of its weight."""
        return (font, *(self.bold_fallback if font == self.bold else self.fallback))

    def for_role(self, role: str, bold: bool = False) -> str:
        """Headings and titles are bold, and so is body text marked bold."""
        return self.bold if (bold or role != "body") else self.regular


def markup(text: str) -> str:
    """Plain text to ReportLab paragraph markup that prints exactly that text."""
    return escape(text)


def run_in(text: str, lead: str, fonts: Fonts) -> str:
    """Markup for `text`, after `lead` in bold when there is one (like "Musik: ...")."""
    shown = markup(text)
    return f'<font name="{fonts.bold}">{markup(lead)}</font> {shown}' if lead else shown


def style(name: str, font: str, size: float, leading: float, colour: Colour,
          indent: float = 0, space_after: float = 0) -> ParagraphStyle:
    """The one paragraph style: left-aligned, never hyphenated, no word split."""
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading, textColor=colour.reportlab,
        alignment=TA_LEFT, leftIndent=indent, bulletIndent=0, bulletFontName=font,
        bulletFontSize=size, spaceAfter=space_after, splitLongWords=0,
        hyphenationLang=None, embeddedHyphenation=0, uriWasteReduce=0,
        allowWidows=0, allowOrphans=0)


def size_at(spec: TypeStyle, scale: float) -> tuple[float, float]:
    """Type size and leading of `spec` at `scale`, never below its minimum."""
    size = max(spec.size * scale, spec.smallest)
    return size, size + (spec.leading - spec.size)


def scales(floors: Collection[TypeStyle], steps: Collection[TypeStyle]) -> Iterator[float]:
    """1.0, then smaller by half a point of the largest of `steps`, down to the scale at
    which every one of `floors` is at its minimum; a bounded number of tries."""
    smallest = min(spec.smallest / spec.size for spec in floors)
    step = STEP_PT / max(spec.size for spec in steps)
    scale = 1.0
    for _ in range(int(max(0.0, 1 - smallest) / step) + 2):
        yield scale
        if scale <= smallest + 1e-9:
            return
        scale = max(smallest, scale - step)


def shrink(attempt: Callable[[float], Try], fits: Callable[[Try], bool],
           tries: Iterator[float]) -> tuple[Try, bool]:
    """The first try that fits, largest first; else the last (smallest) try and False."""
    last: Try | None = None
    for scale in tries:
        last = attempt(scale)
        if fits(last):
            return last, True
    assert last is not None, "scales always yields full size first"
    return last, False
