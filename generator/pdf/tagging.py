"""Render (tagging): the role of each thing drawn, as marked content on the canvas and records.

Compose says what it draws where it draws it: `with tags(canvas).tag(Role.P): …`,
`with tags(canvas).artifact(): …`, `with tags(canvas).figure(alt): …`. Here that
becomes `/P <</MCID n>> BDC … EMC` and `/Artifact BMC … EMC` in the page's content
stream, and an `Element` tree that structure.py writes as the file's StructTreeRoot.
Nothing is guessed from positions: the tree is exactly what compose declared.

A canvas without a `Marker` (imposed sheets, previews) gets `NO_TAGS`, which draws as
before and records nothing, so the same draw functions serve both.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple, Protocol

from reportlab.pdfgen.canvas import Canvas


class Role(StrEnum):
    """The standard structure types of ISO 32000-1, 14.8.4, that the products use."""

    DOCUMENT = "Document"
    PART = "Part"
    SECT = "Sect"
    ASIDE = "Aside"
    H1 = "H1"
    H2 = "H2"
    H3 = "H3"
    P = "P"
    L = "L"
    LI = "LI"
    LBL = "Lbl"
    LBODY = "LBody"
    FIGURE = "Figure"
    LINK = "Link"
    SPAN = "Span"


_BEGIN = {role: f"/{role.value} <</MCID %d>> BDC" for role in Role}


class Marked(NamedTuple):
    """One marked-content sequence: page index (0-based) and its MCID on that page."""

    page: int
    mcid: int


class Annotation(NamedTuple):
    """A link annotation on a page: its ReportLab name, target and description, and its
    place among the file's annotations (their /StructParent keys follow the pages')."""

    page: int
    name: str
    uri: str
    contents: str
    rect: tuple[float, float, float, float]
    ordinal: int


@dataclass(slots=True)
class Element:
    """A structure element; `kids` in reading order; `order` sorts the document's parts."""

    role: Role
    kids: list[Element | Marked | Annotation | Block] = field(default_factory=list)
    alt: str | None = None
    lang: str | None = None
    title: str | None = None  # a bookmark's text, when the element starts one (its page)
    order: float | None = None
    page: int | None = None  # where the element begins

    def text_kids(self) -> Iterator[Element]:
        return (kid for kid in self.kids if isinstance(kid, Element))


@dataclass(slots=True)
class Block:
    """Elements drawn once and replayed on this page (replay.py): a recorded subtree,
    written from its template (`structure.freeze`) rather than an `Element` each.

    `annotations` are its links' annotations made in this file (the template's slots),
    `titles` the bookmarks its elements start, in reading order.
    """

    template: Any  # structure.Template
    page: int
    annotations: list[Annotation] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


# The element of a marked-content sequence or a link: drawn, or the n-th of a block's
Owner = Element | tuple[Block, int]


class _Sink(Protocol):
    _code: list[str]


class Marker:
    """Writes marked-content operators into a canvas and records the structure tree."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.root = Element(Role.DOCUMENT)
        self.page = -1
        self.parents: list[list[Owner]] = []  # per page: the element of each MCID
        self.annotations: list[Annotation] = []
        self.link_owner: dict[str, Owner] = {}  # annotation name: its Link element
        self._stack: list[Element] = [self.root]
        self._open: Element | Marked | None = None  # content sequence now open, or artifact
        self._open_sink: _Sink | None = None
        self._suspended = 0
        canvas._handouts_tags = self  # type: ignore[attr-defined]

    # -- pages -------------------------------------------------------------------------
    def begin_page(self) -> None:
        self.page += 1
        self.parents.append([])

    def end_page(self) -> None:
        if self._open is not None or len(self._stack) != 1:
            raise RuntimeError("a tag is still open at the end of a page")

    # -- operators ---------------------------------------------------------------------
    def _emit(self, operator: str, sink: _Sink | None) -> None:
        (sink or self.canvas)._code.append(operator)  # type: ignore[union-attr]

    def _begin(self, element: Element, sink: _Sink | None) -> None:
        mcid = len(self.parents[self.page])
        self.parents[self.page].append(element)
        element.kids.append(Marked(self.page, mcid))
        if element.page is None:
            element.page = self.page
        self._emit(_BEGIN[element.role] % mcid, sink)
        self._open, self._open_sink = element, sink

    def _close_open(self) -> Element | Marked | None:
        """End the sequence now open (it resumes after what interrupts it)."""
        was = self._open
        if was is not None:
            self._emit("EMC", self._open_sink)
            self._open = None
        return was

    # -- what compose calls ------------------------------------------------------------
    # Each returns a context whose setup is already done; `with` only closes it. A card
    # opens some sixty of these, and generator-based contexts cost twice as much.
    def group(self, role: Role, *, title: str | None = None,
              order: float | None = None, alt: str | None = None) -> _Group | _Idle:
        """A grouping element (Sect, Part, L, LI, Link…): no content of its own."""
        if self._suspended:
            return _Idle(Element(role))
        if isinstance(self._open, Element):
            raise RuntimeError(f"{role} opened inside the content of {self._open.role}")
        element = Element(role, title=title, order=order, alt=alt, page=self.page)
        self._stack[-1].kids.append(element)
        self._stack.append(element)
        return _Group(self, element)

    def tag(self, role: Role, *, alt: str | None = None, lang: str | None = None,
            title: str | None = None, into: _Sink | None = None) -> _Tag | _Idle:
        """An element whose content is what is drawn inside; `into` a text object."""
        if self._suspended:
            return _Idle(Element(role))
        outer_sink = self._open_sink
        outer = self._close_open()
        if outer is not None and not isinstance(outer, Element):
            raise RuntimeError(f"{role} drawn inside an artifact")
        element = Element(role, alt=alt, lang=lang, title=title)
        (outer or self._stack[-1]).kids.append(element)
        self._stack.append(element)
        self._begin(element, into)
        return _Tag(self, element, outer, outer_sink)

    def figure(self, alt: str) -> Any:
        return self.tag(Role.FIGURE, alt=alt)

    def artifact(self) -> _Artifact | _Idle:
        """Drawing that is not content: backgrounds, bands, rules, marks, decoration."""
        if self._suspended:
            return _Idle(None)
        outer = self._close_open()
        self._emit("/Artifact BMC", None)
        self._open = Marked(-1, -1)
        return _Artifact(self, outer)

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Inside a form XObject: its invocation is tagged as a whole, its inside not."""
        self._suspended += 1
        try:
            yield
        finally:
            self._suspended -= 1

    def link(self, uri: str, contents: str, rect: tuple[float, float, float, float]) -> None:
        """A link annotation over `rect` (current user space) in the open Link element."""
        if self._suspended:
            return
        link = next((e for e in reversed(self._stack) if e.role is Role.LINK), None)
        if link is None:
            raise RuntimeError("a link annotation outside a Link element")
        link.kids.append(self.annotation(link, uri, contents, on_page(self.canvas, rect)))

    def annotation(self, link: Owner, uri: str, contents: str,
                   box: tuple[float, float, float, float]) -> Annotation:
        """The annotation of the Link element `link` over `box` (the page's space) on the
        current page, made in the file (the caller places it among the element's kids)."""
        ordinal = len(self.annotations)
        name = f"L{self.page}.{ordinal}"
        annotation = Annotation(self.page, name, uri, contents, tuple(box), ordinal)  # type: ignore[arg-type]
        self.annotations.append(annotation)
        self.link_owner[name] = link
        from .structure import add_link

        add_link(self.canvas, annotation, self)
        return annotation

    def link_key(self, annotation: Annotation) -> int:
        """The annotation's /StructParent: after the pages' keys, in the order drawn."""
        return len(self.parents) + annotation.ordinal


