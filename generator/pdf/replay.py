"""Render (replay): a page that many files show, drawn once per process and replayed.

A batch gives every person a card per routine; a routine card's front is the same for
every person with the same call name, routine and layout. Its drawing (fitted
paragraphs, the pictogram's paths, tags) is recorded once on a scratch canvas and
replayed into each file.

What a file makes its own is redone in that file, in the order a fresh drawing would:
- the text. ReportLab numbers a file's glyphs in the order they are first drawn, so
  each text run is encoded again (`PDFTextObject._formatText`, with the run's font,
  size, leading and current subset);
- the tags: the page's structure elements are copied onto the file's page, with their
  marked-content ids (which count from 0 on every page), and its bookmarks numbered
  in the file (a destination names its page only; no object is made while drawing).

A page that uses anything else a file owns (forms, links, spot colours, ink mode, a
Type 1 font set on the canvas, whose name in the file depends on the file) is not
recorded; it is drawn as usual. Replayed or drawn, the bytes are the same
(tests/pdf/test_replay.py).
"""
from __future__ import annotations

import io
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..model.colour import drawing_in_inks
from .page import Page, Painter, release
from .structure import walk
from .tagging import Element, Marked, Marker

_FORMAT_TEXT = PDFTextObject._formatText
_RUN = re.compile("\x00(\\d+)\x00")
_LIMIT = 1024  # recordings kept per process (a routine front per call name and layout)


@dataclass(frozen=True)
class _Run:
    """One call of `_formatText`: which text object, its state before, the text."""

    serial: int
    font: str
    size: float
    leading: float
    subset: int  # the object's current subset before the call (-1 after setFont)
    rise: float
    text: Any  # str, or a shaped string (its glyphs and positions)


@dataclass(frozen=True)
class _Node:
    """A recorded structure element; `kids` index other nodes (n >= 0) or are MCIDs
    (-1 - mcid)."""

    role: Any
    alt: str | None
    lang: str | None
    title: str | None
    order: float | None
    on_page: bool
    kids: tuple[int, ...]


@dataclass
class _Recording:
    code: str  # the page's operators, one a line, each text run as "\0n\0"
    runs: list[_Run] = field(default_factory=list)
    nodes: list[_Node] = field(default_factory=list)  # every element, parents first
    top: list[int] = field(default_factory=list)  # the page's top-level elements
    owners: list[int] = field(default_factory=list)  # the element of each MCID
    bookmarked: list[int] = field(default_factory=list)  # in the order they were set


class _Recorder:
    """Set on a scratch canvas: collects its text runs instead of encoding them."""

    def __init__(self) -> None:
        self.runs: list[_Run] = []
        self.serials: dict[int, int] = {}

    def run(self, text_object: PDFTextObject, text: Any) -> str:
        serial = self.serials.setdefault(id(text_object), len(self.serials))
        self.runs.append(_Run(serial, text_object._fontname, text_object._fontsize,
                              text_object._leading, text_object._curSubset,
                              text_object._rise, text))
        _FORMAT_TEXT(text_object, text)  # keeps the scratch object's subset as drawn
        return f"\x00{len(self.runs) - 1}\x00"


def _format_text(self: PDFTextObject, text: Any) -> str:
    recorder = getattr(self._canvas, "_handouts_recorder", None)
    if recorder is None:
        return _FORMAT_TEXT(self, text)
    return recorder.run(self, text)


PDFTextObject._formatText = _format_text  # a canvas without a recorder: as before
_RECORDINGS: dict[Hashable, _Recording | None] = {}  # None: drawn as usual
_NOT_YET = object()


def draw_page(page: Page, painter: Painter) -> None:
    """Draw `page`: replayed when it says it draws like others (`page.reuse`)."""
    canvas = painter.canvas
    marker = painter.tags if isinstance(painter.tags, Marker) else None
    if page.reuse is None or drawing_in_inks():
        page.draw(painter)
        return
    key = (page.reuse, marker is not None, canvas._fontname, canvas._fontsize,
           canvas._leading)
    recording = _RECORDINGS.get(key, _NOT_YET)
    if recording is _NOT_YET:  # (the web app's threads may share the dictionary)
        recording = _record(page, canvas, tagged=marker is not None)
        if len(_RECORDINGS) >= _LIMIT:
            _RECORDINGS.clear()
        _RECORDINGS[key] = recording
    if not isinstance(recording, _Recording):
        page.draw(painter)
    else:
        _replay(recording, canvas, marker)


