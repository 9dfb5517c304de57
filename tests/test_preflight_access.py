"""Preflight's accessibility checks judge any PDF: each missing piece is reported."""
from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from generator.preflight import preflight

LEAFLET = "oxytocin-och-beroring.pdf"


def changed(shipped: dict[str, bytes], edit: Callable[[pikepdf.Pdf], None],
            name: str = LEAFLET) -> bytes:
    with pikepdf.open(io.BytesIO(shipped[name])) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def checks(data: bytes) -> set[tuple[int, str]]:
    access = {"tags", "alt text", "language", "output intent"}
    return {(f.page, f.check) for f in preflight(data, "x.pdf").findings if f.check in access}


def test_our_reading_files_pass(shipped: dict[str, bytes]) -> None:
    assert checks(shipped[LEAFLET]) == set()


def test_an_untagged_pdf_from_elsewhere_is_told_everything() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Hej")
    canvas.save()
    assert checks(buffer.getvalue()) == {(0, "tags"), (0, "language"), (0, "output intent")}


def _drop_alt(pdf: pikepdf.Pdf) -> None:
    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/Figure":
                del node["/Alt"]
            if "/K" in node:
                walk(node.K)
    walk(pdf.Root.StructTreeRoot.K)


def _draw_untagged(pdf: pikepdf.Pdf) -> None:
    pdf.pages[1].contents_add(pdf.make_stream(b"0 0 m 10 10 l S"), prepend=False)


@pytest.mark.parametrize(("edit", "expected"), [
    (_drop_alt, {(0, "alt text")}),
    (lambda pdf: pdf.Root.__delitem__("/Lang"), {(0, "language")}),
    (lambda pdf: pdf.Root.__delitem__("/OutputIntents"), {(0, "output intent")}),
    (lambda pdf: pdf.Root.__delitem__("/StructTreeRoot"), {(0, "tags")}),
    (_draw_untagged, {(2, "tags")}),
])
def test_each_missing_piece_is_reported(edit: Callable[[pikepdf.Pdf], None],
                                        expected: set[tuple[int, str]],
                                        shipped: dict[str, bytes]) -> None:
    assert checks(changed(shipped, edit)) == expected


def test_a_printer_sheet_is_not_held_to_reading_checks(shipped: dict[str, bytes]) -> None:
    assert checks(shipped["rutinkort-a4-ark.pdf"]) == set()
