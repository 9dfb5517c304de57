"""Picture comparison: render PDF pages with pypdfium2 and compare with reference PNGs."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageStat

# Anti-aliasing may shift a little between pdfium builds; a moved or changed word may not.
MEAN_TOLERANCE = 1.5  # mean absolute difference per channel, 0–255
STRONG_LEVEL = 64  # a pixel this far off in any channel counts as changed
STRONG_SHARE = 0.002  # at most this share of changed pixels


def render_pages(data: bytes, dpi: int = 40) -> list[Image.Image]:
    document = pdfium.PdfDocument(data)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def difference(first: Image.Image, second: Image.Image) -> tuple[float, float]:
    """(mean difference per channel, share of pixels changed strongly in any channel)."""
    if first.size != second.size:
        return 255.0, 1.0
    delta = ImageChops.difference(first, second)
    red, green, blue = delta.split()
    strongest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    changed = strongest.point(lambda v: 255 if v >= STRONG_LEVEL else 0).histogram()[255]
    mean = sum(ImageStat.Stat(delta).mean) / 3
    return mean, changed / (first.size[0] * first.size[1])


def assert_pictures(data: bytes, name: str, references: Path, regenerate: bool,
                    dpi: int = 40) -> None:
    """Every page of `data` looks like references/NAME-PAGE.png, within the tolerance."""
    assert_images(render_pages(data, dpi), name, references, regenerate)


def assert_images(pages: list[Image.Image], name: str, references: Path,
                  regenerate: bool) -> None:
    """Each picture looks like references/NAME-NN.png (or becomes it, on --regenerate)."""
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
        mean, changed = difference(picture, expected)
        assert mean <= MEAN_TOLERANCE and changed <= STRONG_SHARE, (
            f"page {number} of {name} differs from {path.name}: mean {mean:.2f}, "
            f"{changed:.2%} of pixels changed")
    expected_count = len(list(references.glob(f"{name}-[0-9][0-9].png")))
    assert expected_count == len(pages), f"{name}: {len(pages)} pages, {expected_count} references"
