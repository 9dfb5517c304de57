"""Picture comparison: render PDF pages with pypdfium2 and compare with reference PNGs."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageStat

TOLERANCE = 2.0  # mean absolute difference per channel, 0–255


def render_pages(data: bytes, dpi: int = 40) -> list[Image.Image]:
    document = pdfium.PdfDocument(data)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def difference(first: Image.Image, second: Image.Image) -> float:
    if first.size != second.size:
        return 255.0
    stat = ImageStat.Stat(ImageChops.difference(first, second))
    return sum(stat.mean) / len(stat.mean)


def assert_pictures(data: bytes, name: str, references: Path, regenerate: bool,
                    dpi: int = 40) -> None:
    """Every page of `data` looks like references/NAME-PAGE.png, within the tolerance."""
    pages = render_pages(data, dpi)
    references.mkdir(exist_ok=True)
    if regenerate:
        for old in references.glob(f"{name}-[0-9][0-9].png"):
            old.unlink()
    for number, picture in enumerate(pages, 1):
        path = references / f"{name}-{number:02d}.png"
        if regenerate:
            picture.save(path, optimize=True)
            continue
        assert path.is_file(), f"no reference {path.name}: run pytest --regenerate and look at it"
        expected = Image.open(path).convert("RGB")
        diff = difference(picture, expected)
        assert diff <= TOLERANCE, f"page {number} of {name} differs from {path.name} by {diff:.2f}"
    expected_count = len(list(references.glob(f"{name}-[0-9][0-9].png")))
    assert expected_count == len(pages), f"{name}: {len(pages)} pages, {expected_count} references"
