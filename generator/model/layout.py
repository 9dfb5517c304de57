"""Model (layouts): how a product is printed (paper, bleed, margins, type, colours) as types.

Each layout `kind` has its own frozen dataclass; `Layout` is their union, what
`load_layout` returns. The print and readability floors that check them live with
the validation in layout.py; the class-level floors (`body_floor`) are data they read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .colour import Colour
from .constraints import between, items, text

MM = 72 / 25.4  # points per millimetre


class Paper(StrEnum):
    A3 = "a3"
    A4 = "a4"
    A5 = "a5"
    A6 = "a6"
    DL = "dl"

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) in portrait."""
        return {"a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "a6": (105, 148),
                "dl": (99, 210)}[self.value]


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class Duplex(StrEnum):
    LONG_EDGE = "long-edge"
    SHORT_EDGE = "short-edge"


def oriented(paper: Paper, orientation: Orientation) -> tuple[float, float]:
    """(width, height) in mm of `paper` turned to `orientation`."""
    width, height = paper.size_mm
    return (height, width) if orientation is Orientation.LANDSCAPE else (width, height)


@dataclass(frozen=True)
class TypeStyle:
    size: float = field(metadata=between(4, 120))
    leading: float = field(metadata=between(4, 150))
    min_size: float | None = field(default=None, metadata=between(4, 120))

    @property
    def smallest(self) -> float:
        return self.min_size if self.min_size is not None else self.size


@dataclass(frozen=True)
class Colours:
    text: Colour
    background: Colour
    accent: Colour
    on_accent: Colour
    tint: Colour | None = None  # a light ground for boxes of text; text on it needs 7:1 too


@dataclass(frozen=True)
class CardType:
    title: TypeStyle
    heading: TypeStyle
    body: TypeStyle


@dataclass(frozen=True)
class PieceLayout:
    """What every single printed piece has: paper, bleed, margins, type and colours."""

    kind: str
    paper: Paper
    orientation: Orientation
    bleed_mm: float = field(metadata=between(0, 10))
    margin_mm: float = field(metadata=between(0, 40))
    type: CardType
    colours: Colours

    @property
    def trim_mm(self) -> tuple[float, float]:
        return oriented(self.paper, self.orientation)


@dataclass(frozen=True)
class CardLayout(PieceLayout):
    """A card with a front and a back, each the trim size plus bleed."""

    qr_mm: float = field(default=22, metadata=between(10, 60))
    band_mm: float = field(default=4, metadata=between(0, 30))

    body_floor = 14.0


@dataclass(frozen=True)
class FridgeLayout(PieceLayout):
    """A large-print card for the kitchen door: short lines, each with a pictogram."""

    pictogram_mm: float = field(default=16, metadata=between(8, 60))
    max_lines: int = field(default=8, metadata=between(1, 12))
    band_mm: float = field(default=5, metadata=between(0, 30))

    body_floor = 18.0
    heading_floor = 28.0


@dataclass(frozen=True)
class CropMarks:
    offset_mm: float = field(metadata=between(0, 20))
    length_mm: float = field(metadata=between(2, 20))
    line_pt: float = field(default=0.25, metadata=between(0.1, 2))


@dataclass(frozen=True)
class CutGuides:
    """Short lines on every cut, from the paper's edge inwards: they stay in the edge zone
    an office printer leaves blank or prints faintly, and lie on the cut itself."""

    length_mm: float = field(default=4.0, metadata=between(1, 5))
    line_pt: float = field(default=0.25, metadata=between(0.1, 2))


@dataclass(frozen=True)
class SheetLayout:
    """Finished pages placed n-up on a sheet exactly the paper's size (A4 is 210 x 297 mm),
    cut guides in the edge zone, backs aligned for duplex."""

    kind: str
    sheet: Paper
    orientation: Orientation
    columns: int = field(metadata=between(1, 8))
    rows: int = field(metadata=between(1, 8))
    gutter_mm: float = field(metadata=between(0, 30))
    bleed_mm: float = field(metadata=between(0, 10))
    cut_guides: CutGuides
    duplex: Duplex

    @property
    def sheet_mm(self) -> tuple[float, float]:
        return oriented(self.sheet, self.orientation)


class PanelRole(StrEnum):
    COVER = "cover"  # title and subtitle on the accent colour, to the edges
    TEXT = "text"    # running text only
    BACK = "back"    # the contact block and QR code at the foot; running text above it


@dataclass(frozen=True)
class Panel:
    name: str = field(metadata=text(30, slug=True))
    width_mm: float = field(metadata=between(20, 500))
    role: PanelRole = PanelRole.TEXT
    flow: int | None = field(default=None, metadata=between(1, 24))


@dataclass(frozen=True)
class Side:
    """One side of the sheet; panels from left to right as the side lies face up."""

    name: str = field(metadata=text(30))
    panels: tuple[Panel, ...] = field(metadata=items(1, 6))


@dataclass(frozen=True)
class LeafletLayout(PieceLayout):
    """A sheet folded into panels; the running text flows through the panels by `flow`."""

    duplex: Duplex
    sides: tuple[Side, ...] = field(metadata=items(1, 2))
    marks: CropMarks
    qr_mm: float = field(default=24, metadata=between(10, 60))

    body_floor = 14.0

    def flow_panels(self) -> list[tuple[Side, Panel]]:
        """The panels that take running text, in reading order."""
        placed = [(side, panel) for side in self.sides for panel in side.panels if panel.flow]
        return sorted(placed, key=lambda pair: pair[1].flow or 0)


# A large-print edition's floors (issue 12, point 7: readers with low vision need more
# than 14 pt), and the name its PDFs give preflight so it checks them at that floor.
LARGE_PRINT = "large-print"
LARGE_PRINT_BODY_FLOOR = 18.0
LARGE_PRINT_HEADING_FLOOR = 24.0


@dataclass(frozen=True)
class BookletLayout(PieceLayout):
    """Pages folded once into a booklet: a cover, running text, the contact page last."""

    max_pages: int = field(default=16, metadata=between(4, 64))
    qr_mm: float = field(default=24, metadata=between(10, 60))
    large_print: bool = False  # floors of 18 pt body and 24 pt headings, checked so

    body_floor = 14.0

    @property
    def floor_name(self) -> str:
        """The name preflight reads the type floor by (the PDF's `layout:` keyword)."""
        return LARGE_PRINT if self.large_print else self.kind


Layout = CardLayout | FridgeLayout | SheetLayout | LeafletLayout | BookletLayout

LAYOUT_KINDS: dict[str, type[Layout]] = {
    "routine-card": CardLayout, "fridge-card": FridgeLayout, "sheet": SheetLayout,
    "leaflet": LeafletLayout, "booklet": BookletLayout}
