"""The floor: the same A6 personal cards drawn by a plain ReportLab script.

No validation, no fitting, no typography, no sheet: paragraphs straight onto a canvas,
one PDF per person, in one process. What is left is the cost of ReportLab itself.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import fontpkg
import yaml
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

CONTENT = Path(__file__).parents[1] / "content"


def _fonts() -> None:
    for name, weight in (("Plain", 400), ("PlainBold", 700)):
        if name not in pdfmetrics.getRegisteredFontNames():
            path = fontpkg.path("Atkinson Hyperlegible", weight=weight)
            pdfmetrics.registerFont(TTFont(name, path))


def _page(canvas: Canvas, blocks: list[tuple[str, str]]) -> None:
    styles = {"title": ParagraphStyle("t", fontName="PlainBold", fontSize=22, leading=27),
              "heading": ParagraphStyle("h", fontName="PlainBold", fontSize=16, leading=21),
              "body": ParagraphStyle("b", fontName="Plain", fontSize=15, leading=20)}
    frame = Frame(23, 23, A6[0] - 46, A6[1] - 46, showBoundary=0)
    frame.addFromList([Paragraph(text, styles[role]) for role, text in blocks], canvas)
    canvas.showPage()


def draw_plain_cards(roster: Path, out: Path) -> None:
    _fonts()
    out.mkdir(parents=True, exist_ok=True)
    routines = {r["id"]: r for r in yaml.safe_load(
        (CONTENT / "sv" / "routines.yaml").read_text(encoding="utf-8"))["routines"]}
    rows = csv.DictReader(io.StringIO(roster.read_bytes().decode("cp1252")), delimiter=";")
    for number, row in enumerate(rows):
        name = row["namn"]
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A6, invariant=1, pageCompression=1)
        _page(canvas, [("title", name), ("heading", "Undvik"), ("body", row["undvik"]),
                       ("heading", "Tycker om"), ("body", f"Musik: {row['musik']}"),
                       ("body", f"Mat: {row['mat']}"), ("body", f"Minnen: {row['minnen']}")])
        _page(canvas, [("heading", "Ring vid behov"),
                       ("body", f"{row['kontakt_roll']}: {row['kontakt_namn']}, "
                                f"{row['kontakt_telefon']}"),
                       ("heading", "Vill du veta mer?"), ("body", "www.beroring.se")])
        for routine_id in row["rutiner"].split(", "):
            routine = routines[routine_id]
            steps = [s if isinstance(s, str) else s["text"] for s in routine["steps"]]
            _page(canvas, [("title", routine["title"]), ("heading", routine["purpose"])]
                  + [("body", f"{i}. {s.replace('{{ person.call_name }}', name.split()[0])}")
                     for i, s in enumerate(steps, 1)])
            _page(canvas, [("heading", name), ("heading", routine["title"]),
                           ("body", routine["why"])])
        canvas.save()
        (out / f"{number}.pdf").write_bytes(buffer.getvalue())


if __name__ == "__main__":  # one process of the floor spread over several (bench/peers.py)
    import sys
    draw_plain_cards(Path(sys.argv[1]), Path(sys.argv[2]))
