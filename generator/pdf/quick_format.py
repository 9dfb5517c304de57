"""Render (object syntax): ReportLab's `pdfdoc.format`, the same bytes, at a third of the cost.

Every object ReportLab writes passes through `pdfdoc.format`, element by element: each
name, number and reference is dispatched through `isinstance` checks and encoded with
a Python codec (PDFDocEncoding). A card file has some five hundred such elements (page
dictionaries, font widths, boxes), and this was a fifth of the time to make a card.
Here the plain cases (ASCII text and names, numbers, references, dictionaries and
arrays as ReportLab writes them with its settings) are written directly; anything
else goes to ReportLab's own function. The output is byte for byte what ReportLab
writes (tests/pdf/test_quick_format.py renders every product both ways).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, fp_str

_REPORTLAB = pdfdoc.format
# PDFDocEncoding is ASCII except at 0x18-0x1F (accents); text outside that goes to ReportLab
_PLAIN = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])
_KEYS: dict[str, bytes] = {}  # a dictionary key as a PDF name (a few dozen, used everywhere)


def _text(value: str) -> bytes:
    data = value.encode("ascii") if value.isascii() else b""
    if data and not data.translate(None, _PLAIN):
        return data
    return _REPORTLAB(value, None)


def _key(name: str, document: Any) -> bytes:
    key = _KEYS.get(name)
    if key is None:
        key = quick_format(PDFName(name), document)
        if len(_KEYS) < 4096:
            _KEYS[name] = key
    return key


def _numbers(sequence: Any) -> bool:
    """Whether every item is a plain number (not a bool, which formats as a name)."""
    for item in sequence:
        kind = type(item)
        if kind is not int and kind is not float:
            return False
    return True


def quick_format(element: Any, document: Any, toplevel: int = 0) -> bytes:
    """`pdfdoc.format(element, document, toplevel)`: the same bytes."""
    kind = type(element)
    if kind is str:
        return _text(element)
    if kind is int or kind is float:
        return fp_str(element).encode("ascii")
    if kind is bytes:
        return element
    if kind is PDFObjectReference:
        return b"%d %d R" % document.idToObjectNumberAndVersion[element.name]
    if rl_config.pdfMultiLine or rl_config.pdfComments:
        return _REPORTLAB(element, document, toplevel)  # settings this file never uses
    if kind is PDFArray and element.multiline != "forced":
        sequence = element.sequence
        if sequence and _numbers(sequence):  # page boxes, font widths: one call a row
            return b"[ " + b" \n  ".join(fp_str(*sequence[at:at + 10]).encode("ascii")
                                         for at in range(0, len(sequence), 10)) + b" ]"
        items = [quick_format(e, document) for e in sequence]
        for at in reversed(range(10, len(items), 10) if len(items) > 10 else ()):
            items.insert(at, b"\n ")
        return b"[ " + b" ".join(items) + b" ]"
    if kind is PDFDictionary and element.multiline != "forced":
        values = element.dict
        keys = list(values) if isinstance(values, OrderedDict) else sorted(values)
        pairs = [_key(k, document) + b" " + quick_format(values[k], document) for k in keys]
        for at in reversed(range(6, len(pairs), 6)):
            pairs.insert(at, b"\n ")
        return b"<<\n" + b" ".join(pairs) + b"\n>>"
    return _REPORTLAB(element, document, toplevel)


def use_quick_format() -> None:
    """Make ReportLab format its objects here (every module of it calls `pdfdoc.format`)."""
    pdfdoc.format = quick_format
