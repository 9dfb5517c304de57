"""Render (replay): a page that many files show, drawn once per process and replayed.

A batch gives every person a card per routine; a routine card's front is the same for
every person with the same call name, routine and layout. Its drawing (fitted
paragraphs, the pictogram's paths, tags) is recorded once on a scratch canvas and
replayed into each file.

What a file makes its own is redone in that file, in the order a fresh drawing would:
- the text. Where every run is in fixed glyph codes (glyph_codes.py: Windows-1252
  text in the main fonts), its encoding is the same in every file that names the
  runs' fonts alike (/F1+0, /F2+0: named in the order first used), and is reused; the
  file notes the characters drawn, for its subsets. Otherwise each text run is
  encoded again (`PDFTextObject._formatText`, with the run's font, size, leading and
  current subset), as ReportLab numbers other glyphs in the order first drawn;
- the tags: the drawing's structure elements become one block on the file's page
  (`tagging.Block`, written from a template made once: `structure.freeze`), with
  their marked-content ids (which count from 0 on every page); an element with a
  title is a bookmark to the page it is drawn on;
- the forms and links. A static form (painter.static, the QR code) is named in the
  file when first drawn. Where the file has not made it yet, the replay makes it if
  the recording used it after all its text and links (where a drawing would have made
  it, so the file's objects keep their numbers); otherwise the part is drawn. A link's
  annotation is made in the file, in the order drawn, over the recorded rectangle
  placed by the file's own transformation.

A part of a page can be replayed too (`draw_reused`): a routine card's back is the
same for everyone but for its owner's name at the top, so its text below the name and
its foot (the rule, the organisation's contact lines and QR code) are replayed, and
the name drawn; so are the organisation's lines on a cover's back. A part starts with
no content sequence open; its elements join the element open where it is drawn, its
marked-content ids follow the page's.

Anything else a file owns (spot colours, ink mode, a Type 1 font set on the canvas,
whose name in the file depends on the file, another object) is not recorded: such a
drawing is drawn as usual. Replayed or drawn, the bytes are the same
(tests/pdf/test_replay.py).
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, NamedTuple, cast

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..model.colour import drawing_in_inks
from .glyph_codes import FixedCodesTTFont
from .page import Page, Painter, release
from .structure import Template, freeze, walk
from .tagging import Block, Element, Marker, Owner, on_page

_FORMAT_TEXT = PDFTextObject._formatText
_SLOT = re.compile("([\x00\x01])(\\d+)[\x00\x01]")  # "\0n\0" text run n, "\1n\1" form n
_LIMIT = 1024  # recordings kept per process (a routine front per call name and layout)
_REPLAYING = True  # tests draw everything fresh to compare


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


class _Link(NamedTuple):
    """A link drawn in the recording: its target, description, rectangle (relative to
    where the drawing starts) and the node of its Link element."""

    uri: str
    contents: str
    box: tuple[float, float, float, float]
    owner: int


class _Slot(NamedTuple):
    """Where a link's annotation stands among its element's kids."""

    link: int


@dataclass(frozen=True)
class _Node:
    """A recorded structure element; `kids` index other nodes (n >= 0), are MCIDs
    (-1 - mcid) or links' annotations (`_Slot`)."""

    role: Any
    alt: str | None
    lang: str | None
    on_page: bool
    kids: tuple[int | _Slot, ...]


@dataclass
class _Recording:
    code: str  # the operators, one a line; each text run "\0n\0", each form "\1n\1"
    runs: list[_Run] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # the static forms' keys, in order
    # forms a file may lack: made when replayed (in the order used), as a drawing would
    makers: dict[str, Callable[[Canvas], None]] = field(default_factory=dict)
    links: list[_Link] = field(default_factory=list)  # in the order drawn
    template: Template | None = None  # the nodes as the file writes them
    owners: list[int] = field(default_factory=list)  # the element of each MCID
    titles: list[str] = field(default_factory=list)  # its bookmarks, in reading order
    # where every run is in fixed glyph codes (glyph_codes.py): its fonts in the order
    # first used and the characters each draws; the texts as encoded for the last file,
    # with the names that file gave those fonts
    fixed: list[tuple[FixedCodesTTFont, frozenset[str]]] | None = None
    encoded: tuple[tuple[str, ...], list[str]] | None = None


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


