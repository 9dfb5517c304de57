"""Script (runs): a line of text to runs of one direction and one font, in visual order.

The Unicode bidirectional algorithm (python-bidi's implementation, rules X1-I2) gives
each character its level; a run is a stretch of one level printed in one font. Runs
are ordered for display by rule L2 (reverse every stretch at or above each odd level),
so a Swedish name, `072-301 08 53` or `www.beroring.se` inside Arabic keep their own
left-to-right order. The font of a run is the first of the chain that has all its
letters: a name in Arabic script on a Swedish card, or a Greek name, finds its font.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bidi.algorithm import (
    explicit_embed_and_overrides,
    get_embedding_levels,
    get_empty_storage,
    resolve_implicit_levels,
    resolve_neutral_types,
    resolve_weak_types,
)

_STRONG_RTL = {"R", "AL"}
# Embedding controls (LRE ... PDF) mark text that keeps its own direction, such as a
# phone number inside Arabic (the Locale puts them there); rule X9 then removes them.
_REMOVED = {"RLE", "LRE", "RLO", "LRO", "PDF", "BN"}


def printed(text: str) -> str:
    """`text` without the controls rule X9 removes: the characters that are drawn."""
    return "".join(c for c in text if unicodedata.bidirectional(c) not in _REMOVED)


@dataclass(frozen=True)
class Run:
    """Characters of one level and one font, in logical order."""

    text: str
    level: int
    font: str
    start: int  # index of the first character in the line

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


def has_rtl(text: str) -> bool:
    """Whether any character is written right to left (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text)


def levels(text: str, rtl: bool) -> list[int]:
    """The level of every character of `printed(text)`, in a paragraph of direction `rtl`."""
    storage = get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    get_embedding_levels(text, storage)
    explicit_embed_and_overrides(storage)
    resolve_weak_types(storage)
    resolve_neutral_types(storage, False)
    resolve_implicit_levels(storage, False)
    return [c["level"] for c in storage["chars"]]


def _is_neutral(character: str) -> bool:
    """Spaces and common punctuation print in whatever font their neighbours use."""
    return unicodedata.category(character)[0] in "ZP" or character in "-+/"


def font_of_each(text: str, chains: Sequence[Sequence[str]],
                 has: Callable[[str, str], bool]) -> list[str | None]:
    """The font each character prints in: the first of its chain that has it.

    A neutral character takes the font of the letter before it (or after, at the
    start) when that font has it, so a run is not broken at every space. A character
    no font has gets None: the caller refuses it by name.
    """
    fonts: list[str | None] = [next((f for f in chain if has(f, c)), None)
                               for c, chain in zip(text, chains, strict=True)]
    for order in (range(len(text)), reversed(range(len(text)))):
        last: str | None = None
        for i in order:
            if _is_neutral(text[i]) and last in chains[i] and has(str(last), text[i]):
                fonts[i] = last
            elif not _is_neutral(text[i]):
                last = fonts[i]
    return fonts


def logical_runs(text: str, rtl: bool, chains: Sequence[Sequence[str]],
                 has: Callable[[str, str], bool]) -> list[Run]:
    """Split `text` (one font chain per character) where level or font changes.

    Raises KeyError with the first character no font of its chain has.
    """
    found = levels(text, rtl)
    kept = [i for i, c in enumerate(text) if c == printed(c)]
    text, chains = "".join(text[i] for i in kept), [chains[i] for i in kept]
    if not text:
        return []
    fonts = font_of_each(text, chains, has)
    missing = next((c for c, f in zip(text, fonts, strict=True) if f is None), None)
    if missing is not None:
        raise KeyError(missing)
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or found[i] != found[start] or fonts[i] != fonts[start]:
            runs.append(Run(text[start:i], found[start], str(fonts[start]), start))
            start = i
    return runs


def visual_order(runs: Sequence[Run]) -> list[Run]:
    """Rule L2: from the highest level down to the lowest odd one, reverse each stretch."""
    ordered = list(runs)
    if not ordered:
        return ordered
    highest = max(r.level for r in ordered)
    lowest_odd = min((r.level for r in ordered if r.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(ordered):
            if ordered[i].level >= level:
                j = i
                while j < len(ordered) and ordered[j].level >= level:
                    j += 1
                ordered[i:j] = reversed(ordered[i:j])
                i = j
            else:
                i += 1
    return ordered
