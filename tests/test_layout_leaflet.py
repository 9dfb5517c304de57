"""Validate (leaflet, booklet and fridge layouts): a misspelt or impossible layout is refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit
from generator.defaults import default_dir
from generator.errors import ContentError
from generator.layout import BookletLayout, FridgeLayout, LeafletLayout, load_layout


def layout_error(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_layout(path, f"layouts/{path.name}")
    return caught.value.format_message()


def test_shipped_leaflet_and_fridge_layouts_load() -> None:
    folder = default_dir("layouts")
    leaflet = load_layout(folder / "leaflet-a4.yaml")
    assert isinstance(leaflet, LeafletLayout) and leaflet.trim_mm == (297, 210)
    assert [p.name for _, p in leaflet.flow_panels()] == ["inside-1", "inside-2", "inside-3",
                                                          "flap", "back"]
    assert isinstance(load_layout(folder / "leaflet-a5.yaml"), BookletLayout)
    dl = load_layout(folder / "fridge-dl.yaml")
    assert isinstance(dl, FridgeLayout) and dl.trim_mm == (99, 210)


def test_panels_wider_than_the_paper_are_refused(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, "{name: back, width_mm: 100,", "{name: back, width_mm: 113,")
    message = layout_error(path)
    assert "layouts/leaflet-a4.yaml:13:5: error: " in message
    assert ("sides[0]: the panels of 'outside' are 310 mm wide together, wider than the "
            "297 mm paper") in message
    assert "hint: make the panel widths add up to the paper's width" in message


def test_type_below_its_own_minimum_is_refused(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, "body: {size: 14, leading: 18, min_size: 14}",
         "body: {size: 14, leading: 18, min_size: 16}")
    assert "type.body.min_size: the minimum is larger than the size" in layout_error(path)


def test_leaflet_type_below_the_floor_is_refused(project: Path) -> None:
    path = project / "layouts/leaflet-a5.yaml"
    edit(path, "body: {size: 14, leading: 19, min_size: 14}", "body: {size: 12, leading: 16}")
    message = layout_error(path)
    assert "type.body: body type may shrink to 12 pt, below the floor of 14 pt" in message


def test_fridge_dl_title_below_28_pt_is_refused(project: Path) -> None:
    path = project / "layouts/fridge-dl.yaml"
    edit(path, "title: {size: 28, leading: 33, min_size: 28}",
         "title: {size: 28, leading: 33, min_size: 24}")
    assert "below the fridge-card floor of 28 pt" in layout_error(path)


def test_a_misspelt_key_gets_did_you_mean(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, "{name: flap, width_mm: 97, role: text, flow: 4}",
         "{name: flap, width_mm: 97, role: txt, flow: 4}")
    edit(path, "margin_mm: 6", "margins_mm: 6")
    message = layout_error(path)
    assert "sides[0].panels[0].role: 'txt' is not one of the choices" in message
    assert "margins_mm: unknown key 'margins_mm'" in message
    assert "did you mean 'margin_mm'?" in message


def test_flow_numbers_must_run_without_gaps(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, "role: text, flow: 4}", "role: text, flow: 7}")
    assert "sides: the flow numbers are [1, 2, 3, 5, 7]" in layout_error(path)


def test_a_text_panel_without_flow_and_two_covers_are_refused(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, "role: text, flow: 4}", "role: cover}")
    message = layout_error(path)
    assert "a leaflet needs exactly one panel with role: cover" in message


def test_a_tint_below_7_to_1_is_refused(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, 'tint: {rgb: "#e6eef3"', 'tint: {rgb: "#777777"')
    assert "colours.text: text on tint has a contrast of" in layout_error(path)


def test_fold_marks_may_not_print_in_the_bleed(project: Path) -> None:
    path = project / "layouts/leaflet-a4.yaml"
    edit(path, "  offset_mm: 3", "  offset_mm: 1")
    assert "marks.offset_mm: marks 1 mm from the trim would print inside the 3 mm bleed" \
        in layout_error(path)


def test_a_layout_of_the_wrong_kind_is_named(project: Path) -> None:
    from generator.build import read_inputs
    from generator.manifest import Project

    edit(project / "content/handouts.yaml", "layout: leaflet-a4 ", "layout: fridge-a5 ")
    with pytest.raises(ContentError) as caught:
        read_inputs(Project(project))
    assert ("folder needs a layout of kind 'leaflet' or 'booklet', this one is 'fridge-card'"
            in caught.value.format_message())
