"""Pages: the hand-over between compose, render and impose.

A `Page` is a finished page of known trim size whose `draw` paints it with the origin
at the trim's lower-left corner. Render gives each page its own PDF page with boxes;
impose draws the same pages again, n-up, on a sheet. Neither knows what is on them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas


class Painter:
    """A canvas plus the static pieces already stored in it as form XObjects.

    Whatever repeats on many pages (an organisation's contact block, a QR code) is
    drawn once per file and then placed by reference: smaller files, faster output.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._forms: dict[str, str] = {}

    def static(self, key: str, draw: Callable[[Canvas], None]) -> None:
        """Draw `draw` at the current origin, storing it as a form the first time."""
        name = self._forms.get(key)
        if name is None:
            name = f"S{len(self._forms)}"
            self.canvas.beginForm(name)
            draw(self.canvas)
            self.canvas.endForm()
            self._forms[key] = name
        self.canvas.doForm(name)


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

    @property
    def media_margin(self) -> float:
        return self.bleed if self.margin is None else max(self.margin, self.bleed)
