"""Fonts (glyph codes): every character its one code in every file, so the same text is
the same bytes in every file.

ReportLab numbers a file's glyphs in the order they are first drawn: "a" may be code 5
in one person's file and code 9 in the next, so a routine front replayed into a
thousand files is encoded a thousand ways and compressed a thousand times. Here a
font gives each character of Windows-1252 its code there, and the first subset is a
font in WinAnsiEncoding (win_ansi.py): "a" 0x61, "å" 0xE5, "”" 0x94; a no-break space
prints as the space, 0x20, as ReportLab prints it. A file's subset still holds only the
glyphs the file draws. A character outside Windows-1252 (Greek, a shaped Arabic run,
the soft hyphen) gets the next free code in a second subset, numbered as ReportLab
numbers them.

A run of text made only of such characters is encoded by one table (`str.translate`)
instead of ReportLab's loop over its characters. The same front, replayed into any
file, is then the same content stream, and its compressed bytes can be reused
(deflate.py).
"""
from __future__ import annotations

import functools
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFTrueTypeFont, PDFZCompress
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from . import win_ansi

_NBSP, _SPACE = "\u00a0", 0x20
_SECOND = 256  # the first code after the fixed ones: ReportLab's second subset
_PROGRAMS = 128  # font programs kept per font (a third of a batch's decks repeat one)


def _windows_1252() -> dict[str, int]:
    codes = {}
    for code in range(0x20, 0x100):
        try:
            codes[bytes([code]).decode("cp1252")] = code
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are not characters
            continue
    codes.pop("\x7f")
    for char in win_ansi.NOT_BY_NAME:
        del codes[char]
    codes[_NBSP] = _SPACE
    return codes


_CODES = _windows_1252()


class _States(WeakKeyDictionary[Any, Any]):
    """ReportLab's font state per document, each set up for fixed codes as it is made."""

    def __init__(self, codes: dict[int, int], marks: dict[str, tuple[int, int]]) -> None:
        super().__init__()
        self.codes, self.marks = codes, marks

    def __setitem__(self, document: Any, state: Any) -> None:
        if not hasattr(state, "unused"):  # (a state is set up once)
            state.assignments = dict(self.codes)
            state.subsets = [[0] * _SECOND]
            state.nextCode = _SECOND
            state.unused = set(self.marks)  # characters with a code the file has not drawn
        super().__setitem__(document, state)