def on_page(canvas: Canvas, rect: tuple[float, float, float, float]
            ) -> tuple[float, float, float, float]:
    """`rect` in the current user space as the page's box around it (what ReportLab's
    `Canvas._absRect(rect, relative=1)` gives, in a quarter of the calls)."""
    a, b, c, d, e, f = canvas._currentMatrix
    left, bottom, right, top = rect
    xs = (a * left + c * bottom + e, a * right + c * top + e,
          a * left + c * top + e, a * right + c * bottom + e)
    ys = (b * left + d * bottom + f, b * right + d * top + f,
          b * left + d * top + f, b * right + d * bottom + f)
    return min(xs), min(ys), max(xs), max(ys)


class _Idle:
    """A context that only hands out what it holds (a suspended marker's)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __enter__(self) -> Any:
        return self.value

    def __exit__(self, *_: object) -> None:
        return None


class _Group:
    """An open grouping element; leaving it closes it."""

    __slots__ = ("marker", "element")

    def __init__(self, marker: Marker, element: Element) -> None:
        self.marker, self.element = marker, element

    def __enter__(self) -> Element:
        return self.element

    def __exit__(self, *_: object) -> None:
        self.marker._stack.pop()


class _Tag(_Group):
    """An open content element; leaving it ends its sequence and resumes the outer one."""

    __slots__ = ("outer", "outer_sink")

    def __init__(self, marker: Marker, element: Element, outer: Element | Marked | None,
                 outer_sink: _Sink | None) -> None:
        super().__init__(marker, element)
        self.outer, self.outer_sink = outer, outer_sink

    def __exit__(self, *_: object) -> None:
        marker = self.marker
        marker._close_open()
        marker._stack.pop()
        if isinstance(self.outer, Element):
            marker._begin(self.outer, self.outer_sink)


class _Artifact:
    """An open artifact; leaving it resumes the content it interrupted."""

    __slots__ = ("marker", "outer")

    def __init__(self, marker: Marker, outer: Element | Marked | None) -> None:
        self.marker, self.outer = marker, outer

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        marker = self.marker
        marker._emit("EMC", None)
        marker._open = None
        if isinstance(self.outer, Element):
            marker._begin(self.outer, None)


class _NoTags:
    """What a canvas without a marker gets: every context draws as is, nothing is written."""

    def group(self, role: Role, **_: Any) -> Any:
        return nullcontext(Element(role))

    def tag(self, role: Role, **_: Any) -> Any:
        return nullcontext(Element(role))

    def figure(self, alt: str) -> Any:
        return nullcontext(Element(Role.FIGURE))

    def artifact(self) -> Any:
        return nullcontext()

    def suspended(self) -> Any:
        return nullcontext()

    def link(self, uri: str, contents: str, rect: tuple[float, float, float, float]) -> None:
        return None


NO_TAGS = _NoTags()


class ListRun:
    """An `L` around consecutive list items: call `step` before drawing each block."""

    def __init__(self, marks: Marker | _NoTags) -> None:
        self.marks = marks
        self._open: Any = None

    def step(self, is_item: bool) -> None:
        if is_item and self._open is None:
            self._open = self.marks.group(Role.L)
            self._open.__enter__()
        elif not is_item:
            self.close()

    def close(self) -> None:
        if self._open is not None:
            self._open.__exit__(None, None, None)
            self._open = None

    def __enter__(self) -> ListRun:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def tags(canvas: Canvas) -> Marker | _NoTags:
    """The marker of a tagged canvas, or one that records nothing."""
    return getattr(canvas, "_handouts_tags", NO_TAGS)


