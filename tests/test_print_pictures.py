"""Pictures of what a printer and a reader see: the A4 sheet at 100 % with the edge zone an
office printer cannot print shaded, and print-shop pages rendered through their CMYK profile.

Look at them as a printer would: cut guides on the cut lines, nothing to read in the shaded
zone, backs behind fronts; bleed beyond the trim, crop marks outside it, colour as printed.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw
from test_print_shop import edition

from conftest import REFERENCES
from generator.model.layout import MM
from pictures import assert_images, render_pages

EDGE_ZONE_MM = 5.0
DPI = 30


def shade_edge_zone(page: Image.Image, dpi: int) -> Image.Image:
    """The page with its 5 mm edge zone laid over in translucent red."""
    zone = round(EDGE_ZONE_MM * MM * dpi / 72)
    shade = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shade)
    width, height = page.size
    for box in ((0, 0, width, zone), (0, height - zone, width, height),
                (0, 0, zone, height), (width - zone, 0, width, height)):
        draw.rectangle(box, fill=(220, 40, 40, 70))
    return Image.alpha_composite(page.convert("RGBA"), shade).convert("RGB")


def test_the_a4_sheet_at_100_percent_with_the_edge_zone_shaded(
        shipped: dict[str, bytes], regenerate: bool) -> None:
    pages = render_pages(shipped["rutinkort-a4-ark.pdf"], DPI)[:2]  # front and back
    a4 = (round(210 * MM * DPI / 72), round(297 * MM * DPI / 72))
    assert all(abs(p.size[0] - a4[0]) <= 1 and abs(p.size[1] - a4[1]) <= 1 for p in pages)
    assert_images([shade_edge_zone(p, DPI) for p in pages], "a4-sheet-edge-zone", REFERENCES,
                  regenerate)


def through_profile(data: bytes, page: int, dpi: int) -> Image.Image:
    """One page as ghostscript renders it with the CMYK profile embedded in its output intent."""
    from pypdf import PdfReader

    gs = shutil.which("gs")
    assert gs, "ghostscript (gs) is needed: apt-get install ghostscript (.ci/run does)"
    import io
    (intent,) = PdfReader(io.BytesIO(data)).trailer["/Root"]["/OutputIntents"]
    profile = intent.get_object()["/DestOutputProfile"].get_object().get_data()
    with tempfile.TemporaryDirectory() as folder:
        source, icc, out = (Path(folder) / name for name in ("in.pdf", "cmyk.icc", "out.png"))
        source.write_bytes(data)
        icc.write_bytes(profile)
        subprocess.run([gs, "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=png16m",
                        f"-r{dpi}", f"-dFirstPage={page}", f"-dLastPage={page}",
                        f"-sDefaultCMYKProfile={icc}", "-dUseCropBox",
                        f"-sOutputFile={out}", str(source)], check=True, timeout=120)
        return Image.open(out).convert("RGB")


def test_print_shop_pages_through_their_cmyk_profile(regenerate: bool) -> None:
    pages = [through_profile(edition()["rutinkort-a6.pdf"], 1, 60),
             through_profile(edition()["rutinkort-a6.pdf"], 2, 60),
             through_profile(edition()["oxytocin-och-beroring.pdf"], 1, 25)]
    assert_images(pages, "tryckeri-cmyk", REFERENCES, regenerate)
