"""Compose (flow): running text through a row of boxes (panels or pages), fail rather than clip.

The leaflet's sections become flowables: headings, paragraphs, lists with pictograms
and boxes of text. They flow through the boxes in reading order; a paragraph may split
between boxes (never leaving one line behind), a heading never ends a box, a list item
or a box of text never splits. When the text does not fit even at the layout's
minimum sizes, the error names the first section left over and how much is left.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable, Paragraph

from ..errors import LayoutOverflow
from ..model import Pictogram
from ..model.colour import Colour
from ..model.layout import MM, Colours, TypeStyle
from ..pdf.tagging import ListRun, Role, tags
from .pictograms import draw_pictogram
from .shaped import check_chain, make_paragraph
from .sizing import Fonts, scales, shrink, size_at, style

_EPSILON = 0.01


@dataclass(frozen=True)
class Box:
    """Room for running text: a panel or a page, in points."""

    name: str
    width: float
    height: float


@dataclass(frozen=True)
class Item:
    """One flowable and the section it belongs to; a heading keeps with what follows."""

    flowable: Flowable
    section: str
    keep_with_next: bool = False
    role: Role = Role.P  # a paragraph's structure role; other flowables tag themselves
    title: str | None = None  # a bookmark, for a section's heading


@dataclass
class Placed:
    item: Item
    height: float  # the flowable's own height, without the space after it


@dataclass
class Filled:
    """What one box holds after flowing, top to bottom."""

    box: Box
    placed: list[Placed] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(p.item.section for p in self.placed))

    def draw(self, canvas, x: float, top: float) -> None:  # type: ignore[no-untyped-def]
        """Draw the box's contents with its top-left corner at (x, top)."""
        marks = tags(canvas)
        y = top
        with ListRun(marks) as lists:
            for index, placed in enumerate(self.placed):
                flowable, role = placed.item.flowable, placed.item.role
                lists.step(role is Role.LI or isinstance(flowable, PictogramItem))
                if index:
                    y -= flowable.getSpaceBefore()
                y -= placed.height
                if isinstance(flowable, Paragraph):
                    with ExitStack() as item:
                        if role is Role.LI:
                            item.enter_context(marks.group(Role.LI))
                        item.enter_context(marks.tag(Role.LBODY if role is Role.LI else role,
                                                     title=placed.item.title))
                        flowable.drawOn(canvas, x, y)
                else:
                    flowable.drawOn(canvas, x, y)
                y -= flowable.getSpaceAfter()


