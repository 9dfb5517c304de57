"""Pages: the hand-over between compose, render and impose.

A `Page` is a finished page of known trim size whose `draw` paints it with the origin
at the trim's lower-left corner. Render gives each page its own PDF page with boxes;
impose draws the same pages again, n-up, on a sheet. Neither knows what is on them.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from .tagging import NO_TAGS, Marker, Role


class Painter:
    """A canvas plus the static pieces already stored in it as form XObjects.

    Whatever repeats on many pages (an organisation's contact block, a QR code) is
    drawn once per file and then placed by reference: smaller files, faster output.
    """

    def __init__(self, canvas: Canvas, marker: Marker | None = None) -> None:
        self.canvas = canvas
        self._forms: dict[str, str] = {}
        self.tags = marker or NO_TAGS

    def tag(self, role: Role, **options: Any) -> Any:
        """`with painter.tag(Role.P): …` — what is drawn inside is that element's content."""
        return self.tags.tag(role, **options)

    def group(self, role: Role, **options: Any) -> Any:
        """`with painter.group(Role.SECT): …` — an element that holds other elements."""
        return self.tags.group(role, **options)

    def artifact(self) -> Any:
        """`with painter.artifact(): …` — backgrounds, bands, rules, marks."""
        return self.tags.artifact()

    def static(self, key: str, draw: Callable[[Canvas], None]) -> None:
        """Draw `draw` at the current origin, storing it as a form the first time."""
        self.canvas.doForm(self._forms.get(key) or self.make_form(key, draw))

    def make_form(self, key: str, draw: Callable[[Canvas], None]) -> str:
        """Store `draw` as the form `key` stands for in this file; its name."""
        name = self._forms[key] = f"S{len(self._forms)}"
        self.canvas.beginForm(name)
        with self.tags.suspended():  # the form's invocation is tagged, not its inside
            draw(self.canvas)
        self.canvas.endForm()
        return name


def release(canvas: Canvas) -> None:
    """Let go of a canvas's objects once its file's bytes are made (or its drawing kept).

    Some of them name each other (a text object of ReportLab's `Paragraph` holds a
    method bound to itself; the tags' marker and the canvas hold each other), so the
    whole document would otherwise wait for the cycle collector: a thousand objects a
    card, which a long-running batch worker's full collections then walked again and
    again.
    """
    canvas._doc.__dict__.clear()
    canvas.__dict__.clear()


@dataclass(frozen=True)
class Page:
    """One finished page. Sizes in points.

    `bleed` is how far artwork may run past the trim (the BleedBox); `margin` is the
    room around the trim on the PDF page (the MediaBox), at least the bleed: a page
    with crop marks needs more. `trim_box` (left, bottom, right, top from the page's
    lower-left corner) is for a sheet exactly the paper's size whose block of cards is
    cut a little inside it: the TrimBox is that block, the BleedBox the whole paper.
    """

    label: str
    width: float
    height: float
    bleed: float
    draw: Callable[[Painter], None]
    margin: float | None = None
    trim_box: tuple[float, float, float, float] | None = None
    reuse: Hashable | None = None  # pages with equal keys draw the same (pdf/replay.py)

    @property
    def media_margin(self) -> float:
        return self.bleed if self.margin is None else max(self.margin, self.bleed)