class _RecordingPainter(Painter):
    """A scratch painter: a static form is noted where it is used, not made, with how
    many text runs and links were drawn before it."""

    def __init__(self, canvas: Canvas, marker: _RecordingMarker | None,
                 recorder: _Recorder) -> None:
        super().__init__(canvas, marker)
        self.used: list[str] = []
        self.makers: dict[str, tuple[Callable[[Canvas], None], int, int]] = {}
        self.recorder, self.marker = recorder, marker

    def static(self, key: str, draw: Callable[[Canvas], None]) -> None:
        self.used.append(key)
        links = len(self.marker.links) if self.marker is not None else 0
        self.makers.setdefault(key, (draw, len(self.recorder.runs), links))
        self.canvas._code.append(f"\x01{len(self.used) - 1}\x01")

    def last_forms(self) -> dict[str, Callable[[Canvas], None]]:
        """The forms first used after every text run and link: a file that has not made
        one yet makes it when replaying, where a drawing would have made it."""
        links = len(self.marker.links) if self.marker is not None else 0
        return {key: draw for key, (draw, runs_before, links_before) in self.makers.items()
                if runs_before == len(self.recorder.runs) and links_before == links}


class _RecordingMarker(Marker):
    """A scratch marker: a link is noted with its rectangle, no annotation is made."""

    def __init__(self, canvas: Canvas) -> None:
        super().__init__(canvas)
        self.links: list[tuple[str, str, tuple[float, float, float, float], Owner]] = []

    def annotation(self, link: Owner, uri: str, contents: str,
                   box: tuple[float, float, float, float]) -> Any:
        self.links.append((uri, contents, box, link))
        return _Slot(len(self.links) - 1)


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
    if page.reuse is None:
        page.draw(painter)
    else:
        draw_reused(painter, page.reuse, page.draw)


def draw_reused(painter: Painter, reuse: Hashable, draw: Callable[[Painter], None]) -> None:
    """`draw(painter)` at the current origin, or its recording replayed: equal `reuse`
    keys draw the same. Nothing may be open (a content sequence) where it starts."""
    canvas = painter.canvas
    marker = painter.tags if isinstance(painter.tags, Marker) else None
    if not _REPLAYING or drawing_in_inks() or hasattr(canvas, "_handouts_recorder"):
        draw(painter)  # (inside a recording, a part is recorded as drawn)
        return
    if marker is not None and marker._open is not None:
        raise RuntimeError("a replayed drawing must start with no content open")
    first = len(marker.parents[marker.page]) if marker is not None else 0
    key = (reuse, marker is not None, first, canvas._fontname, canvas._fontsize,
           canvas._leading)
    recording = _RECORDINGS.get(key, _NOT_YET)
    if recording is _NOT_YET:  # (the web app's threads may share the dictionary)
        recording = _record(draw, canvas, marker is not None, first)
        if len(_RECORDINGS) >= _LIMIT:
            _RECORDINGS.clear()
        _RECORDINGS[key] = recording
    if not isinstance(recording, _Recording) or any(
            form not in painter._forms and form not in recording.makers
            for form in recording.forms):
        draw(painter)  # (a form this file lacks, used before other drawing: drawn)
    else:
        _replay(recording, painter, marker)


def _record(draw: Callable[[Painter], None], like: Canvas, tagged: bool,
            first: int) -> _Recording | None:
    """`draw` on a scratch canvas like `like` (`first` MCIDs taken on its page), or
    None if it uses what a file owns."""
    canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=like._fontname,
                    initialFontSize=like._fontsize, initialLeading=like._leading)
    blank = set(canvas._doc.idToObject)
    marker = _RecordingMarker(canvas) if tagged else None
    recorder = _Recorder()
    painter = _RecordingPainter(canvas, marker, recorder)
    canvas._handouts_recorder = recorder  # type: ignore[attr-defined]
    if marker is not None:
        marker.begin_page()
        marker.parents[0].extend([marker.root] * first)  # (the page's MCIDs before it)
    state = (canvas._fontname, canvas._fontsize, canvas._leading)
    canvas.saveState()
    start = len(canvas._code)
    draw(painter)
    code = canvas._code[start:]
    # a font set and left set would start the file's next text objects in it
    moved = state != (canvas._fontname, canvas._fontsize, canvas._leading)
    canvas.restoreState()
    if marker is not None:
        marker.end_page()
    operators = "\n".join(code)
    # A TrueType font is chosen inside its text runs (redone per file); a font chosen
    # anywhere else (Tf) names the font as the scratch file numbered it.
    owned = (moved or canvas._colorsUsed or canvas._doc.idToObject.keys() - blank
             or " Tf" in operators
             # (a block keeps its place: the document's parts are not sorted around it)
             or (marker is not None and any(isinstance(e, Element) and e.order is not None
                                            for e in marker.root.kids)))
    release(canvas)
    if owned:
        return None  # spot colours, objects of the file's own, or such a font
    recording = _Recording(operators, recorder.runs, painter.used, painter.last_forms())
    recording.fixed = _fixed(recorder.runs)
    if marker is not None:
        _template(recording, marker, first)
    return recording


