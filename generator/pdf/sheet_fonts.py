"""Impose (sheet fonts): one font per face for all the cards a sheet file places.

Every person file embeds its own subset of each main font, and a sheet that placed the
files' pages as they are carried all of them: some 7 MB of a 1,000-person sheet was
the same two faces again and again. With fixed glyph codes (glyph_codes.py) a
character has the same code in every file's first subset, so the placed pages can
all draw with one subset per face holding every character any of them uses: the
sheet's copier (reuse.py) hands each file's first-subset font to `SharedFonts`, which
names one font object per face in its place and makes it once the sheet is complete.

A font this process cannot make again (not a fixed-code font registered here) is
copied from its file as before, as is every second subset (Greek, Arabic), whose
codes are the file's own.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import win_ansi
from .classic import Objects, inflated
from .deflate import compress
from .glyph_codes import FixedCodesTTFont, fixed_font

_BASE_FONT = re.compile(rb"/BaseFont\s*/AAAAAA\+([^\s/<>\[\]()]+)")
_WIN_ANSI = re.compile(rb"/Encoding\s*/WinAnsiEncoding")
_DESCRIPTOR = re.compile(rb"/FontDescriptor\s+(\d+)\s+0\s+R")
_FONT_FILE = re.compile(rb"/FontFile2\s+(\d+)\s+0\s+R")


@dataclass
class _Face:
    font: FixedCodesTTFont
    numbers: tuple[int, int, int]  # the font, its descriptor, its font program
    descriptor: bytes  # one file's descriptor, its program's reference to be renumbered
    characters: set[int] = field(default_factory=set)  # Unicode values drawn


class SharedFonts:
    """The sheet's one font per face, standing in for each file's first subset."""

    def __init__(self, allocate: Callable[[], int]) -> None:
        self.allocate = allocate
        self.faces: dict[bytes, _Face | None] = {}  # None: not one this process can make

    def claim(self, objects: Objects, number: int) -> int | None:
        """The shared font's number for object `number` of a file's `objects`, when it is
        a fixed-code first subset (noting the characters it draws); else None."""
        head = objects[number][0]
        name = _BASE_FONT.search(head)
        if name is None or not _WIN_ANSI.search(head):
            return None
        descriptor = _DESCRIPTOR.search(head)
        program = _program(objects, descriptor)
        characters = win_ansi.characters(program) if program is not None else None
        if characters is None:
            return None
        face = self._face(name.group(1), objects, descriptor)
        if face is None or not face.font.has_codes(characters):
            return None
        face.characters.update(characters)
        return face.numbers[0]

    def _face(self, name: bytes, objects: Objects, descriptor: re.Match[bytes] | None
              ) -> _Face | None:
        if name not in self.faces:
            font = fixed_font(name.decode("latin-1"))
            self.faces[name] = None if font is None or descriptor is None else _Face(
                font, (self.allocate(), self.allocate(), self.allocate()),
                objects[int(descriptor.group(1))][0])
        return self.faces[name]

    def objects(self) -> dict[int, bytes]:
        """Each shared font's objects: the font, its descriptor and its font program."""
        made: dict[int, bytes] = {}
        for name, face in self.faces.items():
            if face is None:
                continue
            font_number, descriptor_number, program_number = face.numbers
            subset, first, widths = face.font.first_subset(face.characters)
            program = face.font.program(subset)
            data = compress(program)
            made[program_number] = (b"<< /Filter /FlateDecode /Length %d /Length1 %d >>\n"
                                    b"stream\n%s\nendstream" % (len(data), len(program), data))
            made[descriptor_number] = _FONT_FILE.sub(b"/FontFile2 %d 0 R" % program_number,
                                                     face.descriptor)
            made[font_number] = (
                b"<< /BaseFont /AAAAAA+%s /Encoding /WinAnsiEncoding /FirstChar %d "
                b"/FontDescriptor %d 0 R /LastChar %d /Subtype /TrueType /Type /Font "
                b"/Widths [ %s ] >>" % (name, first, descriptor_number,
                                        first + len(widths) - 1,
                                        b" ".join(b"%d" % w for w in widths)))
        return made


def _program(objects: Objects, descriptor: re.Match[bytes] | None) -> bytes | None:
    """The font program of a font's descriptor in `objects`, inflated."""
    if descriptor is None or int(descriptor.group(1)) not in objects:
        return None
    font_file = _FONT_FILE.search(objects[int(descriptor.group(1))][0])
    if font_file is None or int(font_file.group(1)) not in objects:
        return None
    return inflated(*objects[int(font_file.group(1))])