def _record(page: Page, like: Canvas, tagged: bool) -> _Recording | None:
    """Draw `page` on a scratch canvas like `like`; None if it uses what a file owns."""
    canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=like._fontname,
                    initialFontSize=like._fontsize, initialLeading=like._leading)
    blank = set(canvas._doc.idToObject)
    marker = Marker(canvas) if tagged else None
    painter = Painter(canvas, marker)
    recorder = _Recorder()
    canvas._handouts_recorder = recorder  # type: ignore[attr-defined]
    if marker is not None:
        marker.begin_page()
    canvas.saveState()
    start = len(canvas._code)
    page.draw(painter)
    code = canvas._code[start:]
    canvas.restoreState()
    if marker is not None:
        marker.end_page()
    operators = "\n".join(code)
    # A TrueType font is chosen inside its text runs (redone per file); a font chosen
    # anywhere else (Tf) names the font as the scratch file numbered it.
    owned = (painter._forms or canvas._colorsUsed or canvas._doc.idToObject.keys() - blank
             or " Tf" in operators or (marker is not None and marker.annotations))
    release(canvas)
    if owned:
        return None  # forms, links, spot colours, objects of the file's own, or such a font
    recording = _Recording(operators, recorder.runs)
    if marker is not None:
        _template(recording, marker)
    return recording


def _template(recording: _Recording, marker: Marker) -> None:
    """The scratch page's elements as flat nodes, cheap to copy into a file."""
    elements = walk(marker.root)[1:]  # the page's elements, without the Document
    index = {id(element): number for number, element in enumerate(elements)}
    recording.nodes = [_Node(
        e.role, e.alt, e.lang, e.title, e.order, e.page is not None,
        tuple(index[id(k)] if isinstance(k, Element) else -1 - k.mcid  # type: ignore[union-attr]
              for k in e.kids)) for e in elements]
    recording.top = [index[id(kid)] for kid in marker.root.kids]
    recording.owners = [index[id(owner)] for owner in marker.parents[0]]
    recording.bookmarked = sorted((index[id(e)] for e in elements if e.bookmark),
                                  key=lambda n: int(str(elements[n].bookmark)[1:]))


def _replay(recording: _Recording, canvas: Canvas, marker: Marker | None) -> None:
    if marker is not None:
        _replay_tags(recording, canvas, marker)
    objects: dict[int, PDFTextObject] = {}
    texts = []
    for run in recording.runs:
        text_object = objects.get(run.serial)
        if text_object is None:  # only what _formatText reads; it starts as recorded
            text_object = objects[run.serial] = PDFTextObject.__new__(PDFTextObject)
            text_object._canvas, text_object._code = canvas, []
            text_object._x = text_object._y = 0
            text_object._curSubset = run.subset
        elif run.subset == -1:  # a setFont between the runs; else the file's own subset
            text_object._curSubset = -1
        text_object._fontname, text_object._fontsize = run.font, run.size
        text_object._leading, text_object._rise = run.leading, run.rise
        texts.append(_FORMAT_TEXT(text_object, run.text))
    if recording.code:  # one entry: the canvas joins its entries with newlines
        canvas._code.append(_RUN.sub(lambda m: texts[int(m.group(1))], recording.code))


def _replay_tags(recording: _Recording, canvas: Canvas, marker: Marker) -> None:
    """The page's elements, copied onto this file's current page, bookmarks numbered."""
    if len(marker._stack) != 1 or marker._open is not None or marker.parents[marker.page]:
        raise RuntimeError("a replayed page must start with nothing open")
    page = marker.page
    elements = [Element(n.role, alt=n.alt, lang=n.lang, title=n.title, order=n.order,
                        page=page if n.on_page else None) for n in recording.nodes]
    for node, element in zip(recording.nodes, elements, strict=True):
        element.kids = [elements[k] if k >= 0 else Marked(page, -1 - k) for k in node.kids]
    for number in recording.bookmarked:
        elements[number].bookmark = f"B{marker.bookmarks}"
        marker.bookmarks += 1
        canvas.bookmarkPage(elements[number].bookmark)
    marker.root.kids.extend(elements[number] for number in recording.top)
    marker.parents[page].extend(elements[number] for number in recording.owners)