def _fixed(runs: list[_Run]) -> list[tuple[FixedCodesTTFont, frozenset[str]]] | None:
    """The fonts of `runs` in the order first used, with the characters each draws, when
    every run is in fixed glyph codes and starts a text object's font (else None)."""
    fonts: dict[FixedCodesTTFont, set[str]] = {}
    for run in runs:
        font = pdfmetrics.getFont(run.font)
        if not isinstance(font, FixedCodesTTFont) or not font.fixed(run.text) or (
                font not in fonts and run.subset != -1):
            return None
        fonts.setdefault(font, set()).update(run.text)
    return [(font, frozenset(chars)) for font, chars in fonts.items()]


def _template(recording: _Recording, marker: _RecordingMarker, first: int) -> None:
    """The scratch drawing's elements as flat nodes, cheap to copy into a file."""
    # the drawing's elements, without the Document (parts inside it were drawn: no blocks)
    elements = cast(list[Element], walk(marker.root)[1:])
    index = {id(element): number for number, element in enumerate(elements)}
    nodes = [_Node(
        e.role, e.alt, e.lang, e.page is not None,
        tuple(k if type(k) is _Slot else index[id(k)] if type(k) is Element
              else -1 - k.mcid for k in e.kids)) for e in elements]  # type: ignore[union-attr,misc]
    recording.links = [_Link(uri, contents, box, index[id(link)])
                       for uri, contents, box, link in marker.links]
    recording.template = freeze(nodes, [index[id(kid)] for kid in marker.root.kids])
    recording.owners = [index[id(owner)] for owner in marker.parents[0][first:]]
    recording.titles = [e.title for e in elements if e.title]


def _replay(recording: _Recording, painter: Painter, marker: Marker | None) -> None:
    canvas = painter.canvas
    if marker is not None:
        _replay_tags(recording, canvas, marker)
    forms = []
    for key in recording.forms:  # what canvas.doForm writes, with the file's names
        name = painter._forms.get(key) or painter.make_form(key, recording.makers[key])
        canvas._formsinuse.append(name)
        forms.append(f"/{canvas._doc.getXObjectName(name)} Do")
    if recording.code:  # one entry: the canvas joins its entries with newlines
        made = (_texts(recording, canvas), forms)
        canvas._code.append(_SLOT.sub(lambda m: made[m.group(1) == "\x01"][int(m.group(2))],
                                      recording.code))


def _texts(recording: _Recording, canvas: Canvas) -> list[str]:
    """Each text run encoded in the file: as for the last file where every run is in fixed
    glyph codes and the file names their fonts as the last did (the fonts are named in
    the order the runs first use them, as encoding them would); else encoded anew."""
    if recording.fixed is not None:
        doc = canvas._doc
        names = tuple(font.getSubsetInternalName(0, doc) for font, _ in recording.fixed)
        for font, chars in recording.fixed:
            font.draws(doc, chars)
        encoded = recording.encoded  # (read once: the web app's threads share recordings)
        if encoded is not None and encoded[0] == names:
            return encoded[1]
        texts = _encoded(recording, canvas)
        recording.encoded = (names, texts)
        return texts
    return _encoded(recording, canvas)


def _encoded(recording: _Recording, canvas: Canvas) -> list[str]:
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
    return texts


def _replay_tags(recording: _Recording, canvas: Canvas, marker: Marker) -> None:
    """The drawing's elements as one block where it is drawn, with its links'
    annotations made in the order drawn."""
    page = marker.page
    block = Block(recording.template, page, titles=recording.titles)
    block.annotations = [marker.annotation((block, link.owner), link.uri, link.contents,
                                           on_page(canvas, link.box))
                         for link in recording.links]
    marker._stack[-1].kids.append(block)
    marker.parents[page].extend(zip(repeat(block), recording.owners))
