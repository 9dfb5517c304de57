"""Validate (layouts): layout YAML to typed layout objects, with the print and readability floors.

A layout says how a product is printed (paper, bleed, margins, type sizes, colours),
never what it says. Each `kind` has its own dataclass in model/layout.py; the floors from DESIGN.md
(body type, leading, contrast, safe margin) are checked here, before anything is
laid out, so a layout that would print badly is refused with its line number.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ContentError
from .model.colour import Colour
from .model.layout import (  # re-exported: the layout types live in the model
    LARGE_PRINT_BODY_FLOOR,
    LARGE_PRINT_HEADING_FLOOR,
    LAYOUT_KINDS,
    MM,
    BookletLayout,
    CardLayout,
    CardType,
    Colours,
    CropMarks,
    CutGuides,
    Duplex,
    FridgeLayout,
    Layout,
    LeafletLayout,
    Orientation,
    Panel,
    PanelRole,
    Paper,
    PieceLayout,
    SheetLayout,
    Side,
    TypeStyle,
    oriented,
)
from .validate import Checker, RuleProblem, suggest
from .yamlread import read_yaml

__all__ = ["LAYOUT_KINDS", "MM", "BookletLayout", "CardLayout", "CardType", "Colours",
           "CropMarks", "CutGuides", "Duplex", "FridgeLayout", "Layout", "LeafletLayout",
           "Orientation", "Panel", "PanelRole", "Paper", "PieceLayout", "SheetLayout", "Side",
           "TypeStyle", "contrast", "load_layout", "oriented"]

SAFE_MARGIN_MM = 5.0
MIN_BLEED_MM = 3.0
MIN_CONTRAST = 7.0




def contrast(first: str | Colour, second: str | Colour) -> float:
    """WCAG contrast ratio, 1 to 21, of two colours or '#rrggbb' strings."""
    def colour(value: str | Colour) -> Colour:
        return value if isinstance(value, Colour) else Colour.parse(value)

    return colour(first).contrast(colour(second))


def _colour_problems(colours: Colours) -> list[RuleProblem]:
    """Text must stand out from what is under it: 7:1 (WCAG AAA) for every pair that meets."""
    pairs = [("text", "background"), ("on_accent", "accent"), ("accent", "background")]
    if colours.tint is not None:
        pairs.append(("text", "tint"))
    found = []
    for fore, back in pairs:
        first, second = getattr(colours, fore), getattr(colours, back)
        if first is None or second is None:  # not a colour: reported where it was read
            continue
        ratio = first.contrast(second)
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


def _booklet_rule(arguments: dict[str, Any]) -> list[RuleProblem]:
    """A large-print booklet keeps body type at 18 pt and headings at 24 pt, at any scale."""
    if not arguments.get("large_print"):
        return _card_rule(arguments)
    found = _card_rule({k: v for k, v in arguments.items() if k != "type"})
    styles = arguments.get("type")
    if styles is not None:
        found += _type_problems(styles, LARGE_PRINT_BODY_FLOOR)
        for name in ("title", "heading"):
            smallest = getattr(styles, name).smallest
            if smallest < LARGE_PRINT_HEADING_FLOOR:
                found.append((f"type.{name}", "layout.large_print_heading", {
                    "style": name, "smallest": smallest, "floor": LARGE_PRINT_HEADING_FLOOR}))
    return found


_RULES = {CardLayout: _card_rule, FridgeLayout: _fridge_rule,
          LeafletLayout: _leaflet_rule, BookletLayout: _booklet_rule}


def load_layout(path: Path, display: str | None = None) -> Layout:
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
    layout: Layout = checker.convert(value, cls, "", getattr(value, "line", 1))
    checker.raise_if_any()
    return layout