class FixedCodesTTFont(TTFont):
    """ReportLab's TrueType font with a fixed code for every Windows-1252 character."""

    def __init__(self, name: str, filename: Any, **options: Any) -> None:
        super().__init__(name, filename, **options)
        glyphs = self.face.charToGlyph
        known = {char: code for char, code in _CODES.items()
                 if ord(char if char != _NBSP else " ") in glyphs}
        self._known = frozenset(known)
        self._table = {ord(char): code for char, code in known.items()}
        # per character: its code, and the character its glyph is looked up by
        marks = {char: (code, ord(char) if char != _NBSP else _SPACE)
                 for char, code in known.items()}
        self._fixed = not self._asciiReadable  # (ReportLab's ASCII-readable subsets as they are)
        if self._fixed:
            self.state = _States({ord(char): code for char, code in known.items()
                                  if char != _NBSP}, marks)
            make = self.face.makeSubset  # the same characters make the same font program
            self.face.makeSubset = functools.lru_cache(maxsize=_PROGRAMS)(
                lambda subset: make(list(subset)))
            self.program = functools.lru_cache(maxsize=_PROGRAMS)(
                lambda subset: win_ansi.unicode_program(make(list(subset)), subset))

    def splitString(self, text: str | bytes, doc: Any,  # ReportLab's name and signature
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if not self._fixed:
            return super().splitString(text, doc, encoding)
        state = self._assignState(doc)
        chars = text if isinstance(text, str) else text.decode("utf-8")
        if type(text) is str and not state.frozen and self._known.issuperset(text):
            runs = [(0, text.translate(self._table).encode("latin-1"))] if text else []
        else:
            runs = super().splitString(text, doc, encoding)
        self._mark(state, chars)
        return runs

    def fixed(self, text: Any) -> bool:
        """Whether `text` is encoded by the fixed table alone (the same bytes in any file)."""
        return type(text) is str and self._fixed and self._known.issuperset(text)

    def draws(self, doc: Any, chars: frozenset[str]) -> None:
        """Note that the file draws `chars` (fixed ones), as encoding them would: what a
        replayed drawing whose text was encoded for another file does."""
        self._mark(self._assignState(doc), chars)

    def _mark(self, state: Any, chars: Any) -> None:
        if not state.unused.isdisjoint(chars):
            marks, first = self.state.marks, state.subsets[0]  # type: ignore[attr-defined]
            for char in state.unused.intersection(chars):
                code, unicode = marks[char]
                first[code] = unicode
            state.unused.difference_update(chars)

    def addObjects(self, doc: Any) -> None:  # ReportLab's name
        """The font objects of each subset, as ReportLab makes them, but for the first: a
        non-symbolic font in WinAnsiEncoding (win_ansi.py), whose widths run from its
        first code used to its last."""
        state = self.state.get(doc)
        if state is None or not self._fixed:
            super().addObjects(doc)
            return
        state.frozen = 1
        for index, subset in enumerate(state.subsets):
            name = self.getSubsetInternalName(index, doc)[1:]
            base = (b"".join((SUBSETN(index), b"+", self.face.name, self.face.subfontNameX))
                    ).decode("pdfdoc")
            font = PDFTrueTypeFont()
            font.Name, font.BaseFont = name, base
            if index:
                font.FirstChar, font.LastChar = 0, len(subset) - 1
                font.Widths = PDFArray([self.face.getCharWidth(unicode) for unicode in subset])
                stream = PDFStream()
                stream.content = ttfonts.makeToUnicodeCMap(base, subset)  # (script/shape.py)
                if doc.compression:
                    stream.filters = [PDFZCompress]
                font.ToUnicode = doc.Reference(stream, "toUnicodeCMap:" + base)
                font.FontDescriptor = self.face.addSubsetObjects(doc, base, tuple(subset))
            else:
                first, widths = self._widths(subset)
                font.FirstChar, font.LastChar = first, first + len(widths) - 1
                font.Widths = PDFArray(widths)
                font.Encoding = PDFName(win_ansi.ENCODING)
                font.FontDescriptor = win_ansi.descriptor(
                    doc, self.face, base, self.program(tuple(subset[:first + len(widths)])))
            doc.Reference(font, name)
            doc.idToObject["BasicFonts"].dict[name] = font
        del self.state[doc]

    def _widths(self, subset: list[int]) -> tuple[int, list[int]]:
        """The first code used of the first subset (the character drawn at each code, 0
        for none), and the widths from it to the last code used (0 for codes not used)."""
        used = [code for code, unicode in enumerate(subset) if unicode] or [0]
        return used[0], [self.face.getCharWidth(subset[code]) if subset[code] else 0
                         for code in range(used[0], used[-1] + 1)]

    def has_codes(self, characters: set[int]) -> bool:
        """Whether every character (Unicode value) has a fixed code in this font."""
        return self._fixed and characters.issubset(self._table)

    def first_subset(self, characters: set[int]) -> tuple[tuple[int, ...], int, list[int]]:
        """The first subset that draws `characters` (Unicode values, each with a fixed
        code), as `program` takes it, with its first code and widths: what a sheet's
        one font per face is made of (sheet_fonts.py)."""
        subset, marks = [0] * _SECOND, self.state.marks  # type: ignore[attr-defined]
        for char in characters:
            code, unicode = marks[chr(char)]
            subset[code] = unicode
        first, widths = self._widths(subset)
        return tuple(subset[:first + len(widths)]), first, widths


def fixed_font(postscript_name: str) -> FixedCodesTTFont | None:
    """The one fixed-code font registered in this process whose face has this PostScript
    name, or None (none, or two that could differ)."""
    from reportlab.pdfbase import pdfmetrics

    found = {id(font.face): font for font in list(pdfmetrics._fonts.values())
             if isinstance(font, FixedCodesTTFont) and font._fixed
             and font.face.name.decode("latin-1") == postscript_name}
    return next(iter(found.values())) if len(found) == 1 else None
