"""Fonts: resolve the configured typefaces, register them with ReportLab, check glyphs."""
from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from ..errors import ContentError, FontError
from ..model.constraints import between, text
from ..validate import convert_file
from ..yamlread import read_yaml
from .font_slim import unhinted
from .glyph_codes import FixedCodesTTFont

ROLES = ("regular", "bold")


@dataclass(frozen=True)
class FontChoice:
    family: str | None = None
    weight: int = field(default=400, metadata=between(100, 1000))  # CSS font weights
    file: str | None = field(default=None, metadata=text(200))


@dataclass(frozen=True)
class FallbackFamily:
    """A family for the characters the main fonts lack (Arabic, Greek), in both weights."""

    family: str = field(metadata=text(80))
    regular: int = field(default=400, metadata=between(100, 1000))
    bold: int = field(default=700, metadata=between(100, 1000))


@dataclass(frozen=True)
class FontConfig:
    regular: FontChoice
    bold: FontChoice
    fallback: tuple[FallbackFamily, ...] = ()


@dataclass(frozen=True)
class FontSet:
    """The names under which the configured fonts are registered with ReportLab."""

    regular: str
    bold: str
    fallback: tuple[str, ...] = ()  # regular weight, tried in order per run of text
    bold_fallback: tuple[str, ...] = ()


def _font_path(choice: FontChoice, role: str, folder: Path, config_file: str) -> Path:
    if choice.file:
        path = (folder / choice.file).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            raise ContentError.single(config_file, "font.no_file", {
                "role": role, "file_name": choice.file, "folder": str(folder)})
        return path
    if not choice.family:
        raise ContentError.single(config_file, "font.no_choice", {"role": role})
    import fontpkg

    try:
        return Path(fontpkg.path(choice.family, weight=choice.weight))
    except fontpkg.FontpkgError as error:
        raise ContentError.single(
            config_file, "font.not_installed", {"role": role, "family": choice.family,
                                                "weight": choice.weight, "detail": str(error)}
        ) from None


# ReportLab's default puts every ASCII glyph into each file's subset, used or not, so
# the content streams read as ASCII. Only the glyphs used are embedded instead: an A6
# deck's two subsets shrink from 13 to 8 KB, and their width arrays and maps with them.
ASCII_READABLE = 0


def _register(path: Path) -> str:
    name = path.stem
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(FixedCodesTTFont(name, io.BytesIO(unhinted(path)),
                                           asciiReadable=ASCII_READABLE))
        except (TTFError, struct.error, IndexError):
            _register_as_is(name, path)
    return name


# Fallback fonts (Arabic, Greek, Cyrillic: some hundred kilobytes each) are read only
# when something first asks ReportLab for them by name: a glyph check that the main
# font failed, a shaped run, a width, a canvas's setFont. A Swedish build or batch never
# does, and starts some 0.1 s sooner in every process. Their files are found (and a
# missing one refused) at once; only the reading waits.
_PENDING: dict[str, Path] = {}
_reportlab_find = pdfmetrics.findFontAndRegister


def _register_when_asked(path: Path) -> str:
    name = path.stem
    if name not in pdfmetrics.getRegisteredFontNames():
        _PENDING[name] = path
    return name


def _find_and_register(font_name: str) -> object:
    """ReportLab's lookup of a font name it has not registered, trying ours first."""
    path = _PENDING.pop(font_name, None)
    if path is None:
        return _reportlab_find(font_name)
    _register(path)
    return pdfmetrics.getFont(font_name)


pdfmetrics.findFontAndRegister = _find_and_register  # getFont calls it for unknown names


def _register_as_is(name: str, path: Path) -> None:
    """A font the slimmer cannot read is embedded as it is, or refused with a reason."""
    try:
        pdfmetrics.registerFont(FixedCodesTTFont(name, str(path), asciiReadable=ASCII_READABLE))
    except TTFError as error:
        raise ContentError.single(str(path), "font.not_embeddable", {"detail": str(error)}
                                  ) from None


@lru_cache(maxsize=8)
def load_fonts(folder: Path) -> FontSet:
    """Read `folder/fonts.yaml`, register its fonts once per process, return their names."""
    config_file = folder / "fonts.yaml"
    config = convert_file(read_yaml(config_file), FontConfig, str(config_file))
    names = {role: _register(_font_path(getattr(config, role), role, folder, str(config_file)))
             for role in ROLES}
    fallback = [tuple(_register_when_asked(_font_path(
        FontChoice(f.family, getattr(f, role)), f"fallback {f.family}", folder,
        str(config_file))) for f in config.fallback) for role in ROLES]
    return FontSet(**names, fallback=fallback[0], bold_fallback=fallback[1])


def font_files(folder: Path) -> list[Path]:
    """The files of `folder/fonts.yaml`'s fonts, in its order, without registering them
    (a re-run's digest of its inputs reads them; see batch_plan.py)."""
    config_file = folder / "fonts.yaml"
    config = convert_file(read_yaml(config_file), FontConfig, str(config_file))
    return [config_file] + [_font_path(getattr(config, role), role, folder, str(config_file))
                            for role in ROLES] + [
        _font_path(FontChoice(f.family, getattr(f, role)), f"fallback {f.family}", folder,
                   str(config_file)) for f in config.fallback for role in ROLES]


@lru_cache(maxsize=64)
def _covered(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def missing_glyph(text: str, font_name: str) -> str | None:
    """The first character of `text` the font cannot print, or None."""
    covered = _covered(font_name)
    for character in text:
        if ord(character) not in covered and character not in "\n\t":
            return character
    return None


def check_glyphs(text: str, font_name: str, product: str, where: str) -> None:
    """Raise FontError naming the first character of `text` the font cannot print."""
    character = missing_glyph(text, font_name)
    if character is not None:
        raise FontError(product, where, character, font_name)
