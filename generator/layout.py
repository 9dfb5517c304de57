"""Validate (layouts): layout YAML to typed layout objects, with the print and readability floors.

A layout says how a product is printed (paper, bleed, margins, type sizes, colours),
never what it says. Each `kind` has its own dataclass; the floors from DESIGN.md
(body type, leading, contrast, safe margin) are checked here, before anything is
laid out, so a layout that would print badly is refused with its line number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .errors import ContentError
from .validate import Checker, RuleProblem, suggest
from .yamlread import read_yaml

MM = 72 / 25.4  # points per millimetre
SAFE_MARGIN_MM = 5.0
MIN_BLEED_MM = 3.0
MIN_CONTRAST = 7.0


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
    size: float = field(metadata={"min": 4, "max": 120})
    leading: float = field(metadata={"min": 4, "max": 150})
    min_size: float | None = field(default=None, metadata={"min": 4, "max": 120})

    @property
    def smallest(self) -> float:
        return self.min_size if self.min_size is not None else self.size


@dataclass(frozen=True)
class Colours:
    text: str
    background: str
    accent: str
    on_accent: str
    tint: str | None = None  # a light ground for boxes of text; text on it needs 7:1 too


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
    bleed_mm: float = field(metadata={"min": 0, "max": 10})
    margin_mm: float = field(metadata={"min": 0, "max": 40})
    type: CardType
    colours: Colours

    @property
    def trim_mm(self) -> tuple[float, float]:
        return oriented(self.paper, self.orientation)


@dataclass(frozen=True)
class CardLayout(PieceLayout):
    """A card with a front and a back, each the trim size plus bleed."""

    qr_mm: float = field(default=22, metadata={"min": 10, "max": 60})
    band_mm: float = field(default=4, metadata={"min": 0, "max": 30})

    body_floor = 14.0


@dataclass(frozen=True)
class FridgeLayout(PieceLayout):
    """A large-print card for the kitchen door: short lines, each with a pictogram."""

    pictogram_mm: float = field(default=16, metadata={"min": 8, "max": 60})
    max_lines: int = field(default=8, metadata={"min": 1, "max": 12})
    band_mm: float = field(default=5, metadata={"min": 0, "max": 30})

    body_floor = 18.0
    heading_floor = 28.0


@dataclass(frozen=True)
class CropMarks:
    offset_mm: float = field(metadata={"min": 0, "max": 20})
    length_mm: float = field(metadata={"min": 2, "max": 20})
    line_pt: float = field(default=0.25, metadata={"min": 0.1, "max": 2})


@dataclass(frozen=True)
class SheetLayout:
    """Finished pages placed n-up on a sheet with crop marks, backs aligned for duplex."""

    kind: str
    sheet: Paper
    orientation: Orientation
    columns: int = field(metadata={"min": 1, "max": 8})
    rows: int = field(metadata={"min": 1, "max": 8})
    gutter_mm: float = field(metadata={"min": 0, "max": 30})
    bleed_mm: float = field(metadata={"min": 0, "max": 10})
    crop_marks: CropMarks
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
    name: str = field(metadata={"max_len": 30, "slug": True})
    width_mm: float = field(metadata={"min": 20, "max": 500})
    role: PanelRole = PanelRole.TEXT
    flow: int | None = field(default=None, metadata={"min": 1, "max": 24})


@dataclass(frozen=True)
class Side:
    """One side of the sheet; panels from left to right as the side lies face up."""

    name: str = field(metadata={"max_len": 30})
    panels: tuple[Panel, ...] = field(metadata={"min_items": 1, "max_items": 6})


@dataclass(frozen=True)
class LeafletLayout(PieceLayout):
    """A sheet folded into panels; the running text flows through the panels by `flow`."""

    duplex: Duplex
    sides: tuple[Side, ...] = field(metadata={"min_items": 1, "max_items": 2})
    marks: CropMarks
    qr_mm: float = field(default=24, metadata={"min": 10, "max": 60})

    body_floor = 14.0

    def flow_panels(self) -> list[tuple[Side, Panel]]:
        """The panels that take running text, in reading order."""
        placed = [(side, panel) for side in self.sides for panel in side.panels if panel.flow]
        return sorted(placed, key=lambda pair: pair[1].flow or 0)


@dataclass(frozen=True)
class BookletLayout(PieceLayout):
    """Pages folded once into a booklet: a cover, running text, the contact page last."""

    max_pages: int = field(default=16, metadata={"min": 4, "max": 64})
    qr_mm: float = field(default=24, metadata={"min": 10, "max": 60})

    body_floor = 14.0


LAYOUT_KINDS: dict[str, type] = {"routine-card": CardLayout, "fridge-card": FridgeLayout,
                                  "sheet": SheetLayout, "leaflet": LeafletLayout,
                                  "booklet": BookletLayout}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _colour_problems(colours: Colours) -> list[RuleProblem]:
    found = []
    for name in ("text", "background", "accent", "on_accent"):
        if not _HEX.match(getattr(colours, name)):
            found.append((f"colours.{name}", "layout.not_colour",
                          {"value": getattr(colours, name), "example": "#1a1a1a"}))
    if found:
        return found
    if colours.tint is not None and not _HEX.match(colours.tint):
        return [("colours.tint", "layout.not_colour",
                 {"value": colours.tint, "example": "#e8eff4"})]
    pairs = [("text", "background"), ("on_accent", "accent"), ("accent", "background")]
    if colours.tint is not None:
        pairs.append(("text", "tint"))
    for fore, back in pairs:
        ratio = contrast(getattr(colours, fore), getattr(colours, back))
        if ratio < MIN_CONTRAST:
            found.append((f"colours.{fore}", "layout.contrast", {
                "fore": fore, "back": back, "ratio": ratio, "minimum": MIN_CONTRAST}))
    return found


def _type_problems(styles: Any, floor: float) -> list[RuleProblem]:
    found = []
    for name in ("title", "heading", "body"):
        style: TypeStyle = getattr(styles, name)
        if style.smallest < floor:
            found.append((f"type.{name}", "layout.type_floor",
                          {"style": name, "smallest": style.smallest, "floor": floor}))
        if style.min_size is not None and style.min_size > style.size:
            found.append((f"type.{name}.min_size", "layout.min_over_size", {}))
        if style.leading < style.size + 4:
            found.append((f"type.{name}.leading", "layout.leading",
                          {"leading": style.leading, "least": style.size + 4}))
    return found


def _card_rule(arguments: dict[str, Any]) -> list[RuleProblem]:
    found = []
    if arguments.get("bleed_mm") is not None and arguments["bleed_mm"] < MIN_BLEED_MM:
        found.append(("bleed_mm", "layout.bleed",
                      {"bleed": arguments["bleed_mm"], "minimum": MIN_BLEED_MM}))
    if arguments.get("margin_mm") is not None and arguments["margin_mm"] < SAFE_MARGIN_MM:
        found.append(("margin_mm", "layout.margin",
                      {"margin": arguments["margin_mm"], "safe": SAFE_MARGIN_MM}))
    if arguments.get("colours") is not None:
        found += _colour_problems(arguments["colours"])
    if arguments.get("type") is not None:
        found += _type_problems(arguments["type"], CardLayout.body_floor)
    return found


def _fridge_rule(arguments: dict[str, Any]) -> list[RuleProblem]:
    found = _card_rule({k: v for k, v in arguments.items() if k != "type"})
    styles = arguments.get("type")
    if styles is not None:
        found += _type_problems(styles, FridgeLayout.body_floor)
        if styles.title.smallest < FridgeLayout.heading_floor:
            found.append(("type.title", "layout.fridge_title", {
                "smallest": styles.title.smallest, "floor": FridgeLayout.heading_floor}))
    return found


def _sheet_rule(arguments: dict[str, Any]) -> list[RuleProblem]:
    marks = arguments.get("crop_marks")
    bleed = arguments.get("bleed_mm")
    if marks is not None and bleed is not None and marks.offset_mm < bleed:
        return [("crop_marks.offset_mm", "layout.crop_marks",
                 {"offset": marks.offset_mm, "bleed": bleed})]
    return []


def _panel_problems(layout: dict[str, Any]) -> list[RuleProblem]:
    """Each side's panels fill the paper exactly; one cover; flow numbers 1, 2, 3 …"""
    sides, paper, orientation = layout.get("sides"), layout.get("paper"), layout.get("orientation")
    if not sides or paper is None or orientation is None:
        return []
    width = paper.size_mm[1 if orientation is Orientation.LANDSCAPE else 0]
    found = []
    for index, side in enumerate(sides):
        total = sum(panel.width_mm for panel in side.panels)
        if abs(total - width) > 0.5:
            wider: Any = ("layout.wider" if total > width else "layout.narrower", {})
            found.append((f"sides[{index}]", "layout.panel_widths", {
                "side": side.name, "total": total, "relation": wider, "width": width}))
    panels = [panel for side in sides for panel in side.panels]
    if sum(panel.role is PanelRole.COVER for panel in panels) != 1:
        found.append(("sides", "layout.one_cover", {}))
    flows = sorted(panel.flow for panel in panels if panel.flow)
    if flows != list(range(1, len(flows) + 1)):
        shown: Any = str(flows) if flows else ("layout.flows_missing", {})
        found.append(("sides", "layout.flow_numbers", {"flows": shown}))
    for panel in panels:
        if panel.role is PanelRole.TEXT and not panel.flow:
            found.append(("sides", "layout.no_flow", {"panel_name": panel.name}))
    return found


