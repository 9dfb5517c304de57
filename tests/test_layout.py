"""Validate (layouts): layouts are data, and a layout that would print badly is refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit
from generator.defaults import default_dir
from generator.errors import ContentError
from generator.layout import CardLayout, SheetLayout, contrast, load_layout


def layout_error(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_layout(path, path.name)
    return caught.value.format_message()


def test_shipped_layouts_load() -> None:
    card = load_layout(default_dir("layouts") / "card-a6.yaml")
    assert isinstance(card, CardLayout) and card.trim_mm == (105, 148)
    sheet = load_layout(default_dir("layouts") / "sheet-a4-4up.yaml")
    assert isinstance(sheet, SheetLayout) and (sheet.columns, sheet.rows) == (2, 2)


def test_contrast_is_measured_the_wcag_way() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_low_contrast_is_refused(project: Path) -> None:
    path = project / "layouts/card-a6.yaml"
    edit(path, 'text: {rgb: "#1a1a1a"', 'text: {rgb: "#888888"')
    message = layout_error(path)
    assert "colours.text: text on background has a contrast of 3.5:1, below 7:1" in message


def test_type_below_the_floor_is_refused(project: Path) -> None:
    path = project / "layouts/card-a6.yaml"
    edit(path, "body: {size: 15, leading: 20, min_size: 14}",
         "body: {size: 15, leading: 17, min_size: 12}")
    message = layout_error(path)
    assert "type.body: body type may shrink to 12 pt, below the floor of 14 pt" in message
    assert "type.body.leading: leading 17 pt is tighter than the size + 4 pt (19 pt)" in message


def test_fridge_floor_is_18_pt(project: Path) -> None:
    path = project / "layouts/fridge-a5.yaml"
    edit(path, "body: {size: 20, leading: 26, min_size: 18}",
         "body: {size: 20, leading: 26, min_size: 16}")
    assert "below the floor of 18 pt" in layout_error(path)


def test_margin_bleed_and_paper_mistakes(project: Path) -> None:
    path = project / "layouts/card-a6.yaml"
    edit(path, "paper: a6", "paper: a7")
    edit(path, "bleed_mm: 3", "bleed_mm: 1")
    edit(path, "margin_mm: 8", "margin_mm: 3")
    message = layout_error(path)
    assert "paper: 'a7' is not one of the choices" in message
    assert "a bleed of 1 mm is less than 3 mm" in message
    assert "a margin of 3 mm is inside the 5 mm safe zone" in message


def test_unknown_kind_gets_did_you_mean(project: Path) -> None:
    path = project / "layouts/card-a6.yaml"
    edit(path, "kind: routine-card", "kind: routine-cards")
    assert "unknown layout kind 'routine-cards'" in layout_error(path)
    assert "did you mean 'routine-card'?" in layout_error(path)


def test_cut_guides_longer_than_the_edge_zone_are_refused(project: Path) -> None:
    path = project / "layouts/sheet-a4-4up.yaml"
    edit(path, "length_mm: 4", "length_mm: 8")
    assert "cut_guides.length_mm" in layout_error(path)


def test_a_colour_in_cmyk_is_read_and_a_wrong_one_named(project: Path) -> None:
    shipped = load_layout(default_dir("layouts") / "card-a6.yaml", "card-a6.yaml")
    assert shipped.colours.text.cmyk == (0, 0, 0, 100)  # black text: black ink alone
    assert shipped.colours.accent.hex == "#123f5c" and shipped.colours.accent.cmyk
    path = project / "layouts/card-a6.yaml"
    edit(path, "cmyk: [100, 60, 20, 45]", "cmyk: [100, 90, 90, 45]")
    message = layout_error(path)
    assert "colours.accent.cmyk" in message and "not a CMYK colour" in message
    assert "hint: write four ink percentages" in message