class PictogramItem(Flowable):  # type: ignore[misc]
    """A list line: a pictogram on the left, its text beside it; never split."""

    def __init__(self, pictogram: Pictogram, alt: str, paragraph: Paragraph, size: float,
                 colour: Colour, gap: float) -> None:
        super().__init__()
        self.pictogram, self.alt, self.paragraph, self.size = pictogram, alt, paragraph, size
        self.colour, self.gap = colour, gap
        self.spaceAfter = paragraph.style.spaceAfter

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        _, text_height = self.paragraph.wrap(width - self.size - self.gap, height)
        self.height = max(self.size, text_height)
        self.width = width
        return width, self.height

    def split(self, width: float, height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        marks = tags(canvas)
        rtl = getattr(self.paragraph, "rtl", False)  # right to left: the pictogram on the right
        with marks.group(Role.LI):
            with marks.figure(self.alt):
                draw_pictogram(canvas, self.pictogram, self.width - self.size if rtl else 0,
                               self.height - self.size, self.size, self.colour)
            text_height = self.paragraph.height
            with marks.tag(Role.LBODY):
                self.paragraph.drawOn(canvas, 0 if rtl else self.size + self.gap,
                                      self.height - text_height
                                      - max(0, (self.size - text_height) / 2))


class TextBox(Flowable):  # type: ignore[misc]
    """Paragraphs on a tinted, rounded ground, kept together."""

    def __init__(self, paragraphs: list[Paragraph], tint: Colour, padding: float,
                 space_after: float, title: str | None = None) -> None:
        super().__init__()
        self.paragraphs, self.tint, self.padding = paragraphs, tint, padding
        self.spaceAfter = space_after
        self.title = title  # the first paragraph is the box's heading

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        inner = width - 2 * self.padding
        total = 0.0
        for paragraph in self.paragraphs:
            total += paragraph.wrap(inner, 10_000)[1] + paragraph.style.spaceAfter
        self.width, self.height = width, total - self.paragraphs[-1].style.spaceAfter \
            + 2 * self.padding
        return self.width, self.height

    def split(self, width: float, height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        marks = tags(canvas)
        canvas.setFillColor(self.tint.reportlab)
        with marks.group(Role.SECT):
            with marks.artifact():
                canvas.roundRect(0, 0, self.width, self.height, 2.5 * MM, stroke=0, fill=1)
            y = self.height - self.padding
            for index, paragraph in enumerate(self.paragraphs):
                y -= paragraph.height
                role = Role.H2 if index == 0 and self.title else Role.P
                with marks.tag(role, title=self.title if index == 0 else None):
                    paragraph.drawOn(canvas, self.padding, y)
                y -= paragraph.style.spaceAfter


@dataclass(frozen=True)
class Styles:
    """Paragraph styles at one scale, and the helpers that make flowables with them."""

    type: dict[str, TypeStyle]
    fonts: Fonts
    colours: Colours
    scale: float
    product: str

    def size(self, role: str) -> tuple[float, float]:
        return size_at(self.type[role], self.scale)

    def paragraph(self, text: str, role: str = "body", where: str = "",
                  bold: bool = False, after: float | None = None,
                  bullet: str | None = None, lead: str = "") -> Paragraph:
        """A paragraph; `lead` is a bold run-in before the text, like a list item's title."""
        size, leading = self.size(role)
        font = self.fonts.for_role(role, bold)
        check_chain(text, font, self.fonts, self.product, where)
        check_chain(lead, self.fonts.bold, self.fonts, self.product, where)
        indent = size * 1.1 if bullet else 0
        spacing = leading * 0.35 if after is None else after
        before = leading * 0.5 if role == "heading" else 0
        paragraph_style = style(where or role, font, size, leading, self.colours.text,
                                indent, spacing)
        paragraph_style.spaceBefore = before
        return make_paragraph(text, paragraph_style, self.fonts, bullet, lead)


Source = Callable[[Styles], list[Item]]


def _flow_once(items: Sequence[Item], boxes: Sequence[Box]) -> tuple[list[Filled], list[Item]]:
    """Fill the boxes in order; return them and the items left over."""
    queue = deque(items)
    filled = []
    for box in boxes:
        current = Filled(box)
        room = box.height
        while queue:
            item = queue[0]
            before = item.flowable.getSpaceBefore() if current.placed else 0
            _, height = item.flowable.wrap(box.width, room - before)
            if before + height <= room + _EPSILON:
                current.placed.append(Placed(item, height))
                room -= before + height + item.flowable.getSpaceAfter()
                queue.popleft()
                continue
            parts = item.flowable.split(box.width, room - before) if room - before > 0 else []
            if len(parts) >= 2:
                queue.popleft()
                first = replace(item, flowable=parts[0], keep_with_next=False)
                queue.extendleft(reversed([first] + [replace(item, flowable=p, title=None)
                                                     for p in parts[1:]]))
                continue
            break
        while current.placed and current.placed[-1].item.keep_with_next and queue:
            queue.appendleft(current.placed.pop().item)  # a heading never ends a box
        filled.append(current)
        if not queue:
            break
    return filled, list(queue)


def flow(source: Source, boxes: Sequence[Box], type_styles: dict[str, TypeStyle],
         fonts: Fonts, colours: Colours, *, product: str, where: str = "") -> list[Filled]:
    """Flow the text through `boxes`, shrinking towards the minimum sizes before failing."""
    def attempt(scale: float) -> tuple[Styles, list[Filled], list[Item]]:
        styles = Styles(type_styles, fonts, colours, scale, product)
        return styles, *_flow_once(source(styles), boxes)

    specs = list(type_styles.values())
    (styles, filled, left), fits = shrink(attempt, lambda tried: not tried[2],
                                          scales(specs, specs))
    if fits:
        return filled
    width = boxes[-1].width
    left_height = sum(i.flowable.wrap(width, 10_000)[1] + i.flowable.getSpaceAfter()
                      for i in left)
    sections = list(dict.fromkeys(i.section for i in left))
    after = f" and {len(sections) - 1} after it" if len(sections) > 1 else ""
    body_size, body_leading = styles.size("body")
    lines = max(1, round(left_height / body_leading))
    raise LayoutOverflow(
        product, where or f"the {len(boxes)} text panels", f"section '{sections[0]}'{after}",
        left_height / MM, body_size,
        ("hint.overflow_left", {"lines": lines, "size": body_size}))