def _leaflet_rule(arguments: dict[str, Any]) -> list[RuleProblem]:
    found = _card_rule(arguments)
    marks, bleed = arguments.get("marks"), arguments.get("bleed_mm")
    if marks is not None and bleed is not None and marks.offset_mm < bleed:
        found.append(("marks.offset_mm", "layout.marks", {"offset": marks.offset_mm,
                                                          "bleed": bleed}))
    return found + _panel_problems(arguments)


_RULES = {CardLayout: _card_rule, FridgeLayout: _fridge_rule, SheetLayout: _sheet_rule,
          LeafletLayout: _leaflet_rule, BookletLayout: _card_rule}


def load_layout(path: Path, display: str | None = None) -> Any:
    """Read one layout file and return the layout object for its `kind`."""
    name = display or str(path)
    value = read_yaml(path, name)
    checker = Checker(name, _RULES)  # type: ignore[arg-type]
    if not isinstance(value, dict):
        raise ContentError.single(name, "layout.not_mapping", line=1)
    kind = value.get("kind")
    cls = LAYOUT_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        checker.report(checker.position(value, "kind") if "kind" in value else 1, "kind",
                       "layout.unknown_kind" if kind else "key.missing",
                       {"kind": kind} if kind else {"key": "kind"},
                       suggest(str(kind), LAYOUT_KINDS))
        checker.raise_if_any()
    assert cls is not None
    layout: Any = checker.convert(value, cls, "", getattr(value, "line", 1))
    checker.raise_if_any()
    return layout
